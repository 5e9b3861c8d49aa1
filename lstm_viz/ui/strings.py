"""Every visible string of the app, in English and Chinese: the one strings table.

`TABLE = {"en": {...}, "zh": {...}}`, both with the same keys; the entries themselves are in
`strings_en*.py` and `strings_zh*.py` (per language, split by pages). The English of the figures is
`lstm_viz.figures.LABELS` itself (not copied); its Chinese is in strings_zh_figures.py.
Values are `str.format` templates where a call passes arguments (`s("notice_bad_param", name=...)`), so
literal braces in those are doubled. `strings_for(lang)` gives a `Strings` mapping, which is also what the
figure builders take as `labels`.

Streamlit renders notices, warnings, errors and captions as markdown, so a value from the URL, an uploaded
file or a run name is formatted into them through `Strings.notice`, which passes it through `literal`:
`![x](http://host/t.png)` must show as those characters, never make the browser fetch an image or a link.

The Chinese is written for Chinese learners: the usual textbook terms (遗忘门, 细胞状态, 梯度消失), English
symbols kept in formulas.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from numbers import Number

from lstm_viz.figures import LABELS as FIGURE_LABELS

from .strings_en import UI_EN
from .strings_en_chars import CHARS_EN
from .strings_en_fit import FIT_EN
from .strings_en_gradient_pages import GRADIENT_PAGES_EN
from .strings_en_lessons import LESSONS_EN
from .strings_en_own_data import OWN_DATA_EN
from .strings_en_sweeps import SWEEPS_EN
from .strings_en_text import TEXT_EN
from .strings_en_what_if import WHAT_IF_EN
from .strings_zh import UI_ZH
from .strings_zh_chars import CHARS_ZH
from .strings_zh_figures import FIGURES_ZH
from .strings_zh_fit import FIT_ZH
from .strings_zh_gradient_pages import GRADIENT_PAGES_ZH
from .strings_zh_lessons import LESSONS_ZH
from .strings_zh_own_data import OWN_DATA_ZH
from .strings_zh_sweeps import SWEEPS_ZH
from .strings_zh_text import TEXT_ZH
from .strings_zh_what_if import WHAT_IF_ZH

TABLE: dict[str, dict[str, str]] = {
    "en": {**UI_EN, **GRADIENT_PAGES_EN, **WHAT_IF_EN, **OWN_DATA_EN, **LESSONS_EN, **SWEEPS_EN,
           **FIT_EN, **TEXT_EN, **CHARS_EN, **FIGURE_LABELS},
    "zh": {**UI_ZH, **GRADIENT_PAGES_ZH, **WHAT_IF_ZH, **OWN_DATA_ZH, **LESSONS_ZH, **SWEEPS_ZH,
           **FIT_ZH, **TEXT_ZH, **CHARS_ZH, **FIGURES_ZH},
}


class Strings(Mapping):
    """The strings of one language; a key missing in it falls back to English, then to the key itself.

    s["key"] is the raw template; s("key", **fields) formats it. Also usable as `labels` for lstm_viz.figures.
    A task whose name carries the digest of its data ("series-<digest>") has its task's label ("task_series").
    """

    def __init__(self, lang: str):
        self.lang = lang if lang in TABLE else "en"
        self._table = TABLE[self.lang]
        self._english = TABLE["en"]

    def __getitem__(self, key: str) -> str:
        if key.startswith("task_"):  # the user's series "series-<digest>" has the label of its task
            key = key.partition("-")[0]
        if key in self._table:
            return self._table[key]
        return self._english.get(key, key)

    def get(self, key, default=None):
        return self[key] if key in self._table or key in self._english else default

    def __iter__(self) -> Iterator[str]:
        return iter({**self._english, **self._table})

    def __len__(self) -> int:
        return len({**self._english, **self._table})

    def __contains__(self, key) -> bool:
        return key in self._table or key in self._english

    def __call__(self, key: str, **fields) -> str:
        template = self[key]
        if not fields:
            return template
        try:
            return template.format(**fields)
        except (KeyError, IndexError, ValueError):  # a template that does not fit must not crash a page
            return template

    def notice(self, key: str, fields: dict) -> str:
        """A message with values from outside (the URL, a file, a run name) shown as literal text, and codes
        (architecture, task, a list of tasks) turned into their display names. Numbers keep their type for
        format specs."""
        shown = {name: v if isinstance(v, Number) else literal(v) for name, v in fields.items()}
        if "kind" in fields:
            shown["kind"] = self[f"kind_{fields['kind']}"]
        if "task" in fields:
            shown["task"] = self[f"task_{fields['task']}"]
        if isinstance(fields.get("tasks"), (list, tuple)):  # task codes: their names, in a list
            shown["tasks"] = self["list_separator"].join(self[f"task_{name}"] for name in fields["tasks"])
        return self(key, **shown)


# Characters that start markdown in Streamlit wherever they stand (emphasis, code, links and images,
# autolinks and HTML, entities, math, strikethrough, directives such as :red[...], tables, headings); "_"
# between two letters or digits starts nothing (and keeps names like tr_lr readable); "www." and "x@y" make
# links by themselves; "- ", "+ " and "1. " start lists. Line breaks would start blocks, so whitespace runs
# become one space.
_MARKDOWN = re.compile(
    r"[\\`*\[\]()!<>&$~:|#@]"  # special anywhere
    r"|(?<![^\W_])_+|_+(?![^\W_])"  # "_" not between two letters or digits
    r"|(?<=[wW]{3})\.|(?<=\d)\.(?=\s)|[-+](?=\s)"  # "www.", "1. ", "- ", "+ "
)
_BREAKS = re.compile(r"[ \r\n\t\f\v\x85\u2028\u2029]{2,}|[\r\n\t\f\v\x85\u2028\u2029]")


def literal(value) -> str:
    """`value` as text that Streamlit's markdown shows character for character (each special one escaped)."""
    text = _BREAKS.sub(" ", str(value))
    return _MARKDOWN.sub(lambda match: "".join("\\" + char for char in match.group()), text)


_CACHE: dict[str, Strings] = {}


def strings_for(lang: str) -> Strings:
    if lang not in _CACHE:
        _CACHE[lang] = Strings(lang)
    return _CACHE[lang]
