"""Scenarios from a file, YAML text or a Python dict, all read by the library's one scenario reader."""
import json
import os

from . import _stargate

DICT_FILE_NAME = "<dict>"


def dict_to_text(scenario):
    """A dict as JSON text (valid YAML), one key per line so errors point at the offending line."""
    return json.dumps(scenario, indent=2, allow_nan=False) + "\n"


def load(source, *, name=None):
    """A checked scenario (stargate.Scenario) from a file path or a dict with the YAML file's structure.

    A dict is written as JSON text and read by the same reader as a file, named `name` (default "<dict>") in
    errors, so a ScenarioError still carries file, line and field.
    """
    if isinstance(source, _stargate.Scenario):
        return source
    if isinstance(source, dict):
        return _stargate.parse_scenario(dict_to_text(source), name or DICT_FILE_NAME)
    if isinstance(source, (str, os.PathLike)):
        return _stargate.load_scenario_file(os.fspath(source))
    raise TypeError(f"a scenario is a file path, a dict or a stargate.Scenario, not {type(source).__name__}")
