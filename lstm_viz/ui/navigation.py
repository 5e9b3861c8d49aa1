"""The one list of the app's pages: file, URL path, title, icon, and the Home card that leads to it.

The page scripts live in the repository's top-level `pages/` folder; an installed wheel carries the same
files as `lstm_viz/pages/` (see pyproject.toml), so `PAGES_DIR` is whichever exists. Every other place that
needs the pages (the entry script, Home's cards, the tests) reads them from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
_CHECKOUT_PAGES = _PACKAGE.parent / "pages"
_INSTALLED_PAGES = _PACKAGE / "pages"
PAGES_DIR = _CHECKOUT_PAGES if (_CHECKOUT_PAGES / "home.py").is_file() else _INSTALLED_PAGES


@dataclass(frozen=True)
class PageEntry:
    """One page. `url` equals the file's stem, which is also how AppTest.switch_page names a page."""

    file: str
    url: str
    title_key: str  # strings key of the page title
    icon: str
    teaches_key: str | None  # strings key of Home's sentence about the page (None for Home itself)

    @property
    def path(self) -> Path:
        return PAGES_DIR / self.file

    @property
    def script(self) -> str:
        """The page's path relative to the entry script app.py (what AppTest.switch_page takes)."""
        return f"pages/{self.file}"


PAGES = (
    PageEntry("home.py", "home", "page_home", ":material/home:", None),
    PageEntry("inside_step.py", "inside_step", "page_step", ":material/memory:", "home_teaches_step"),
    PageEntry("gates.py", "gates", "page_gates", ":material/grid_on:", "home_teaches_gates"),
    PageEntry("activations.py", "activations", "page_activations", ":material/show_chart:",
              "home_teaches_activations"),
    PageEntry("vanishing.py", "vanishing", "page_vanishing", ":material/trending_down:",
              "home_teaches_vanishing"),
    PageEntry("long_range.py", "long_range", "page_long_range", ":material/timeline:",
              "home_teaches_long_range"),
    PageEntry("what_if.py", "what_if", "page_what_if", ":material/science:", "home_teaches_what_if"),
    PageEntry("train.py", "train", "page_train", ":material/model_training:", "home_teaches_train"),
    PageEntry("reading_text.py", "reading_text", "page_reading_text", ":material/text_fields:",
              "home_teaches_reading_text"),
    PageEntry("lessons.py", "lessons", "page_lessons", ":material/school:", "home_teaches_lessons"),
    PageEntry("sweeps.py", "sweeps", "page_sweeps", ":material/stacked_line_chart:", "home_teaches_sweeps"),
)  # fmt: skip
BY_URL = {page.url: page for page in PAGES}
