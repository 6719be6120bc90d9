#include "stargate/jobs/fitting_plans.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "stargate/core/units.h"
#include "stargate/net/cluster_collectives.h"
#include "stargate/search/plan_chooser.h"
#include "stargate/search/training_space.h"

namespace stargate {
namespace {

std::string figure(const char* format, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

// `value` rounded up (a maximum that admits it) or down (a minimum) to 4 significant digits.
double round_up_4(double value) {
  const double scale = std::pow(10.0, std::floor(std::log10(value)) - 3);
  return std::ceil(value / scale) * scale;
}
double round_down_4(double value) {
  const double scale = std::pow(10.0, std::floor(std::log10(value)) - 3);
  return std::floor(value / scale) * scale;
}

std::string gib(double bytes) { return figure("%.1f GiB", bytes / kBytesPerGiB); }

std::string plan_line(const RankedPlan& p) {
  return plan_summary(p.plan) + " micro_batch " + std::to_string(p.plan.micro_batch) + " (step " + figure("%.3g s", p.score.step_seconds) + ", " +
         gib(p.score.memory_bytes) + " per GPU)";
}

std::string plan_list(const std::vector<RankedPlan>& plans) {
  std::string text;
  for (const RankedPlan& p : plans) text += "\n  " + plan_line(p);
  return text;
}

}  // namespace

std::vector<RankedPlan> fastest_fitting_plans(const Scenario& s, size_t count) {
  const TrainingJob& job = *s.training;
  TrainingSpace space = default_training_space(s.model, s.cluster, job.seq_len);
  take_unsearched_fields(space, job.plan);
  const std::vector<ParallelPlan> candidates =
      enumerate_plans(space, s.model, s.cluster.gpus, job.global_batch_sequences, job.seq_len);
  ExhaustiveStrategy strategy(candidates.size(), 0, 1);
  SearchOptions options;
  options.top_k = count;
  options.flash_attention = job.flash_attention;
  options.moe_grouped_gemm = job.moe_grouped_gemm;
  const SearchProblem problem{s.model, s.cluster, job.seq_len, job.global_batch_sequences, candidates};
  return search_training_plans(problem, strategy, options).best;
}

Error plan_does_not_fit_error(const Scenario& s, const TrainingEstimate& e) {
  const double needed = e.memory.total_bytes();
  const double usable = e.hbm_capacity_bytes - e.memory_headroom_bytes;
  std::string message =
      needed > usable
          ? "the plan does not fit in HBM: it needs " + gib(needed) + " per GPU, " + gib(needed - usable) +
                " more than the usable " + gib(usable) + " of the " + s.cluster.accelerator.id + "'s " +
                gib(e.hbm_capacity_bytes) + " (less " + gib(e.memory_headroom_bytes) + " allocator headroom)"
          : "the plan's offloaded state does not fit in host memory: it needs " + gib(e.memory.host_bytes()) +
                " per GPU, the node has " + gib(e.host_memory_capacity_bytes);
  message += " (if it fitted: step " + figure("%.3g s", e.step_seconds) + ", MFU " + figure("%.1f%%", 100 * e.mfu) + ")";
  const std::vector<RankedPlan> fitting = fastest_fitting_plans(s, 3);
  if (fitting.empty()) {
    message += "; no plan of the search space fits on " + std::to_string(s.cluster.gpus) +
               " GPUs: add GPUs or use a card with more HBM";
  } else {
    message += "; the fastest plans that fit (`stargate search` lists more):" + plan_list(fitting);
  }
  return Error{ErrorKind::invalid_input, message, "training.plan", {s.file, 0, 0}};
}

Error nothing_passes_error(const Scenario& s, const SearchStats& stats, const SearchConstraints& constraints,
                           const std::vector<RankedPlan>& unconstrained) {
  std::string message = "no plan passes: " + std::to_string(stats.evaluated) + " evaluated, rejected:";
  for (int i = 0; i < kRejectReasonCount; ++i) {
    if (stats.rejected_by_reason[i] > 0) {
      message += " " + std::string(kRejectReasons[i]) + " " + std::to_string(stats.rejected_by_reason[i]) + ",";
    }
  }
  message.back() = ';';
  if (unconstrained.empty()) {
    message += " no plan fits in HBM on " + std::to_string(s.cluster.gpus) + " " + s.cluster.accelerator.id +
               ": relax the cluster (more GPUs, a card with more HBM) or the batch (a smaller global_batch or seq_len)";
    return Error{ErrorKind::invalid_input, message, "", {s.file, 0, 0}};
  }
  // The constraint to relax: the bound that would admit the best plan without constraints.
  const RankedPlan& best = unconstrained.front();
  std::string relax;
  if (constraints.max_step_seconds > 0 && best.score.step_seconds > constraints.max_step_seconds) {
    relax += " --max-step-seconds " + figure("%.4g", round_up_4(best.score.step_seconds));
  }
  if (constraints.min_mfu > 0 && best.score.mfu < constraints.min_mfu) {
    relax += " --min-mfu " + figure("%.4g", round_down_4(best.score.mfu));
  }
  if (constraints.max_memory_bytes > 0 && best.score.memory_bytes > constraints.max_memory_bytes) {
    relax += " --max-memory-gib " + figure("%.4g", round_up_4(best.score.memory_bytes / kBytesPerGiB));
  }
  message += " the nearest constraint to relax:" + relax + " admits " + plan_line(best);
  return Error{ErrorKind::invalid_input, message, "", {s.file, 0, 0}};
}

}  // namespace stargate
