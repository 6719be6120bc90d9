// The `stargate search` table and JSON (see search_report.h).
#include "stargate/report/search_report.h"

#include <fmt/core.h>

#include "gpu_hour_cost_output.h"
#include "confidence_json.h"
#include "json_text.h"
#include "mfu_format.h"
#include "plan_format.h"
#include "stargate/core/units.h"
#include "stargate/report/confidence_report.h"
#include "stargate/cost/gpu_hour_cost_model.h"
#include "stargate/sim/training_run.h"
#include "training_json.h"

namespace stargate {
namespace {

using report_detail::plan_compact;
using report_detail::plan_to_json;

// The unit of PlanScore::objective for each --objective name.
const char* objective_unit(const std::string& objective) {
  if (objective == "cost") return "USD per step";
  if (objective == "energy") return "J per step";
  return "s per step";
}

double plans_per_second(const SearchResult& r) {
  return r.stats.wall_seconds > 0 ? r.stats.evaluated / r.stats.wall_seconds : 0;
}

std::string stats_text(const Scenario& s, const SearchResult& r) {
  std::string out = fmt::format("{} on {} × {}: {} candidate plans, {} evaluated in {:.3f} s ({:.0f} plans/s)\n",
                                s.model.name, s.cluster.gpus, s.cluster.accelerator.id, r.stats.candidates,
                                r.stats.evaluated, r.stats.wall_seconds, plans_per_second(r));
  out += fmt::format("  scored {}", r.stats.scored);
  if (r.stats.scored_with_offload > 0) out += fmt::format(" ({} only with host offload)", r.stats.scored_with_offload);
  out += "; rejected:";
  for (int i = 0; i < kRejectReasonCount; ++i) {
    if (r.stats.rejected_by_reason[i] > 0) out += fmt::format(" {} {},", kRejectReasons[i], r.stats.rejected_by_reason[i]);
  }
  if (out.back() == ',') out.pop_back();
  const AcceleratorSpec& card = s.cluster.accelerator;
  out += fmt::format("\n  fits: within {} of the {} HBM per GPU ({:g}% headroom for the allocator)",
                     format_quantity(card.usable_hbm_bytes(), Dimension::bytes),
                     format_quantity(card.hbm_capacity_bytes, Dimension::bytes), 100 * card.memory_headroom_fraction);
  out += "\n  GPU time priced at " + gpu_hour_cost_text(gpu_hour_cost(s.cluster, default_cost_assumptions()));
  return out;
}

// The ranking column of objectives other than step time ("USD/step"), empty for step time (the step column).
std::string objective_header(const std::string& objective) {
  if (objective == "cost") return fmt::format("{:>12}  ", "USD/step");
  if (objective == "energy") return fmt::format("{:>12}  ", "J/step");
  return "";
}

std::string objective_cell(const std::string& objective, double value) {
  if (objective == "cost") return fmt::format("{:>12.2f}  ", value);
  if (objective == "energy") return fmt::format("{:>12.4g}  ", value);
  return "";
}

std::string ranking_text(const SearchResult& r, const std::string& objective) {
  std::string out = fmt::format("\n\n{:>4}  {}{:>10}  {:>6}  {:>10}  {}\n", "rank", objective_header(objective), "step",
                                "MFU", "memory", "plan");
  for (size_t i = 0; i < r.best.size(); ++i) {
    const RankedPlan& p = r.best[i];
    out += fmt::format("{:>4}  {}{:>10}  {:>5.1f}%  {:>10}  {}\n", i + 1, objective_cell(objective, p.score.objective),
                       format_quantity(p.score.step_seconds, Dimension::time),
                       100 * p.score.mfu, format_quantity(p.score.memory_bytes, Dimension::bytes), plan_compact(p.plan));
  }
  return out;
}

std::string reference_text(const Scenario& s, const SearchResult& r, const ReferencePlan& reference) {
  std::string out = "\nscenario plan: " + plan_compact(s.training->plan) + "\n  ";
  if (reference.score.verdict == PlanVerdict::scored) {
    out += fmt::format("rank {} of {}, step {}, {}\n", reference.rank, r.stats.scored,
                       format_quantity(reference.score.step_seconds, Dimension::time),
                       report_detail::mfu_text(reference.score.mfu, s.cluster.accelerator, s.training->plan.precision));
  } else if (reference.score.verdict == PlanVerdict::does_not_fit) {
    out += fmt::format("does not fit in HBM by this model ({} needed)\n",
                       format_quantity(reference.score.memory_bytes, Dimension::bytes));
  } else {
    out += "invalid for this model and cluster\n";
  }
  return out;
}

// What the table's MFU column is measured against; fp8/fp4 rows also get their own precision's utilization.
std::string mfu_legend_text(const Scenario& s, const SearchResult& r) {
  const AcceleratorSpec& card = s.cluster.accelerator;
  std::string out =
      "  MFU: model FLOP/s over the " + report_detail::mfu_peak_text(card) + " per GPU, whatever the plan's precision\n";
  for (size_t i = 0; i < r.best.size(); ++i) {
    const Dtype precision = r.best[i].plan.precision;
    if (card.precision_peak_flops_per_s(precision) == card.bf16_peak_flops_per_s()) continue;
    out += fmt::format("  rank {}: {}\n", i + 1, report_detail::mfu_text(r.best[i].score.mfu, card, precision));
  }
  return out;
}

// The whole run of a winner (time, GPU-hours, energy to train the scenario's tokens), as `train` reports it.
TrainingRunTotals run_totals(const Scenario& s, const TrainingEstimate& e) {
  return training_run_totals(e, s.cluster, s.training->tokens_total);
}

PredictionConfidence plan_confidence(const Scenario& s, const ParallelPlan& plan) {
  return training_confidence(s.cluster.accelerator, plan.precision, s.model.moe.has_value());
}

// The confidence of the best plan's estimate (calibration source and validated error band).
std::string best_confidence_text(const Scenario& s, const SearchResult& r) {
  return r.best.empty() ? "" : "  " + confidence_to_text(plan_confidence(s, r.best.front().plan));
}

nlohmann::json best_json(const Scenario& s, const SearchResult& r, const std::vector<TrainingEstimate>& estimates) {
  nlohmann::json best = nlohmann::json::array();
  Scenario shown = s;
  for (size_t i = 0; i < r.best.size(); ++i) {
    const RankedPlan& p = r.best[i];
    shown.training->plan = p.plan;
    nlohmann::json row = {{"plan", plan_to_json(p.plan)}, {"index", p.index}, {"objective", p.score.objective},
                          {"step_seconds", p.score.step_seconds}, {"mfu", p.score.mfu}, {"memory_bytes", p.score.memory_bytes},
                          {"estimate", report_detail::training_json(shown, estimates.at(i), run_totals(s, estimates.at(i)))}};
    report_detail::add_mfu_peaks(row, p.score.mfu, s.cluster.accelerator, p.plan.precision);
    row["confidence"] = report_detail::confidence_json(plan_confidence(s, p.plan));
    best.push_back(std::move(row));
  }
  return best;
}

nlohmann::json stats_json(const SearchResult& r) {
  nlohmann::json rejected = nlohmann::json::object();
  for (int i = 0; i < kRejectReasonCount; ++i) rejected[kRejectReasons[i]] = r.stats.rejected_by_reason[i];
  return {{"candidates", r.stats.candidates}, {"evaluated", r.stats.evaluated}, {"invalid", r.stats.invalid},
          {"does_not_fit", r.stats.does_not_fit}, {"scored", r.stats.scored},
          {"scored_with_offload", r.stats.scored_with_offload}, {"rejected_by_reason", rejected},
          {"wall_seconds", r.stats.wall_seconds}, {"plans_per_second", plans_per_second(r)}};
}

}  // namespace

std::string search_to_text(const Scenario& s, const SearchResult& r, const ReferencePlan& reference,
                           const std::string& objective) {
  std::string ranked_by = objective == "cost" || objective == "energy"
                              ? fmt::format("\n  ranked by {} ({})", objective, objective_unit(objective))
                              : "";
  return stats_text(s, r) + ranked_by + ranking_text(r, objective) + mfu_legend_text(s, r) +
         best_confidence_text(s, r) + reference_text(s, r, reference);
}

std::string search_to_json(const Scenario& s, const SearchResult& r, const ReferencePlan& reference,
                           const std::string& objective, const std::vector<TrainingEstimate>& best_estimates) {
  return report_detail::indented_json(
      {{"scenario", s.file},
       {"objective", objective},
       {"objective_unit", objective_unit(objective)},
       {"gpu_hour_cost", gpu_hour_cost_json(gpu_hour_cost(s.cluster, default_cost_assumptions()))},
       {"best", best_json(s, r, best_estimates)},
       {"stats", stats_json(r)},
       {"scenario_plan", {{"plan", plan_to_json(s.training->plan)}, {"rank", reference.rank},
                          {"step_seconds", reference.score.step_seconds}, {"mfu", reference.score.mfu},
                          {"memory_bytes", reference.score.memory_bytes},
                          {"fits", reference.score.verdict == PlanVerdict::scored}}}});
}

}  // namespace stargate
