"""Which tasks each page offers in the sidebar's task choice, and why a page leaves a task out.

Every registered task appears in the shared sidebar, but a page's picture only means something for tasks
that have what the page asks about. The one list of exceptions is `NOT_OFFERED` (page URL -> task -> reason);
the sidebar offers a page every other task and, when the settings name a task the page leaves out (a link, or
the choice made on another page), shows the page's first task instead with a notice that gives the reason.

- `chars` is read and scored at every step (next-character prediction), so the gradient reaching step t is
  the sum of the losses of every step from t on. Home's headline and Vanishing gradients follow one loss
  taken at the end of the sequence back through time: on `chars` the curve would show the nearby losses,
  not how far back one loss reaches, while the page says the opposite.
- Long-range dependencies asks how performance falls with the lag between a marked input and the answer;
  `chars` has no lag to set and no marked input (its dependencies are the quotes and brackets of the text,
  which the Reading text page analyses).
"""

from __future__ import annotations

from .url_params import UI_TASKS

EVERY_STEP_LOSS = "notice_task_every_step_loss"  # strings keys of the reasons, with {task} and {tasks}
NO_LAG = "notice_task_no_lag"

NOT_OFFERED: dict[str, dict[str, str]] = {
    "home": {"chars": EVERY_STEP_LOSS},
    "vanishing": {"chars": EVERY_STEP_LOSS},
    "long_range": {"chars": NO_LAG},
}


def offered(page: str) -> tuple[str, ...]:
    """The tasks the sidebar offers on page `page` (a navigation URL), in the registry's order."""
    left_out = NOT_OFFERED.get(page, {})
    return tuple(task for task in UI_TASKS if task not in left_out)


def reason(page: str, task: str) -> str | None:
    """The strings key of why `page` does not offer `task`, or None when it does."""
    return NOT_OFFERED.get(page, {}).get(task)
