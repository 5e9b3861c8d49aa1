"""Every string key the pages and the UI name literally (`s["key"]`, `s("key", ...)`, `s.notice("key", ...)`)
is in the strings table in both languages, so no page shows a raw key such as `rt_width`."""

import re
from pathlib import Path

import pytest

from lstm_viz.ui.strings import TABLE

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted(
    path
    for path in [*(ROOT / "pages").glob("*.py"), *(ROOT / "lstm_viz" / "ui").rglob("*.py")]
    if not path.name.startswith("strings")  # the table itself, whose docstring shows s("key", ...)
)
NAMED = re.compile(r"""\bs(?:\[|\(|\.notice\()\s*["']([a-z][a-z0-9_]*)["']""")


def named_keys() -> dict[str, str]:
    """key -> the first file that names it."""
    found = {}
    for path in SOURCES:
        for key in NAMED.findall(path.read_text()):
            found.setdefault(key, str(path.relative_to(ROOT)))
    return found


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_key_a_page_names_is_in_the_table(lang):
    missing = {key: where for key, where in named_keys().items() if key not in TABLE[lang]}
    assert not missing, missing


def test_the_pattern_finds_the_keys_of_the_pages():
    assert {"rt_width", "home_title", "page_gates"} <= set(named_keys())
