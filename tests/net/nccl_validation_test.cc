// The published NCCL all-reduce bus bandwidths of validation/hardware.yaml `interconnect:`, reproduced within 15%
// at large messages, with small messages latency-bound (the shape of the nccl-tests curve).
#include <gtest/gtest.h>

#include <cmath>

#include "net_test_clusters.h"
#include "stargate/net/collective_estimate.h"

namespace stargate::net {
namespace {

using net_testing::catalog_cluster;

struct PublishedBusBw {
  const char* source;  // hardware.yaml id
  const char* accelerator;
  const char* node;
  int gpus;
  Algorithm algorithm;
  double bytes;
  double published_gb_per_s;
};

constexpr double kGiB = 1024.0 * 1024 * 1024;

const PublishedBusBw kPublished[] = {
    {"nvlink4-nvswitch-dgx-h100-allreduce (ring)", "h100-sxm", "dgx-h100", 8, Algorithm::ring, 8 * kGiB, 370},
    {"nvlink4-nvswitch-dgx-h100-allreduce (NVLS)", "h100-sxm", "dgx-h100", 8, Algorithm::nvls, 8 * kGiB, 480},
    {"nvlink4-nvswitch-dgx-h100-allreduce (auto)", "h100-sxm", "dgx-h100", 8, Algorithm::automatic, 8 * kGiB, 480},
    {"nvls_busbw_vs_gpu_count 4 GPUs", "h100-sxm", "dgx-h100", 4, Algorithm::nvls, 8 * kGiB, 370},
    {"nvls_busbw_vs_gpu_count 5 GPUs", "h100-sxm", "dgx-h100", 5, Algorithm::nvls, 8 * kGiB, 420},
    {"nvls_busbw_vs_gpu_count 6 GPUs", "h100-sxm", "dgx-h100", 6, Algorithm::nvls, 8 * kGiB, 440},
    {"nvls_busbw_vs_gpu_count 7 GPUs", "h100-sxm", "dgx-h100", 7, Algorithm::nvls, 8 * kGiB, 460},
    {"ring 2 GPUs (ring ~365-370 for 2-8)", "h100-sxm", "dgx-h100", 2, Algorithm::ring, 8 * kGiB, 367},
    {"ring 4 GPUs", "h100-sxm", "dgx-h100", 4, Algorithm::ring, 8 * kGiB, 367},
    {"nvlink4-h200-allreduce (auto, 4 GiB)", "h200", "hgx-h200", 8, Algorithm::automatic, 4 * kGiB, 475},
    {"nvlink3-a100-allreduce (auto)", "a100-80gb", "dgx-a100", 8, Algorithm::automatic, 8 * kGiB, 200},
};

TEST(NcclValidation, PublishedAllReduceBusBandwidthWithin15PercentAtLargeMessages) {
  for (const PublishedBusBw& row : kPublished) {
    const Cluster cluster = catalog_cluster(row.accelerator, row.node, "infiniband-ndr", row.gpus);
    const Topology topology = build_topology_summary(cluster, default_topology_options(cluster));
    const CollectiveEstimate e =
        estimate_collective(topology, Collective::all_reduce, row.bytes, CommGroup{row.gpus, row.gpus}, row.algorithm);
    const double predicted = e.busbw_bytes_per_s / 1e9;
    EXPECT_NEAR(predicted / row.published_gb_per_s, 1.0, 0.15)
        << row.source << ": predicted " << predicted << " GB/s (" << algorithm_name(e.algorithm) << "/"
        << protocol_name(e.protocol) << "), published " << row.published_gb_per_s;
  }
}

TEST(NcclValidation, SmallAllReducesAreLatencyBoundAndBusBandwidthRisesWithSize) {
  const Cluster cluster = net_testing::dgx_h100(8);
  const Topology topology = build_topology_summary(cluster, default_topology_options(cluster));
  const CommGroup group{8, 8};
  // nccl-tests on 8 H100s: ~10-30 us for 8 B to 64 KiB, under 1 GB/s busbw at 8 B.
  const CollectiveEstimate tiny = estimate_collective(topology, Collective::all_reduce, 8, group);
  EXPECT_GT(tiny.seconds, 5e-6);
  EXPECT_LT(tiny.seconds, 40e-6);
  EXPECT_LT(tiny.busbw_bytes_per_s, 1e9);
  EXPECT_EQ(tiny.protocol, Protocol::ll);
  // Latency-bound: 8 B and 64 KiB cost nearly the same time.
  const CollectiveEstimate small = estimate_collective(topology, Collective::all_reduce, 65536, group);
  EXPECT_LT(small.seconds, 2.5 * tiny.seconds);
  // Bandwidth-bound at 1 GiB: over 90% of the 8 GiB bus bandwidth; half of it reached between 1 and 64 MiB.
  const double peak = estimate_collective(topology, Collective::all_reduce, 8 * kGiB, group).busbw_bytes_per_s;
  EXPECT_GT(estimate_collective(topology, Collective::all_reduce, kGiB, group).busbw_bytes_per_s, 0.9 * peak);
  EXPECT_LT(estimate_collective(topology, Collective::all_reduce, 1 << 20, group).busbw_bytes_per_s, 0.5 * peak);
  EXPECT_GT(estimate_collective(topology, Collective::all_reduce, 64 << 20, group).busbw_bytes_per_s, 0.5 * peak);
  double previous = 0;
  for (double bytes = 8; bytes <= 8 * kGiB; bytes *= 2) {
    const double busbw = estimate_collective(topology, Collective::all_reduce, bytes, group).busbw_bytes_per_s;
    EXPECT_GE(busbw, previous * 0.999) << bytes << " B";
    previous = busbw;
  }
}

}  // namespace
}  // namespace stargate::net
