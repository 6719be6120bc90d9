"""plan_fleet (quarters as a DataFrame), sensitivity (the tornado) and validate (cases with their error)."""
import pytest

import stargate
from conftest import cli_json

FLEET = "data/scenarios/fleet-samsung-qualified.yaml"


def test_the_built_in_fleet_plan_has_one_row_per_quarter():
    quarters, document = stargate.plan_fleet(details=True)
    assert document == cli_json("plan")
    assert list(quarters["quarter"]) == [q["quarter"] for q in document["quarters"]]
    assert {"quarter", "gpus_installed", "facility_power_mw", "spent_usd", "binding_limit", "pflops.bf16"} <= set(
        quarters.columns)
    assert quarters["gpus_installed"].is_monotonic_increasing


def test_a_fleet_file_plans_like_the_command_line():
    assert stargate.plan_fleet(FLEET, details=True)[1] == cli_json("plan", FLEET)


def test_a_bad_fleet_dict_names_the_dict_line_and_field():
    with pytest.raises(stargate.ScenarioError) as raised:
        stargate.plan_fleet({"fleet": {"bogus": 1}}, name="fleet.json")
    assert raised.value.file == "fleet.json" and raised.value.line >= 1


def test_sensitivity_rows_have_both_ends_of_each_vary():
    tornado = stargate.sensitivity(vary=["sites.*.pue=1.1..1.4", "finance.cost_of_capital=0.08..0.15"])
    assert list(tornado.columns[:3]) == ["field", "low", "high"]
    assert len(tornado) == 2
    assert {"at_low.pflops_bf16", "at_high.usd_per_million_tokens"} <= set(tornado.columns)
    assert tornado.attrs["base"]["gpus"] > 0


def test_a_malformed_vary_is_a_scenario_error():
    with pytest.raises(stargate.ScenarioError):
        stargate.sensitivity(vary="sites.*.pue")


def test_validate_lists_every_built_in_case_with_its_error():
    cases, document = stargate.validate(details=True)
    assert document == cli_json("validate")
    assert list(cases.columns[:7]) == ["file", "id", "source", "metric", "predicted", "measured", "signed_error_pct"]
    scored = cases[~cases["skipped"]]
    assert len(scored) > 10
    expected = 100 * (scored["predicted"] - scored["measured"]) / scored["measured"]
    assert (abs(scored["signed_error_pct"] - expected) < 1e-6).all()


def test_validate_a_file_that_is_not_a_validation_file():
    with pytest.raises(stargate.ScenarioError) as raised:
        stargate.validate("data/scenarios/llama3-405b-16k-h100.yaml")
    assert raised.value.file == "data/scenarios/llama3-405b-16k-h100.yaml" and raised.value.field == "cases"
