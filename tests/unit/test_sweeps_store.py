"""The sweep database: one row per run id, resume without duplicates, readers while the client writes."""

import json
import sqlite3
import threading
import time

import pytest

from lstm_viz import sweeps
from lstm_viz.sweeps import SweepStore, open_read_only
from lstm_viz.sweeps.runner import run_sweep

TINY = sweeps.SweepSpec(
    tasks=["adding", "remember_first"], lags=[3, 5], architectures=["rnn", "lstm"], seeds=[0], hidden=[4],
    steps=4, batch_size=8,
)  # fmt: skip


def row(run_id="a" * 16, **values):
    base = {
        "id": run_id, "task": "adding", "lag": 10, "architecture": "lstm", "seed": 0, "hidden": 8, "steps": 5,
        "metric": 0.1, "metric_name": "mse", "seconds": 1.5, "finished_at": "2026-01-01T00:00:00+00:00",
    }  # fmt: skip
    return {**base, **values}


def test_insert_is_idempotent_on_the_id_and_a_success_replaces_only_a_failure(tmp_path):
    with SweepStore(tmp_path / "s.sqlite") as store:
        assert store.insert(row(metric=None, error="KilledWorker: lost twice"))
        assert store.finished_ids() == set()  # a failed run is trained again by the next sweep
        assert store.insert(row(metric=0.25))
        assert not store.insert(row(metric=0.75))  # the same run again: ignored
        assert not store.insert(row(metric=None, error="late failure"))
        assert store.count() == 1 and store.finished_ids() == {"a" * 16}
        (stored,) = store.rows()
        assert (stored["metric"], stored["error"], stored["lr"]) == (0.25, None, None)
        assert set(stored) == set(sweeps.COLUMNS)
        with pytest.raises(ValueError, match="unknown column 'colour'"):
            store.insert(row(colour="red"))


def test_rows_filter_by_equal_columns_including_null(tmp_path):
    with SweepStore(tmp_path / "s.sqlite") as store:
        store.insert(row("1" * 16, architecture="rnn", forget_bias=None))
        store.insert(row("2" * 16, architecture="lstm", forget_bias=5.0))
        store.insert(row("3" * 16, architecture="lstm", forget_bias=None, lag=20))
        assert [r["id"] for r in store.rows(architecture="lstm")] == ["2" * 16, "3" * 16]
        assert [r["id"] for r in store.rows(forget_bias=None)] == ["3" * 16, "1" * 16]  # lstm before rnn
        assert store.rows(architecture="lstm", lag=20)[0]["id"] == "3" * 16
        with pytest.raises(ValueError, match="unknown column"):
            store.rows(**{"lag; DROP TABLE runs": 1})


def test_a_cleanly_closed_store_is_one_file_and_reopens_with_its_rows(tmp_path):
    path = tmp_path / "s.sqlite"
    with SweepStore(path) as store:
        store.insert(row())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.sqlite"]
    with open_read_only(path) as store:
        assert store.count() == 1


def test_resume_trains_only_the_missing_runs_and_keeps_the_finished_ones(tmp_path):
    path = tmp_path / "s.sqlite"
    runs = sweeps.expand(TINY)
    adding_only = sweeps.SweepSpec(**{**TINY.__dict__, "tasks": ("adding",)})
    first = run_sweep(adding_only, path, inline=True)
    assert (first.done, first.skipped, first.failed, first.stopped) == (4, 0, 0, False)
    with open_read_only(path) as store:
        before = {r["id"]: r["finished_at"] for r in store.rows()}
    seen = []
    second = run_sweep(TINY, path, inline=True, on_progress=lambda *args: seen.append(args))
    assert (second.total, second.done, second.skipped) == (8, 4, 4)
    assert [args[:3] for args in seen] == [(4, 8, 0), (5, 8, 0), (6, 8, 0), (7, 8, 0), (8, 8, 0)]
    with open_read_only(path) as store:
        rows = store.rows()
    assert sorted(r["id"] for r in rows) == sorted(run.id for run in runs)  # each run once
    assert all(before[r["id"]] == r["finished_at"] for r in rows if r["task"] == "adding")  # not retrained
    third = run_sweep(TINY, path, inline=True)
    assert (third.done, third.skipped) == (0, 8)


def test_a_row_holds_the_run_its_measurements_and_the_code_version(tmp_path):
    path = tmp_path / "s.sqlite"
    run_sweep(TINY, path, inline=True)
    with open_read_only(path) as store:
        rows = {r["id"]: r for r in store.rows()}
    for run in sweeps.expand(TINY):
        stored = rows[run.id]
        assert sweeps.RunSpec.from_dict(json.loads(stored["spec"])) == run
        assert (stored["task"], stored["lag"], stored["seed"]) == (run.task, run.lag, run.seed)
        assert stored["metric_name"] == ("mse" if run.task == "adding" else "accuracy")
        assert stored["baseline_loss"] == pytest.approx(1 / 6 if run.task == "adding" else 1.3862944)
        assert stored["worker"] == "inline" and stored["error"] is None and stored["seconds"] > 0
        assert stored["code_version"].startswith("0.1.0+") and stored["grad_ratio"] is not None
    # the row's metric is what training the same run again in this process gives
    again = sweeps.train_one(sweeps.expand(TINY)[0])
    assert again["metric"] == rows[again["id"]]["metric"]


def test_a_reader_is_never_blocked_while_the_client_writes(tmp_path):
    path = tmp_path / "s.sqlite"
    with SweepStore(path) as store:
        store.insert(row("0" * 16))
        holder = sqlite3.connect(path)
        holder.execute("BEGIN IMMEDIATE")  # the writer's lock, held in the middle of a write
        holder.execute("INSERT INTO runs (id, task, lag, architecture, seed, hidden, steps) VALUES "
                       "('x', 'adding', 1, 'rnn', 0, 1, 1)")  # fmt: skip
        start = time.perf_counter()
        with open_read_only(path) as reader:
            assert reader.count() == 1  # the committed state, at once
        assert time.perf_counter() - start < 2.0
        holder.rollback()
        holder.close()


def test_concurrent_readers_see_a_growing_sweep_while_it_runs(tmp_path):
    path = tmp_path / "s.sqlite"
    SweepStore(path).close()
    counts, errors = [], []
    stop = threading.Event()

    def read():
        while not stop.is_set():
            try:
                with open_read_only(path) as reader:
                    counts.append(reader.count())
                    reader.rows(task="adding")
            except Exception as error:  # noqa: BLE001 - any failure of a reader fails the test below
                errors.append(error)
            time.sleep(0.005)

    readers = [threading.Thread(target=read) for _ in range(2)]
    for thread in readers:
        thread.start()
    try:
        outcome = run_sweep(TINY, path, inline=True)
    finally:
        stop.set()
        for thread in readers:
            thread.join(timeout=10)
    assert not errors and outcome.done == 8
    assert counts and counts == sorted(counts) and counts[-1] <= 8 and len(set(counts)) > 1


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: None, "no sweep database"),
        (lambda p: p.write_text("task,lag\nadding,10\n"), "not a sweep database"),
        (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200), "not a sweep database"),
        (lambda p: sqlite3.connect(p).execute("CREATE TABLE other (x)").connection.commit(), "'runs'"),
        (lambda p: sqlite3.connect(p).execute("CREATE TABLE runs (id, task)").connection.commit(), "'lag'"),
    ],
)
def test_open_read_only_refuses_what_is_not_a_sweep_database(tmp_path, make, message):
    path = tmp_path / "x.sqlite"
    make(path)
    with pytest.raises(ValueError, match=message):
        open_read_only(path)


def test_a_database_with_only_the_required_columns_reads_with_none_for_the_rest(tmp_path):
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    db.execute(f"CREATE TABLE runs ({', '.join(sweeps.store.REQUIRED)})")
    db.execute(f"INSERT INTO runs VALUES ({', '.join('?' * len(sweeps.store.REQUIRED))})",
               [row()[name] for name in sweeps.store.REQUIRED])  # fmt: skip
    db.commit()
    db.close()
    with open_read_only(path) as store:
        (stored,) = store.rows(task="adding")
        assert stored["metric"] == 0.1 and stored["grad_ratio"] is None and store.rows(lr=0.01) == []
        assert store.finished_ids() == {"a" * 16}


def test_the_command_line_shows_a_database_and_names_bad_input(tmp_path, capsys):
    from lstm_viz.sweeps import cli

    path = tmp_path / "s.sqlite"
    run_sweep(TINY, path, inline=True)
    assert cli.main(["--show", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["task", "arch", "lag"] and out[-1] == f"8 runs in {path} (0 failed)"
    assert [line.split()[:4] for line in out[2:-1]][0] == ["adding", "lstm", "3", "1"]
    (tmp_path / "bad.toml").write_text("[sweep]\ntasks = ['adding']\nlags = [0]\n")
    assert cli.main([str(tmp_path / "bad.toml")]) == 2
    assert "adding with length 0" in capsys.readouterr().err
    (tmp_path / "notes.sqlite").write_text("not a database")
    assert cli.main(["--show", str(tmp_path / "notes.sqlite")]) == 2
    assert "not a sweep database" in capsys.readouterr().err


def test_the_sweep_command_does_not_import_streamlit(tmp_path):
    import subprocess
    import sys

    spec = tmp_path / "tiny.toml"
    spec.write_text("[sweep]\ntasks=['adding']\nlags=[3]\narchitectures=['rnn']\nhidden=[2]\nsteps=2\n")
    code = (
        "import sys; from lstm_viz.ui import launcher; "
        f"status = launcher.main(['sweep', {str(spec)!r}, '--inline']); "
        "assert 'streamlit' not in sys.modules, 'streamlit imported'; sys.exit(status)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "trained 1 runs, 0 were already in" in done.stdout and (tmp_path / "tiny.sqlite").is_file()


def test_a_failed_run_is_stored_with_its_error_and_trained_again_by_the_next_sweep(tmp_path, monkeypatch):
    from lstm_viz.sweeps import runner

    path = tmp_path / "s.sqlite"
    doomed = sweeps.expand(TINY)[3]
    real = runner.train_one

    def flaky(run):
        if run.id == doomed.id:
            raise RuntimeError("out of luck")
        return real(run)

    monkeypatch.setattr(runner, "train_one", flaky)
    first = run_sweep(TINY, path, inline=True)
    assert (first.done, first.failed) == (7, 1)
    with open_read_only(path) as store:
        (failed,) = store.rows(error="RuntimeError: out of luck")
        assert (
            failed["id"] == doomed.id and failed["metric"] is None and doomed.id not in store.finished_ids()
        )
    monkeypatch.setattr(runner, "train_one", real)
    second = run_sweep(TINY, path, inline=True)
    assert (second.done, second.skipped, second.failed) == (1, 7, 0)
    with open_read_only(path) as store:
        assert store.count() == 8 and store.rows(id=doomed.id)[0]["error"] is None
