#pragma once
// Internal to report/: every MFU shown names the peak it is measured against. MFU is model FLOP/s over the
// GPUs' dense bf16 (16-bit) peak; fp8/fp4 plans also show the share of their own precision's peak.
#include <nlohmann/json.hpp>
#include <string>

#include "stargate/catalog/accelerator.h"

namespace stargate::report_detail {

// "bf16 peak 989 TFLOP/s" (fp16 on cards without bf16): the peak every MFU is measured against, per GPU.
std::string mfu_peak_text(const AcceleratorSpec& card);
// "MFU 37.8% of bf16 peak 989 TFLOP/s", plus " (75.6% of fp8 peak 1.98 PFLOP/s)" for fp8/fp4 plans.
// `mfu`: fraction of the card's bf16_peak_flops_per_s().
std::string mfu_text(double mfu, const AcceleratorSpec& card, Dtype precision);
// The JSON members beside `mfu`: mfu_peak_flops_per_s (bf16 peak per GPU), precision_peak_flops_per_s and
// mfu_precision_peak (utilization of the plan's precision peak; equal to mfu for 16-bit plans).
void add_mfu_peaks(nlohmann::json& out, double mfu, const AcceleratorSpec& card, Dtype precision);

}  // namespace stargate::report_detail
