"""estimate_training: the `stargate train --json` figures; search: the top plans as a DataFrame."""
import pytest

import stargate
from conftest import SERVING, TRAINING, cli_json


def is_part_of(part, whole):
    """Every key of `part` is in `whole` with the same value (nested dicts compared the same way)."""
    if isinstance(part, dict):
        return isinstance(whole, dict) and all(k in whole and is_part_of(v, whole[k]) for k, v in part.items())
    return part == whole


def test_the_detailed_estimate_is_what_the_command_line_prints():
    assert stargate.estimate_training(TRAINING, details=True) == cli_json("train", TRAINING)


def test_the_estimate_is_the_command_lines_figures_under_the_same_names():
    estimate, document = stargate.estimate_training(TRAINING), cli_json("train", TRAINING)
    assert is_part_of(estimate, document)
    assert {"step_seconds", "mfu", "hfu", "mfu_peak_flops_per_s", "breakdown_seconds", "memory_bytes", "run"} <= set(
        estimate)


def test_the_estimate_carries_step_breakdown_mfu_with_its_peak_and_memory(training_dict):
    e = stargate.estimate_training(training_dict)
    assert e["step_seconds"] > 0 and 0 < e["mfu"] < 1 and 0 < e["hfu"] < 1
    assert e["mfu_peak_flops_per_s"] == pytest.approx(989.4e12)
    parts = e["breakdown_seconds"]
    assert parts["compute"]["gemm"] > 0 and parts["dp_comm"] >= 0
    assert e["memory_bytes"]["total"] <= e["memory_bytes"]["capacity"]
    assert e["run"]["gpu_hours"] > 0 and e["fits"]
    assert stargate.estimate_training(training_dict, details=True)["plan"]["tp"] == 2


def test_an_estimate_from_a_loaded_scenario_repeats_exactly():
    s = stargate.load(TRAINING)
    assert stargate.estimate_training(s) == stargate.estimate_training(s)


def test_a_plan_over_hbm_is_a_scenario_error_on_the_plan(training_dict):
    training_dict["training"]["plan"] = {"tp": 1, "pp": 1, "dp": 64, "micro_batch": 4, "recompute": "none"}
    with pytest.raises(stargate.ScenarioError) as raised:
        stargate.estimate_training(training_dict)
    assert raised.value.field == "training.plan" and "does not fit in HBM" in raised.value.reason


def test_a_serving_scenario_has_no_training_section():
    with pytest.raises(stargate.ScenarioError) as raised:
        stargate.estimate_training(SERVING)
    assert (raised.value.field, raised.value.file) == ("training", SERVING)


def test_search_returns_the_top_plans_best_first_with_plan_columns(training_dict):
    plans = stargate.search(training_dict, top=5)
    assert len(plans) == 5
    assert list(plans.columns[:5]) == ["rank", "step_seconds", "mfu", "memory_bytes", "objective"]
    assert {"plan.tp", "plan.pp", "plan.dp", "plan.micro_batch", "plan.zero", "plan.recompute"} <= set(plans.columns)
    assert list(plans["rank"]) == [1, 2, 3, 4, 5]
    assert plans["step_seconds"].is_monotonic_increasing
    assert (plans["plan.tp"] * plans["plan.pp"] * plans["plan.dp"] * plans["plan.cp"] == 64).all()


def test_search_matches_the_command_lines_best_plan():
    cli = cli_json("search", TRAINING, "--objective", "cost", "--top", "3")
    plans, document = stargate.search(TRAINING, objective="cost", top=3, details=True)
    assert [p["plan"] for p in document["best"]] == [p["plan"] for p in cli["best"]]
    assert list(plans["objective"]) == [p["objective"] for p in cli["best"]]
    assert document["scenario_plan"]["rank"] == cli["scenario_plan"]["rank"]


def test_search_constraints_that_nothing_meets_say_which_to_relax(training_dict):
    with pytest.raises(stargate.ScenarioError) as raised:
        stargate.search(training_dict, max_step_seconds=1e-6)
    assert "--max-step-seconds" in raised.value.reason


def test_an_unknown_objective_is_a_scenario_error():
    with pytest.raises(stargate.ScenarioError) as raised:
        stargate.search(TRAINING, objective="speed")
    assert raised.value.field == "objective"
