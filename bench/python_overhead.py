"""The Python package's overhead on one training estimate: stargate.estimate_training() on an already-loaded
scenario against the C++ call it wraps (jobs/train_job.h's run_train_job, Google Benchmark
BM_TrainJob_Llama405B_16kH100 in bench/train_job_bench.cc). The target: the Python call costs at most 2x.

    PYTHONPATH=build/python /usr/bin/python3 bench/python_overhead.py [--bench build/stargate_bench] [--check]

Prints both medians in microseconds of CPU time (Google Benchmark's CPU time, Python's process_time: robust on a
shared machine) and of wall time, and the CPU-time ratio; --check exits 1 when that ratio is over 2.
"""
import argparse
import json
import statistics
import subprocess
import sys
import time
import timeit

import stargate

SCENARIO = "data/scenarios/llama3-405b-16k-h100.yaml"


def python_microseconds(timer, repeats=7, calls=2000):
    """Median over `repeats` of the mean time of one call by `timer`, from `calls` back-to-back calls."""
    scenario = stargate.load(SCENARIO)
    stargate.estimate_training(scenario)  # warm: presets, calibration tables
    times = timeit.repeat(lambda: stargate.estimate_training(scenario), timer=timer, repeat=repeats, number=calls)
    return statistics.median(times) / calls * 1e6


def cpp_microseconds(bench, name):
    """The medians (CPU, wall) of a Google Benchmark run of `name`, in microseconds."""
    out = subprocess.run([bench, f"--benchmark_filter=^{name}/", "--benchmark_format=json"], check=True,
                         capture_output=True, text=True).stdout
    for row in json.loads(out)["benchmarks"]:
        if row.get("aggregate_name") == "median":
            scale = {"ns": 1e-3, "us": 1.0, "ms": 1e3}[row["time_unit"]]
            return row["cpu_time"] * scale, row["real_time"] * scale
    raise RuntimeError(f"no median for {name} in {bench}'s output")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", default="build/stargate_bench")
    parser.add_argument("--check", action="store_true", help="exit 1 when Python costs more than 2x C++")
    args = parser.parse_args()
    python_cpu, python_wall = python_microseconds(time.process_time), python_microseconds(time.perf_counter)
    cpp_cpu, cpp_wall = cpp_microseconds(args.bench, "BM_TrainJob_Llama405B_16kH100")
    json_cpu, json_wall = cpp_microseconds(args.bench, "BM_TrainJobJson_Llama405B_16kH100")
    ratio = python_cpu / cpp_cpu
    print("one training estimate, Llama 3.1 405B on 16K H100 (loaded scenario)   CPU us   wall us")
    print(f"C++    run_train_job (jobs/train_job.h)                               {cpp_cpu:7.2f}  {cpp_wall:8.2f}")
    print(f"C++    run_train_job + training_to_json (what --json prints)          {json_cpu:7.2f}  {json_wall:8.2f}")
    print(f"Python stargate.estimate_training(scenario)                           {python_cpu:7.2f}  {python_wall:8.2f}")
    print(f"Python / C++ (CPU time): {ratio:.2f}x (target <= 2x)")
    if args.check and ratio > 2:
        sys.exit(1)


if __name__ == "__main__":
    main()
