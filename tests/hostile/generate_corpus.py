#!/usr/bin/env python3
"""Generates tests/hostile/corpus.json: the hostile-input corpus run by hostile_corpus_test.cc.

Each case: name (test name), class (what kind of hostility), kind (which input), files (name -> text whose code points all below 256 are
written as single bytes (so invalid UTF-8 can be expressed), or {fill, bytes}
for a large file of one repeated character, written into a fresh directory), args (the stargate command line, run there; shell words), stdout ("pipe", "full" for
/dev/full, "closed"), exit (expected exit code) and message (a fragment expected in stderr, or stdout on exit 0).
Run from the repository root: python3 tests/hostile/generate_corpus.py
"""
import copy
import json
import os
import re

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
cases = []


def add(name, cls, kind, args, exit_code, message, files=None, stdout="pipe"):
    name = re.sub(r"[^A-Za-z0-9_]", "_", name.replace("-", "minus").replace("+", "").replace(".", "p"))
    assert all(c.isalnum() or c == "_" for c in name), name
    assert name not in {c["name"] for c in cases}, name
    cases.append({"name": name, "class": cls, "kind": kind, "files": files or {}, "args": args, "stdout": stdout,
                  "exit": exit_code, "message": message})


def dump(doc):
    return yaml.safe_dump(doc, sort_keys=False, width=1000)


def with_field(doc, path, value):
    doc = copy.deepcopy(doc)
    node = doc
    keys = path.split(".")
    for k in keys[:-1]:
        node = node[int(k)] if isinstance(node, list) else node.setdefault(k, {})
    if value is DELETE:
        del node[keys[-1]]
    elif isinstance(node, list):
        node[int(keys[-1])] = value
    else:
        node[keys[-1]] = value
    return doc


DELETE = object()

TRAIN = {"name": "t", "cluster": {"accelerator": "h100-sxm", "gpus": 64}, "model": "llama3.1-8b",
         "training": {"seq_len": 8192, "global_batch": 512, "tokens": "1T",
                      "plan": {"tp": 2, "pp": 2, "dp": 16, "micro_batch": 1, "zero": 1, "precision": "bf16"}}}
SERVE = {"name": "s", "cluster": {"accelerator": "h100-sxm", "gpus": 8}, "model": "llama3.1-8b",
         "serving": {"replicas": 2, "tp": 1, "weights": "fp8",
                     "scheduler": {"max_batch_sequences": 64, "max_batch_tokens": 8192},
                     "workload": {"arrival": "poisson", "rate": 20, "requests": 200,
                                  "input": {"distribution": "fixed", "mean": 512},
                                  "output": {"distribution": "fixed", "mean": 64}, "seed": 1},
                     "slo": {"ttft": "500ms", "tpot": "50ms"}}}
DISAGG = copy.deepcopy(SERVE)
DISAGG["cluster"]["gpus"] = 16
del DISAGG["serving"]["replicas"], DISAGG["serving"]["tp"]
DISAGG["serving"]["prefill"] = {"replicas": 1, "tp": 1}
DISAGG["serving"]["decode"] = {"replicas": 1, "tp": 1}
DISAGG["serving"]["kv_transfer_bandwidth"] = "50GB/s"
TRACE_SCEN = {"name": "tr", "cluster": {"accelerator": "h200", "gpus": 1}, "model": "llama3.1-8b",
              "serving": {"replicas": 1, "workload": {"arrival": "trace", "trace": "t.csv"}}}
TRACE_OK = "arrival_s,input_tokens,output_tokens\n0.0,512,64\n0.1,256,32\n"
FLEET = yaml.safe_load(open(os.path.join(ROOT, "data/scenarios/fleet-samsung-qualified.yaml")))
VAL_TRAIN = yaml.safe_load(open(os.path.join(ROOT, "data/validation/training.yaml")))
VAL_TRAIN = {"cases": [VAL_TRAIN["cases"][0]]}
VAL_INFER = yaml.safe_load(open(os.path.join(ROOT, "data/validation/inference.yaml")))
VAL_INFER = {"cases": [VAL_INFER["cases"][0]]}
MEAS_TRAIN = json.load(open(os.path.join(ROOT, "data/validation/measured-h100/train.json")))[:1]
MEAS_INFER = json.load(open(os.path.join(ROOT, "data/validation/measured-h100/infer.json")))
MEAS_INFER = [MEAS_INFER[0], next(r for r in MEAS_INFER if r["phase"] == "decode")]


def scenario_case(name, cls, base, path, value, exit_code, message, command="train", extra=()):
    kind = "training_scenario" if command in ("train", "search") else "serving_scenario"
    add(name, cls, kind, [command, "s.yaml", *extra], exit_code, message,
        {"s.yaml": dump(with_field(base, path, value))})


# ---- Divisors and degenerate shapes ---------------------------------------------------------------------------
for field, value, msg in [
        ("tp", 0, "training.plan.tp"), ("pp", 0, "training.plan.pp"), ("dp", 0, "training.plan.dp"),
        ("cp", 0, "training.plan.cp"), ("ep", 0, "training.plan.ep"), ("vpp", 0, "training.plan.vpp"),
        ("micro_batch", 0, "training.plan.micro_batch"), ("tp", -2, "training.plan.tp"),
        ("dp", -16, "training.plan.dp"), ("micro_batch", -1, "training.plan.micro_batch"),
        ("tp", 3, "does not divide"), ("tp", 2.5, "whole number"), ("ep", 2, "mixture-of-experts"),
        ("pp", 64, "dp"), ("tp", 1e300, "training.plan.tp"), ("zero", 4, "training.plan.zero"),
        ("zero", -1, "training.plan.zero"), ("vpp", 100, "training.plan.vpp"), ("cp", 3, "training.plan"),
        ("micro_batch", 7, "micro_batch"), ("expert_tp", 0, "training.plan.expert_tp"),
        ("expert_tp", 2, "mixture-of-experts"), ("expert_imbalance", 0.5, "training.plan.expert_imbalance"),
        ("expert_imbalance", 1e300, "training.plan.expert_imbalance"),
        ("expert_capacity_factor", -1, "training.plan.expert_capacity_factor"),
        ("expert_capacity_factor", 1e300, "training.plan.expert_capacity_factor"),
        ("moe_dispatcher", "nccl", "training.plan.moe_dispatcher")]:
    scenario_case(f"train_plan_{field}_{str(value).replace('-', 'minus').replace('.', 'p').replace('+', '')}",
                  "divisor", TRAIN, f"training.plan.{field}", value, 2, msg)
for tag, value, msg in [("nan", {"optimizer": float("nan")}, "training.plan.offload.optimizer"),
                       ("negative", {"weights": -0.5}, "training.plan.offload.weights"),
                       ("huge", {"activations": 1e300}, "training.plan.offload.activations"),
                       ("word", {"optimizer": "lots"}, "training.plan.offload.optimizer"),
                       ("unknown_kind", {"gradients": True}, "gradients"),
                       ("scalar", "sometimes", "training.plan.offload")]:
    scenario_case(f"train_plan_offload_{tag}", "divisor", TRAIN, "training.plan.offload", value, 2, msg)
for tag, value in [("above_half", 0.9), ("negative", -0.1), ("nan", float("nan"))]:
    scenario_case(f"train_memory_headroom_{tag}", "divisor", TRAIN, "cluster.accelerator",
                  {"preset": "h100-sxm", "memory_headroom": value}, 2, "memory_headroom")
for field, value, msg in [("gpus", 0, "cluster.gpus"), ("gpus", -8, "cluster.gpus"), ("gpus", 12, "whole"),
                          ("gpus", 1e30, "cluster.gpus")]:
    scenario_case(f"train_cluster_{field}_{str(value).replace('-', 'minus').replace('+', '')}", "divisor", TRAIN,
                  f"cluster.{field}", value, 2, msg)
for field, value, msg in [("seq_len", 0, "training.seq_len"), ("seq_len", -1, "training.seq_len"),
                          ("global_batch", 0, "training.global_batch"), ("global_batch", -512, "global_batch"),
                          ("global_batch", "100 tokens", "whole number")]:
    scenario_case(f"train_{field}_{str(value).replace('-', 'minus').replace(' ', '_')}", "divisor", TRAIN,
                  f"training.{field}", value, 2, msg)
for field, value, msg in [("serving.tp", 0, "serving.tp"), ("serving.tp", 3, "does not divide"),
                          ("serving.tp", -1, "serving.tp"), ("serving.replicas", 0, "serving.replicas"),
                          ("serving.replicas", -4, "serving.replicas"), ("serving.tp", 16, "GPUs"),
                          ("serving.scheduler.max_batch_sequences", 0, "max_batch_sequences"),
                          ("serving.scheduler.max_batch_tokens", 0, "max_batch_tokens"),
                          ("serving.scheduler.block_tokens", 0, "block_tokens"),
                          ("serving.scheduler.gpu_memory_fraction", 0, "gpu_memory_fraction"),
                          ("serving.scheduler.gpu_memory_fraction", 1.5, "gpu_memory_fraction"),
                          ("serving.workload.input", 0, "serving.workload.input"),
                          ("serving.workload.output", 0, "serving.workload.output"),
                          ("serving.workload.output", -5, "serving.workload.output")]:
    scenario_case(f"serve_{field.split('.')[-1]}_{str(value).replace('-', 'minus').replace('.', 'p')}", "divisor",
                  SERVE, field, value, 2, msg, "serve")
for name, value, msg in [("method", {"method": "medusa"}, "serving.speculative.method"),
                         ("acceptance_above_one", {"method": "eagle", "tokens": 2, "acceptance": 1.5}, "acceptance"),
                         ("acceptance_missing", {"method": "eagle", "tokens": 2}, "acceptance"),
                         ("acceptance_too_many", {"method": "mtp", "tokens": 1, "acceptance": [0.9, 0.8]}, "acceptance"),
                         ("tokens_zero", {"method": "mtp", "tokens": 0}, "serving.speculative.tokens"),
                         ("tokens_huge", {"method": "mtp", "tokens": 100}, "serving.speculative.tokens"),
                         ("draft_with_eagle", {"method": "eagle", "acceptance": 0.7, "draft_model": "llama3.1-8b"},
                          "draft_model"),
                         ("draft_vocab", {"method": "draft_model", "acceptance": 0.7, "draft_model": "qwen3-8b"},
                          "vocabulary"),
                         ("draft_unknown", {"method": "draft_model", "acceptance": 0.7, "draft_model": "llama-tiny"},
                          "draft_model")]:
    scenario_case(f"serve_speculative_{name}", "divisor", SERVE, "serving.speculative", value, 2, msg, "serve")
# MoE serving fields (docs/serving.md "MoE serving"): on a dense model, and parallelism that does not divide.
MOE_SERVE = copy.deepcopy(SERVE)
MOE_SERVE["model"] = "qwen3-30b-a3b"
MOE_SERVE["serving"].update({"replicas": 1, "tp": 8})
for name, base, field, value, msg in [
        ("ep_dense", SERVE, "serving.ep", 2, "no experts"),
        ("moe_dense", SERVE, "serving.moe", {"two_batch_overlap": True}, "no experts"),
        ("attention_dp_3", MOE_SERVE, "serving.attention_dp", 3, "serving.attention_dp"),
        ("ep_3", MOE_SERVE, "serving.ep", 3, "serving.ep"),
        ("moe_dispatch", MOE_SERVE, "serving.moe", {"dispatch": "fast"}, "serving.moe.dispatch"),
        ("moe_imbalance", MOE_SERVE, "serving.moe", {"expert_imbalance": 0.5}, "serving.moe.expert_imbalance"),
        ("moe_typo", MOE_SERVE, "serving.moe", {"two_batch_overlapp": True}, "two_batch_overlapp")]:
    scenario_case(f"serve_{name}", "divisor", base, field, value, 2, msg, "serve")
for field, value, msg in [("serving.prefill.tp", 0, "serving.prefill.tp"), ("serving.decode.tp", 3, "divide"),
                          ("serving.prefill.replicas", 0, "serving.prefill.replicas"),
                          ("serving.decode.replicas", -1, "serving.decode.replicas")]:
    scenario_case(f"disagg_{field.split('.')[-2]}_{field.split('.')[-1]}_{str(value).replace('-', 'minus')}",
                  "divisor", DISAGG, field, value, 2, msg, "serve")
# Mixed hardware: a pool's own accelerator, node and price are read strictly.
for name, field, value, msg in [("accelerator_unknown", "serving.decode.accelerator", "b201", "b200"),
                                ("accelerator_number", "serving.prefill.accelerator", 7, "serving.prefill.accelerator"),
                                ("node_unknown", "serving.decode.node", "dgx-b900", "serving.decode.node"),
                                ("price_no_unit", "serving.decode.price_per_gpu", 3, "serving.decode.price_per_gpu"),
                                ("price_negative", "serving.prefill.price_per_gpu", "$-2/h", "price_per_gpu"),
                                ("tp_over_node", "serving.decode", {"replicas": 1, "tp": 8, "accelerator": "tpu-v5p"},
                                 "GPUs")]:
    scenario_case(f"disagg_mixed_{name}", "divisor", DISAGG, field, value, 2, msg, "serve")

# ---- Overflow and non-finite quantities --------------------------------------------------------------------
for path, value, msg in [("training.tokens", "1e308T", "training.tokens"),
                         ("training.tokens", "1e400", "training.tokens"),
                         ("training.tokens", "nan", "training.tokens"), ("training.tokens", "inf", "training.tokens"),
                         ("training.tokens", "-1T", "training.tokens"),
                         ("training.global_batch", "1e12", "training.global_batch"),
                         ("training.global_batch", 137438953472, "training.global_batch"),
                         ("training.global_batch", "1e300 tokens", "training.global_batch"),
                         ("training.global_batch", "nan", "training.global_batch"),
                         ("training.seq_len", 4294967297, "training.seq_len"),
                         ("training.plan.dp", 4294967297, "training.plan.dp"),
                         ("training.plan.micro_batch", 4294967297, "training.plan.micro_batch"),
                         ("cluster.gpus", 9223372036854775808, "cluster.gpus"),
                         ("cluster.gpus", "1e19", "cluster.gpus"),
                         ("cluster.gpus", ".inf", "cluster.gpus"),
                         ("training.tokens", "0x10", "training.tokens")]:
    tag = str(value).replace("-", "minus").replace(".", "p").replace(" ", "_").replace("+", "")
    scenario_case(f"train_{path.split('.')[-1]}_{tag}", "overflow", TRAIN, path, value, 2, msg)
CUSTOM_ACC = {"preset": "h100-sxm"}
for path, value, msg in [("serving.workload.rate", "1e400", "serving.workload.rate"),
                         ("serving.workload.rate", "nan", "serving.workload.rate"),
                         ("serving.workload.rate", "inf", "serving.workload.rate"),
                         ("serving.workload.seed", 9223372036854775808, "serving.workload.seed"),
                         ("serving.workload.seed", -1, "serving.workload.seed"),
                         ("serving.workload.requests", "1e30", "serving.workload.requests"),
                         ("serving.workload.shared_prefix", 4294967297, "serving.workload.shared_prefix"),
                         ("serving.price_per_gpu", "$1e308T/h", "serving.price_per_gpu"),
                         ("serving.price_per_gpu", "$nan/h", "serving.price_per_gpu"),
                         ("serving.sample_interval", "1e308y", "serving.sample_interval"),
                         ("serving.slo.ttft", "1e308y", "serving.slo.ttft"),
                         ("serving.slo.attainment", "nan", "serving.slo.attainment"),
                         ("serving.kv_transfer_bandwidth", "1e308Tb/s", "serving.kv_transfer_bandwidth"),
                         ("serving.scheduler.swap_bandwidth", "1e400GB/s", "serving.scheduler.swap_bandwidth"),
                         ("serving.workload.input.mean", 4294967297, "serving.workload.input.mean")]:
    tag = str(value).replace("-", "minus").replace(".", "p").replace("$", "usd").replace("/", "_per_")
    scenario_case(f"serve_{path.split('.')[-1]}_{tag}", "overflow", SERVE, path, value, 2, msg, "serve")
# Independent routers (serving.routers) must divide every pool's replicas and be a whole number ≥ 1.
for value, tag in [(3, "3_not_dividing_2_replicas"), (0, "0"), (-1, "minus1"), (4294967297, "overflow"), (1.5, "1p5")]:
    scenario_case(f"serve_routers_{tag}", "divisor", SERVE, "serving.routers", value, 2, "serving.routers", "serve")
# Prefix identity of a workload (shared prompts, conversations): out-of-range values name their field.
PREFIXED = with_field(with_field(SERVE, "serving.workload.prefix", {"tokens": 64}),
                      "serving.workload.conversation", {"turns": 2})
for path, value, msg in [("serving.workload.prefix.tokens", 4294967297, "serving.workload.prefix.tokens"),
                         ("serving.workload.prefix.groups", 4294967297, "serving.workload.prefix.groups"),
                         ("serving.workload.prefix.zipf_exponent", "nan", "serving.workload.prefix.zipf_exponent"),
                         ("serving.workload.prefix.share", "1e400", "serving.workload.prefix.share"),
                         ("serving.workload.conversation.turns", 4294967297, "serving.workload.conversation.turns"),
                         ("serving.workload.conversation.think_time", "1e308y",
                          "serving.workload.conversation.think_time")]:
    tag = str(value).replace("-", "minus").replace(".", "p")
    scenario_case(f"serve_prefix_{path.split('.')[-1]}_{tag}", "overflow", PREFIXED, path, value, 2, msg, "serve")
for path, value, msg in [("cluster.accelerator.hbm.capacity", "1e308PiB", "cluster.accelerator.hbm.capacity"),
                         ("cluster.accelerator.hbm.bandwidth", "1e400TB/s", "cluster.accelerator.hbm.bandwidth"),
                         ("cluster.accelerator.tdp", "nan", "cluster.accelerator.tdp"),
                         ("cluster.accelerator.peak.bf16", "1e308EFLOP/s", "cluster.accelerator.peak.bf16")]:
    base = with_field(TRAIN, "cluster.accelerator", copy.deepcopy(CUSTOM_ACC))
    tag = path.split(".")[-2] + "_" + path.split(".")[-1] + "_" + str(value).replace(".", "p").replace("/", "_per_")
    scenario_case(f"train_custom_{tag}", "overflow", base, path, value, 2, msg)

# ---- Zero rates and bandwidths ------------------------------------------------------------------------------
for path, value, msg in [("cluster.accelerator.peak.bf16", "0TFLOP/s", "peak"),
                         ("cluster.accelerator.hbm.bandwidth", "0TB/s", "cluster.accelerator.hbm.bandwidth"),
                         ("cluster.accelerator.hbm.capacity", "0GiB", "cluster.accelerator.hbm.capacity"),
                         ("cluster.accelerator.tdp", "0W", "cluster.accelerator.tdp"),
                         ("cluster.accelerator.scale_up_bandwidth", "0GB/s", "scale_up_bandwidth"),
                         ("cluster.node.nic_bandwidth_per_gpu", "0Gb/s", "cluster.node.nic_bandwidth_per_gpu"),
                         ("cluster.node.gpus_per_node", 0, "cluster.node.gpus_per_node"),
                         ("cluster.fabric.link_bandwidth", "0Gb/s", "cluster.fabric.link_bandwidth"),
                         ("cluster.fabric.link_bandwidth", "nanGb/s", "cluster.fabric.link_bandwidth")]:
    base = with_field(TRAIN, "cluster.accelerator", copy.deepcopy(CUSTOM_ACC))
    base = with_field(base, "cluster.node", {"preset": "dgx-h100"})
    base = with_field(base, "cluster.fabric", {"preset": "infiniband-ndr"})
    scenario_case(f"train_zero_{path.split('.')[-2]}_{path.split('.')[-1]}_{value}", "zero_rate", base, path, value,
                  2, msg)
for path, value, msg in [("serving.workload.rate", 0, "serving.workload.rate"),
                         ("serving.workload.rate", -5, "serving.workload.rate"),
                         ("serving.workload.rate", "1e-300", "serving.workload"),
                         ("serving.scheduler.swap_bandwidth", "0GB/s", "serving.scheduler.swap_bandwidth"),
                         ("serving.kv_transfer_bandwidth", "0GB/s", "serving.kv_transfer_bandwidth"),
                         ("serving.slo.ttft", "0s", "serving.slo.ttft"), ("serving.slo.tpot", "0ms", "serving.slo.tpot"),
                         ("serving.slo.e2e", "0s", "serving.slo.e2e"),
                         ("serving.slo.attainment", 0, "serving.slo.attainment"),
                         ("serving.price_per_gpu", "$0/h", "serving.price_per_gpu"),
                         ("serving.sample_interval", "0s", "serving.sample_interval")]:
    tag = str(value).replace("-", "minus").replace("$", "usd").replace("/", "_per_").replace(".", "p")
    scenario_case(f"serve_zero_{path.split('.')[-1]}_{tag}", "zero_rate", SERVE, path, value, 2, msg, "serve")
gamma = with_field(SERVE, "serving.workload.arrival", "gamma")
for value, msg in [(0, "burstiness"), ("1e300", "burstiness"), ("nan", "burstiness"), (-1, "burstiness")]:
    scenario_case(f"serve_gamma_burstiness_{str(value).replace('-', 'minus')}", "zero_rate",
                  with_field(gamma, "serving.workload.burstiness", value), "name", "g", 2, msg, "serve")
swap = with_field(SERVE, "serving.scheduler.preemption", "swap")
scenario_case("serve_swap_preemption_zero_bandwidth", "zero_rate", swap, "serving.scheduler.swap_bandwidth", "0B/s",
              2, "swap_bandwidth", "serve")
scenario_case("disagg_zero_kv_transfer_bandwidth", "zero_rate", DISAGG, "serving.kv_transfer_bandwidth", "0GB/s",
              2, "kv_transfer_bandwidth", "serve")

# ---- Empty results ---------------------------------------------------------------------------------------------
huge_prompt = with_field(with_field(SERVE, "serving.workload.input", 1_000_000), "serving.weights", "bf16")
scenario_case("serve_no_request_fits", "empty", huge_prompt, "serving.workload.output", 10, 2, "no request completed",
              "serve")
scenario_case("serve_no_request_fits_json", "empty", huge_prompt, "serving.workload.output", 10, 2,
              "no request completed", "serve", ["--json"])
scenario_case("serve_no_request_fits_capacity", "empty", huge_prompt, "serving.workload.output", 10, 2,
              "", "serve", ["--capacity", "--accelerators", "h100-sxm"])
fleet_no_hbm = with_field(FLEET, "fleet.supply.hbm", [])
add("fleet_no_hbm_vendors", "empty", "fleet", ["plan", "f.yaml"], 2, "fleet.supply.hbm", {"f.yaml": dump(fleet_no_hbm)})
add("fleet_no_sites", "empty", "fleet", ["plan", "f.yaml"], 2, "fleet.sites",
    {"f.yaml": dump(with_field(FLEET, "fleet.sites", []))})
add("fleet_no_generations", "empty", "fleet", ["plan", "f.yaml"], 2, "fleet.generations",
    {"f.yaml": dump(with_field(FLEET, "fleet.generations", []))})
add("fleet_never_qualified", "empty", "fleet", ["plan", "f.yaml"], 0, "",
    {"f.yaml": dump(with_field(FLEET, "fleet.supply.hbm", [dict(FLEET["fleet"]["supply"]["hbm"][0],
                                                                  qualified_from="never")]))})
add("validate_empty_case_list", "empty", "validation_yaml", ["validate", "v.yaml"], 2, "cases",
    {"v.yaml": "cases: []\n"})
add("validate_measured_empty_array", "empty", "validation_json", ["validate", "train.json"], 2, "no",
    {"train.json": "[]"})
add("trace_header_only", "empty", "trace_csv", ["serve", "s.yaml"], 2, "no requests",
    {"s.yaml": dump(TRACE_SCEN), "t.csv": "arrival_s,input_tokens,output_tokens\n"})
add("trace_empty_file", "empty", "trace_csv", ["serve", "s.yaml"], 2, "no requests",
    {"s.yaml": dump(TRACE_SCEN), "t.csv": ""})
add("trace_prefix_longer_than_prompt", "overflow", "trace_csv", ["serve", "s.yaml"], 2, "t.csv:3",
    {"s.yaml": dump(TRACE_SCEN), "t.csv": "arrival_s,input_tokens,output_tokens,prefix_id,prefix_tokens\n0,10,5,a,8\n"
                                          "0.1,10,5,a,4294967297\n"})

# ---- Unbounded work and memory -----------------------------------------------------------------------------------
for name, path, value, msg in [("rate_tiny", "serving.workload.rate", "1e-300", "serving.workload"),
                               ("rate_1e-9", "serving.workload.rate", "1e-9", "simulated span"),
                               # 10⁸ requests are within the cap (drawn lazily, memory flat) but at 20/s they span 58 days
                               ("requests_1e8", "serving.workload.requests", 100000000, "simulated span"),
                               ("requests_2e9", "serving.workload.requests", 2000000000, "serving.workload.requests"),
                               ("output_1e7", "serving.workload.output", 10000000, "serving.workload.output"),
                               ("replicas_1e6", "serving.replicas", 1000000, "serving.replicas"),
                               ("replicas_9_on_8", "serving.replicas", 9, "GPUs"),
                               ("sample_interval_1ns", "serving.sample_interval", "1ns", ""),
                               ("input_1e7", "serving.workload.input", 10000000, "serving.workload.input")]:
    scenario_case(f"serve_unbounded_{name.replace('-', 'minus')}", "unbounded", SERVE, path, value, 2 if msg else 0, msg,
                  "serve")
# An offline batch is in flight all at once: its size keeps the 2,000,000 cap.
scenario_case("serve_unbounded_offline_requests_3e6", "unbounded",
              with_field(SERVE, "serving.workload.arrival", "offline"), "serving.workload.requests", 3000000, 2,
              "serving.workload.requests", "serve")
# serve --offline holds its batch at once too (--requests past the cap), and sizes nothing (--capacity, --search).
add("serve_offline_requests_3e6", "unbounded", "cli", ["serve", "s.yaml", "--offline", "--requests", "3000000"], 2,
    "serving.workload.requests", {"s.yaml": dump(SERVE)})
for other in ["--capacity", "--search"]:
    add(f"serve_offline_with_{other[2:]}", "cli", "cli", ["serve", "s.yaml", "--offline", other], 2, "--offline",
        {"s.yaml": dump(SERVE)})
add("serve_offline_trace_rows_at_time_zero", "unbounded", "trace_csv", ["serve", "s.yaml", "--offline"], 0,
    "offline run", {"s.yaml": dump(TRACE_SCEN), "t.csv": TRACE_OK})
# serving.engine: a misspelled engine, and a cuda_graphs that contradicts a PyTorch engine.
scenario_case("serve_engine_misspelled", "malformed", SERVE, "serving.engine", "pytorch_graphs", 2,
              "serving.engine", "serve")
scenario_case("serve_engine_pytorch_eager_with_cuda_graphs", "malformed",
              with_field(SERVE, "serving.engine", "pytorch_eager"), "serving.cuda_graphs", True, 2,
              "serving.cuda_graphs", "serve")
scenario_case("serve_engine_pytorch_cuda_graphs_without", "malformed",
              with_field(SERVE, "serving.engine", "pytorch_cuda_graphs"), "serving.cuda_graphs", False, 2,
              "use engine pytorch_eager", "serve")
scenario_case("serve_tp_times_replicas_over_gpus", "unbounded", with_field(SERVE, "serving.tp", 4), "serving.replicas",
              4, 2, "GPUs", "serve")
scenario_case("disagg_pools_over_gpus", "unbounded", DISAGG, "serving.decode.replicas", 100, 2, "GPUs", "serve")
for name, target in [("dev_zero", "/dev/zero"), ("dev_urandom", "/dev/urandom"), ("directory", "."),
                     ("missing", "nope.yaml"), ("dev_null", "/dev/null")]:
    msg = {"dev_zero": "not a regular file", "dev_urandom": "not a regular file", "directory": "not a regular file",
           "missing": "cannot open", "dev_null": "not a regular file"}[name]
    add(f"train_reads_{name}", "unbounded", "training_scenario", ["train", target], 2, msg)
    add(f"validate_reads_{name}", "unbounded", "validation_yaml", ["validate", target], 2, msg)
    add(f"plan_reads_{name}", "unbounded", "fleet", ["plan", target], 2, msg)
    add(f"serve_trace_{name}", "unbounded", "trace_csv", ["serve", "s.yaml"], 2, msg if name != "missing" else "trace",
        {"s.yaml": dump(with_field(TRACE_SCEN, "serving.workload.trace", target))})
add("train_reads_big_file", "unbounded", "training_scenario", ["train", "big.yaml"], 2, "16 MiB",
    {"big.yaml": {"fill": "#", "bytes": (17 << 20) + 1}})
add("trace_row_at_1e308s", "unbounded", "trace_csv", ["serve", "s.yaml"], 2, "t.csv:4",
    {"s.yaml": dump(TRACE_SCEN), "t.csv": TRACE_OK + "1e308,10,10\n"})
add("trace_row_at_1e9s", "unbounded", "trace_csv", ["serve", "s.yaml"], 2, "t.csv:4",
    {"s.yaml": dump(TRACE_SCEN), "t.csv": TRACE_OK + "1e9,10,10\n"})
add("trace_output_1e9", "unbounded", "trace_csv", ["serve", "s.yaml"], 2, "t.csv:2",
    {"s.yaml": dump(TRACE_SCEN), "t.csv": "a,b,c\n0,10,1000000000\n"})
add("trace_input_int_overflow", "unbounded", "trace_csv", ["serve", "s.yaml"], 2, "t.csv:2",
    {"s.yaml": dump(TRACE_SCEN), "t.csv": "a,b,c\n0,99999999999999999999,10\n"})
add("trace_many_rows_fine", "unbounded", "trace_csv", ["serve", "s.yaml"], 0, "",
    {"s.yaml": dump(TRACE_SCEN), "t.csv": "a,b,c\n" + "".join(f"{i * 0.01:.2f},64,8\n" for i in range(2000))})
add("fleet_quarters_huge", "unbounded", "fleet", ["plan", "f.yaml"], 2, "fleet.quarters",
    {"f.yaml": dump(with_field(FLEET, "fleet.quarters", 100000000))})
add("fleet_construction_lead_1e300y", "overflow", "fleet", ["plan", "f.yaml"], 2, "construction_lead_time",
    {"f.yaml": dump(with_field(FLEET, "fleet.sites.0.construction_lead_time", "1e300y"))})
add("fleet_construction_lead_1e10y", "overflow", "fleet", ["plan", "f.yaml"], 2, "construction_lead_time",
    {"f.yaml": dump(with_field(FLEET, "fleet.sites.0.construction_lead_time", "1e10y"))})
for path, value, msg in [("fleet.budget.total", "$1e308T", "fleet.budget.total"),
                         ("fleet.budget.total", "$0", "fleet.budget.total"),
                         ("fleet.budget.total", "$-5B", "fleet.budget.total"),
                         ("fleet.sites.0.pue", "nan", "pue"), ("fleet.sites.0.pue", 0.5, "pue"),
                         ("fleet.sites.0.capex_per_mw", "$0", "capex_per_mw"),
                         ("fleet.sites.0.energy_price", "$1e400/kWh", "energy_price"),
                         ("fleet.sites.0.ramp.0.it_power", "1e308GW", "it_power"),
                         ("fleet.sites.0.ramp.0.it_power", "0W", "it_power"),
                         ("fleet.finance.cost_of_capital", "nan", "cost_of_capital"),
                         ("fleet.finance.cost_of_capital", 2, "cost_of_capital"),
                         ("fleet.finance.depreciation_life", "0y", "depreciation_life"),
                         ("fleet.finance.depreciation_life", "1e300y", "depreciation_life"),
                         ("fleet.training.seq_len", 0, "seq_len"), ("fleet.training.flops", "0FLOP", "flops"),
                         ("fleet.training.flops", "1e400FLOP", "flops"),
                         ("fleet.training.checkpoint_bandwidth", "0GB/s", "checkpoint_bandwidth"),
                         ("fleet.training.restart", "1e300y", "restart"),
                         ("fleet.serving.tp", 0, "fleet.serving.tp"), ("fleet.serving.tpot", "0s", "tpot"),
                         ("fleet.serving.context_tokens", 0, "context_tokens"),
                         ("fleet.serving.model", "nope", "unknown model"),
                         ("fleet.serving.tokens_per_user_per_day", "1e308T", "tokens_per_user_per_day"),
                         ("fleet.generations.0.price_per_gpu", "$0", "price_per_gpu"),
                         ("fleet.generations.0.hbm_stacks_per_gpu", 0, "hbm_stacks_per_gpu"),
                         ("fleet.generations.0.gpus_per_cowos_wafer", "1e308T", "gpus_per_cowos_wafer"),
                         ("fleet.generations.0.it_power_per_gpu", "0W", "it_power_per_gpu"),
                         ("fleet.supply.hbm_stacks_per_wafer", 0, "hbm_stacks_per_wafer"),
                         ("fleet.supply.cowos.program_share", -0.1, "program_share"),
                         ("fleet.supply.hbm.0.wafers_per_month.0.wafers", -5, "wafers"),
                         ("fleet.supply.hbm.0.wafers_per_month.0.wafers", 1e30, "wafers"),
                         ("fleet.start", "2025Q5", "fleet.start"), ("fleet.start", "99999Q1", "fleet.start"),
                         ("fleet.quarters", 0, "fleet.quarters"), ("fleet.quarters", -4, "fleet.quarters"),
                         ("fleet.partners.0.equity", "$nan", "equity"),
                         ("fleet.budget.tranches.0.amount", "$1e400", "amount")]:
    cls = "zero_rate" if ("0" == str(value).strip("$WyGBFLOPs/") or value == 0) else "overflow"
    tag = path.replace("fleet.", "").replace(".", "_") + "_" + str(value).replace("-", "minus").replace(
        ".", "p").replace("$", "usd").replace("/", "_per_")
    add(f"fleet_{tag}", cls, "fleet", ["plan", "f.yaml"], 2, msg, {"f.yaml": dump(with_field(FLEET, path, value))})
# Distributions (docs/fleet.md "Uncertainty"): bad ones are exit 2 naming the field; a wide one still runs.
for name, path, value, msg in [
        ("p10_above_p50", "fleet.sites.0.capex_per_mw", {"p10": "$12M", "p50": "$11M", "p90": "$15M"}, "p10 must not"),
        ("negative_sigma", "fleet.sites.0.energy_price", {"lognormal": {"median": "$0.07/kWh", "sigma": -1}}, "sigma"),
        ("nan_sigma", "fleet.sites.0.energy_price", {"lognormal": {"median": "$0.07/kWh", "sigma": "nan"}}, "sigma"),
        ("unknown_key", "fleet.finance.cost_of_capital", {"p10": 0.1, "p50": 0.11, "p99": 0.2}, "p99"),
        ("empty_map", "fleet.finance.cost_of_capital", {}, "cost_of_capital"),
        ("triangular_not_a_list", "fleet.sites.0.pue", {"triangular": 1.2}, "pue"),
        ("triangular_inf", "fleet.sites.0.construction_lead_time", {"triangular": ["0y", "1y", "1e300y"]},
         "construction_lead_time"),
        ("share_above_one", "fleet.supply.cowos.program_share", {"triangular": [0.1, 0.5, 1.5]}, "outside"),
        ("not_uncertain_field", "fleet.serving.tpot", {"p10": "40ms", "p50": "50ms", "p90": "60ms"},
         "cannot be a distribution")]:
    add(f"fleet_distribution_{name}", "overflow", "fleet", ["plan", "f.yaml", "--monte-carlo", "20"], 2, msg,
        {"f.yaml": dump(with_field(FLEET, path, value))})
add("fleet_distribution_widest_lognormal_delay_runs", "overflow", "fleet", ["plan", "f.yaml", "--monte-carlo", "50"], 0,
    "", {"f.yaml": dump(with_field(FLEET, "fleet.sites.0.construction_delay", {"lognormal": {"median": "10y", "sigma": 3}}))})
add("fleet_monte_carlo_zero_draws", "zero_rate", "fleet", ["plan", "--monte-carlo", "0"], 2, "--monte-carlo")
if "hbm" in FLEET["fleet"].get("generations", [{}])[0]:
    pass

# ---- Trace CSV ---------------------------------------------------------------------------------------------------
for name, text, msg in [("negative_arrival", "a,b,c\n-1,10,10\n", "t.csv:2"),
                        ("zero_input", "a,b,c\n0,0,10\n", "t.csv:2"), ("zero_output", "a,b,c\n0,10,0\n", "t.csv:2"),
                        ("nan_arrival", "a,b,c\nnan,10,10\n", "t.csv:2"),
                        ("inf_arrival", "a,b,c\ninf,10,10\n", "t.csv:2"),
                        ("missing_column", "a,b,c\n0,10\n", "t.csv:2"),
                        ("extra_column", "a,b,c\n0,10,10,p,5,s,x\n", "t.csv:2"),
                        ("text_in_row", "a,b,c\n0,ten,10\n", "t.csv:2"),
                        ("semicolons", "a;b;c\n0;10;10\n", "t.csv"), ("fractional_tokens", "a,b,c\n0,10.5,10\n", "t.csv:2"),
                        ("binary_garbage", "a,b,c\n\x01\x02\x03\n", "t.csv:2"),
                        ("nul_bytes", "a,b,c\n0,10,10\n\x00\x00\n", "t.csv"),
                        ("negative_tokens", "a,b,c\n0,-10,10\n", "t.csv:2"),
                        ("huge_arrival_exponent", "a,b,c\n1e999,1,1\n", "t.csv:2"),
                        ("trailing_garbage", "a,b,c\n0,10,10xyz\n", "t.csv:2"),
                        ("input_over_limit", "a,b,c\n0,2147483647,10\n", "t.csv:2"),
                        ("crlf_ok", "a,b,c\r\n0,10,10\r\n", ""), ("unsorted_ok", "a,b,c\n1,10,10\n0,10,10\n", ""),
                        ("comment_lines_ok", "a,b,c\n# y\n\n0,10,10\n", ""),
                        ("very_long_line", "a,b,c\n0," + "9" * 100000 + ",1\n", "t.csv:2")]:
    ok = msg == ""
    add(f"trace_{name}", "malformed" if not ok else "valid", "trace_csv", ["serve", "s.yaml"], 0 if ok else 2, msg,
        {"s.yaml": dump(TRACE_SCEN), "t.csv": text})

# ---- Validation files --------------------------------------------------------------------------------------------
for path, value, msg in [("parallelism.tp", 0, "parallelism.tp"), ("parallelism.ep", 0, "parallelism.ep"),
                         ("parallelism.pp", 0, "parallelism.pp"), ("parallelism.dp", 0, "parallelism.dp"),
                         ("parallelism.cp", 0, "parallelism.cp"), ("parallelism.vpp", 0, "parallelism.vpp"),
                         ("parallelism.tp", -8, "parallelism.tp"), ("parallelism.tp", 4294967297, "parallelism.tp"),
                         ("parallelism.zero_stage", 7, "zero_stage"),
                         ("micro_batch_size", 0, "micro_batch_size"), ("micro_batch_size", -4, "micro_batch_size"),
                         ("micro_batch_size", 1e12, "micro_batch_size"),
                         ("global_batch_size", 0, "global_batch_size"), ("global_batch_size", -512, "global_batch_size"),
                         ("global_batch_size", 1e300, "global_batch_size"),
                         ("num_gpus", 0, "num_gpus"), ("num_gpus", -32, "num_gpus"), ("num_gpus", 1e12, "num_gpus"),
                         ("model.hidden", 4294967297, "model.hidden"), ("model.hidden", 0, "model.hidden"),
                         ("model.hidden", -2304, "model.hidden"), ("model.layers", 0, "model.layers"),
                         ("model.layers", -24, "model.layers"), ("model.heads", 0, "model.heads"),
                         ("model.kv_heads", 5, "model.kv_heads"), ("model.kv_heads", 0, "model.kv_heads"),
                         ("model.heads", 7, "kv_heads"), ("model.vocab", 0, "model.vocab"),
                         ("model.seq_len", 0, "model.seq_len"), ("model.seq_len", -2048, "model.seq_len"),
                         ("model.ffn", -1, "model.ffn"), ("model.head_dim", 0, "model.head_dim"),
                         ("model.seq_len", 1e15, "model.seq_len")]:
    tag = path.replace(".", "_") + "_" + str(value).replace("-", "minus").replace(".", "p").replace("+", "")
    # An impossible value skips its case with the located error (a warning on stderr); the file still runs.
    add(f"validate_training_{tag}", "validation", "validation_yaml", ["validate", "v.yaml"], 0, msg,
        {"v.yaml": dump(with_field(VAL_TRAIN, "cases.0." + path, value))})
for path, value, msg in [("measured.tflops_per_gpu", 0, ""), ("measured.tflops_per_gpu", -137, ""),
                         ("measured.tflops_per_gpu", "nan", "")]:
    # A case whose measurement is unusable is skipped with a reason, as before.
    tag = path.replace(".", "_") + "_" + str(value).replace("-", "minus")
    add(f"validate_training_{tag}", "validation", "validation_yaml", ["validate", "v.yaml"], 0, "skipped",
        {"v.yaml": dump(with_field(VAL_TRAIN, "cases.0." + path, value))})
for path, value, msg in [("parallelism.tp", 0, "parallelism.tp"), ("parallelism.tp", 3, "parallelism.tp"),
                         ("parallelism.tp", -1, "parallelism.tp"), ("parallelism.ep", 0, "parallelism.ep"),
                         ("parallelism.pp", 0, "parallelism.pp"), ("model.heads", 0, "model.heads"),
                         ("model.heads", -32, "model.heads"), ("model.kv_heads", 0, "model.kv_heads"),
                         ("model.kv_heads", 5, "model.kv_heads"), ("model.hidden", 0, "model.hidden"),
                         ("model.layers", 0, "model.layers"), ("model.hidden", 4294967297, "model.hidden"),
                         ("model.vocab", -1, "model.vocab"), ("model.ffn", 0, "model.ffn"),
                         ("num_gpus", 0, "num_gpus"), ("num_gpus", -1, "num_gpus"),
                         ("workload.input_len", 0, "workload.input_len"),
                         ("workload.input_len", -128, "workload.input_len"),
                         ("workload.input_len", "nan", "workload.input_len"),
                         ("workload.output_len", 0, "workload.output_len"),
                         ("workload.output_len", 1e12, "workload.output_len"),
                         ("workload.num_requests", 0, "workload.num_requests"),
                         ("workload.num_requests", -5, "workload.num_requests"),
                         ("workload.num_requests", 1e12, "workload.num_requests"),
                         ("workload.num_requests", 100000000, "total_output_tokens_per_s"),
                         ("model.heads", "many", "skipped")]:
    # An impossible value skips its case with the located error (a warning on stderr); 10⁸ requests are read
    # and simulated as the steady state's 10⁵.
    tag = path.replace(".", "_") + "_" + str(value).replace("-", "minus").replace(".", "p").replace("+", "")
    add(f"validate_inference_{tag}", "validation", "validation_yaml", ["validate", "v.yaml"], 0, msg,
        {"v.yaml": dump(with_field(VAL_INFER, "cases.0." + path, value))})
for path, value, msg in [("micro_batch", 0, "micro_batch"), ("micro_batch", -1, "micro_batch"),
                         ("micro_batch", 4294967297, "micro_batch"), ("micro_batch", 1.5, "micro_batch"),
                         ("seq", 0, "seq"), ("seq", -4096, "seq"), ("seq", 1e300, "seq"),
                         ("step_s", 0, "step_s"), ("step_s", -0.1, "step_s"), ("step_s", 1e308, "step_s"),
                         ("cfg.hidden", 4294967297, "cfg.hidden"), ("cfg.hidden", 0, "cfg.hidden"),
                         ("cfg.kv_heads", 5, "cfg.kv_heads"), ("cfg.heads", 0, "cfg.heads"),
                         ("cfg.heads", -32, "cfg.heads"), ("cfg.layers", 1e20, "cfg.layers"),
                         ("cfg.vocab", 0, "cfg.vocab"), ("cfg.ffn", -1, "cfg.ffn"), ("cfg", "notamap", "cfg"),
                         ("model", 5, "model"), ("compiled", 1, "compiled"),
                         ("recompute_full", "yes", "recompute_full")]:
    tag = path.replace(".", "_") + "_" + str(value).replace("-", "minus").replace(".", "p").replace("+", "")
    ok = msg == ""
    add(f"validate_measured_train_{tag}", "validation", "validation_json", ["validate", "train.json"],
        0 if ok else 2, msg, {"train.json": json.dumps([with_field({"r": MEAS_TRAIN[0]}, "r." + path, value)["r"]])})
for idx, path, value, msg in [(0, "batch", 0, "batch"), (0, "batch", -1, "batch"), (0, "prompt", 0, "prompt"),
                              (0, "prompt", 4294967297, "prompt"), (0, "s", 0, "[1].s"), (0, "s", -1, "[1].s"),
                              (1, "ctx", 0, "ctx"), (1, "ctx", -1, "ctx"), (1, "batch", 1e15, "batch"),
                              (1, "s_eager", 0, "s_eager"), (1, "s_graph", -1, "s_graph"),
                              (0, "phase", "sideways", "phase"), (0, "model", "llama-99b", "")]:
    rows = copy.deepcopy(MEAS_INFER)
    rows[idx][path] = value
    tag = f"{idx}_{path}_" + str(value).replace("-", "minus").replace(".", "p").replace("+", "")
    ok = msg == ""
    add(f"validate_measured_infer_{tag}", "validation", "validation_json", ["validate", "infer.json"],
        0 if ok else 2, msg if not ok else "skipped", {"infer.json": json.dumps(rows)})
for name, text, msg in [("json_not_array", "{\"a\": 1}", "not"), ("json_truncated", "[{\"model\": ", "JSON"),
                        ("json_deep", "[" * 20000 + "]" * 20000, ""), ("json_nan_literal", "[{\"model\": NaN}]", "JSON"),
                        ("json_number_overflow", "[{\"model\":\"llama-1b\",\"micro_batch\":1e999,\"seq\":1,\"step_s\":1}]",
                         ""), ("json_invalid_utf8", "[{\"model\": \"\xff\xfe\"}]", "")]:
    add(f"validate_{name}", "malformed", "validation_json", ["validate", "train.json"], 2, msg,
        {"train.json": text})
for name, text, msg in [("yaml_cases_not_list", "cases: 5\n", "cases"), ("yaml_case_scalar", "cases: [5]\n", "case"),
                        ("yaml_garbage", "\x01\x02: [\n", "YAML"), ("yaml_deep", "cases: " + "[" * 5000 + "]" * 5000, "nested too deeply"),
                        ("yaml_anchor_bomb", "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                         "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
                         "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ncases: [*f]\n", "")]:
    add(f"validate_{name}", "malformed", "validation_yaml", ["validate", "v.yaml"], 2, msg, {"v.yaml": text})

# ---- Malformed scenario files ------------------------------------------------------------------------------------
for name, text, msg in [("empty", "", "empty"), ("scalar_top", "42\n", "mapping"), ("list_top", "- a\n", "mapping"),
                        ("tabs", "cluster:\n\tgpus: 8\n", "YAML"), ("nul", "a: 1\n\x00\n", "NUL"),
                        ("deep_nesting", "a: " + "[" * 20000 + "]" * 20000 + "\n", "nested too deeply"),
                        ("deep_maps", "a: " + "{k: " * 20000 + "1" + "}" * 20000 + "\n", "nested too deeply"),
                        ("duplicate_key", dump(TRAIN) + "model: llama3.1-8b\n", "duplicate"),
                        ("unknown_key", dump(with_field(TRAIN, "trainin", 1)), "unknown field"),
                        ("invalid_utf8_name", dump(TRAIN).replace("name: t", "name: \"t\xff\xfe\""), ""),
                        ("long_key", dump(with_field(TRAIN, "k" * 100000, 1)), "unknown field"),
                        ("model_list", dump(with_field(TRAIN, "model", [1, 2])), "model"),
                        ("gpus_map", dump(with_field(TRAIN, "cluster.gpus", {"a": 1})), "cluster.gpus"),
                        ("unknown_accelerator", dump(with_field(TRAIN, "cluster.accelerator", "h9000")), "h9000"),
                        ("unit_on_count", dump(with_field(TRAIN, "training.plan.tp", "2GB")), "training.plan.tp"),
                        ("tokens_unit_typo", dump(with_field(TRAIN, "training.tokens", "1Tb")), "training.tokens"),
                        ("fp4_on_hopper", dump(with_field(TRAIN, "training.plan.precision", "fp4")),
                         "training.plan.precision"),
                        ("mxfp8_on_hopper", dump(with_field(with_field(TRAIN, "training.plan.precision", "fp8"),
                                                            "training.plan.fp8_recipe", "mxfp8")),
                         "training.plan.fp8_recipe")]:
    kind = "training_scenario"
    add(f"scenario_{name}", "malformed", kind, ["train", "s.yaml"], 0 if name == "invalid_utf8_name" else 2, msg,
        {"s.yaml": text})
add("scenario_invalid_utf8_name_json", "output", "training_scenario", ["train", "s.yaml", "--json"], 0, "",
    {"s.yaml": dump(TRAIN).replace("name: t", "name: \"t\xff\xfe\"")})
add("serve_invalid_utf8_name_json", "output", "serving_scenario", ["serve", "s.yaml", "--json"], 0, "",
    {"s.yaml": dump(SERVE).replace("name: s", "name: \"s\xff\xfe\"")})
add("fleet_invalid_utf8_name_json", "output", "fleet", ["plan", "f.yaml", "--json"], 0, "",
    {"f.yaml": re.sub(r"(?m)^  name: .*$", "  name: \"S\xff\xfe\"", dump(FLEET), count=1)})
add("fleet_deep_nesting", "malformed", "fleet", ["plan", "f.yaml"], 2, "nest",
    {"f.yaml": "fleet: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n"})
add("fleet_is_training_scenario", "malformed", "fleet", ["plan", "s.yaml"], 2, "fleet", {"s.yaml": dump(TRAIN)})
add("train_on_fleet_file", "malformed", "training_scenario", ["train", "f.yaml"], 2, "plan", {"f.yaml": dump(FLEET)})
add("serve_on_training_scenario", "malformed", "serving_scenario", ["serve", "s.yaml"], 2, "serving",
    {"s.yaml": dump(TRAIN)})
add("train_on_serving_scenario", "malformed", "training_scenario", ["train", "s.yaml"], 2, "training",
    {"s.yaml": dump(SERVE)})
# `report` detects the kind first: the same errors as the command of that kind, never a crash.
add("report_on_bad_yaml", "malformed", "training_scenario", ["report", "s.yaml", "-o", "r.html"], 2, "s.yaml:",
    {"s.yaml": "cluster: {gpus: [8\n"})
add("report_on_cluster_only", "malformed", "training_scenario", ["report", "s.yaml", "-o", "r.html"], 2,
    "neither a training: nor a serving:", {"s.yaml": dump({k: v for k, v in TRAIN.items() if k != "training"})})
add("report_vary_on_training", "malformed", "training_scenario",
    ["report", "s.yaml", "--vary", "finance.cost_of_capital=0.08..0.15", "-o", "r.html"], 2, "--vary",
    {"s.yaml": dump(TRAIN)})
add("report_bad_tp_training", "malformed", "training_scenario", ["report", "s.yaml", "-o", "r.html"], 2,
    "training.plan.tp", {"s.yaml": dump(with_field(TRAIN, "training.plan.tp", 3))})
add("report_bad_tp_serving", "malformed", "serving_scenario", ["report", "s.yaml", "-o", "r.html"], 2, "serving",
    {"s.yaml": dump(with_field(SERVE, "serving.tp", 3))})

# ---- CLI options -----------------------------------------------------------------------------------------------
SEARCH_SCEN = {"s.yaml": dump(TRAIN)}
for name, args, code, msg in [
        ("search_random_negative", ["--random", "-5"], 2, "--random"),
        ("search_random_nan", ["--random", "nan"], 2, "--random"),
        ("search_top_zero", ["--top", "0"], 2, "--top"), ("search_top_negative", ["--top", "-1"], 2, "--top"),
        ("search_threads_negative", ["--threads", "-1"], 2, "--threads"),
        ("search_min_mfu_nan", ["--min-mfu", "nan"], 2, "--min-mfu"),
        ("search_min_mfu_negative", ["--min-mfu", "-0.5"], 2, "--min-mfu"),
        ("search_min_mfu_over_one", ["--min-mfu", "1.5"], 2, "--min-mfu"),
        ("search_max_memory_zero", ["--max-memory-gib", "0"], 2, "--max-memory-gib"),
        ("search_max_memory_negative", ["--max-memory-gib", "-8"], 2, "--max-memory-gib"),
        ("search_max_memory_inf", ["--max-memory-gib", "inf"], 2, "--max-memory-gib"),
        ("search_max_step_zero", ["--max-step-seconds", "0"], 2, "--max-step-seconds"),
        ("search_max_step_nan", ["--max-step-seconds", "nan"], 2, "--max-step-seconds"),
        ("search_heuristic_negative", ["--heuristic", "-3"], 2, "--heuristic"),
        ("search_seed_negative", ["--seed", "-1"], 2, "--seed"),
        ("search_seed_overflow", ["--seed", "99999999999999999999999"], 2, "--seed"),
        ("search_objective_bogus", ["--objective", "bogus"], 2, "--objective"),
        ("search_unknown_flag", ["--frobnicate"], 2, "frobnicate")]:
    add(f"cli_{name}", "cli", "cli", ["search", "s.yaml", *args], code, msg, SEARCH_SCEN)
SERVE_SCEN = {"s.yaml": dump(SERVE)}
for name, args, code, msg in [
        ("serve_requests_zero", ["--requests", "0"], 2, "--requests"),
        ("serve_requests_negative", ["--requests", "-5"], 2, "--requests"),
        ("serve_requests_1e12", ["--requests", "1000000000000"], 2, "--requests"),
        ("serve_requests_text", ["--requests", "many"], 2, "--requests"),
        ("serve_top_negative", ["--search", "--top", "-1"], 2, "--top"),
        ("serve_top_zero", ["--search", "--top", "0"], 2, "--top"),
        ("serve_probe_negative", ["--search", "--probe-requests", "-1"], 2, "--probe-requests"),
        ("serve_probe_zero", ["--search", "--probe-requests", "0"], 2, "--probe-requests"),
        ("serve_probe_huge", ["--search", "--probe-requests", "2000000000"], 2, "--probe-requests"),
        ("serve_unknown_accelerator", ["--capacity", "--accelerators", "nope"], 2, "nope"),
        ("serve_trace_to_directory", ["--trace", "."], 2, "."),
        ("serve_trace_to_dev_full", ["--trace", "/dev/full"], 2, "/dev/full")]:
    add(f"cli_{name}", "cli", "cli", ["serve", "s.yaml", *args], code, msg, SERVE_SCEN)
for name, args, code, msg in [
        ("net_gpus_zero", ["--gpus", "0"], 2, "--gpus"), ("net_gpus_negative", ["--gpus", "-8"], 2, "--gpus"),
        ("net_gpus_huge", ["--gpus", "99999999999"], 2, "--gpus"),
        ("net_min_bytes_negative", ["--min-bytes", "-1"], 2, "--min-bytes"),
        ("net_min_bytes_nan", ["--min-bytes", "nan"], 2, "--min-bytes"),
        ("net_max_bytes_huge", ["--max-bytes", "1e400"], 2, "--max-bytes"),
        ("net_bytes_reversed", ["--min-bytes", "1G", "--max-bytes", "1K"], 2, "bytes"),
        ("net_step_factor_one", ["--step-factor", "1"], 2, "--step-factor"),
        ("net_step_factor_zero", ["--step-factor", "0"], 2, "--step-factor"),
        ("net_step_factor_nan", ["--step-factor", "nan"], 2, "--step-factor"),
        ("net_planes_zero", ["--planes", "0"], 2, "--planes"),
        ("net_planes_negative", ["--planes", "-1"], 2, "--planes"),
        ("net_ranks_per_domain_zero", ["--ranks-per-domain", "0"], 2, "--ranks-per-domain"),
        ("net_ranks_per_domain_negative", ["--ranks-per-domain", "-4"], 2, "--ranks-per-domain"),
        ("net_leaf_oversubscription_zero", ["--leaf-oversubscription", "0"], 2, "--leaf-oversubscription"),
        ("net_leaf_oversubscription_nan", ["--leaf-oversubscription", "nan"], 2, "--leaf-oversubscription"),
        ("net_spine_oversubscription_negative", ["--spine-oversubscription", "-2"], 2, "--spine-oversubscription"),
        ("net_op_bogus", ["--op", "scatter_gather"], 2, "--op"),
        ("net_algo_bogus", ["--algo", "magic"], 2, "--algo")]:
    add(f"cli_{name}", "cli", "cli", ["net", "--node", "dgx-h100", *args], code, msg)
for name, args, code, msg in [
        ("plan_vary_no_equals", ["--vary", "finance.cost_of_capital"], 2, "--vary"),
        ("plan_vary_unknown_field", ["--vary", "finance.nope=1..2"], 2, "nope"),
        ("plan_vary_bad_value", ["--vary", "finance.cost_of_capital=0.1..nan"], 2, "cost_of_capital"),
        ("plan_vary_out_of_range", ["--vary", "finance.cost_of_capital=0.1..7"], 2, "cost_of_capital"),
        ("plan_vary_empty", ["--vary", "=.."], 2, "--vary"),
        ("plan_csv_to_directory", ["--csv", "."], 2, "."),
        ("plan_csv_to_dev_full", ["--csv", "/dev/full"], 2, "/dev/full")]:
    add(f"cli_{name}", "cli", "cli", ["plan", *args], code, msg)
add("cli_plan_vary_error_names_the_file_line", "messages", "cli",
    ["plan", "f.yaml", "--vary", "fleet.sites.0.pue=1.1..9"], 2, "pue",
    {"f.yaml": dump(FLEET)})
add("cli_plan_vary_not_original_line", "messages", "cli", ["plan", "--vary", "finance.cost_of_capital=0.1..5"], 2,
    "--vary")
for name, args, code, msg in [("no_subcommand", [], 2, ""), ("unknown_subcommand", ["frob"], 2, "unknown command"),
                              ("catalog_show_unknown", ["catalog", "show", "nope"], 2, "nope"),
                              ("catalog_show_empty_name", ["catalog", "show", ""], 2, ""),
                              ("train_missing_file", ["train"], 2, "SCENARIO"),
                              ("train_two_files", ["train", "a.yaml", "b.yaml"], 2, ""),
                              ("report_bad_output_dir", ["report", "-o", "/nonexistent/dir/x.html"], 2, "x.html")]:
    add(f"cli_{name}", "cli", "cli", args, code, msg)

# ---- Hindcast milestones, tenants, --compare (docs/fleet.md) ------------------------------------------------------
MILESTONE = {"id": "m1", "date": "2025-09-23", "metric": "facility_power", "site": "abilene", "value": "200MW",
             "status": "achieved", "source": "https://example.org/a", "source_date": "2025-09-26"}


def milestones(**changes):
    m = dict(MILESTONE)
    for k, v in changes.items():
        if v is DELETE:
            del m[k]
        else:
            m[k] = v
    return dump({"milestones": [m]})


add("hindcast_ok", "messages", "milestones", ["plan", "--hindcast", "m.yaml"], 0, "median |quantity error|",
    {"m.yaml": milestones()})
for name, changes, msg in [("date_month_13", {"date": "2025-13-01"}, "m.yaml:3:9: milestones[0].date"),
                           ("date_feb_30", {"date": "2025-02-30"}, "date"),
                           ("date_year_99999", {"date": "99999-01-01"}, "date"),
                           ("value_no_unit", {"value": 200}, "value"),
                           ("value_1e300GW", {"value": "1e300GW"}, "value"),
                           ("value_nan", {"value": "nanMW"}, "value"),
                           ("value_zero", {"value": "0MW"}, "value"),
                           ("metric_unknown", {"metric": "vibes"}, "metric"),
                           ("status_unknown", {"status": "rumour"}, "status"),
                           ("source_missing", {"source": DELETE}, "source"),
                           ("id_with_comma", {"id": "a,b"}, "id"),
                           ("site_on_fleet_metric", {"metric": "capex_spent", "value": "$1B"}, "site"),
                           ("generation_missing", {"metric": "generation_it_power", "site": DELETE}, "generation")]:
    add(f"hindcast_{name}", "malformed", "milestones", ["plan", "--hindcast", "m.yaml"], 2, msg,
        {"m.yaml": milestones(**changes)})
add("hindcast_empty_list", "empty", "milestones", ["plan", "--hindcast", "m.yaml"], 2, "milestones",
    {"m.yaml": "milestones: []\n"})
add("hindcast_not_yaml", "malformed", "milestones", ["plan", "--hindcast", "m.yaml"], 2, "m.yaml",
    {"m.yaml": "milestones: [\x00\xff{"})
add("hindcast_site_not_in_scenario", "messages", "milestones", ["plan", "--hindcast", "m.yaml"], 0,
    "not compared: no site 'mars'", {"m.yaml": milestones(site="mars")})
for name, target in [("dev_zero", "/dev/zero"), ("directory", "."), ("missing", "nope.yaml")]:
    add(f"hindcast_reads_{name}", "unbounded", "milestones", ["plan", "--hindcast", target], 2,
        "cannot open" if name == "missing" else "not a regular file")
TENANT = {"name": "t", "kind": "training", "priority": 1, "demand": [{"from": "2025Q1", "gpus": "1K"}]}
for name, tenants, msg in [
        ("shares_over_1", [dict(TENANT, share=0.6), dict(TENANT, name="u", share=0.6)], "shares"),
        ("duplicate_name", [TENANT, TENANT], "duplicate"),
        ("demand_1e300", [dict(TENANT, demand=[{"from": "2025Q1", "gpus": "1e300"}])], "gpus"),
        ("demand_negative", [dict(TENANT, demand=[{"from": "2025Q1", "gpus": -1}])], "gpus"),
        ("demand_unordered", [dict(TENANT, demand=[{"from": "2026Q1", "gpus": 1}, {"from": "2025Q1", "gpus": 1}])],
         "order"),
        ("serving_in_gpus", [dict(TENANT, kind="serving")], "tokens_per_day"),
        ("priority_huge", [dict(TENANT, priority=10 ** 12)], "priority"),
        ("empty", [], "tenants")]:
    add(f"fleet_tenants_{name}", "malformed", "fleet", ["plan", "f.yaml"], 2, msg,
        {"f.yaml": dump(with_field(FLEET, "fleet.tenants", tenants))})
add("fleet_tenants_zero_demand_ok", "zero_rate", "fleet", ["plan", "f.yaml"], 0, "never short",
    {"f.yaml": dump(with_field(FLEET, "fleet.tenants", [dict(TENANT, demand=[{"from": "2025Q1", "gpus": 0}])]))})
add("compare_missing_file", "cli", "cli", ["plan", "--compare", "f.yaml", "nope.yaml"], 2, "nope.yaml",
    {"f.yaml": dump(FLEET)})
add("compare_bad_second", "malformed", "fleet", ["plan", "--compare", "f.yaml", "g.yaml"], 2, "g.yaml",
    {"f.yaml": dump(FLEET), "g.yaml": dump(with_field(FLEET, "fleet.sites.0.pue", 0.5))})
add("compare_with_scenario_argument", "cli", "cli", ["plan", "x.yaml", "--compare", "f.yaml", "f.yaml"], 2,
    "--compare", {"f.yaml": dump(FLEET)})
add("compare_one_file", "cli", "cli", ["plan", "--compare", "f.yaml"], 2, "", {"f.yaml": dump(FLEET)})
add("compare_and_hindcast", "cli", "cli", ["plan", "--compare", "f.yaml", "f.yaml", "--hindcast", "m.yaml"], 2, "",
    {"f.yaml": dump(FLEET), "m.yaml": milestones()})
add("fleet_mapping_as_key", "malformed", "fleet", ["plan", "f.yaml"], 2, "a key must be a plain name",
    {"f.yaml": dump(FLEET).replace("  budget:", "  {a: 1, b}: 2\n  budget:", 1)})
add("compare_with_monte_carlo", "cli", "cli", ["plan", "--compare", "f.yaml", "f.yaml", "--monte-carlo", "10"], 2,
    "--monte-carlo", {"f.yaml": dump(FLEET)})
add("hindcast_with_monte_carlo", "cli", "cli", ["plan", "f.yaml", "--hindcast", "m.yaml", "--monte-carlo", "10"], 2,
    "--monte-carlo", {"f.yaml": dump(FLEET), "m.yaml": milestones()})

# ---- Output --------------------------------------------------------------------------------------------------------
for name, args, files in [("catalog_list", ["catalog", "list"], {}),
                          ("catalog_show_json", ["catalog", "show", "h100-sxm", "--json"], {}),
                          ("train", ["train", "s.yaml"], {"s.yaml": dump(TRAIN)}),
                          ("train_json", ["train", "s.yaml", "--json"], {"s.yaml": dump(TRAIN)}),
                          ("serve", ["serve", "s.yaml"], {"s.yaml": dump(SERVE)}),
                          ("plan", ["plan"], {}), ("plan_json", ["plan", "--json"], {}),
                          ("net", ["net", "--node", "dgx-h100"], {})]:
    add(f"output_stdout_full_{name}", "output", "cli", args, 1, "write", files, stdout="full")
    add(f"output_stdout_closed_{name}", "output", "cli", args, 1, "write", files, stdout="closed")
add("output_report_onto_dev_null", "output", "cli", ["report", "-o", "/dev/null"], 2, "not a regular file")
add("output_plan_csv_onto_dev_null", "output", "cli", ["plan", "--csv", "/dev/null"], 2, "not a regular file")
add("output_train_trace_onto_dev_null", "output", "cli", ["train", "s.yaml", "--trace", "/dev/null"], 2,
    "not a regular file", {"s.yaml": dump(TRAIN)})
add("output_report_into_missing_dir", "output", "cli", ["report", "-o", "no/such/dir.html"], 2, "dir.html")

# ---- serve --search --emit ENGINE DIR and the model's hf_repo (written into launch files) -------------------------
for name, args, msg in [("emit_without_search", ["serve", "s.yaml", "--emit", "vllm", "out"], "add --search"),
                        ("emit_unknown_engine", ["serve", "s.yaml", "--search", "--emit", "vlm", "out"],
                         "did you mean 'vllm'"),
                        ("emit_empty_engine", ["serve", "s.yaml", "--search", "--emit", "", "out"], "unknown engine"),
                        ("emit_into_a_regular_file", ["serve", "s.yaml", "--search", "--emit", "sglang", "s.yaml"],
                         "not a directory")]:
    add(name, "output", "cli", args, 2, msg, {"s.yaml": dump(SERVE)})
for tag, value in [("space", "meta llama/x"), ("no_slash", "llama"), ("leading_slash", "/x"),
                   ("shell", "a/b;rm -rf ~"), ("two_slashes", "a/b/c"), ("newline", "a/b\nc"), ("number", 5)]:
    add(f"model_hf_repo_{tag}", "malformed", "serving_scenario", ["serve", "s.yaml"], 2, "hf_repo",
        {"s.yaml": dump(with_field(SERVE, "model", {"preset": "llama3.1-8b", "hf_repo": value}))})

json.dump({"cases": cases}, open(os.path.join(ROOT, "tests/hostile/corpus.json"), "w"), indent=1, ensure_ascii=True)
by_class, by_kind = {}, {}
for c in cases:
    by_class[c["class"]] = by_class.get(c["class"], 0) + 1
    by_kind[c["kind"]] = by_kind.get(c["kind"], 0) + 1
print(len(cases), "cases")
print("by class:", dict(sorted(by_class.items())))
print("by kind:", dict(sorted(by_kind.items())))
