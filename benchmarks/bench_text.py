"""Reading text: a 2,000-character text traced, analysed and drawn, cold and warm, and the page's payload.

    python benchmarks/bench_text.py [--model chars-lstm] [--repeats 5]

Goals (issue 11): within 0.5 s of server time once the model is cached (warm), within 2 s cold (the model
loaded from its folder first), and the Reading text page's payload under 1 MB. One pass is what the page
does for a new text: read it (lstm_viz.text.read_text: the trace, the predictions), the unit finder
(interpretable_units), the default unit, select (select_units on the first string), the text grid with the
top predictions on hover, the surprise strip and the gate saturation per layer. Printed beside plain
PyTorch's forward pass of the same model over the same characters (the baseline, measured in the same run),
and as a ratio to each goal. The payload is what AppTest's run of the page's default view puts on screen:
every figure's JSON and every text element.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lstm_viz import limits  # noqa: E402
from lstm_viz import text as reading_lib  # noqa: E402
from lstm_viz.figures import text_figures  # noqa: E402
from lstm_viz.tasks import chars  # noqa: E402
from lstm_viz.text import saturation  # noqa: E402
from lstm_viz.training import runs  # noqa: E402

GOAL_WARM, GOAL_COLD, GOAL_PAYLOAD = 0.5, 2.0, 2**20
CHARS = limits.APP_TEXT_EXCERPT_CHARS


def one_pass(model, text: str) -> int:
    """Read, analyse and draw `text` as the page does; returns the bytes of the figures' JSON."""
    reading = reading_lib.read_text(model, text)
    layer = reading.trace.meta["num_layers"] - 1
    quantity = "cell" if model.core.kind == "lstm" else "hidden"
    table = reading_lib.interpretable_units(reading.trace, text, quantity, layer, 5)
    feature = max(("in_string", "bracket_depth"), key=lambda f: abs(table[f][0][1]))
    unit = table[feature][0][0]
    inside = reading_lib.character_features(text)["in_string"]
    first = int(np.argmax(inside > 0))
    reading_lib.select_units(reading.trace, first, first + 3, 0.5, "hidden", layer)
    values = reading.trace[f"l{layer}.{quantity}"][0, :, unit]
    values = np.tanh(values) if quantity == "cell" else values
    top = np.argsort(-reading.probabilities, axis=1)[:, :3]  # (T, 3)
    details = [
        text_figures.prediction_text([(chars.VOCAB[i], float(reading.probabilities[t, i])) for i in top[t]])
        for t in range(len(text))
    ]
    figures = [
        text_figures.text_grid(text, values, quantity, zrange=(-1.0, 1.0), details=details),
        text_figures.surprise_strip(text, reading.surprise_bits),
    ]
    fractions = saturation.gate_saturation(reading.trace)
    if any(fractions):
        figures.append(text_figures.saturation_by_layer(fractions))
    return sum(len(fig.to_json()) for fig in figures)


def torch_forward(model, text: str) -> float:
    """Seconds of the plain PyTorch forward pass (nn.LSTM / GRU / RNN + readout) over the text."""
    x = torch.from_numpy(chars.one_hot(chars.encode(text)))[None]  # (1, T, V)
    module = model.core.to_torch()
    start = time.perf_counter()
    with torch.no_grad():
        model.readout(module(x)[0])
    return time.perf_counter() - start


def page_payload() -> int:
    """The bytes the Reading text page's default view puts on screen (AppTest: figures and text)."""
    from streamlit.testing.v1 import AppTest

    from lstm_viz.ui.navigation import BY_URL

    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "app.py"), default_timeout=300)
    at.switch_page(BY_URL["reading_text"].script)
    at.run()
    if at.exception:
        raise RuntimeError([e.value for e in at.exception])
    figures = sum(len(chart.proto.spec) for chart in at.get("plotly_chart"))
    kinds = ("markdown", "caption", "metric", "dataframe")
    texts = sum(len(element.proto.SerializeToString()) for kind in kinds for element in at.get(kind))
    return figures + texts


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", default="chars-lstm")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-page", action="store_true", help="skip the page payload (AppTest)")
    args = parser.parse_args()
    torch.set_num_threads(1)
    corpus = chars.corpus("test")
    texts = [corpus[i * CHARS : (i + 1) * CHARS] for i in range(args.repeats + 1)]

    start = time.perf_counter()
    model = runs.load_pretrained(args.model).model
    payload = one_pass(model, texts[0])
    cold = time.perf_counter() - start
    warm = []
    for text in texts[1:]:  # a new text each time: nothing of it is cached, only the model
        start = time.perf_counter()
        one_pass(model, text)
        warm.append(time.perf_counter() - start)
    baseline = statistics.median(torch_forward(model, text) for text in texts[1:])
    warm_median = statistics.median(warm)

    print(f"{args.model}, {CHARS} characters, {args.repeats} warm passes, one thread")
    print(f"  plain PyTorch forward (baseline): {baseline * 1000:8.1f} ms")
    print(f"  warm pass (model cached):         {warm_median * 1000:8.1f} ms  = "
          f"{warm_median / baseline:5.1f}x the baseline, {warm_median / GOAL_WARM:.2f} of the "
          f"{GOAL_WARM} s goal")
    print(f"  cold pass (model loaded first):   {cold * 1000:8.1f} ms  = {cold / GOAL_COLD:.2f} of the "
          f"{GOAL_COLD} s goal")  # fmt: skip
    print(f"  figures of one pass:              {payload / 1024:8.1f} KB")
    if not args.no_page:
        page = page_payload()
        print(f"  page payload (default view):      {page / 1024:8.1f} KB  = "
              f"{page / GOAL_PAYLOAD:.2f} of the 1 MB goal")


if __name__ == "__main__":
    main()
