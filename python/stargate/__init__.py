"""Stargate from Python: the same scenarios, presets, models and errors as the `stargate` command line.

    import stargate
    s = stargate.load("data/scenarios/llama3-405b-16k-h100.yaml")   # or a dict
    stargate.estimate_training(s)["step_seconds"]
    stargate.search(s, top=5)                                       # a pandas DataFrame

Every function is documented in docs/python.md. Bad input raises stargate.ScenarioError, whose message is the
command line's ("file:line:column: field: message") and whose attributes are file, line, column, field, reason.
"""
from ._stargate import InternalError, Scenario, ScenarioError
from ._scenario import load
from ._training import estimate_training, search
from ._serving import search_deployments, serve, serve_capacity
from ._fleet import plan_fleet, sensitivity
from ._validation import validate

__all__ = [
    "InternalError", "Scenario", "ScenarioError", "load", "estimate_training", "search", "serve",
    "serve_capacity", "search_deployments", "plan_fleet", "sensitivity", "validate",
]
