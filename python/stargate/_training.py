"""Training: one step estimated (`stargate train`) and the best plans searched (`stargate search`)."""
from . import _frames, _stargate
from ._scenario import load

PLAN_COLUMNS = ["rank", "step_seconds", "mfu", "memory_bytes", "objective", "plan.tp", "plan.pp", "plan.dp",
                "plan.cp", "plan.ep", "plan.vpp", "plan.micro_batch", "plan.zero", "plan.recompute",
                "plan.precision", "plan.sequence_parallel", "plan.tp_comm_overlap", "plan.fp8_recipe"]


def estimate_training(scenario, *, details=False):
    """The training step of a scenario (path, dict or stargate.Scenario), the plan's `auto` fields completed.

    A dict of the figures of `stargate train --json`, under the same names: step_seconds, micro_batches,
    tokens_per_step, tokens_per_second, model_flops_per_step, hardware_flops_per_step, mfu, hfu,
    mfu_peak_flops_per_s, precision_peak_flops_per_s, fits, breakdown_seconds, memory_bytes, run, notes
    (docs/python.md). details=True returns the whole `stargate train --json` document instead (with the plan,
    the completion of `auto` fields, mfu_precision_peak and the scenario's names); it costs a JSON round trip.
    """
    if details:
        return _frames.parse(_stargate.estimate_training_json(load(scenario)))
    return _stargate.estimate_training(load(scenario))


def search(scenario, *, objective="step-time", top=10, threads=0, max_step_seconds=0.0, min_mfu=0.0,
           max_memory_gib=0.0, details=False):
    """The `top` best training plans (exhaustive search, oneTBB on `threads`, 0 = all cores) as a DataFrame.

    One row per plan, best first: rank, step_seconds, mfu, memory_bytes (per GPU), objective (the ranked
    quantity: seconds, USD or joules per step) and the plan's fields as plan.*. With details=True, returns
    (DataFrame, dict) where the dict is the whole `stargate search --json` document (stats, scenario_plan with
    its rank, gpu_hour_cost, each winner's full estimate).
    """
    document = _frames.parse(_stargate.search_training_json(
        load(scenario), objective, top, threads, max_step_seconds, min_mfu, max_memory_gib))
    rows = [{key: value for key, value in plan.items() if key != "estimate"} for plan in document["best"]]
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
    table = _frames.frame(rows, PLAN_COLUMNS)
    return (table, document) if details else table
