#pragma once
// Hand-written accelerator specs for the perf tests (datasheet numbers; the catalog is another layer's job).
#include <string>

#include "stargate/catalog/accelerator.h"

namespace stargate::perf_test {

inline AcceleratorSpec hopper(const std::string& calibration, double hbm_bandwidth, const std::string& generation,
                              const std::string& released) {
  AcceleratorSpec s;
  s.id = calibration.empty() ? "hopper-like" : calibration;
  s.calibration = calibration;
  s.released = released;
  s.architecture = "hopper";
  s.hbm_generation = generation;
  s.hbm_bandwidth_bytes_per_s = hbm_bandwidth;
  s.peak_flops_per_s[static_cast<int>(Dtype::bf16)] = 989e12;
  s.peak_flops_per_s[static_cast<int>(Dtype::fp16)] = 989e12;
  s.peak_flops_per_s[static_cast<int>(Dtype::tf32)] = 494.7e12;
  s.peak_flops_per_s[static_cast<int>(Dtype::fp8)] = 1979e12;
  return s;
}

inline AcceleratorSpec h100() { return hopper("h100", 3.35e12, "HBM3", "2022-09"); }
inline AcceleratorSpec h200() { return hopper("h200", 4.8e12, "HBM3e", "2024-06"); }

// A100 SXM 80GB: 312 TFLOP/s bf16, 156 tf32, no fp8, HBM2e 2.039 TB/s; no calibration folder of its own.
inline AcceleratorSpec a100() {
  AcceleratorSpec s;
  s.id = "a100-sxm";
  s.released = "2020-05";
  s.architecture = "ampere";
  s.hbm_generation = "HBM2e";
  s.hbm_bandwidth_bytes_per_s = 2.039e12;
  s.peak_flops_per_s[static_cast<int>(Dtype::bf16)] = 312e12;
  s.peak_flops_per_s[static_cast<int>(Dtype::fp16)] = 312e12;
  s.peak_flops_per_s[static_cast<int>(Dtype::tf32)] = 156e12;
  return s;
}

// B200-like: 2.25 PFLOP/s bf16, 4.5 fp8, HBM3e 8 TB/s.
inline AcceleratorSpec b200() {
  AcceleratorSpec s;
  s.id = "b200";
  s.released = "2024-12";
  s.hbm_generation = "HBM3e";
  s.hbm_bandwidth_bytes_per_s = 8e12;
  s.peak_flops_per_s[static_cast<int>(Dtype::bf16)] = 2.25e15;
  s.peak_flops_per_s[static_cast<int>(Dtype::fp8)] = 4.5e15;
  return s;
}

}  // namespace stargate::perf_test
