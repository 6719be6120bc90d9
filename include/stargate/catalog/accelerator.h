#pragma once
// An accelerator preset from data/catalog/accelerators.yaml, possibly with a scenario's overrides applied.
// All quantities in SI base units: FLOP/s, bytes, bytes/s, watts, USD.
#include <array>
#include <map>
#include <optional>
#include <string>

#include "stargate/catalog/dtype.h"

namespace stargate {

// Default HBM headroom fraction (AcceleratorSpec::memory_headroom_fraction): 5% of capacity. GMLake (Guo et al.,
// ASPLOS 2024, Table/§6) measured 15% average (up to 33%) of A100-80GB memory lost to fragmentation under
// PyTorch 2.0's splitting caching allocator across eight LLM trainings with recompute, ZeRO and offload; PyTorch
// 2.1's expandable segments (pytorch/pytorch#96995, enabled by the NeMo / Megatron-Bridge and torchtitan launch
// scripts through PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True) map physical pages into one growing segment
// and remove most of that splitting loss; what stays is the 2 MiB page granularity, the per-stream pools and the
// peak transients between frees. 5% is an estimate between the two, not a measurement.
inline constexpr double kDefaultMemoryHeadroom = 0.05;

struct AcceleratorSpec {
  std::string id;    // catalog key, e.g. "h100-sxm"
  std::string name;  // marketing name, e.g. "NVIDIA H100 SXM5 80GB"
  std::string vendor;
  std::string released;  // "YYYY-MM"
  // GPU architecture family ("volta", "ampere", "hopper", "blackwell", "cdna3"): which kernel generations run at
  // full speed on it (FlashAttention-2 predates Hopper's tensor-core instructions).
  std::string architecture;
  // Dense (no 2:4 sparsity) tensor-core peak per dtype, FLOP/s; nullopt where the chip has no such mode.
  std::array<std::optional<double>, kDtypeCount> peak_flops_per_s{};  // indexed by Dtype
  double hbm_capacity_bytes = 0;
  double hbm_bandwidth_bytes_per_s = 0;
  // Published measurements on the part of long-running kernels (catalog `sustained:`, optional): the GEMM rate a
  // large GEMM sustains per dtype, FLOP/s, and the HBM bandwidth a streaming kernel reaches, bytes/s. A card
  // without its own calibration is otherwise priced with another card's efficiencies carried over by datasheet
  // peaks; these pin what that carries over to what was measured (KernelCostModel::for_device).
  std::array<std::optional<double>, kDtypeCount> sustained_gemm_flops_per_s{};  // indexed by Dtype
  double sustained_hbm_bandwidth_bytes_per_s = 0;
  // Share of HBM a training plan must leave free to fit in practice: the PyTorch caching allocator's reserved but
  // unallocatable blocks (fragmentation) on top of the runtime reserve the memory model already counts (CUDA
  // context, NCCL buffers, workspaces). Catalog `memory_headroom` (fraction), default kDefaultMemoryHeadroom;
  // a scenario may override it. Sources in docs/training-model.md, "Memory headroom".
  double memory_headroom_fraction = kDefaultMemoryHeadroom;
  int hbm_stacks = 0;
  std::string hbm_generation;  // "HBM3", "HBM3e", ...
  double tdp_watts = 0;
  double scale_up_bandwidth_bytes_per_s = 0;  // per GPU, per direction (NVLink / Infinity Fabric)
  // Streaming multiprocessors (NVIDIA) or compute units (AMD) enabled on the part; 0 where the part has no such
  // unit (TPU, Trainium, Gaudi) or the count is unpublished. Optional in the catalog.
  int sm_count = 0;
  double price_low_usd = 0;
  double price_high_usd = 0;
  // Name of the folder under data/calibration/ measured on this exact card ("h100"), or empty.
  std::string calibration;
  // Field group -> citation, e.g. "peak" -> "NVIDIA H100 datasheet ...".
  std::map<std::string, std::string> sources;

  // HBM a plan may use, bytes: capacity less the headroom.
  double usable_hbm_bytes() const { return hbm_capacity_bytes * (1 - memory_headroom_fraction); }

  std::optional<double> peak(Dtype dtype) const { return peak_flops_per_s[static_cast<int>(dtype)]; }

  // The 16-bit tensor-core peak, FLOP/s: bf16, or fp16 on cards without bf16 (V100); 0 when neither is known.
  // The one rule for "the bf16 peak" that MFU, kernel scaling and plan checks use.
  double bf16_peak_flops_per_s() const {
    if (auto p = peak(Dtype::bf16); p && *p > 0) return *p;
    if (auto p = peak(Dtype::fp16); p && *p > 0) return *p;
    return 0;
  }
  // The peak a plan computing in `precision` is measured against: that dtype's own peak where the card has one
  // (fp8, fp4), else the 16-bit peak (frameworks run the GEMMs in bf16 instead).
  double precision_peak_flops_per_s(Dtype precision) const {
    if (auto p = peak(precision); p && *p > 0 && (precision == Dtype::fp8 || precision == Dtype::fp4)) return *p;
    return bf16_peak_flops_per_s();
  }
};

}  // namespace stargate
