"""The shell: every page renders in both languages, URL state, bad parameters, strings table, launcher."""

from __future__ import annotations

import string
import tomllib
from pathlib import Path

import pytest

from lstm_viz import figures
from lstm_viz.ui import launcher, navigation, strings, url_params

from .conftest import PAGES, assert_ok, chart_specs, open_app, widget

TITLES = {"home": "home_title", "step": "page_step", "gates": "page_gates", "activations": "page_activations"}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_renders_with_defaults(page, lang):
    at = open_app(page, lang=lang)
    assert_ok(at)
    assert at.title[0].value == strings.strings_for(lang)[TITLES[page]]
    assert chart_specs(at), "every page shows at least one figure"


def test_language_switch_changes_every_string():
    at = open_app("step", source="fresh")
    english = [m.value for m in at.markdown]
    widget(at, "button_group", "lang").set_value("zh").run()
    assert_ok(at)
    assert at.title[0].value == strings.TABLE["zh"]["page_step"]
    assert widget(at, "selectbox", "kind").label == strings.TABLE["zh"]["sb_kind"]
    assert [m.value for m in at.markdown] != english
    assert at.query_params["lang"] == "zh"


def test_url_reproduces_the_settings():
    query = {
        "source": "fresh",
        "kind": "gru",
        "task": "remember_first",
        "length": "30",
        "hidden": "16",
        "seed": "3",
        "sample": "2",
        "t": "7",
        "unit": "5",
    }
    at = open_app("step", **query)
    assert_ok(at)
    assert widget(at, "selectbox", "kind").value == "gru"
    assert widget(at, "selectbox", "task").value == "remember_first"
    assert widget(at, "number_input", "length").value == 30
    assert widget(at, "number_input", "hidden").value == 16
    assert widget(at, "number_input", "seed").value == 3
    assert widget(at, "number_input", "sample").value == 2
    assert widget(at, "slider", "t").value == 7
    assert widget(at, "number_input", "unit").value == 5
    # and the app writes the same link back
    for key, value in query.items():
        assert at.query_params[key] == value


def test_changed_widgets_are_written_to_the_url():
    at = open_app("gates", source="fresh")
    widget(at, "selectbox", "kind").select("gru").run()
    widget(at, "selectbox", "sort").select("variance").run()
    assert_ok(at)
    assert at.query_params["kind"] == "gru"
    assert at.query_params["sort"] == "variance"
    assert "hidden" not in at.query_params  # defaults stay out of the link


def test_bad_parameters_give_a_notice_not_an_exception():
    at = open_app("step", hidden="99999", kind="banana", t="-3", foo="1", seed="x")
    assert_ok(at)
    notices = " ".join(w.value for w in at.warning)
    assert "hidden=99999" in notices and "kind=banana" in notices and "foo" in notices
    assert widget(at, "selectbox", "kind").value == "lstm"
    assert widget(at, "number_input", "seed").value == 0


def test_out_of_range_for_the_model_gives_a_notice():
    at = open_app("step", source="fresh", hidden="8", unit="50", t="500", length="20")
    assert_ok(at)
    notices = " ".join(w.value for w in at.warning)
    assert "unit=50" in notices and "t=500" in notices
    assert widget(at, "number_input", "unit").value == 0
    assert widget(at, "slider", "t").value == 10


def test_missing_pretrained_model_falls_back_to_fresh_with_a_notice():
    at = open_app("step", source="pretrained", kind="lstm", variant="peephole")
    assert_ok(at)
    assert at.warning, "the fallback to a freshly initialised model is announced"
    assert widget(at, "number_input", "hidden") is not None  # fresh: the size controls are back


def test_parse_query_is_pure_and_strict():
    query = {"kind": "gru", "units": "3,1,2", "slope": "nan", "bidir": "1"}
    settings, notices = url_params.parse_query(query)
    assert settings["kind"] == "gru" and settings["units"] == (3, 1, 2) and settings["bidir"] is True
    assert settings["slope"] == url_params.PARAMS["slope"].default
    assert [key for key, _ in notices] == ["notice_bad_param"]
    assert url_params.parse_query({"run": "../../etc/passwd"})[0]["run"] == ""
    query = url_params.query_for({**url_params.defaults(), "kind": "rnn", "units": (4, 2)}, ["units"])
    assert query == {"kind": "rnn", "units": "4,2"}
    assert url_params.parse_query(query)[0]["units"] == (4, 2)


def test_strings_table_is_complete_in_both_languages():
    english, chinese = strings.TABLE["en"], strings.TABLE["zh"]
    assert set(chinese) == set(english)
    assert set(figures.LABELS) <= set(english)
    assert not set(strings.UI_EN) & set(figures.LABELS), "UI keys must not shadow figure labels"
    for key in english:  # the same placeholders, so a template never fails in one language only
        fields = {name for _, name, _, _ in string.Formatter().parse(english[key]) if name}
        zh_fields = {name for _, name, _, _ in string.Formatter().parse(chinese[key]) if name}
        assert fields == zh_fields, key


def test_launcher_runs_the_packaged_app():
    argv = launcher.command(["--server.port", "8600"])
    assert argv[:2] == ["streamlit", "run"] and Path(argv[2]).is_file()
    assert argv[-2:] == ["--server.port", "8600"]
    for page in PAGES.values():
        if page:
            assert (navigation.PAGES_DIR / Path(page).name).is_file()


def test_launcher_serves_with_the_settings_of_config_toml():
    """`lstm-viz` (installed) and `make run` (reads .streamlit/config.toml) serve the app the same way."""
    config = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text())
    from_config = {
        f"--{section}.{name}={str(value).lower() if isinstance(value, bool) else value}"
        for section, options in config.items()
        for name, value in options.items()
        if (section, name) != ("server", "headless")  # a person running `lstm-viz` gets a browser tab
    }
    assert from_config == set(launcher.DEFAULT_FLAGS)
