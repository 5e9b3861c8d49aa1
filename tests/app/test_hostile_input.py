"""Hostile and unlucky input through the app (issue 17, items 1, 8, 9 and 10).

Item 9: a value from the URL, an uploaded file or a run name is shown as literal text. Streamlit renders
warnings, errors and captions as markdown, so `?hidden=![x](http://host/t.png)` made the browser fetch an
image from any host and `[text](url)` became a link; now each special character arrives escaped, and what
the reader sees (the markdown with its escapes resolved) is the value itself.
Item 10: a link to a saved run that is gone said nothing and showed another run; now it says so, naming the
run, and shows the fresh model. Items 1 and 8 through the sidebar: a CSV with a line of 100,000 fields, a
series of ±1e308.
"""

from __future__ import annotations

import re
import shutil

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lstm_viz import models, runs, tasks, training
from lstm_viz.ui import strings, upload

from .conftest import APP, PAGES, TIMEOUT, assert_ok, chart_specs, widget

EN, ZH = strings.TABLE["en"], strings.TABLE["zh"]
IMAGE = "![x](http://host/t.png)"
LINK = "[text](http://host/page)"
SERIES = ("value\n" + "\n".join(f"{np.sin(i / 7):.5f}" for i in range(120))).encode()


def open_page(page: str, **query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update(query)
    if PAGES[page] is not None:
        at.switch_page(PAGES[page])
    return at.run()


def upload_file(at: AppTest, data: bytes) -> AppTest:
    uploader = at.file_uploader(key=upload.FILE_KEY)
    uploader.clear()
    uploader.upload("series.csv", data, "text/csv")
    return at.run()


def read_as_text(markdown: str) -> str:
    """What a reader sees of markdown whose only markup is backslash escapes (CommonMark: any ASCII
    punctuation after a backslash stands for itself)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def markup(markdown: str) -> str:
    """The markdown without its escaped characters: whatever could still start an image, a link, HTML."""
    return re.sub(r"\\.", "", markdown)


def assert_literal(markdown: str, value: str) -> None:
    """`value` appears in the rendered text as itself, and nothing in the markdown is an image or a link."""
    assert value in read_as_text(markdown)
    for opener in ("![", "[", "](", "<", "http://", "www."):
        assert opener not in markup(markdown), (opener, markdown)


def text_of(elements) -> str:
    return " ".join(element.value for element in elements)


# --- item 9: values from the URL ----------------------------------------------------------------------------


def test_a_markdown_image_in_a_url_value_is_shown_as_literal_text():
    at = open_page("activations", hidden=IMAGE)
    assert_ok(at)
    (warning,) = [w.value for w in at.warning if "hidden=" in w.value]
    escaped = r"hidden=\!\[x\]\(http\://host/t.png\)"
    assert warning == f"The link sets {escaped}, which is not allowed; using 64 instead."
    assert_literal(warning, f"hidden={IMAGE}")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_markdown_link_as_a_url_name_is_shown_as_literal_text(lang):
    at = open_page("activations", lang=lang, **{LINK: "1"})
    assert_ok(at)
    (warning,) = at.warning
    template = (EN if lang == "en" else ZH)["notice_unknown_param"]
    assert warning.value.startswith(template.split("{")[0])
    assert_literal(warning.value, LINK)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("*a* _b_ `c` $d$ <i src=x> ~e~ :red[f]", "*a* _b_ `c` $d$ <i src=x> ~e~ :red[f]"),
        ("www.host.org a@b.co &amp; | 1. \n# g", "www.host.org a@b.co &amp; | 1. # g"),  # a break: a space
    ],
)
def test_emphasis_code_math_html_autolinks_and_line_breaks_in_a_url_value_stay_literal(value, shown):
    at = open_page("activations", kmax=value)
    assert_ok(at)
    (warning,) = [w.value for w in at.warning if "kmax=" in w.value]
    assert_literal(warning, f"kmax={shown}, which")
    for special in "*_`$<~:#@&|\n":
        assert special not in markup(warning), special


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_message_with_fields_shows_them_as_literal_text(lang):
    """Strings.notice escapes every field that is not a number or a code (kind, task): whichever message a
    URL value, a file or a run name ends up in (notice_out_of_range from state.clamp_int included)."""
    s = strings.strings_for(lang)
    assert strings.literal(IMAGE) == r"\!\[x\]\(http\://host/t.png\)"
    for key, template in strings.TABLE[lang].items():
        fields = set(re.findall(r"{(\w+)}", template)) - {"kind", "task"}  # text fields: no format spec
        if fields and not re.search(r"{\w+[:!]", template):
            message = s.notice(key, {name: IMAGE for name in fields} | {"kind": "gru", "task": "adding"})
            assert strings.literal(IMAGE) in message and IMAGE in read_as_text(message), key
    assert s.notice("notice_sample_range", {"sample": 9, "batch": 8}).count("9") == 1, "numbers stay numbers"


# --- item 9: values from an uploaded file -------------------------------------------------------------------


def test_a_column_name_from_a_file_or_the_column_box_is_shown_as_literal_text():
    at = open_page("gates", source="fresh", task="series")
    upload_file(at, f"{IMAGE},{LINK}\nann,bob\n".encode())
    assert_ok_but_errors(at)
    (error,) = at.sidebar.error
    assert error.value.startswith(EN["up_error"].split("{")[0]) and "no numeric column" in error.value
    assert_literal(error.value, f"['{IMAGE}', '{LINK}']")

    upload_file(at, SERIES)
    at.text_input(key=upload.COLUMN_KEY).input(IMAGE).run()
    (error,) = at.sidebar.error
    assert_literal(error.value, f"column '{IMAGE}' not found")


def assert_ok_but_errors(at: AppTest) -> None:
    """No traceback, and the page still draws its figures (on the task shown instead)."""
    assert not at.exception, [e.value for e in at.exception]
    assert chart_specs(at)


# --- items 9 and 10: run names ------------------------------------------------------------------------------


@pytest.fixture
def runs_folder(tmp_path, monkeypatch):
    """A runs folder holding one saved run, "good-lstm" (seed 5, so it differs from a fresh model)."""
    monkeypatch.setenv("LSTM_VIZ_RUNS", str(tmp_path / "runs"))
    task = tasks.get("adding", length=20)
    model = models.for_task("lstm", task, hidden_size=8, seed=5)
    config = runs.run_config(model, task, training.TrainConfig(steps=1), seed=5)
    runs.save_run(runs.Run("good-lstm", config, model, training.History()), tmp_path / "runs")
    return tmp_path / "runs"


@pytest.mark.parametrize("page", ["gates", "home"])
def test_a_link_to_a_gone_run_says_so_and_shows_the_fresh_model_not_another_run(runs_folder, page):
    gone = "![x](gone.png)"
    at = open_page(page, source="saved", run=gone)
    assert_ok(at)
    (warning,) = at.warning
    assert warning.value.startswith(EN["notice_run_gone"].split("{")[0])
    assert_literal(warning.value, f"“{gone}” is gone")
    assert widget(at, "selectbox", "run").value is None, "no other run is picked for it"
    assert at.query_params["run"] == gone, "the link still names the run it asked for"
    if page == "gates":
        assert "freshly initialised, seed 0" in at.caption[0].value and chart_specs(at)

    at.run()  # a rerun (a slider moved, say) keeps saying it
    assert [w.value for w in at.warning] == [warning.value]

    widget(at, "selectbox", "run").set_value("good-lstm").run()  # the same session picks a run that exists
    assert_ok(at)
    assert not at.warning and at.query_params["run"] == "good-lstm"
    if page == "gates":
        assert "saved run good-lstm" in at.caption[0].value


def test_a_gone_run_is_named_even_when_no_run_is_left(tmp_path, monkeypatch):
    monkeypatch.setenv("LSTM_VIZ_RUNS", str(tmp_path / "empty"))
    at = open_page("home", source="saved", run="old-run", lang="zh")
    assert_ok(at)
    assert [w.value for w in at.warning] == [ZH["notice_run_gone"].format(name="old-run")]


def test_a_run_name_in_a_caption_and_in_a_load_error_is_literal_text(runs_folder):
    """Run names are folder names: "good_run.v2" style names are legal and must be shown as they are."""
    name, broken = "run_1.x_", "run_2.x_"  # a trailing "_" would otherwise open emphasis
    (runs_folder / "good-lstm").rename(runs_folder / name)
    shutil.copytree(runs_folder / name, runs_folder / broken)
    (runs_folder / broken / "weights.pt").write_bytes(b"not weights")
    at = open_page("gates", source="saved", run=name)
    assert_ok(at)
    assert_literal(at.caption[0].value, f"saved run {name}")
    assert r"run_1.x\_" in at.caption[0].value

    widget(at, "selectbox", "run").set_value(broken).run()
    assert not at.exception
    assert_literal(text_of(at.sidebar.error), f"“{broken}” cannot be used")
    assert_literal(text_of(at.warning), f"Could not load “{broken}”")


# --- items 1 and 8 through the sidebar ----------------------------------------------------------------------


def test_a_line_of_100000_fields_is_refused_at_once_then_a_good_file_works():
    at = open_page("gates", source="fresh", task="series")
    upload_file(at, b"a\n" + b",".join([b"1"] * 100_000) + b"\n")
    assert_ok_but_errors(at)
    (error,) = at.sidebar.error
    assert error.value.startswith("Line 2 of this file has 100,000 fields, more than the 100 this app reads")
    upload_file(at, SERIES)
    assert_ok(at)


@pytest.mark.parametrize(
    ("values", "en", "zh"),
    [
        ([1e308, -1e308], "This series holds 1e+308 (position 0", "有一个数值是 1e+308（位置 0"),
        ([1e200, 3.0], "This series holds 1e+200 (position 0", "有一个数值是 1e+200（位置 0"),
    ],
)
def test_a_series_beyond_the_magnitude_bound_is_refused_in_both_languages(values, en, zh):
    data = ("value\n" + "\n".join(f"{v!r}" for v in values * 40)).encode()
    at = open_page("gates", source="fresh", task="series")
    upload_file(at, data)
    assert_ok_but_errors(at)
    assert text_of(at.sidebar.error).startswith(en)
    assert EN["task_adding"] in at.caption[0].value, "the page shows the default task instead"
    at.segmented_control(key="w_lang").set_value("zh").run()
    assert_ok_but_errors(at)
    assert text_of(at.sidebar.error).startswith("这个序列里")
    assert zh in text_of(at.sidebar.error)
    assert f"±{upload._shown(1e100)}" in at.file_uploader(key=upload.FILE_KEY).help
