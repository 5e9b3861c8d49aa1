"""Sweep specs: TOML in, the grid expanded into runs with stable ids, bad values refused by name."""

import json

import pytest

from lstm_viz import limits, sweeps, tasks
from lstm_viz.sweeps.spec import RunSpec, train_config
from lstm_viz.sweeps.summary import format_table, summarise

STABLE_ID = "0b1ec1964c1407f9"  # adding, lag 10, lstm, seed 1, the defaults
ISSUE_SPEC = """
[sweep]
tasks = ["adding", "remember_first"]   # each task's length or lag parameter is swept over `lags`
lags = [10, 25, 50, 100]
architectures = ["rnn", "gru", "lstm"]
seeds = [0, 1, 2]
hidden = [32]
steps = 300
"""


def test_the_issue_spec_expands_to_every_point_of_the_grid_once():
    spec = sweeps.SweepSpec.from_toml(ISSUE_SPEC)
    runs = sweeps.expand(spec)
    assert len(runs) == 2 * 4 * 3 * 3
    assert len({run.id for run in runs}) == len(runs)
    assert {(run.task, run.lag, run.architecture, run.seed) for run in runs} == {
        (task, lag, kind, seed)
        for task in ("adding", "remember_first")
        for lag in (10, 25, 50, 100)
        for kind in ("rnn", "gru", "lstm")
        for seed in (0, 1, 2)
    }
    first = runs[0]
    assert (first.task, first.lag, first.architecture, first.seed) == ("adding", 10, "rnn", 0)
    assert (first.hidden, first.steps, first.lr, first.clip, first.forget_bias) == (32, 300, 0.01, 1.0, None)


def test_ids_are_stable_and_do_not_depend_on_the_spec_around_a_run():
    (run,) = sweeps.expand(sweeps.SweepSpec(tasks=["adding"], lags=[10], architectures=["lstm"], seeds=[1]))
    assert run.id == STABLE_ID  # the same settings give this id on every machine, in every version
    bigger = sweeps.SweepSpec(
        tasks=["remember_first", "adding"], lags=[25, 10], architectures=["rnn", "lstm"], seeds=[2, 1]
    )
    assert run.id in {other.id for other in sweeps.expand(bigger)}
    assert RunSpec.from_dict(json.loads(json.dumps(run.as_dict()))).id == run.id
    assert RunSpec.from_dict({**run.as_dict(), "seed": 2}).id != run.id
    assert RunSpec.from_dict({**run.as_dict(), "task_params": {"length": 3}}).id != run.id


def test_a_run_id_is_the_sha256_of_its_sorted_json_settings():
    import hashlib

    run = sweeps.expand(sweeps.SweepSpec(tasks=["remember_first"], lags=[20], architectures=["gru"]))[0]
    text = json.dumps(run.as_dict(), sort_keys=True, separators=(",", ":"))
    assert run.id == hashlib.sha256(text.encode()).hexdigest()[:16]
    # an integer where a float is meant gives the same run as the float
    text = "[sweep]\ntasks=['remember_first']\nlags=[20]\narchitectures=['gru']\nlr="
    as_int, as_float = sweeps.SweepSpec.from_toml(text + "1"), sweeps.SweepSpec.from_toml(text + "1.0")
    assert sweeps.expand(as_int)[0].id == sweeps.expand(as_float)[0].id


def test_per_task_tables_replace_settings_and_set_task_parameters():
    spec = sweeps.SweepSpec.from_toml(
        """
        [sweep]
        tasks = ["adding", "remember_first"]
        lags = [10, 20]
        architectures = ["lstm"]
        seeds = [0, 1]
        forget_bias = "none"
        clip = ["none", 1.0]
        [sweep.task.remember_first]
        lr = 0.003
        forget_bias = 5.0
        recurrent_init = "spectral"
        spectral_radius = 4
        lags = [10, 40, 80]
        classes = 3
        """
    )
    runs = sweeps.expand(spec)
    adding = [run for run in runs if run.task == "adding"]
    first = [run for run in runs if run.task == "remember_first"]
    assert len(adding) == 2 * 2 * 2 and len(first) == 3 * 2 * 2
    assert {run.clip for run in adding} == {None, 1.0} and {run.forget_bias for run in adding} == {None}
    assert {(run.lr, run.forget_bias, run.recurrent_init, run.spectral_radius) for run in first} == {
        (0.003, 5.0, "spectral", 4.0)
    }
    assert {run.lag for run in first} == {10, 40, 80}
    assert all(dict(run.task_params) == {"classes": 3} for run in first)
    config = train_config(first[0])
    assert (config.forget_bias, config.recurrent_init, config.lr, config.seed) == (5.0, "spectral", 0.003, 0)
    assert config.snapshot_every == config.steps and config.eval_every == config.steps // 10


@pytest.mark.parametrize(
    "text, named",
    [
        ("[sweep]\ntasks=['adding']\nlags=[10]\nsteps=0", "steps"),
        ("[sweep]\ntasks=['adding']\nlags=[10]\nsteps=300.5", "steps"),
        ("[sweep]\ntasks=['nope']\nlags=[10]", "nope"),
        ("[sweep]\ntasks=['adding']\nlags=[10**7]", "TOML"),
        ("[sweep]\ntasks=['adding']\nlags=[10000000]", "length"),
        ("[sweep]\ntasks=['adding']\nlags=[1]", "length"),
        ("[sweep]\ntasks=['adding']\nlags=['x']", "lags"),
        ("[sweep]\ntasks=['adding']\nlags=[10]\narchitectures=['transformer']", "architectures"),
        ("[sweep]\ntasks=['adding']\nlags=[10]\nhidden=[0]", "hidden"),
        ("[sweep]\ntasks=['adding']\nlags=[10]\nhidden=[100000]", "hidden"),
        ("[sweep]\ntasks=['adding']\nlags=[10]\nlr=nan", "lr"),
        ("[sweep]\ntasks=['adding']\nlags=[10]\nlr=-1", "lr"),
        ("[sweep]\ntasks=['adding']\nlags=[10]\nseeds=[-1]", "seed"),
        ("[sweep]\ntasks=['adding']\nlags=[10]\nbatch_size=100000", "batch_size"),
        ("[sweep]\ntasks=['adding']\nlags=[10]\nclip='often'", "clip"),
        ("[sweep]\ntasks=['adding']\nlags=[10]\nlearning_rate=0.1", "learning_rate"),
        ("[sweep]\ntasks=['adding']", "lags"),
        ("[sweep]\ntasks=['adding']\nlags=[]", "lags"),
        ("[sweep]\ntasks=['adding']\nlags=[10]\n[sweep.task.copy]\nlr=0.1", "copy"),
        ("[sweep]\ntasks=['adding']\nlags=[10]\n[sweep.task.adding]\nwidth=3", "width"),
        ("[sweep]\ntasks=['adding']\nlags=[10]\n[sweep.task.adding]\nseeds=[3]", "seeds"),
        ("[sweep]\ntasks=['series']\nlags=[10]", "values"),
        ("[other]\nx=1", "[sweep]"),
        ("not toml at all ===", "TOML"),
    ],
)
def test_a_bad_spec_raises_a_value_error_naming_what_is_wrong(text, named):
    with pytest.raises(ValueError, match=named.replace("[", r"\[").replace("]", r"\]")):
        sweeps.SweepSpec.from_toml(text)


def test_specs_are_bounded_by_the_limits():
    seeds = list(range(limits.SWEEPS_MAX_AXIS + 1))
    with pytest.raises(ValueError, match=f"1 to {limits.SWEEPS_MAX_AXIS}"):
        sweeps.SweepSpec(tasks=["adding"], lags=[10], seeds=seeds)
    lags = list(range(2, 2 + limits.SWEEPS_MAX_AXIS))
    with pytest.raises(ValueError, match=f"the limit is {limits.SWEEPS_MAX_RUNS}"):
        sweeps.SweepSpec(tasks=["adding"], lags=lags, seeds=lags, hidden=[8, 16, 32])
    with pytest.raises(ValueError, match="bytes"):
        sweeps.SweepSpec.from_toml("[sweep]\n" + "#" * limits.SWEEPS_MAX_SPEC_BYTES)
    with pytest.raises(TypeError, match="path_or_text"):
        sweeps.SweepSpec.from_toml(42)


def test_a_spec_file_is_read_and_a_missing_one_is_named(tmp_path):
    path = tmp_path / "spec.toml"
    path.write_text(ISSUE_SPEC)
    from_text = sweeps.SweepSpec.from_toml(ISSUE_SPEC)
    assert sweeps.SweepSpec.from_toml(path) == sweeps.SweepSpec.from_toml(str(path)) == from_text
    with pytest.raises(ValueError, match="no sweep spec file"):
        sweeps.SweepSpec.from_toml(tmp_path / "missing.toml")


def test_the_shipped_database_holds_every_run_of_its_spec_once_and_shows_the_rnn_failing_first():
    spec = sweeps.SweepSpec.from_toml(sweeps.SHIPPED_DIR / "lag_sweeps.toml")
    runs = sweeps.expand(spec)
    assert len(runs) == 3 * 6 * 3 * 3 and len({run.seed for run in runs}) == 3
    with sweeps.open_read_only(sweeps.SHIPPED_DB) as store:
        rows = store.rows()
    assert sorted(row["id"] for row in rows) == sorted(run.id for run in runs)
    assert all(row["error"] is None for row in rows)
    summary = {(s["task"], s["architecture"], s["lag"]): s for s in summarise(rows)}
    for task, longest in (("adding", 30), ("remember_first", 60)):
        assert summary[(task, "rnn", longest)]["learned"] == 0  # the README's claims about the picture
        assert all(
            summary[(task, kind, lag)]["learned"] == 3
            for kind in ("gru", "lstm")
            for lag in spec_lags(spec, task)
        )
    assert (
        summary[("remember_first", "rnn", 30)]["median"]
        < 0.5
        <= summary[("remember_first", "rnn", 10)]["median"]
    )


def spec_lags(spec, task):
    return sorted({run.lag for run in sweeps.expand(spec) if run.task == task})


def test_thresholds_are_each_tasks_notion_of_learned():
    assert tasks.get("remember_first").threshold == 0.9
    assert tasks.get("remember_first").learned(0.9) and not tasks.get("remember_first").learned(0.89)
    adding = tasks.get("adding", length=50)
    assert adding.threshold == pytest.approx(adding.baseline_loss / 10)
    assert adding.learned(0.01) and not adding.learned(0.02)
    copy = tasks.get("copy", lag=50, memorise=10)  # 70 steps, 10 of them symbols
    assert copy.threshold == pytest.approx(1 - 0.1 * 10 / 70)


def test_summarise_takes_medians_over_seeds_and_leaves_out_failed_runs():
    def row(arch, seed, metric, reached, error=None):
        return {
            "task": "remember_first", "architecture": arch, "lag": 40, "seed": seed, "metric": metric,
            "metric_name": "accuracy", "steps_to_threshold": reached, "grad_ratio": -1.0 * seed,
            "baseline_loss": 1.386, "error": error,
        }  # fmt: skip

    rows = [
        row("lstm", 0, 1.0, 100), row("lstm", 1, 0.98, 300), row("lstm", 2, 0.3, None),
        row("rnn", 0, 0.25, None), row("rnn", 1, 0.5, 200), row("rnn", 2, 0.27, None),
        row("rnn", 3, None, None, error="KilledWorker"),
    ]  # fmt: skip
    lstm, rnn = summarise(rows)
    assert (lstm["architecture"], lstm["n"]) == ("lstm", 3)
    assert (lstm["median"], lstm["min"], lstm["max"]) == (0.98, 0.3, 1.0)
    assert (lstm["learned"], lstm["steps_to_threshold"], lstm["grad_ratio"]) == (2, 200, -1.0)
    assert (rnn["n"], rnn["median"], rnn["learned"], rnn["steps_to_threshold"]) == (3, 0.27, 1, None)
    table = format_table([lstm, rnn]).splitlines()
    assert table[0].split()[:3] == ["task", "arch", "lag"]
    assert table[2].split() == "remember_first lstm 40 3 accuracy 0.98 0.3 1 2/3 200".split()
    assert table[3].split()[-2:] == ["1/3", "-"]
