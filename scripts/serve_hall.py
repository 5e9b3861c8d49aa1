"""A lecture hall: several lstm-viz processes behind nginx with sticky sessions, started by one command.

`python scripts/serve_hall.py --processes 4 --port 8080 [--address 0.0.0.0]` (or `make hall`)

Starts N app processes through the lstm-viz launcher, each on a free loopback port, and Debian's nginx in
the foreground in front of them, configured from scripts/nginx.conf.template (the config, pid, logs and
temporary files live in one temporary directory; nothing under /etc or /var is written). Students open
http://ADDRESS:PORT; nginx keeps each browser on one process with a cookie (see the template for why a
cookie and not the client's address). Ctrl-C or SIGTERM stops nginx and every app process, by process id.

Each app process runs its models on one thread and has its own training slot and caches, so one process per
core is the rule of thumb: 150 students on an 8-core machine is `--processes 6` (two cores left for nginx,
the system and the trainings' bursts). All processes share one cookie secret, so Streamlit's signed XSRF
cookie is valid on every one of them.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lstm_viz.ui.launcher import DEFAULT_FLAGS  # noqa: E402 - the flags, not Streamlit

TEMPLATE = Path(__file__).with_name("nginx.conf.template")
NGINX = "/usr/sbin/nginx"
START_TIMEOUT_S = 120  # N processes importing torch and Streamlit at once on a small machine
STOP_TIMEOUT_S = 20
SEAT_COOKIE = "lstm_viz_seat"  # the cookie that keeps a browser on one process
ENVELOPE_MB = 1  # a multipart upload's headers and boundaries on top of the file itself
# a line of the access log (log_format hall); after failed tries, $upstream_addr lists every process tried
ACCESS_LINE = re.compile(
    r'"(?P<method>[A-Z]+) (?P<path>[^ ]*) [^"]*" (?P<status>\d+) upstream=(?:[^ ]+, )*(?P<upstream>[^ ]+) '
    r"seat=(?P<seat>[^ ]*) "
)


def is_session(request: dict[str, str]) -> bool:
    """Whether a logged request (Hall.requests) is a Streamlit session: an accepted websocket."""
    return request["path"].split("?")[0] == "/_stcore/stream" and request["status"] == "101"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def max_upload_mb() -> int:
    """The app's server.maxUploadSize (MB), as the launcher sets it."""
    flag = next(flag for flag in DEFAULT_FLAGS if flag.startswith("--server.maxUploadSize="))
    return int(flag.split("=", 1)[1])


def nginx_config(prefix: Path, address: str, port: int, app_ports: list[int]) -> str:
    """scripts/nginx.conf.template with its placeholders filled in."""
    values = {
        "PREFIX": str(prefix),
        "SEAT_COOKIE": SEAT_COOKIE,
        "LISTEN_ADDRESS": address,
        "LISTEN_PORT": str(port),
        "MAX_BODY_MB": str(max_upload_mb() + ENVELOPE_MB),
        "UPSTREAM_SERVERS": "\n".join(f"        server 127.0.0.1:{p};" for p in app_ports),
    }
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    left = re.findall(r"@[A-Z_]+@", text)
    if left:
        raise ValueError(f"{TEMPLATE.name}: placeholders without a value: {sorted(set(left))}")
    return text


def nginx_command(nginx: str, prefix: Path, *options: str) -> list[str]:
    """nginx with prefix/nginx.conf, everything in the prefix directory (`-t` in options: only check it)."""
    files = ["-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", str(prefix / "error.log")]
    return [nginx, *options, *files]


def app_command(port: int) -> list[str]:
    """The lstm-viz launcher serving one process of the hall on a loopback port."""
    return [
        sys.executable, "-m", "lstm_viz.ui.launcher",
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
    ]  # fmt: skip


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@dataclass
class Hall:
    """A running hall: the proxy's URL, the app processes and their ports, nginx, and its directory."""

    url: str
    app_ports: list[int]
    apps: list[subprocess.Popen]
    nginx: subprocess.Popen
    prefix: Path

    @property
    def access_log(self) -> Path:
        return self.prefix / "access.log"

    def processes(self) -> list[subprocess.Popen]:
        return [self.nginx, *self.apps]

    def requests(self) -> list[dict[str, str]]:
        """The requests nginx has logged: method, path, status, upstream (the app process, 127.0.0.1:port,
        that answered) and seat (the sticky key). A websocket is logged when it closes."""
        lines = self.access_log.read_text().splitlines() if self.access_log.exists() else []
        return [match.groupdict() for match in map(ACCESS_LINE.search, lines) if match]

    def sessions_per_process(self) -> Counter:
        """Websocket sessions that have ended, by the app process nginx sent them to."""
        return Counter(r["upstream"] for r in self.requests() if is_session(r))

    def wait_ready(self, timeout: float = START_TIMEOUT_S) -> None:
        """Wait until every app process answers /_stcore/health, then the proxy. (Asking the proxy earlier
        would make nginx count the starting processes as failed and route around them for a while.)"""
        deadline = time.monotonic() + timeout
        for waiting in ([f"http://127.0.0.1:{port}" for port in self.app_ports], [self.url]):
            while waiting and time.monotonic() < deadline:
                exited = [" ".join(p.args[:4]) for p in self.processes() if p.poll() is not None]
                if exited:
                    raise RuntimeError(f"{exited} exited while the hall started; logs in {self.prefix}")
                waiting = [url for url in waiting if not _answers(url)]
                time.sleep(0.3 if waiting else 0)
            if waiting:
                raise TimeoutError(f"{waiting} did not answer within {timeout:.0f} s; logs in {self.prefix}")

    def stop(self) -> None:
        """Stop nginx first (no new requests), then the app processes, each by its process id."""
        for process in self.processes():
            if process.poll() is None:
                process.terminate()
        for process in self.processes():
            try:
                process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def start_hall(
    processes: int, port: int, address: str = "127.0.0.1", nginx: str = NGINX, env: dict | None = None
) -> Hall:
    """Start `processes` app processes and nginx in front of them on address:port; returns at once (see
    Hall.wait_ready). Output of each goes to a log file in the hall's directory."""
    if processes < 1:
        raise ValueError(f"processes must be at least 1, got {processes}")
    if not Path(nginx).exists():
        raise FileNotFoundError(f"nginx is not installed ({nginx}): run `apt-get install -y nginx`")
    app_ports = [free_port() for _ in range(processes)]
    prefix = Path(tempfile.mkdtemp(prefix="lstm-viz-hall-"))
    prefix.chmod(0o755)  # nginx's workers drop root and must still reach their temporary directories
    try:
        (prefix / "nginx.conf").write_text(nginx_config(prefix, address, port, app_ports))
    except ValueError:
        shutil.rmtree(prefix)
        raise
    app_env = {**os.environ, **(env or {}), "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32)}
    apps = []
    for app_port in app_ports:
        with open(prefix / f"app-{app_port}.log", "wb") as log:
            apps.append(
                subprocess.Popen(
                    app_command(app_port), cwd=ROOT, env=app_env, stdout=log, stderr=subprocess.STDOUT,
                    start_new_session=True,
                )  # fmt: skip
            )
    proxy = subprocess.Popen(
        nginx_command(nginx, prefix),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    host = "127.0.0.1" if address in ("0.0.0.0", "") else address
    return Hall(f"http://{host}:{port}", app_ports, apps, proxy, prefix)


@contextlib.contextmanager
def running_hall(processes: int, port: int, address: str = "127.0.0.1", env: dict | None = None):
    """A ready hall; stopped and its directory removed afterwards."""
    hall = start_hall(processes, port, address, env=env)
    try:
        hall.wait_ready()
        yield hall
    finally:
        hall.stop()
        shutil.rmtree(hall.prefix, ignore_errors=True)


def _stop_on_sigterm(signum, frame) -> None:
    raise KeyboardInterrupt


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=2, help="app processes (about one per core)")
    parser.add_argument("--port", type=int, default=8080, help="the port students open")
    parser.add_argument(
        "--address", default="127.0.0.1", help="where nginx listens (0.0.0.0: every network interface)"
    )
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        hall = start_hall(args.processes, args.port, args.address)
    except (ValueError, FileNotFoundError) as error:
        print(error, file=sys.stderr)
        return 2
    try:
        hall.wait_ready()
        print(f"lecture hall on http://{args.address}:{args.port}/ : {args.processes} app processes on "
              f"127.0.0.1 ports {', '.join(map(str, hall.app_ports))}; logs in {hall.prefix}", flush=True)
        while all(process.poll() is None for process in hall.processes()):
            time.sleep(1)
        print(f"a process of the hall exited; stopping the others (logs in {hall.prefix})", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"stopping the hall (logs in {hall.prefix})", flush=True)
        return 0
    except (RuntimeError, TimeoutError) as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        hall.stop()


if __name__ == "__main__":
    sys.exit(main())
