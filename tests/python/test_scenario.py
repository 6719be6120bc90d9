"""Loading scenarios from files and dicts, and the errors: a ScenarioError carries file, line and field."""
import pytest

import stargate
from conftest import SERVING, TRAINING, small_training_dict


def test_a_file_loads_with_its_presets():
    s = stargate.load(TRAINING)
    assert (s.file, s.accelerator, s.gpus, s.model) == (TRAINING, "h100-sxm", 16384, "llama3.1-405b")
    assert s.has_training and not s.has_serving


def test_a_dict_loads_like_the_same_yaml_file():
    s = stargate.load(small_training_dict())
    assert (s.file, s.name, s.gpus, s.accelerator) == ("<dict>", "dict scenario", 64, "h100-sxm")


def test_a_loaded_scenario_passes_through_unchanged():
    s = stargate.load(SERVING)
    assert stargate.load(s) is s


@pytest.mark.parametrize("field, value, message", [
    (("training", "plan", "tp"), 3, "tp"),
    (("cluster", "gpus"), -4, "gpus"),
    (("cluster", "accelerator"), "h1000", "h1000"),
])
def test_a_bad_dict_field_raises_scenario_error_with_file_line_and_field(field, value, message):
    scenario = small_training_dict()
    node = scenario
    for key in field[:-1]:
        node = node[key]
    node[field[-1]] = value
    with pytest.raises(stargate.ScenarioError) as raised:
        stargate.estimate_training(stargate.load(scenario, name="sweep.json"))
    error = raised.value
    assert isinstance(error, ValueError)
    assert error.file == "sweep.json"
    assert error.line > 1, "the line of the field in the dict's JSON text"
    assert error.field.endswith(field[-1]) or field[-1] in error.field
    assert str(error).startswith(f"sweep.json:{error.line}:")
    assert message in str(error)


def test_an_unknown_key_names_its_line_in_the_dict_text():
    scenario = small_training_dict()
    scenario["training"]["bogus_knob"] = 1
    with pytest.raises(stargate.ScenarioError) as raised:
        stargate.load(scenario)
    text = stargate._scenario.dict_to_text(scenario).splitlines()
    assert "bogus_knob" in text[raised.value.line - 1]
    assert raised.value.file == "<dict>"


def test_a_missing_file_is_a_scenario_error_naming_it():
    with pytest.raises(stargate.ScenarioError) as raised:
        stargate.load("no/such/scenario.yaml")
    assert raised.value.file == "no/such/scenario.yaml" or "no/such/scenario.yaml" in str(raised.value)


def test_a_scenario_of_the_wrong_type_is_a_type_error():
    with pytest.raises(TypeError):
        stargate.load(42)


def test_invalid_utf8_in_a_file_is_replaced_in_the_error_not_a_decode_error(tmp_path):
    path = tmp_path / "bytes.yaml"
    path.write_bytes(open(TRAINING, "rb").read() + b"\xff\xfebogus: 1\n")
    with pytest.raises(stargate.ScenarioError) as raised:
        stargate.load(path)
    assert raised.value.file == str(path)
    assert "\ufffd" in str(raised.value) or raised.value.line > 0
