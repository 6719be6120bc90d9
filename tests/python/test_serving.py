"""serve, serve_capacity and search_deployments: the command line's results, as dicts and DataFrames."""
import pytest

import stargate
from conftest import SERVING, TRAINING, cli_json


def test_serve_is_what_the_command_line_prints():
    assert stargate.serve(SERVING, requests=500) == cli_json("serve", SERVING, "--requests", "500")


def test_serve_reports_latency_percentiles_in_seconds_and_throughput():
    r = stargate.serve(SERVING, requests=300)
    assert r["requests"] == 300 and r["completed"] == 300
    assert 0 < r["ttft"]["p50_s"] <= r["ttft"]["p99_s"]
    assert r["throughput"]["output_tokens_per_s"] > 0


def test_serve_offline_is_what_the_command_line_prints_for_a_static_batch():
    r = stargate.serve(SERVING, requests=200, offline=True)
    assert r == cli_json("serve", SERVING, "--offline", "--requests", "200")
    assert r["mode"] == "offline" and r["offline"]["requests"] == 200 and r["completed"] == 200


def test_serve_on_a_training_scenario_has_no_serving_section():
    with pytest.raises(stargate.ScenarioError) as raised:
        stargate.serve(TRAINING)
    assert raised.value.field == "serving"


def test_capacity_lists_every_option_and_marks_the_fewest_and_cheapest():
    options, document = stargate.serve_capacity(SERVING, accelerators=["h100-sxm", "h200"], details=True)
    assert document == cli_json("serve", SERVING, "--capacity", "--accelerators", "h100-sxm", "h200")
    assert {"accelerator", "tp", "replicas", "gpus", "usd_per_hour", "fewest", "cheapest"} <= set(options.columns)
    assert set(options["accelerator"]) == {"h100-sxm", "h200"}
    assert options["fewest"].sum() == len(document["fewest_gpus"]) == 2


def test_an_unknown_accelerator_is_a_scenario_error():
    with pytest.raises(stargate.ScenarioError):
        stargate.serve_capacity(SERVING, accelerators=["h1000"])


def test_deployment_search_returns_the_cheapest_deployments_first():
    top = stargate.search_deployments(SERVING, accelerators=["h100-sxm"], top=3, probe_requests=200)
    assert 1 <= len(top) <= 3
    assert {"accelerator", "tp", "pp", "replicas", "gpus", "usd_per_hour", "p99_ttft_s", "p99_tpot_s"} <= set(top.columns)
    assert top["usd_per_hour"].is_monotonic_increasing
    assert (top["accelerator"] == "h100-sxm").all()
