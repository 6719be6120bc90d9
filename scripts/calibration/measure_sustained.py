#!/usr/bin/env python3
"""Sustained-load GEMM throughput and SM clock on one GPU: the calibration the training model lacks.

The kernel microbenchmarks in data/calibration/<card>/ time short bursts (boost clock, low power draw). Training
runs for hours at the power limit, where the clock settles lower. This script runs back-to-back large GEMMs for
--seconds at the card's current power limit (it changes no setting), sampling achieved TFLOP/s, SM clock, power
and temperature every --interval seconds, and writes OUT/sustained.json:

  {"name", "power_limit_w", "burst_tflops", "samples": [{"t_s", "tflops", "sm_mhz", "power_w", "temp_c"}],
   "sustained_tflops", "sustained_over_burst"}

`sustained_over_burst` (median of the last half of the run over the first second) is the factor by which long
training runs execute GEMMs slower than the burst calibration. Usage (device machine, PyTorch with CUDA):
  python3 scripts/calibration/measure_sustained.py OUT_DIR [--seconds 120] [--dtype bf16|fp8] [--size 8192]
"""
import argparse
import json
import os
import statistics
import subprocess
import time

import torch


def smi(fields):
    out = subprocess.run(["nvidia-smi", "--query-gpu=" + fields, "--format=csv,noheader,nounits", "-i", "0"],
                         capture_output=True, text=True, check=False).stdout.strip()
    return [v.strip() for v in out.split(",")] if out else []


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--interval", type=float, default=2.0)
    ap.add_argument("--size", type=int, default=8192)
    ap.add_argument("--dtype", choices=["bf16", "fp8"], default="bf16")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    n = args.size
    a = torch.randn(n, n, device="cuda", dtype=torch.bfloat16)
    b = torch.randn(n, n, device="cuda", dtype=torch.bfloat16)
    if args.dtype == "fp8":
        a8, b8 = a.to(torch.float8_e4m3fn), b.t().contiguous().t().to(torch.float8_e4m3fn)
        one = torch.tensor(1.0, device="cuda")
        step = lambda: torch._scaled_mm(a8, b8, scale_a=one, scale_b=one, out_dtype=torch.bfloat16)
    else:
        step = lambda: a @ b
    flops = 2.0 * n * n * n
    for _ in range(5):
        step()
    torch.cuda.synchronize()
    info = smi("name,power.limit")
    samples, start = [], time.time()
    while time.time() - start < args.seconds:
        t0, calls = time.time(), 0
        while time.time() - t0 < args.interval:
            for _ in range(10):
                step()
            torch.cuda.synchronize()
            calls += 10
        dt = time.time() - t0
        clock, power, temp = (smi("clocks.sm,power.draw,temperature.gpu") + ["0", "0", "0"])[:3]
        samples.append({"t_s": round(time.time() - start, 2), "tflops": calls * flops / dt / 1e12,
                        "sm_mhz": float(clock), "power_w": float(power), "temp_c": float(temp)})
        print(samples[-1], flush=True)
    burst = samples[0]["tflops"]
    tail = [s["tflops"] for s in samples[len(samples) // 2:]]
    result = {"name": info[0] if info else "unknown", "power_limit_w": float(info[1]) if len(info) > 1 else 0,
              "dtype": args.dtype, "size": n, "burst_tflops": burst, "samples": samples,
              "sustained_tflops": statistics.median(tail), "sustained_over_burst": statistics.median(tail) / burst}
    with open(os.path.join(args.out, "sustained.json"), "w") as f:
        json.dump(result, f, indent=1)
    print(json.dumps({k: v for k, v in result.items() if k != "samples"}))


if __name__ == "__main__":
    main()
