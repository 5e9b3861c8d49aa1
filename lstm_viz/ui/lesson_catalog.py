"""What a lesson file may name: the live views (each the key figure of one page) and the computed reveals.

A lesson step shows one view: `view = "vanishing.grad_lines"` is the gradient-norm chart of the Vanishing
gradients page, drawn inside the lesson with the step's settings. A view reads the sidebar settings (task,
architecture, source, ...) and the page settings listed here, which are the names the page keeps in its
links; `lesson_files` checks a step's settings against them through `url_params`. A question names one
reveal: the reveal computes its numbers from the live model and lands on exactly one of its outcomes, and
each choice of the question is tied to one outcome (the answer key). Pure data: `lesson_views` draws the
views and `lesson_reveals` computes the reveals.
"""

from __future__ import annotations

from dataclasses import dataclass

from lstm_viz.engine.kinds import KIND_NAMES, QUANTITIES


@dataclass(frozen=True)
class ViewSpec:
    """One live view: the page whose key figure it is, the page settings it reads, the architectures it
    can show (an empty tuple: any), and its quantity where it draws one of the recorded quantities."""

    page: str
    params: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    quantity: str = ""


# Settings of the sidebar a lesson may preset (a saved run, an upload or an edited input belong to a session).
GLOBAL_SETTINGS = ("source", "kind", "variant", "act", "task", "length", "hidden", "layers", "bidir", "seed",
                   "sample")  # fmt: skip

_VANISHING = ("rho", "fbias", "clip")
_WHAT_IF = ("wi_preset", "wi_count", "wi_to", "wi_batch", "wi_show")
_READING = ("rt_model", "rt_layer", "rt_quantity", "rt_feature", "rt_unit", "rt_offset")

VIEWS: dict[str, ViewSpec] = {
    "vanishing.grad_lines": ViewSpec("vanishing", _VANISHING),
    "vanishing.clipped": ViewSpec("vanishing", _VANISHING),
    "vanishing.grad_heatmap": ViewSpec("vanishing", _VANISHING),  # of the step's `kind`
    "vanishing.cell_grad": ViewSpec("vanishing", _VANISHING),
    "vanishing.carousel": ViewSpec("vanishing", _VANISHING),
    "inside_step.diagram": ViewSpec("inside_step", ("t", "unit")),
    "what_if.before": ViewSpec("what_if", _WHAT_IF),
    "what_if.difference": ViewSpec("what_if", _WHAT_IF),
    "what_if.memory_curves": ViewSpec("what_if", ("wi_lag",)),
    # the pretrained chars-* models read a held-out excerpt (lesson_reading: which models each view needs)
    "reading_text.unit_grid": ViewSpec("reading_text", _READING),
    "reading_text.surprise": ViewSpec("reading_text", ("rt_model", "rt_offset")),
    "reading_text.gain": ViewSpec("reading_text", ("rt_offset",)),  # RNN bits - LSTM bits on the text
    "reading_text.brackets": ViewSpec("reading_text"),  # closing-bracket accuracy of RNN, GRU and LSTM
    **{
        f"gates.{quantity}": ViewSpec("gates", ("t",), tuple(k for k in KIND_NAMES if quantity in QUANTITIES[k]),  # noqa: E501
                                      quantity)
        for quantity in dict.fromkeys(q for k in KIND_NAMES for q in QUANTITIES[k])
    },
}  # fmt: skip

# reveal name -> the outcomes it can land on (each question's choices name exactly these, one choice each)
REVEALS: dict[str, tuple[str, ...]] = {
    "weakest_start": KIND_NAMES,  # whose signal at step 0 is weakest, relative to its last step
    "start_vs_end": ("larger", "smaller"),  # the step's architecture: ||dL/dh_0|| against ||dL/dh_(T-1)||
    "start_signal_change": ("stronger", "weaker", "unchanged"),  # against the model's own weights
    "clip_factor": ("under_100", "under_million", "million_or_more"),  # how much clipping shrank it
    "forget_level": ("shut", "half", "open"),  # the mean forget gate
    "kept_vs_written": ("kept", "written"),  # f*c_prev against i*g of the step's unit at step t
    "input_at_marks": ("more", "less"),  # the input gate at the marked steps against the other steps
    "silence_effect": ("unchanged", "partial", "chance"),  # the task metric after the step's what-if
    "memory_capacity": KIND_NAMES,  # whose memory curve has the largest capacity
    "unit_strength": ("weak", "moderate", "strong"),  # |r| of the unit that follows the step's feature best
    "fewest_bits": KIND_NAMES,  # whose chars model has the fewest bits per character on the excerpt
    "far_brackets": KIND_NAMES,  # whose chars model predicts the most closing brackets 20+ characters away
}
