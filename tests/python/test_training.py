"""estimate_training: the `stargate train --json` figures; search: the top plans as a DataFrame."""
import json
import subprocess

import pytest

import stargate
from conftest import SERVING, TRAINING


def test_the_estimate_is_what_the_command_line_prints():
    cli = json.loads(subprocess.run(["build/stargate", "train", TRAINING, "--json"], check=True,
                                    capture_output=True, text=True).stdout)
    assert stargate.estimate_training(TRAINING) == cli


def test_the_estimate_carries_step_breakdown_mfu_with_its_peak_and_memory(training_dict):
    e = stargate.estimate_training(training_dict)
    assert e["step_seconds"] > 0 and 0 < e["mfu"] < 1 and 0 < e["hfu"] < 1
    assert e["mfu_peak_flops_per_s"] == pytest.approx(989.4e12)
    parts = e["breakdown_seconds"]
    assert parts["compute"]["gemm"] > 0 and parts["dp_comm"] >= 0
    assert e["memory_bytes"]["total"] <= e["memory_bytes"]["capacity"]
    assert e["plan"]["tp"] == 2 and e["run"]["gpu_hours"] > 0


def test_an_estimate_from_a_loaded_scenario_repeats_exactly():
    s = stargate.load(TRAINING)
    assert stargate.estimate_training(s) == stargate.estimate_training(s)


def test_a_plan_over_hbm_is_a_scenario_error_on_the_plan(training_dict):
    training_dict["training"]["plan"] = {"tp": 1, "pp": 1, "dp": 64, "micro_batch": 8, "recompute": "none"}
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
    cli = json.loads(subprocess.run(["build/stargate", "search", TRAINING, "--objective", "cost", "--top", "3",
                                     "--json"], check=True, capture_output=True, text=True).stdout)
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
