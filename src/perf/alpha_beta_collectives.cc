// Hierarchical α–β collective costs (Thakur et al. 2005 ring/tree costs; NCCL's hierarchical composition:
// reduce-scatter inside the scale-up domain, all-reduce across domains on each rail, all-gather back).
#include <algorithm>
#include <cmath>

#include "stargate/perf/collective_model.h"

namespace stargate {
namespace {

// NCCL's achieved fraction of link bandwidth for large messages: ring all-reduce bus bandwidth ~370 GB/s on
// NVLink 4's 450 GB/s per direction (validation/hardware.yaml, nccl-tests issue #212, maintainer comment).
constexpr double kNcclBandwidthEfficiency = 370.0 / 450.0;
// Per-step latency inside a scale-up domain: NCCL LL-protocol step over NVSwitch, a few microseconds
// (nccl-tests small-message all-reduce on 8 H100s is ~10-15 us for 14 steps).
constexpr double kIntraDomainStepSeconds = 1.0e-6;
// Per-step software latency across the fabric (NIC + NCCL proxy), added to the switch hops.
constexpr double kInterDomainStepSeconds = 4.0e-6;
constexpr int kFabricHops = 3;  // leaf-spine-leaf path in a rail-optimized fat tree

class AlphaBetaCollectives final : public CollectiveModel {
 public:
  explicit AlphaBetaCollectives(const Cluster& cluster)
      : intra_bytes_per_s_(cluster.accelerator.scale_up_bandwidth_bytes_per_s * kNcclBandwidthEfficiency),
        inter_bytes_per_s_(cluster.node.nic_bandwidth_per_gpu_bytes_per_s * kNcclBandwidthEfficiency),
        inter_step_seconds_(kInterDomainStepSeconds + kFabricHops * cluster.fabric.latency_seconds) {
    // A node without a scale-up fabric still moves data between its GPUs over PCIe/host: never faster than the NIC.
    if (intra_bytes_per_s_ <= 0) intra_bytes_per_s_ = inter_bytes_per_s_;
    if (inter_bytes_per_s_ <= 0) inter_bytes_per_s_ = intra_bytes_per_s_;
  }

  double seconds(Collective op, double bytes, const CommGroup& group) const override {
    if (group.size <= 1 || bytes <= 0) return 0;
    const double n = group.size;
    const double g = std::min(group.ranks_per_domain, group.size);
    const double d = group.domains();
    const double tree_steps = d > 1 ? std::ceil(std::log2(d)) : 0;
    switch (op) {
      case Collective::all_reduce:
        return 2 * gather_like(bytes, g, d) + 2 * ((g - 1) * kIntraDomainStepSeconds + tree_steps * inter_step_seconds_);
      case Collective::all_gather:
      case Collective::reduce_scatter:
        return gather_like(bytes, g, d) + (g - 1) * kIntraDomainStepSeconds + tree_steps * inter_step_seconds_;
      case Collective::all_to_all: {
        // Each rank sends bytes/n to every other rank; the share bound for other domains crosses its NIC.
        double intra = bytes * (g - 1) / n / intra_bytes_per_s_;
        double inter = bytes * (n - g) / n / inter_bytes_per_s_;
        return std::max(intra, inter) + kIntraDomainStepSeconds + (d > 1 ? inter_step_seconds_ : 0);
      }
      case Collective::send_recv:
        return d > 1 ? bytes / inter_bytes_per_s_ + inter_step_seconds_
                     : bytes / intra_bytes_per_s_ + kIntraDomainStepSeconds;
    }
    return 0;
  }

 private:
  // Bandwidth time of an all-gather of `bytes` output (or reduce-scatter of `bytes` input) done hierarchically:
  // across domains on each rail with 1/g of the data, then inside the domain.
  double gather_like(double bytes, double g, double d) const {
    double intra = bytes * (g - 1) / g / intra_bytes_per_s_;
    double inter = d > 1 ? (bytes / g) * (d - 1) / d / inter_bytes_per_s_ : 0;
    return intra + inter;
  }

  double intra_bytes_per_s_;
  double inter_bytes_per_s_;
  double inter_step_seconds_;
};

}  // namespace

std::unique_ptr<CollectiveModel> make_alpha_beta_collectives(const Cluster& cluster) {
  return std::make_unique<AlphaBetaCollectives>(cluster);
}

}  // namespace stargate
