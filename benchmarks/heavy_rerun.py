"""One session reruns a heavy view again and again: the server's memory and rerun time, per memory policy.

`python benchmarks/heavy_rerun.py [--reruns 40] [--query "source=fresh&hidden=256&length=500"]`

A fresh server is started for each policy in turn, on loopback:

- `off`:  Streamlit's full collection after every rerun switched off and nothing in its place (the app's
          setting before the memory fix, LSTM_VIZ_GC=off);
- `full`: Streamlit's own `gc.collect(2)` after every rerun (`--runner.postScriptGC true`, LSTM_VIZ_GC=off);
- `app`:  the app's policy (lstm_viz/ui/memory.py) with the shipped settings.

One simulated tab opens Gates and states with the given settings and then alternates between moving the
time-step slider and changing the seed (a new trace and new figures: the heavy case), `--reruns` times. It
prints, per policy, the median and 95th percentile rerun time and the server's peak and last resident memory.
Everything is bounded: one tab, a 120 s limit on any one answer.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import free_port, wait_healthy  # noqa: E402

ANSWER_TIMEOUT_S = 120
POLICIES = {  # name -> (extra streamlit flags, environment)
    "off": (["--runner.postScriptGC", "false"], {"LSTM_VIZ_GC": "off"}),
    "full": (["--runner.postScriptGC", "true"], {"LSTM_VIZ_GC": "off"}),
    "app": ([], {}),
}


def memory_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def rerun(ws, back: BackMsg) -> tuple[float, dict]:
    """Send one rerun; return its time and the widgets seen ({"slider": element, "seed": element})."""
    started = time.perf_counter()
    await ws.send(back.SerializeToString())
    widgets = {}
    while True:
        message = ForwardMsg()
        message.ParseFromString(await asyncio.wait_for(ws.recv(), ANSWER_TIMEOUT_S))
        kind = message.WhichOneof("type")
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            which = element.WhichOneof("type")
            if which == "exception":
                raise RuntimeError(element.exception.message)
            if which == "slider" and "slider" not in widgets:
                widgets["slider"] = element.slider
            if which == "number_input" and "w_seed" in element.number_input.id:
                widgets["seed"] = element.number_input
        if kind == "script_finished":
            return time.perf_counter() - started, widgets


async def tab(url: str, query: str, reruns: int, pid: int) -> tuple[list[float], list[float]]:
    back = BackMsg()
    back.rerun_script.query_string = query
    back.rerun_script.page_name = "gates"
    times, rss = [], []
    stream = f"{url.replace('http', 'ws')}/_stcore/stream"
    async with connect(stream, subprotocols=["streamlit"], max_size=None) as ws:
        _, widgets = await rerun(ws, back)
        for index in range(reruns):
            if index % 2 == 0:
                widget = back.rerun_script.widget_states.widgets.add(id=widgets["slider"].id)
                widget.double_array_value.data[:] = [float(index % int(widgets["slider"].max))]
            else:
                widget = back.rerun_script.widget_states.widgets.add(id=widgets["seed"].id)
                widget.int_value = index
            seconds, found = await rerun(ws, back)
            widgets.update(found)
            del back.rerun_script.widget_states.widgets[:]
            times.append(seconds)
            rss.append(memory_mb(pid, "VmRSS"))
    return times, rss


def measure(policy: str, query: str, reruns: int) -> str:
    flags, env = POLICIES[policy]
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
        "--server.address", "127.0.0.1", "--server.port", str(port), *flags,
    ]  # fmt: skip
    runs = tempfile.mkdtemp(prefix="lstm-viz-heavy-")
    process = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, "LSTM_VIZ_RUNS": runs, **env},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process)
        times, rss = asyncio.run(tab(url, query, reruns, process.pid))
        ordered = sorted(times)
        p95 = ordered[int(round(0.95 * (len(ordered) - 1)))]
        peak = memory_mb(process.pid, "VmHWM")
        return (
            f"{policy:5s} rerun median {statistics.median(times):.2f} s, p95 {p95:.2f} s; "
            f"memory peak {peak:.0f} MB, last {rss[-1]:.0f} MB, max after a rerun {max(rss):.0f} MB"
        )
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=40)
    parser.add_argument("--query", default="source=fresh&kind=lstm&hidden=256&length=500")
    parser.add_argument("--policies", default="off,full,app", help="comma-separated: off, full, app")
    args = parser.parse_args()
    print(f"one tab, Gates and states ?{args.query}, {args.reruns} reruns (slider and seed alternately)")
    for policy in args.policies.split(","):
        print(measure(policy, args.query, args.reruns), flush=True)


if __name__ == "__main__":
    main()
