#pragma once
// An accelerator preset from data/catalog/accelerators.yaml, possibly with a scenario's overrides applied.
// All quantities in SI base units: FLOP/s, bytes, bytes/s, watts, USD.
#include <array>
#include <map>
#include <optional>
#include <string>

#include "stargate/catalog/dtype.h"

namespace stargate {

struct AcceleratorSpec {
  std::string id;    // catalog key, e.g. "h100-sxm"
  std::string name;  // marketing name, e.g. "NVIDIA H100 SXM5 80GB"
  std::string vendor;
  std::string released;  // "YYYY-MM"
  // GPU architecture family ("volta", "ampere", "hopper", "blackwell", "cdna3"): which kernel generations run at
  // full speed on it (FlashAttention-2 predates Hopper's tensor-core instructions).
  std::string architecture;
  // Dense (no 2:4 sparsity) tensor-core peak per dtype, FLOP/s; nullopt where the chip has no such mode.
  std::array<std::optional<double>, 7> peak_flops_per_s{};  // indexed by Dtype
  double hbm_capacity_bytes = 0;
  double hbm_bandwidth_bytes_per_s = 0;
  int hbm_stacks = 0;
  std::string hbm_generation;  // "HBM3", "HBM3e", ...
  double tdp_watts = 0;
  double scale_up_bandwidth_bytes_per_s = 0;  // per GPU, per direction (NVLink / Infinity Fabric)
  double price_low_usd = 0;
  double price_high_usd = 0;
  // Name of the folder under data/calibration/ measured on this exact card ("h100"), or empty.
  std::string calibration;
  // Field group -> citation, e.g. "peak" -> "NVIDIA H100 datasheet ...".
  std::map<std::string, std::string> sources;

  std::optional<double> peak(Dtype dtype) const { return peak_flops_per_s[static_cast<int>(dtype)]; }
};

}  // namespace stargate
