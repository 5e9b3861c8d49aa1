"""The symbolic tasks (`chars`, `sentiment`) on every page that takes the sidebar's task: no exception, the
symbols shown where the input is symbolic, and the pages whose picture has no meaning for `chars` leave it
out of their task choice with the reason (lstm_viz/ui/page_tasks.py)."""

from __future__ import annotations

import html

import pytest
from streamlit.testing.v1 import AppTest

from lstm_viz import limits, tasks
from lstm_viz.tasks import chars, sentiment
from lstm_viz.ui import engine_cache, page_tasks
from lstm_viz.ui.navigation import BY_URL
from lstm_viz.ui.strings import TABLE
from lstm_viz.ui.url_params import UI_TASKS

from .conftest import APP, TIMEOUT, assert_ok, chart_specs

LEFT_OUT = ("home", "vanishing", "long_range")  # pages whose picture means nothing for chars
OFFERED = ("inside_step", "gates", "what_if", "train")  # pages that show chars
SMALL = {"length": "30", "hidden": "8"}  # a fresh model small enough for quick runs


def open_page(page: str, **query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update({key: str(value) for key, value in query.items()})
    if page != "home":
        at.switch_page(BY_URL[page].script)
    return at.run()


def start(key: str, lang: str) -> str:
    """The fixed text at the start of a template (before its first placeholder)."""
    return TABLE[lang][key].split("{")[0]


def warnings(at: AppTest) -> str:
    return " ".join(w.value for w in at.warning)


def task_box(at: AppTest):
    return at.selectbox(key="w_task")


def symbol_strips(at: AppTest) -> list[list[str]]:
    """The symbol rows (the input strip of a symbolic input) of every heatmap on screen, as drawn."""
    rows = []
    for spec in chart_specs(at):
        for trace in spec["data"]:
            if trace.get("type") == "heatmap" and trace.get("y") == ["x_t"]:
                rows.append([html.unescape(symbol) for symbol in trace["customdata"][0]])
    return rows


def test_the_one_list_leaves_chars_out_of_three_pages_and_every_page_offers_the_other_tasks():
    assert set(page_tasks.NOT_OFFERED) == set(LEFT_OUT)
    for page in BY_URL:
        offered = page_tasks.offered(page)
        assert ("chars" in offered) == (page not in LEFT_OUT), page
        assert set(offered) | set(page_tasks.NOT_OFFERED.get(page, {})) == set(UI_TASKS)
        assert "sentiment" in offered and "adding" in offered
    for reasons in page_tasks.NOT_OFFERED.values():
        for key in reasons.values():
            assert key in TABLE["en"] and key in TABLE["zh"]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", LEFT_OUT)
def test_a_page_that_leaves_chars_out_says_why_and_shows_its_first_task(page, lang):
    at = open_page(page, task="chars", lang=lang, source="pretrained")
    assert_ok(at)
    reason = page_tasks.reason(page, "chars")
    assert start(reason, lang) in warnings(at)
    assert TABLE[lang]["task_chars"] in warnings(at)  # the task named, and the one shown instead
    assert TABLE[lang]["task_adding"] in warnings(at)
    assert task_box(at).value == "adding" and "chars" not in task_box(at).options
    assert "task" not in at.query_params  # the link now names what is shown: adding, the default
    assert chart_specs(at), "the page still draws its pictures, for adding"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("source", ["pretrained", "fresh"])
@pytest.mark.parametrize("page", OFFERED)
def test_chars_opens_on_every_page_that_offers_it(page, source, lang):
    query = {"task": "chars", "lang": lang, "source": source, "kind": "gru"}
    if source == "fresh":
        query.update(SMALL)
    at = open_page(page, **query)
    assert_ok(at)
    assert at.query_params["task"] == "chars" and task_box(at).value == "chars"
    assert not any(start(key, lang) in warnings(at) for key in set(page_tasks.NOT_OFFERED["home"].values()))
    if source == "pretrained":  # chars-gru ships: no fallback notice
        assert "chars-gru" in engine_cache.pretrained_names()
        assert start("notice_no_pretrained", lang) not in warnings(at)
    if page in ("gates", "what_if"):  # the input strip names the characters of the sample shown
        strips = symbol_strips(at)
        assert strips, "a symbolic input is drawn as its symbols"
        assert all(len(strip) == (30 if source == "fresh" else 100) for strip in strips)
        assert all(set("".join(strip)) - set(" \t\n") for strip in strips)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", ["inside_step", "gates", "vanishing", "long_range", "what_if", "train"])
def test_sentiment_opens_on_every_page_with_its_words(page, lang):
    at = open_page(page, task="sentiment", lang=lang, source="fresh", hidden="8")
    assert_ok(at)
    assert at.query_params["task"] == "sentiment"
    assert "wi_lag" not in warnings(at), "nobody asked for lag 50: the default fits the 12 steps silently"
    if page in ("gates", "vanishing", "what_if"):
        strips = symbol_strips(at)
        assert strips, "every input strip shows the words"
        assert all(len(strip) == 12 and set(strip) <= set(sentiment.VOCAB) for strip in strips)
        assert all(strip[-1] in sentiment.POSITIVE + sentiment.NEGATIVE for strip in strips)


def test_vanishing_heatmaps_of_sentiment_show_the_words_of_the_sample_chosen():
    at = open_page("vanishing", task="sentiment", source="fresh", hidden="8", sample="3")
    assert_ok(at)
    strips = symbol_strips(at)
    shown = tasks.get("sentiment").sample(engine_cache.batch_size("rnn", 12, 8, 1, False), 0).x[3]
    expected = tasks.get("sentiment").decode(shown)
    assert len(strips) == 4 and all(strip == expected for strip in strips)  # 3 hidden_grad + the LSTM's cell


def test_what_if_on_chars_names_the_characters_of_its_sequence():
    at = open_page("what_if", task="chars", source="fresh", length="40", hidden="8", wi_preset="forget_open")
    assert_ok(at)
    strips = symbol_strips(at)
    assert len(strips) == 2 and strips[0] == strips[1]  # before and after read the same sequence
    assert len(strips[0]) == 40 and all(len(symbol) == 1 for symbol in strips[0])  # one character a step
    assert sum(symbol in chars.VOCAB for symbol in strips[0]) > 20  # mostly the characters themselves


def test_training_chars_is_held_to_the_servers_budget():
    at = open_page("train", task="chars", source="fresh", tr_steps="3000", tr_hidden="256", tr_batch="256")
    assert_ok(at)
    assert start("tr_err_budget", "en") in warnings(at)
    assert at.button(key="tr_start").disabled
    at = open_page("train", task="chars", source="fresh", tr_steps="20", tr_hidden="8")
    assert start("tr_err_budget", "en") not in warnings(at) and not at.button(key="tr_start").disabled
    assert limits.JOB_WORK_SECONDS > 0


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_no_pretrained_notice_lists_the_tasks_that_have_demos(lang):
    at = open_page("gates", task="sentiment", lang=lang, source="pretrained", kind="lstm")
    text = warnings(at)
    assert start("notice_no_pretrained", lang) in text
    before_list = TABLE[lang]["notice_no_pretrained"].split("{tasks}")[0].split("}")[-1]
    listed = text.split(before_list)[1]
    shipped = set(engine_cache.pretrained_names())
    assert {"adding-lstm", "remember_first-lstm", "sunspots-lstm"} <= shipped
    for task in UI_TASKS:
        assert (TABLE[lang][f"task_{task}"] in listed) == (f"{task}-lstm" in shipped), task
