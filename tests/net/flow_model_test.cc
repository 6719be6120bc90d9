// The max-min fair flow model: fair shares by hand, conservation of bytes, agreement with the analytical model.
#include "stargate/net/flow_model.h"

#include <gtest/gtest.h>

#include <map>
#include <numeric>

#include "net_test_clusters.h"
#include "stargate/net/concurrent_collectives.h"

namespace stargate::net {
namespace {

TEST(FlowModel, MaxMinSharesMatchHandComputation) {
  // Link 0: 10 B/s shared by A and B; link 1: 4 B/s shared by B and C. Link 1 is the bottleneck: B = C = 2,
  // then A takes the rest of link 0: 8. A (16 B) and C (4 B) finish at 2 s; B has 4 B left, alone at 4 B/s.
  FlowSet flows;
  flows.path_links = {0};
  flows.add(0, 0, 1, 16);  // A
  flows.path_links.insert(flows.path_links.end(), {0, 1});
  flows.add(0, 0, 1, 8);  // B
  flows.path_links.push_back(1);
  flows.add(0, 0, 1, 4);  // C
  const FlowOutcome out = solve_max_min({10, 4}, flows);
  EXPECT_NEAR(out.finish_seconds[0], 2.0, 1e-9);
  EXPECT_NEAR(out.finish_seconds[2], 2.0, 1e-9);
  EXPECT_NEAR(out.finish_seconds[1], 2.0 + 4.0 / 4, 1e-9);  // 4 B left at 4 B/s
  EXPECT_NEAR(out.link_bytes[0], 24, 1e-9);
  EXPECT_NEAR(out.link_bytes[1], 12, 1e-9);
}

TEST(FlowModel, ConservationBytesSentEqualBytesReceived) {
  const Topology t = build_topology(net_testing::dgx_h100(512), TopologyOptions{.leaf_oversubscription = 2});
  const std::vector<CollectiveJob> jobs{
      {Collective::all_reduce, 1e9, gpu_range(0, 512)},
      {Collective::all_to_all, 1e8, gpu_range(0, 64)},
      {Collective::all_reduce, 1e8, gpu_range(0, 8), Algorithm::nvls},
      {Collective::send_recv, 1e7, {3, 300}},
  };
  const FlowSimulation sim = simulate_collectives(t, jobs);
  std::map<int, double> sent, received;  // GPU (-1: a switch) -> bytes
  double path_bytes = 0;
  for (int f = 0; f < sim.flows.size(); ++f) {
    sent[sim.flows.src[f]] += sim.flows.bytes[f];
    received[sim.flows.dst[f]] += sim.flows.bytes[f];
    path_bytes += sim.flows.bytes[f] * (sim.flows.path_offsets[f + 1] - sim.flows.path_offsets[f]);
  }
  auto total = [](const std::map<int, double>& m) {
    return std::accumulate(m.begin(), m.end(), 0.0, [](double a, const auto& kv) { return a + kv.second; });
  };
  EXPECT_NEAR(total(sent), total(received), 1e-9 * total(sent));
  const double carried = std::accumulate(sim.outcome.link_bytes.begin(), sim.outcome.link_bytes.end(), 0.0);
  EXPECT_NEAR(carried, path_bytes, 1e-9 * path_bytes);
  // Collectives are symmetric: in a ring every rank sends and receives the same amount.
  EXPECT_NEAR(sent[5], received[5], 1e-6 * sent[5]);
}

TEST(FlowModel, OneRingAgreesWithTheAnalyticalBandwidthTerm) {
  for (int gpus : {8, 64, 1024}) {
    const Topology t = build_topology(net_testing::dgx_h100(gpus), TopologyOptions{});
    const CollectiveJob job{Collective::all_reduce, 1e9, gpu_range(0, gpus), Algorithm::ring};
    const FlowSimulation sim = simulate_collectives(t, {job});
    const CollectiveEstimate e = estimate_collective(t, job.op, job.bytes, comm_group_of(t, job.gpus), job.algorithm);
    EXPECT_NEAR(sim.jobs[0].seconds / e.seconds, 1.0, 0.02) << gpus << " GPUs";
  }
}

}  // namespace
}  // namespace stargate::net
