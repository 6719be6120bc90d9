#pragma once
// A training estimate as a Python dict, built directly (no JSON text in between) so that one estimate from
// Python costs little more than the C++ call (bench/python_overhead.py). Its keys and values are a subset of
// `stargate train --json`'s document, under the same names (tests/python/test_training.py checks it).
#include <pybind11/pybind11.h>

#include "stargate/jobs/train_job.h"

namespace stargate::python {

// {step_seconds, micro_batches, tokens_per_step, tokens_per_second, model_flops_per_step, hardware_flops_per_step,
//  mfu, hfu, mfu_peak_flops_per_s, precision_peak_flops_per_s, fits, breakdown_seconds{compute{...}, ...},
//  memory_bytes{...}, run{...}, notes}
pybind11::dict estimate_dict(const Scenario& scenario, const TrainJobResult& run);

}  // namespace stargate::python
