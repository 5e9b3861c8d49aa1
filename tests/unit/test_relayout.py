"""figures.relayout.relayout_changes: the Plotly relayout turning one step's cell diagram into another's."""

import copy
import re

from lstm_viz import figures
from lstm_viz.figures.relayout import relayout_changes

VALUES = {
    "input_gate": 0.5, "forget_gate": 0.3, "cell_candidate": 0.1, "output_gate": 0.7, "cell": 0.2,
    "cell_prev": 0.1, "hidden": 0.1, "hidden_prev": 0.05,
}  # fmt: skip


def diagram(kind: str = "lstm", **values) -> dict:
    return figures.cell_diagram(kind, {**VALUES, **values}).to_plotly_json()


def apply(fig: dict, changes: dict) -> dict:
    """What Plotly.relayout does with keys such as "annotations[3].text" (None deletes the entry)."""
    fig = copy.deepcopy(fig)
    for key, value in changes.items():
        name, index, field = re.fullmatch(r"(\w+)\[(\d+)\]\.(\w+)", key).groups()
        item = fig["layout"][name][int(index)]
        if value is None:
            item.pop(field, None)
        else:
            item[field] = value
    return fig


def test_the_same_drawing_is_set_again_unchanged():
    shown = diagram()
    changes = relayout_changes(shown, diagram())
    assert changes and apply(shown, changes) == shown
    assert {key.rsplit(".", 1)[1] for key in changes} == {"text", "font", "fillcolor"}


def test_another_steps_numbers_are_its_labels_and_box_colours_only():
    shown, wanted = diagram(), diagram(input_gate=0.9, cell=0.4, cell_prev=-0.3)
    changes = relayout_changes(shown, wanted)
    assert apply(shown, changes) == wanted
    assert {key.split("[")[0] for key in changes} == {"annotations", "shapes"}
    assert changes["shapes[3].fillcolor"] == wanted["layout"]["shapes"][3]["fillcolor"] != "#dddddd"
    assert any("0.9" in str(value) for value in changes.values())  # the input gate's new value
    assert len(str(changes)) < len(str(wanted)) / 2  # far less than the figure


def test_whichever_step_the_browser_shows_it_ends_at_the_wanted_one():
    """The chart was sent at one step, a later script moved it to another; the next brings it to a third
    step even where that third step's value equals the first's (the output gate here)."""
    sent, between = diagram(), diagram(output_gate=0.2, input_gate=0.6)
    wanted = diagram(input_gate=0.9)  # the output gate as in `sent`
    on_screen = apply(sent, relayout_changes(sent, between))
    assert on_screen == between
    assert apply(on_screen, relayout_changes(sent, wanted)) == wanted


def test_a_missing_value_shows_a_dash_and_back():
    shown, wanted = diagram(), diagram(cell_prev=float("nan"))
    assert apply(shown, relayout_changes(shown, wanted)) == wanted
    assert apply(wanted, relayout_changes(wanted, shown)) == shown
    assert "–" in str(relayout_changes(shown, wanted))


def test_a_font_gone_from_a_label_is_removed():
    shown, wanted = diagram(), diagram()
    shown["layout"]["annotations"][0]["font"] = {"size": 30}
    wanted["layout"]["annotations"][0].pop("font", None)
    changes = relayout_changes(shown, wanted)
    assert changes["annotations[0].font"] is None and apply(shown, changes) == wanted


def test_a_different_drawing_is_drawn_anew():
    gru = diagram("gru", update_gate=0.2, reset_gate=0.4, candidate=0.1)
    assert relayout_changes(diagram("lstm"), gru) is None
    fewer = diagram()
    fewer["layout"]["annotations"].pop()
    assert relayout_changes(diagram(), fewer) is None
    titled = diagram()
    titled["layout"]["title"] = {"text": "another"}
    assert relayout_changes(diagram(), titled) is None
    moved = diagram()
    moved["data"][0]["x"] = [x + 1 for x in moved["data"][0]["x"]]
    assert relayout_changes(diagram(), moved) is None
    shifted = diagram()
    shifted["layout"]["annotations"][2]["x"] += 1  # a label elsewhere
    assert relayout_changes(diagram(), shifted) is None
