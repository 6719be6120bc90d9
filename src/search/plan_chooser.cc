#include "stargate/search/plan_chooser.h"

#include <algorithm>
#include <cmath>
#include <span>

#include "stargate/mapping/plan_validation.h"
#include "stargate/net/cluster_collectives.h"
#include "stargate/perf/collective_model.h"
#include "stargate/perf/kernel_cost_model.h"
#include "stargate/search/ask_tell.h"
#include "stargate/search/search_strategy.h"

namespace stargate {
namespace {

// Why a standard plan is rejected (CandidateScore::reject_reason); the message for the caller is built from the
// check_plan() problem or the plan summary.
constexpr int kChoiceRejectInvalid = 0;  // check_plan() failed
constexpr int kChoiceRejectMemory = 1;   // does not fit in HBM

// EP ∈ {1, 8, 16, 32, 64} for a mixture-of-experts model (check_plan keeps those dividing the experts and
// tp·dp); 1 for a dense one.
std::vector<int> expert_parallel_degrees(const ModelSpec& model) {
  if (!model.is_moe()) return {1};
  return {1, 8, 16, 32, 64};
}

}  // namespace

double tokens_for_flops(const ModelSpec& model, double flops) {
  const ParameterCount count = count_parameters(model);
  double active = model.published_active_params > 0 ? model.published_active_params : count.active(model);
  if (!model.is_moe() && model.published_params > 0) active = model.published_params;
  return active > 0 ? flops / (6.0 * active) : 0.0;
}

ChosenTraining evaluate_training(const ModelSpec& model, const Cluster& cluster, const TrainingRequest& request,
                                 const ParallelPlan& plan, ReliabilityOptions reliability,
                                 double checkpoint_bytes_per_s) {
  ChosenTraining out;
  out.plan = plan;
  out.gpus_used = plan.gpus();
  Cluster used = cluster;
  used.gpus = plan.gpus();
  TrainingJob job;
  job.seq_len = request.seq_len;
  job.global_batch_sequences = std::floor(request.global_batch_tokens / request.seq_len);
  job.tokens_total = request.tokens;
  job.plan = plan;
  const KernelCostModel kernels = KernelCostModel::for_device(used.accelerator);
  // Expert-parallel all-to-alls of every replica at once on the flow model, by the fabric's symmetry.
  const auto collectives = make_cluster_flow_collectives(used);
  out.step = estimate_training_step(model, used, job, kernels, *collectives);
  if (reliability.checkpoint_seconds < 0) {
    reliability.checkpoint_seconds = checkpoint_write_seconds(count_parameters(model).total(), checkpoint_bytes_per_s);
  }
  out.reliability = estimate_reliability(composition_for(used.gpus, used.node.gpus_per_node), reliability);
  const double ideal = out.step.tokens_per_second > 0 ? request.tokens / out.step.tokens_per_second : INFINITY;
  out.wall_seconds = out.reliability.goodput > 0 ? ideal / out.reliability.goodput : INFINITY;
  out.gpu_hours = out.wall_seconds * used.gpus / 3600.0;
  return out;
}

std::vector<ParallelPlan> standard_training_plans(const ModelSpec& model, const Cluster& cluster,
                                                 const TrainingRequest& request) {
  std::vector<ParallelPlan> plans;
  const double batch = std::floor(request.global_batch_tokens / request.seq_len);
  for (int tp : {8, 4, 2, 1}) {
    if (tp > cluster.node.scale_up_domain) continue;
    for (int pp : {1, 2, 4, 8, 16, 32}) {
      for (int vpp : {1, 2, 4}) {
        if ((pp == 1 && vpp > 1) || pp * vpp > model.layers) continue;
        int max_dp = static_cast<int>(std::min<double>(cluster.gpus / (tp * pp), batch));
        while (max_dp > 1 && std::fmod(batch, max_dp) != 0) --max_dp;
        // Fewer replicas than fit can win: a smaller job fails less often (reliability goodput).
        for (int dp = max_dp; dp >= 1 && dp * 16 >= max_dp; dp /= 2) {
          if (std::fmod(batch, dp) != 0) continue;
          for (int ep : expert_parallel_degrees(model)) {
            plans.push_back(ParallelPlan{.tp = tp, .pp = pp, .dp = dp, .ep = ep, .vpp = vpp,
                                         .sequence_parallel = tp > 1, .zero_stage = 1,
                                         .recompute = Recompute::selective, .precision = request.precision});
          }
        }
      }
    }
  }
  return plans;
}

std::optional<ChosenTraining> choose_training_plan(const ModelSpec& model, const Cluster& cluster,
                                                   const TrainingRequest& request,
                                                   const ReliabilityOptions& reliability,
                                                   double checkpoint_bytes_per_s, std::string* why) {
  const std::vector<ParallelPlan> plans = standard_training_plans(model, cluster, request);
  const double batch = std::floor(request.global_batch_tokens / request.seq_len);
  std::vector<ChosenTraining> evaluated(plans.size());
  int tried = 0;
  std::string last_problem = "no candidate plan";
  // Serial, in candidate order: `last_problem` is the last rejection in that order.
  auto evaluate = [&](std::span<const size_t> indices, std::span<CandidateScore> scores) {
    for (size_t j = 0; j < indices.size(); ++j) {
      const ParallelPlan& plan = plans[indices[j]];
      const PlanContext context{plan.gpus(), request.seq_len, batch};
      if (auto problem = check_plan(model, cluster.accelerator, plan, context)) {
        last_problem = problem->field + ": " + problem->message;
        scores[j] = CandidateScore{.verdict = PlanVerdict::invalid, .reject_reason = kChoiceRejectInvalid};
        continue;
      }
      ++tried;
      ChosenTraining& c = evaluated[indices[j]];
      c = evaluate_training(model, cluster, request, plan, reliability, checkpoint_bytes_per_s);
      if (!c.step.fits) {
        last_problem = plan_summary(plan) + " does not fit in HBM";
        scores[j] = CandidateScore{.verdict = PlanVerdict::does_not_fit, .reject_reason = kChoiceRejectMemory};
        continue;
      }
      scores[j] = CandidateScore{.verdict = PlanVerdict::scored, .objective = c.wall_seconds};
    }
  };
  std::optional<size_t> best;
  double best_wall_seconds = 0;
  auto record = [&](std::span<const size_t> indices, std::span<const CandidateScore> scores) {
    for (size_t j = 0; j < indices.size(); ++j) {
      if (scores[j].verdict != PlanVerdict::scored) continue;
      if (!best || ranks_before(scores[j].objective, indices[j], best_wall_seconds, *best)) {
        best = indices[j];
        best_wall_seconds = scores[j].objective;
      }
    }
  };
  ExhaustiveStrategy every_plan(plans.size());
  drive_search<CandidateScore>(every_plan, std::max<size_t>(1, plans.size()), evaluate, record);
  if (!best) {
    if (why) *why = last_problem;
    return std::nullopt;
  }
  ChosenTraining chosen = std::move(evaluated[*best]);
  chosen.candidates_tried = tried;
  return chosen;
}

std::string plan_summary(const ParallelPlan& p) {
  std::string s = "TP" + std::to_string(p.tp) + " PP" + std::to_string(p.pp) + " DP" + std::to_string(p.dp);
  if (p.ep > 1) s += " EP" + std::to_string(p.ep);
  if (p.vpp > 1) s += " VPP" + std::to_string(p.vpp);
  s += " ZeRO-" + std::to_string(p.zero_stage) + " " + recompute_name(p.recompute) + " " +
       std::string(dtype_name(p.precision));
  return s;
}

}  // namespace stargate
