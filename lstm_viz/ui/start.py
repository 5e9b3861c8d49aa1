"""The script the server runs for every page (the launcher serves this file; app.py calls `run()`).

It imports nothing heavy itself: on a fresh server started by the launcher, the first visitors get Home from
saved values (ui/first_home.py) during the imports of torch and the engine; every other run is ui/main.py.
"""

from __future__ import annotations

from lstm_viz.ui import first_home, loading


def run(first_answers: bool = False) -> None:
    """One run of the app; `first_answers`: a fresh server may answer Home from saved values."""
    if first_answers and first_home.run():
        return
    loading.load()
    from lstm_viz.ui.main import main

    main()


if __name__ == "__main__":  # served by the launcher
    run(first_answers=True)
