"""How Llama 3.1 70B training scales with the number of H100s: the best plan per cluster size (notebook-style;
each `# %%` block is a cell). Run:  PYTHONPATH=build/python /usr/bin/python3 examples/training_sweep.py [out.png]
"""
# %% The scenario as a Python dict: the same fields and presets as a scenario YAML file (docs/scenario.md).
import sys

import matplotlib

matplotlib.use("Agg")  # no display needed: the chart goes to a PNG
import matplotlib.pyplot as plt
import pandas

import stargate


def scenario(gpus):
    return {
        "name": f"Llama 3.1 70B on {gpus} H100",
        "cluster": {"accelerator": "h100-sxm", "node": "dgx-h100", "fabric": "infiniband-ndr", "gpus": gpus},
        "model": "llama3.1-70b",
        "training": {"seq_len": 8192, "global_batch": "4Mi tokens", "tokens": "15T",
                     "plan": {"tp": 8, "pp": 4, "dp": gpus // 32, "micro_batch": 1, "recompute": "selective"}},
    }


# %% The best plan at each size (exhaustive plan search), and the written plan's own estimate.
rows = []
for gpus in (256, 512, 1024, 2048, 4096):
    best = stargate.search(scenario(gpus), top=1).iloc[0]
    written = stargate.estimate_training(scenario(gpus))
    rows.append({"gpus": gpus, "best_step_seconds": best["step_seconds"], "best_mfu": best["mfu"],
                 "best_plan": f"tp{best['plan.tp']} pp{best['plan.pp']} dp{best['plan.dp']} {best['plan.precision']}",
                 "written_step_seconds": written["step_seconds"], "written_mfu": written["mfu"],
                 "days_to_train": written["run"]["wall_seconds"] / 86400})
sweep = pandas.DataFrame(rows)
print(sweep.to_string(index=False))

# %% The chart: step time (log-log) and MFU against the number of GPUs.
figure, (time_axis, mfu_axis) = plt.subplots(1, 2, figsize=(10, 4))
time_axis.loglog(sweep["gpus"], sweep["best_step_seconds"], "o-", label="best plan (search)")
time_axis.loglog(sweep["gpus"], sweep["written_step_seconds"], "s--", label="tp8 pp4 (written)")
time_axis.set(xlabel="H100 GPUs", ylabel="step time (s)", title="Llama 3.1 70B, 4Mi-token batch")
time_axis.legend()
mfu_axis.plot(sweep["gpus"], 100 * sweep["best_mfu"], "o-", label="best plan")
mfu_axis.plot(sweep["gpus"], 100 * sweep["written_mfu"], "s--", label="tp8 pp4")
mfu_axis.set(xscale="log", xlabel="H100 GPUs", ylabel="MFU (% of the bf16 peak)", title="Model FLOPs utilisation")
mfu_axis.legend()
figure.tight_layout()
output = sys.argv[1] if len(sys.argv) > 1 else "training_sweep.png"
figure.savefig(output, dpi=100)
print(f"chart: {output}")
