"""Save Home's default view in every language (ui/first_home.py's FILE), computed by the live app.

`python scripts/write_first_screens.py [--check]`

Run it after changing the pretrained demos, Home or its strings; tests/app/test_first_home.py fails until the
file equals what the app draws. Each language's Home is run once through Streamlit's AppTest at its default
settings, and the view it hands to `home_view.draw_body` is kept, with the navigation's page titles.
--check prints whether the saved file is up to date instead of writing it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from unittest import mock

import plotly.io
import torch
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lstm_viz.ui import first_home, home_view  # noqa: E402
from lstm_viz.ui.navigation import PAGES  # noqa: E402
from lstm_viz.ui.strings import strings_for  # noqa: E402
from lstm_viz.ui.url_params import LANGS  # noqa: E402

TIMEOUT_S = 300


def live_view(lang: str) -> dict:
    """Home's view at default settings in `lang`, as the app computes it now (JSON-able)."""
    views, real = [], home_view.draw_body

    def keep(view, pages) -> None:
        views.append(view)
        real(view, pages)

    with mock.patch.object(home_view, "draw_body", keep):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S)
        if lang != "en":
            at.query_params["lang"] = lang
        at.run()
    if at.exception or len(views) != 1:
        raise RuntimeError(f"Home did not run cleanly in {lang}: {[e.value for e in at.exception]}")
    view = dict(views[0])
    view["figure"] = json.loads(plotly.io.to_json(view["figure"], validate=False))
    return json.loads(json.dumps(view))


def live_screens() -> dict:
    """{lang: {"nav": {url: page title}, "home": view}} for every language of the app."""
    nav = {lang: {entry.url: strings_for(lang)[entry.title_key] for entry in PAGES} for lang in LANGS}
    return {lang: {"nav": nav[lang], "home": live_view(lang)} for lang in LANGS}


def main() -> int:
    torch.set_num_threads(1)
    screens = live_screens()
    if "--check" in sys.argv:
        same = first_home.saved_screens() == screens
        print(f"{first_home.FILE}: {'up to date' if same else 'OUT OF DATE'}")
        return 0 if same else 1
    first_home.FILE.parent.mkdir(parents=True, exist_ok=True)
    first_home.FILE.write_text(json.dumps(screens, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {first_home.FILE} ({first_home.FILE.stat().st_size / 1024:.0f} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
