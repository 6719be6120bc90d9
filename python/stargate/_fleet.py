"""The fleet build-out (`stargate plan`) quarter by quarter and its sensitivity (`stargate plan --vary`)."""
import os

from . import _frames, _stargate
from ._scenario import DICT_FILE_NAME, dict_to_text


def _fleet_document(scenario, varies, name):
    if scenario is None:
        return _stargate.fleet_plan_file_json("", varies)
    if isinstance(scenario, dict):
        return _stargate.fleet_plan_json(dict_to_text(scenario), name or DICT_FILE_NAME, varies)
    if isinstance(scenario, (str, os.PathLike)):
        return _stargate.fleet_plan_file_json(os.fspath(scenario), varies)
    raise TypeError(f"a fleet scenario is a file path, a dict or None (built-in), not {type(scenario).__name__}")


def plan_fleet(scenario=None, *, name=None, details=False):
    """The fleet plan quarter by quarter as a DataFrame, one row per quarter (quarter, gpus_installed,
    it_power_installed_mw, facility_power_mw, spent_usd, binding_limit, pflops.bf16, tokens_per_day, ...).

    scenario: a fleet scenario file, a dict with its structure (named `name` in errors) or None for the built-in
    Stargate scenario (data/scenarios/stargate.yaml). details=True also returns the whole `stargate plan --json`
    document (serving_by_generation, budget, ...).
    """
    document = _frames.parse(_fleet_document(scenario, [], name))
    table = _frames.frame(document["quarters"], ["quarter"])
    return (table, document) if details else table


def sensitivity(scenario=None, vary=(), *, name=None):
    """The tornado of `stargate plan --vary`: one row per FIELD=LOW..HIGH in `vary`, largest swing first, with
    columns field, low, high and the plan's metrics at each end (at_low.*, at_high.*: gpus, pflops_bf16,
    facility_mw, spent_usd, tokens_per_day, usd_per_million_tokens, usd_per_gpu_hour, training_days).
    The base metrics are in the DataFrame's attrs["base"].
    """
    varies = [vary] if isinstance(vary, str) else list(vary)
    if not varies:
        raise ValueError("sensitivity needs at least one vary='FIELD=LOW..HIGH'")
    document = _frames.parse(_fleet_document(scenario, varies, name))
    table = _frames.frame(document["sensitivity"]["rows"], ["field", "low", "high"])
    table.attrs["base"] = document["sensitivity"]["base"]
    return table
