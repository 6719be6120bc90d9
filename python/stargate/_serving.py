"""Serving: a load simulated (`stargate serve`), capacity planned (`--capacity`), deployments searched (`--search`)."""
from . import _frames, _stargate
from ._scenario import load


def serve(scenario, *, requests=0, offline=False):
    """The simulated serving load as `stargate serve --json` prints it (a dict: ttft, tpot, e2e percentiles in
    seconds, throughput, goodput, slo_attainment, cost, utilization, kv_cache, time_series, ...).

    requests > 0 overrides the workload's number of requests (not for a trace arrival).
    offline=True runs the workload as a static batch queued at t = 0 (`stargate serve --offline --json`: the same
    dict with "mode": "offline"; throughput over the time to finish the batch, latencies from t = 0).
    """
    return _frames.parse(_stargate.serve_json(load(scenario), requests, bool(offline)))


def serve_capacity(scenario, *, accelerators=(), requests=0, details=False):
    """The fewest GPUs and cheapest deployment per accelerator (catalog ids; empty = every accelerator with a node
    preset) as a DataFrame of every (accelerator, tp) tried, with columns fewest and cheapest marking the rows the
    command line lists. details=True also returns the whole `stargate serve --capacity --json` document.
    """
    document = _frames.parse(_stargate.serve_capacity_json(load(scenario), list(accelerators), requests))
    table = _frames.frame(document["options"])
    key = ["accelerator", "tp"]
    for column, listed in (("fewest", "fewest_gpus"), ("cheapest", "cheapest")):
        chosen = {tuple(row[k] for k in key) for row in document[listed]}
        table[column] = [tuple(values) in chosen for values in table[key].itertuples(index=False)]
    return (table, document) if details else table


def search_deployments(scenario, *, accelerators=(), top=5, probe_requests=0, details=False):
    """The `top` cheapest deployments meeting the scenario's SLOs (`stargate serve --search --json`), cheapest first,
    as a DataFrame; details=True also returns the whole document (candidates, rejections, timing).
    """
    document = _frames.parse(_stargate.search_deployments_json(load(scenario), list(accelerators), top,
                                                               probe_requests))
    table = _frames.frame(document["top"])
    return (table, document) if details else table
