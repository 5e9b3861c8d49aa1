"""`lstm-viz`: start the app, like `streamlit hello` (installed by `pip install .` as a console script).

Extra arguments go to `streamlit run`, e.g. `lstm-viz --server.port 8600 --server.headless true`.
`lstm-viz sweep ...` runs a sweep instead (lstm_viz/sweeps/cli.py), without importing Streamlit.
"""

from __future__ import annotations

import sys
from pathlib import Path

APP = Path(__file__).resolve().parent / "start.py"  # ui/main.py's frame, after a fresh server's first answers

# Safe defaults for a local app; arguments given on the command line come later and win.
DEFAULT_FLAGS = (
    "--server.fileWatcherType=none",
    "--browser.gatherUsageStats=false",
    "--server.enableXsrfProtection=true",
    "--server.maxUploadSize=10",
    "--runner.postScriptGC=false",
    "--client.toolbarMode=viewer",
)


def command(args: list[str] | None = None) -> list[str]:
    """The argv of the streamlit command that serves the app."""
    return ["streamlit", "run", str(APP), *DEFAULT_FLAGS, *(sys.argv[1:] if args is None else args)]


def main(args: list[str] | None = None) -> int:
    given = sys.argv[1:] if args is None else args
    if given[:1] == ["sweep"]:  # before anything imports streamlit: a sweep client needs none of it
        from lstm_viz.sweeps import cli as sweep_cli

        return sweep_cli.main(given[1:])
    from streamlit.web import cli

    from . import warm_up

    sys.argv = command(args)
    warm_up.start()  # opens the pages once the server answers, so the first student finds the caches full
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
