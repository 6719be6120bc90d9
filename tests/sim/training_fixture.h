#pragma once
// Shared set-up for training-model tests: a catalog cluster, a preset model and a plan.
#include "stargate/catalog/catalog.h"
#include "stargate/perf/collective_model.h"
#include "stargate/perf/kernel_cost_model.h"
#include "stargate/sim/training_step.h"
#include "stargate/workload/model_catalog.h"

namespace stargate::testing_support {

inline Cluster make_cluster(const char* accelerator, const char* node, int gpus) {
  const Catalog& c = Catalog::builtin();
  return Cluster{*c.find_accelerator(accelerator), *c.find_node(node), *c.find_fabric("infiniband-ndr"), gpus};
}

inline TrainingJob make_job(int seq_len, double global_batch, ParallelPlan plan) {
  TrainingJob job;
  job.seq_len = seq_len;
  job.global_batch_sequences = global_batch;
  job.plan = plan;
  return job;
}

inline TrainingEstimate estimate(const char* model, const Cluster& cluster, const TrainingJob& job) {
  const ModelSpec& m = *ModelCatalog::builtin().find(model);
  const KernelCostModel kernels = KernelCostModel::for_device(cluster.accelerator);
  const auto net = make_alpha_beta_collectives(cluster);
  return estimate_training_step(m, cluster, job, kernels, *net);
}

inline ParallelPlan plan(int tp, int pp, int dp, int micro_batch = 1, int vpp = 1) {
  ParallelPlan p;
  p.tp = tp;
  p.pp = pp;
  p.dp = dp;
  p.micro_batch = micro_batch;
  p.vpp = vpp;
  return p;
}

}  // namespace stargate::testing_support
