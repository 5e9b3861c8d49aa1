"""The app's frame: page config, URL state, language, shared sidebar, navigation over `navigation.PAGES`.

`streamlit run app.py` (the repository's top-level file) and the `lstm-viz` command both end up in `main()`.
The page scripts are the top-level `pages/` folder, shipped in the wheel as `lstm_viz/pages/`.

A `pages/` folder beside app.py makes Streamlit run the very first script run of a process in its old
multipage mode, which executes a deep-linked page script without this frame. `kit.begin` notices that
(`frame_ran` is false) and runs the frame itself, so the first visitor of a fresh server sees the same page.
"""

from __future__ import annotations

import streamlit as st
import torch

from lstm_viz.ui import memory, presenter, sidebar, state, turns
from lstm_viz.ui.navigation import PAGES
from lstm_viz.ui.page_style import CSS as _CSS


def _limit_threads() -> None:
    # The machine is shared: one intra-op thread per process is plenty for these small models.
    if torch.get_num_threads() != 1:
        torch.set_num_threads(1)


@turns.one_at_a_time  # thirty students opening the link at once are served in turn
def main() -> None:
    _limit_threads()
    st.set_page_config(page_title="lstm-viz", page_icon="🔁", layout="wide")
    state.init()
    s = sidebar.draw_language()
    pages = [
        st.Page(entry.path, title=s[entry.title_key], icon=entry.icon, url_path=entry.url, default=(i == 0))
        for i, entry in enumerate(PAGES)
    ]
    state.set_pages({entry.url: page for entry, page in zip(PAGES, pages, strict=True)})
    page = st.navigation(pages)
    st.html(_CSS)
    context = sidebar.draw(s, page.url_path or PAGES[0].url)  # the default page's url_path is ""
    presenter.switch(s)
    presenter.apply(s)  # the presenter view, when it is on: large text, no sidebar, arrow keys
    state.set_context(context)  # the page shows the notices left so far, under its title
    state.set_page_params(())
    state.mark_frame_ran()
    page.run()
    for key, kwargs in state.take_notices():  # any notice a page did not show
        st.warning(s.notice(key, kwargs), icon=":material/info:")
    state.write_url(state.page_params())
    memory.after_run()


if __name__ == "__main__":
    main()
