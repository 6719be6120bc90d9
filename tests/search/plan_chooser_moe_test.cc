// The fleet's plan choice for a mixture-of-experts model: expert-parallel candidates, and expert-parallel
// all-to-alls from the flow model solved by the fabric's symmetry (make_cluster_flow_collectives).
#include <gtest/gtest.h>

#include <algorithm>

#include "stargate/catalog/catalog.h"
#include "stargate/net/cluster_collectives.h"
#include "stargate/perf/kernel_cost_model.h"
#include "stargate/search/plan_chooser.h"
#include "stargate/workload/model_catalog.h"

namespace stargate {
namespace {

Cluster preset_cluster(const std::string& node, int gpus) {
  const Catalog& c = Catalog::builtin();
  const NodeSpec& spec = *c.find_node(node);
  return Cluster{*c.find_accelerator(spec.accelerator), spec, *c.find_fabric("infiniband-ndr"), gpus};
}

TEST(PlanChooserMoe, OnlyMixtureOfExpertsModelsGetExpertParallelCandidates) {
  const Cluster cluster = preset_cluster("dgx-h100", 4096);
  const TrainingRequest request{.seq_len = 4096, .global_batch_tokens = 16.0 * 1024 * 1024, .tokens = 1e12};
  const auto has_ep = [](const std::vector<ParallelPlan>& plans) {
    return std::any_of(plans.begin(), plans.end(), [](const ParallelPlan& p) { return p.ep > 1; });
  };
  EXPECT_TRUE(has_ep(standard_training_plans(*ModelCatalog::builtin().find("deepseek-v3"), cluster, request)));
  EXPECT_FALSE(has_ep(standard_training_plans(*ModelCatalog::builtin().find("llama3.1-405b"), cluster, request)));
}

TEST(PlanChooserMoe, ExpertAllToAllsComeFromTheFabricFlowModel) {
  // DeepSeek-V3's published layout (TP1 PP16 DP128 EP64) on 2,048 H800s: 32 expert-parallel groups of 8 nodes.
  const ModelSpec& model = *ModelCatalog::builtin().find("deepseek-v3");
  const Cluster cluster = preset_cluster("hgx-h800", 2048);
  const TrainingRequest request{.seq_len = 4096, .global_batch_tokens = 15360.0 * 4096, .tokens = 1e12};
  const ParallelPlan plan{.tp = 1, .pp = 16, .dp = 128, .ep = 64, .zero_stage = 1};
  ReliabilityOptions rel;
  rel.checkpoint_seconds = 0;
  const ChosenTraining chosen = evaluate_training(model, cluster, request, plan, rel, 2e12);
  TrainingJob job;
  job.seq_len = request.seq_len;
  job.global_batch_sequences = 15360;
  job.tokens_total = request.tokens;
  job.plan = plan;
  const TrainingEstimate flows = estimate_training_step(model, cluster, job, KernelCostModel::for_device(cluster.accelerator),
                                                        *make_cluster_flow_collectives(cluster));
  EXPECT_GT(chosen.step.breakdown.ep_comm_seconds, 0);
  EXPECT_EQ(chosen.step.breakdown.ep_comm_seconds, flows.breakdown.ep_comm_seconds);
}

}  // namespace
}  // namespace stargate
