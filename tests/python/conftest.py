"""Shared inputs of the Python package tests (run from the repository root with PYTHONPATH=build/python)."""
import json
import os
import subprocess

import pytest

TRAINING = "data/scenarios/llama3-405b-16k-h100.yaml"
SERVING = "data/scenarios/serve-llama8b-h100.yaml"
STARGATE_BINARY = os.environ.get("STARGATE_BINARY", "build/stargate")  # ctest passes the built binary


def cli_json(*args):
    """What the command line prints with --json for these arguments."""
    return json.loads(subprocess.run([STARGATE_BINARY, *args, "--json"], check=True, capture_output=True,
                                     text=True).stdout)


def small_training_dict():
    """A small training scenario as a dict: Llama 3.1 8B on 64 H100s, tp 2 pp 1 dp 32."""
    return {
        "name": "dict scenario",
        "cluster": {"accelerator": "h100-sxm", "node": "dgx-h100", "fabric": "infiniband-ndr", "gpus": 64},
        "model": "llama3.1-8b",
        "training": {"seq_len": 8192, "global_batch": "2Mi tokens", "tokens": "1T",
                     "plan": {"tp": 2, "pp": 1, "dp": 32, "micro_batch": 1, "recompute": "none"}},
    }


@pytest.fixture
def training_dict():
    return small_training_dict()
