"""A classroom on one small server: 30 sessions at once, each changing settings for 60 s, on loopback.

`python benchmarks/load_classroom.py [--sessions 30] [--seconds 60] [--arrival 10] [--cold] [--training]
[--hall N]`

Each simulated student speaks Streamlit's own websocket protocol (the messages a browser tab sends): it
opens the link at a random moment within the arrival spread (a class told "open the link now"; 0 makes
every student arrive in the same instant), opens a page with a random shared link (architecture, time step,
page), waits until the script has finished, then drags that page's first slider a few times (a widget rerun
each), and opens another link, looking at each answer for 2 to 5 s (THINK_S) before the next change. The
server is started fresh, as `make run` starts it (the launcher, with its warm-up of the demos' caches unless
--no-warm-up). A class arrives after the teacher has started the server, so the students wait until the
server logs that its warm-up is done (ui/warm_up.py's DONE line); with --cold (or --no-warm-up) they arrive
as soon as it answers its health check, so the first students also pay for the imports and whatever the
warm-up has not done yet. The report's first line says which of the two was measured. With --training,
one more student trains the RNN, GRU and LSTM (3000 steps each) in a real Chromium tab, whose live curves
poll the server, for the whole run. Everything is bounded: 30 sessions, 60 s of new requests, a 60 s limit
on any one answer.

With --hall N, the students go through a lecture hall instead (scripts/serve_hall.py: N app processes
behind nginx with sticky sessions): each student first loads the page, as a browser does, keeps the seat
cookie nginx hands out, and sends it with each of its websockets; the report adds how many sessions each
process served (from nginx's access log) and gives each process's peak memory.

Prints sessions served, reruns, errors (exceptions shown, failed runs, time-outs), the median and 95th
percentile latency of an answer (overall, per 10 s of the run and per page), and the server's peak memory
(VmHWM). Goals: 0 errors, p95 < 2 s, < 4 GB.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import contextlib
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lstm_viz.ui import warm_up  # noqa: E402
from scripts.serve_hall import running_hall  # noqa: E402
from tests.e2e.conftest import (  # noqa: E402
    CHROMIUM_ARGS,
    ensure_chromium,
    ensure_nginx,
    free_port,
    wait_healthy,
)

ANSWER_TIMEOUT_S = 60
WARM_UP_TIMEOUT_S = 300  # a warm-up that has not logged DONE by then is reported as an error
SLIDER_MOVES = 4
THINK_S = (2.0, 5.0)  # a student looks at the picture before the next change
PAGES = ("", "inside_step", "gates", "vanishing", "long_range")
KINDS = ("rnn", "gru", "lstm")
SUCCESS = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


class Tally:
    def __init__(self):
        self.latencies: list[float] = []
        self.by_page: dict[str, list[float]] = {}
        self.timeline: list[tuple[float, float]] = []  # (perf_counter at the request, latency)
        self.sessions = 0
        self.reruns = 0
        self.errors: list[str] = []


def _first_slider(message: ForwardMsg):
    if message.WhichOneof("type") != "delta" or message.delta.WhichOneof("type") != "new_element":
        return None
    element = message.delta.new_element
    return element.slider if element.WhichOneof("type") == "slider" else None


async def _run(ws, back: BackMsg, tally: Tally):
    """Send one rerun request, read until the script finishes and count its latency; returns the page's
    first slider (or None)."""
    started = time.perf_counter()
    await ws.send(back.SerializeToString())
    slider = None
    while True:
        message = ForwardMsg()
        message.ParseFromString(await asyncio.wait_for(ws.recv(), ANSWER_TIMEOUT_S))
        kind = message.WhichOneof("type")
        if kind == "delta" and message.delta.new_element.WhichOneof("type") == "exception":
            page = back.rerun_script.page_name or "home"
            tally.errors.append(f"exception on {page}: {message.delta.new_element.exception.message}")
        slider = slider or _first_slider(message)
        if kind == "script_finished":
            if message.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                continue  # a fresh server's saved first answer (ui/first_home.py): the answer is the rerun's
            if message.script_finished not in SUCCESS:
                tally.errors.append(f"script finished with status {message.script_finished}")
            latency = time.perf_counter() - started
            tally.latencies.append(latency)
            tally.by_page.setdefault(back.rerun_script.page_name or "home", []).append(latency)
            tally.timeline.append((started, latency))
            return slider


def seat_cookie(url: str) -> dict[str, str]:
    """Load the app's page as a browser does first and keep the cookie it hands out (a lecture hall's seat,
    which keeps the student on one process; a single server sets none)."""
    with urllib.request.urlopen(f"{url}/", timeout=ANSWER_TIMEOUT_S) as response:
        cookies = [value.split(";", 1)[0] for value in response.headers.get_all("Set-Cookie") or []]
    return {"Cookie": "; ".join(cookies)} if cookies else {}


async def student(url: str, seed: int, deadline: float, arrival_s: float, tally: Tally) -> None:
    rng = random.Random(seed)
    await asyncio.sleep(rng.uniform(0, arrival_s))
    try:
        headers = await asyncio.to_thread(seat_cookie, url)
    except OSError as error:
        tally.errors.append(f"loading the page: {type(error).__name__}: {error}")
        return
    while time.monotonic() < deadline:
        query = f"kind={rng.choice(KINDS)}&t={rng.randrange(0, 100)}"
        back = BackMsg()
        back.rerun_script.query_string = query
        back.rerun_script.page_name = rng.choice(PAGES)
        try:
            async with connect(
                f"{url.replace('http', 'ws')}/_stcore/stream",
                subprotocols=["streamlit"],
                max_size=None,
                additional_headers=headers,
            ) as ws:
                slider = await _run(ws, back, tally)
                tally.sessions += 1
                await asyncio.sleep(rng.uniform(*THINK_S))
                if slider is None:
                    continue
                widget = back.rerun_script.widget_states.widgets.add(id=slider.id)
                for _ in range(SLIDER_MOVES):
                    if time.monotonic() >= deadline:
                        break
                    if slider.options:  # a select_slider sends the chosen option's label
                        widget.string_array_value.data[:] = [rng.choice(list(slider.options))]
                    else:
                        widget.double_array_value.data[:] = [
                            float(rng.randint(int(slider.min), int(slider.max)))
                        ]
                    await _run(ws, back, tally)
                    tally.reruns += 1
                    await asyncio.sleep(rng.uniform(*THINK_S))
        except Exception as error:  # noqa: BLE001 - every failure is counted, none stops the classroom
            tally.errors.append(f"{type(error).__name__}: {error}")


def summary(latencies: list[float]) -> str:
    ordered = sorted(latencies)
    if not ordered:
        return "no answers"
    p95 = ordered[int(round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered):.2f} s, p95 {p95:.2f} s"


def peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def classroom(url: str, sessions: int, seconds: int, arrival_s: float) -> Tally:
    tally = Tally()
    deadline = time.monotonic() + seconds
    await asyncio.wait_for(
        asyncio.gather(*(student(url, seed, deadline, arrival_s, tally) for seed in range(sessions))),
        seconds + 2 * ANSWER_TIMEOUT_S,
    )
    return tally


def classroom_beside_training(url: str, args) -> Tally:
    """The classroom while a Chromium tab trains the three architectures on the same server."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=ensure_chromium(), args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = browser.new_page()
            page.goto(f"{url}/train?tr_kinds=0,1,2&tr_steps=3000&length=100")
            page.get_by_role("button", name="Start", exact=True).click()
            page.get_by_text("Training the").first.wait_for(timeout=60_000)
            with concurrent.futures.ThreadPoolExecutor(1) as pool:  # Playwright's own loop holds this thread
                run = classroom(url, args.sessions, args.seconds, args.arrival)
                tally = pool.submit(asyncio.run, run).result()
            if page.get_by_text("Training the").count() == 0:
                tally.errors.append("the training run ended before the classroom did")
            return tally
        finally:
            browser.close()


def start_app(port: int, env: dict, log: Path) -> subprocess.Popen:
    """The app started as `make run` starts it: through the launcher, which warms the demos' caches; its
    output goes to `log`."""
    where = ["--server.headless=true", "--server.address=127.0.0.1", f"--server.port={port}"]
    with open(log, "wb") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "lstm_viz.ui.launcher", *where],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def wait_warmed_up(logs: list[Path], processes: list[subprocess.Popen]) -> float:
    """Seconds waited until every log holds the warm-up's DONE line (the teacher started the server before
    the class came in); RuntimeError when a process exits or the line does not come."""
    started = time.monotonic()
    while not all(warm_up.DONE in log.read_text(errors="replace") for log in logs):
        if any(process.poll() is not None for process in processes):
            raise RuntimeError(f"an app process exited during its warm-up; see {logs}")
        if time.monotonic() - started > WARM_UP_TIMEOUT_S:
            raise TimeoutError(f"no {warm_up.DONE!r} line within {WARM_UP_TIMEOUT_S} s in {logs}")
        time.sleep(0.2)
    return time.monotonic() - started


@contextlib.contextmanager
def served(hall_processes: int, warm_up_on: bool = True, cold: bool = False):
    """(url, app processes, hall or None, seconds waited for the warm-up or None when the class arrived
    cold): one fresh server, or a lecture hall of that many processes."""
    env = {"LSTM_VIZ_RUNS": tempfile.mkdtemp(prefix="lstm-viz-load-")}
    env.update({} if warm_up_on else {"LSTM_VIZ_WARM_UP": "off"})
    wait = warm_up_on and not cold
    if hall_processes:
        ensure_nginx()
        with running_hall(hall_processes, free_port(), env=env) as hall:
            logs = [hall.prefix / f"app-{port}.log" for port in hall.app_ports]
            yield hall.url, hall.apps, hall, wait_warmed_up(logs, hall.apps) if wait else None
        return
    port = free_port()
    log = Path(env["LSTM_VIZ_RUNS"]) / "server.log"
    process = start_app(port, env, log)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process)
        yield url, [process], None, wait_warmed_up([log], [process]) if wait else None
    finally:
        process.terminate()
        process.wait(timeout=30)


def report(args, tally: Tally, apps: list, hall, waited: float | None) -> None:
    beside = " beside a training run" if args.training else ""
    through = f" through a lecture hall of {args.hall} processes" if hall else ""
    arriving = f"arriving within {args.arrival:g} s{beside}{through}"
    if waited is not None:
        when = f"after the server's warm-up (logged done {waited:.1f} s after it answered)"
    else:
        warming = "its warm-up still running" if not args.no_warm_up else "no warm-up"
        when = f"COLD: as soon as the server answered ({warming})"
    print(f"{args.sessions} students for {args.seconds} s, {arriving}, {when}")
    print(f"sessions served {tally.sessions}, slider reruns {tally.reruns}, errors {len(tally.errors)}")
    print(f"latency {summary(tally.latencies)} (goal p95 < 2 s)")
    start = min((started for started, _ in tally.timeline), default=0.0)
    for low in range(0, args.seconds, 10):
        window = [lat for started, lat in tally.timeline if low <= started - start < low + 10]
        print(f"  requests sent {low:3d}-{low + 10:3d} s: {len(window):4d} answers, {summary(window)}")
    for page, latencies in sorted(tally.by_page.items()):
        print(f"  {page:12s} {len(latencies):4d} answers, {summary(latencies)}")
    peaks = [peak_memory_mb(process.pid) for process in apps]
    if hall:
        served_by = hall.sessions_per_process()
        for port, peak in zip(hall.app_ports, peaks, strict=True):
            sessions = served_by.get(f"127.0.0.1:{port}", 0)
            print(f"  process on port {port}: {sessions:4d} sessions, peak memory {peak:.0f} MB")
        print(f"app processes' peak memory together {sum(peaks):.0f} MB (goal < 4096 MB per process)")
    else:
        print(f"server peak memory {peaks[0]:.0f} MB (goal < 4096 MB)")
    for error in sorted(set(tally.errors))[:10]:
        print("  error:", error)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30, help="students at once")
    parser.add_argument("--seconds", type=int, default=60, help="how long students send new requests")
    parser.add_argument(
        "--arrival", type=float, default=10.0, help="students open the link within this many s"
    )
    parser.add_argument("--training", action="store_true", help="one more student trains the whole time")
    parser.add_argument(
        "--hall", type=int, default=0, metavar="N", help="serve through nginx and N app processes"
    )
    parser.add_argument("--no-warm-up", action="store_true", help="LSTM_VIZ_WARM_UP=off (ui/warm_up.py)")
    parser.add_argument(
        "--cold", action="store_true", help="arrive when the server answers, not after its warm-up is done"
    )
    args = parser.parse_args()
    with served(args.hall, not args.no_warm_up, args.cold) as (url, apps, hall, waited):
        if args.training:
            tally = classroom_beside_training(url, args)
        else:
            tally = asyncio.run(classroom(url, args.sessions, args.seconds, args.arrival))
        report(args, tally, apps, hall, waited)


if __name__ == "__main__":
    main()
