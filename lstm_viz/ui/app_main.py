"""The app's entry script: page config, URL state, language, shared sidebar, navigation.

`streamlit run app.py` (the repository's top-level file) and the `lstm-viz` command both end up in `main()`.
The pages are files in `lstm_viz/ui/pages/`, so `pip install .` ships them with the package.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
import torch

from lstm_viz.ui import sidebar, state

PAGES_DIR = Path(__file__).resolve().parent / "pages"
# (file, url path, title key, icon); the first is the home page. A url path equals its file's stem, which is
# also how AppTest.switch_page names a page before the first run.
PAGES = (
    ("home.py", "home", "page_home", ":material/home:"),
    ("inside_step.py", "inside_step", "page_step", ":material/memory:"),
    ("gates.py", "gates", "page_gates", ":material/grid_on:"),
    ("activations.py", "activations", "page_activations", ":material/show_chart:"),
    ("vanishing.py", "vanishing", "page_vanishing", ":material/trending_down:"),
    ("long_range.py", "long_range", "page_long_range", ":material/timeline:"),
    ("train.py", "train", "page_train", ":material/model_training:"),
)

_CSS = """
<style>
/* Readable on a classroom projector: larger body text and formulas. */
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.08rem; }
.katex { font-size: 1.18em; }
</style>
"""


def _limit_threads() -> None:
    # The machine is shared: one intra-op thread per process is plenty for these small models.
    if torch.get_num_threads() != 1:
        torch.set_num_threads(1)


def main() -> None:
    _limit_threads()
    st.set_page_config(page_title="lstm-viz", page_icon="🔁", layout="wide")
    state.init()
    s = sidebar.draw_language()
    pages = [
        st.Page(PAGES_DIR / file, title=s[title], icon=icon, url_path=url, default=(i == 0))
        for i, (file, url, title, icon) in enumerate(PAGES)
    ]
    state.set_pages({url: page for (_, url, _, _), page in zip(PAGES, pages, strict=True)})
    page = st.navigation(pages)
    st.html(_CSS)
    context = sidebar.draw(s)
    state.set_context(context)  # the page shows the notices left so far, under its title
    state.set_page_params(())
    page.run()
    for key, kwargs in state.take_notices():  # any notice a page did not show
        st.warning(s.notice(key, kwargs), icon=":material/info:")
    state.write_url(state.page_params())


if __name__ == "__main__":
    main()
