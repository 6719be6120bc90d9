#pragma once
// The fleet's plan choice: a small documented candidate space searched through the shared ask/tell loop
// (ask_tell.h) with an exhaustive strategy; the objective is time to train, failures included. Candidates are
// the standard Megatron recipe, in this order:
//   TP ∈ {8, 4, 2, 1} within the scale-up domain (must divide the heads), PP ∈ {1, 2, 4, 8, 16, 32} to fit
//   memory, VPP ∈ {1, 2, 4} interleaving, DP = the rest capped by the global batch (one sequence per
//   micro-batch, DP divides the batch) and also 1/2 .. 1/16 of that (a smaller job fails less often), for a
//   mixture-of-experts model EP ∈ {1, 8, 16, 32, 64}, ZeRO-1, selective recompute. Invalid plans (check_plan) and
//   plans that do not fit HBM are rejected; the fastest time-to-train wins, the earlier candidate on ties (fewer
//   GPUs may win when the batch cannot use them all). Collectives come from make_cluster_flow_collectives: the
//   expert-parallel all-to-alls of all groups at once on the flow model, solved by the fabric's symmetry where it
//   is uniform (net/symmetric_all_to_all.h), the analytical model elsewhere.
#include <optional>
#include <string>
#include <vector>

#include "stargate/catalog/cluster.h"
#include "stargate/mapping/parallel_plan.h"
#include "stargate/reliability/goodput.h"
#include "stargate/sim/training_step.h"
#include "stargate/workload/model.h"

namespace stargate {

struct TrainingRequest {
  int seq_len = 8192;
  double global_batch_tokens = 16.0 * 1024 * 1024;
  double tokens = 0;  // tokens to train on
  Dtype precision = Dtype::bf16;
};

struct ChosenTraining {
  ParallelPlan plan;
  int gpus_used = 0;
  TrainingEstimate step;
  ReliabilityEstimate reliability;
  double wall_seconds = 0;  // failures included (divided by goodput)
  double gpu_hours = 0;     // gpus_used × wall
  int candidates_tried = 0;
};

// Tokens that `flops` buy at 6 FLOPs per active parameter per token (the convention behind published totals
// such as Llama 3.1 405B's 3.8e25 = 6 · 405e9 · 15.6e12).
double tokens_for_flops(const ModelSpec& model, double flops);

// Time to train `request.tokens` on `cluster` with `plan` (failures and checkpoints from `reliability`;
// checkpoint time from checkpoint_write_seconds when reliability.checkpoint_seconds < 0).
ChosenTraining evaluate_training(const ModelSpec& model, const Cluster& cluster, const TrainingRequest& request,
                                 const ParallelPlan& plan, ReliabilityOptions reliability,
                                 double checkpoint_bytes_per_s);

// The candidate space: the standard plans above for this cluster and request, in search order (not yet checked).
std::vector<ParallelPlan> standard_training_plans(const ModelSpec& model, const Cluster& cluster,
                                                 const TrainingRequest& request);

// The fastest standard plan, or nullopt when none fits (message in `why`).
std::optional<ChosenTraining> choose_training_plan(const ModelSpec& model, const Cluster& cluster,
                                                   const TrainingRequest& request,
                                                   const ReliabilityOptions& reliability,
                                                   double checkpoint_bytes_per_s, std::string* why = nullptr);

std::string plan_summary(const ParallelPlan& plan);  // "TP8 PP16 DP128 ZeRO-1 selective bf16"

}  // namespace stargate
