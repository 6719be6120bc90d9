// Pipeline sends with and without Megatron-LM's scatter/gather optimization (plan.pp_scatter_gather), on a case
// whose transfer time is derived by hand from a collective model with round bandwidths.
#include <gtest/gtest.h>

#include "training_fixture.h"

namespace stargate {
namespace {

// Point-to-point at 1 GB/s (the fabric), all-gather at 10 GB/s of gathered bytes (NVLink); a group of one costs 0.
class RoundBandwidths : public CollectiveModel {
 public:
  double seconds(Collective op, double bytes, const CommGroup& group) const override {
    if (group.size <= 1) return 0;
    return op == Collective::all_gather ? bytes / 1e10 : bytes / 1e9;
  }
};

struct P2pCase {
  int tp;
  bool sequence_parallel, scatter_gather;
  double seconds;  // one transfer
};

TEST(PipelineScatterGather, TransferSplitsOverTensorRanksAndGathersAtTheReceiver) {
  // GPT-3 175B, seq 2048, micro-batch 1: one activation is 2048·12288·2 B = 50,331,648 B.
  const double whole = 2048.0 * 12288 * 2;
  const P2pCase cases[] = {
      {8, false, false, whole / 1e9},                // every TP rank sends the whole tensor
      {8, false, true, whole / 8 / 1e9 + whole / 1e10},  // 1/8 each, then the all-gather of the whole
      {8, true, false, whole / 8 / 1e9},             // SP: each rank's own shard, nothing to gather
      {8, true, true, whole / 8 / 1e9},
      {1, false, true, whole / 1e9},                 // nothing to split without TP
  };
  const ModelSpec& m = *ModelCatalog::builtin().find("gpt3-175b");
  const RoundBandwidths net;
  for (const P2pCase& c : cases) {
    const Cluster cluster = testing_support::make_cluster("a100-80gb", "dgx-a100", c.tp * 8);
    ParallelPlan p = testing_support::plan(c.tp, 8, 1);
    p.sequence_parallel = c.sequence_parallel;
    p.pp_scatter_gather = c.scatter_gather;
    p.recompute = Recompute::full;
    const TrainingEstimate e = estimate_training_step(m, cluster, testing_support::make_job(2048, 64, p),
                                                      KernelCostModel::for_device(cluster.accelerator), net);
    EXPECT_NEAR(e.p2p_seconds, c.seconds, 1e-12) << "tp " << c.tp << " sp " << c.sequence_parallel << " split "
                                                 << c.scatter_gather;
    // On the critical path twice (activation, gradient) per micro-batch and per fill step: 2·(64 + 8 − 1).
    EXPECT_NEAR(e.breakdown.pp_comm_seconds, 2 * 71 * c.seconds, 1e-9);
  }
}

}  // namespace
}  // namespace stargate
