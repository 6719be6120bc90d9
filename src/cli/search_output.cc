#include "search_output.h"

#include <fmt/core.h>

#include "stargate/core/units.h"
#include "stargate/cost/gpu_hour_cost_model.h"
#include "stargate/report/gpu_hour_cost_output.h"
#include "stargate/report/training_report.h"

namespace stargate::cli {
namespace {


double plans_per_second(const SearchResult& r) {
  return r.stats.wall_seconds > 0 ? r.stats.evaluated / r.stats.wall_seconds : 0;
}

// The unit of PlanScore::objective for each --objective name.
const char* objective_unit(const std::string& objective) {
  if (objective == "cost") return "USD per step";
  if (objective == "energy") return "J per step";
  return "s per step";
}

}  // namespace

std::string plan_text(const ParallelPlan& p) {
  return fmt::format("tp{} pp{} dp{} cp{} ep{} vpp{} mb{} zero{} {} {}{}{}", p.tp, p.pp, p.dp, p.cp, p.ep, p.vpp,
                     p.micro_batch, p.zero_stage, recompute_name(p.recompute), dtype_name(p.precision),
                     p.sequence_parallel && p.tp > 1 ? " sp" : "", p.tp_comm_overlap ? " tp-overlap" : "");
}

std::string search_to_text(const Scenario& s, const SearchResult& r, const ReferencePlan& reference) {
  std::string out = fmt::format("{} on {} × {}: {} candidate plans, {} evaluated in {:.3f} s ({:.0f} plans/s)\n",
                                s.model.name, s.cluster.gpus, s.cluster.accelerator.id, r.stats.candidates,
                                r.stats.evaluated, r.stats.wall_seconds, plans_per_second(r));
  out += fmt::format("  scored {}; rejected:", r.stats.scored);
  for (int i = 0; i < kRejectReasonCount; ++i) {
    if (r.stats.rejected_by_reason[i] > 0) out += fmt::format(" {} {},", kRejectReasons[i], r.stats.rejected_by_reason[i]);
  }
  if (out.back() == ',') out.pop_back();
  out += "\n  GPU time priced at " + gpu_hour_cost_text(gpu_hour_cost(s.cluster, default_cost_assumptions()));
  out += fmt::format("\n\n{:>4}  {:>10}  {:>6}  {:>10}  {}\n", "rank", "step", "MFU", "memory", "plan");
  for (size_t i = 0; i < r.best.size(); ++i) {
    const RankedPlan& p = r.best[i];
    out += fmt::format("{:>4}  {:>10}  {:>5.1f}%  {:>10}  {}\n", i + 1, format_quantity(p.score.step_seconds, Dimension::time),
                       100 * p.score.mfu, format_quantity(p.score.memory_bytes, Dimension::bytes), plan_text(p.plan));
  }
  out += "\nscenario plan: " + plan_text(s.training->plan) + "\n  ";
  if (reference.score.verdict == PlanVerdict::scored) {
    out += fmt::format("rank {} of {}, step {}, MFU {:.1f}%\n", reference.rank, r.stats.scored,
                       format_quantity(reference.score.step_seconds, Dimension::time), 100 * reference.score.mfu);
  } else if (reference.score.verdict == PlanVerdict::does_not_fit) {
    out += fmt::format("does not fit in HBM by this model ({} needed)\n",
                       format_quantity(reference.score.memory_bytes, Dimension::bytes));
  } else {
    out += "invalid for this model and cluster\n";
  }
  return out;
}

nlohmann::json search_to_json(const Scenario& s, const SearchResult& r, const ReferencePlan& reference,
                              const std::string& objective, PlanEvaluator& evaluator) {
  nlohmann::json best = nlohmann::json::array();
  Scenario shown = s;
  for (const RankedPlan& p : r.best) {
    shown.training->plan = p.plan;
    const TrainingEstimate e = evaluator.estimate(p.plan);
    best.push_back({{"plan", plan_to_json(p.plan)}, {"index", p.index}, {"objective", p.score.objective},
                    {"step_seconds", p.score.step_seconds}, {"mfu", p.score.mfu}, {"memory_bytes", p.score.memory_bytes},
                    {"estimate", training_to_json(shown, e, TrainingRunTotals{})}});
  }
  nlohmann::json rejected = nlohmann::json::object();
  for (int i = 0; i < kRejectReasonCount; ++i) rejected[kRejectReasons[i]] = r.stats.rejected_by_reason[i];
  return {{"scenario", s.file},
          {"objective", objective},
          {"objective_unit", objective_unit(objective)},
          {"gpu_hour_cost", gpu_hour_cost_json(evaluator.gpu_hour_cost())},
          {"best", best},
          {"stats", {{"candidates", r.stats.candidates}, {"evaluated", r.stats.evaluated}, {"invalid", r.stats.invalid},
                     {"does_not_fit", r.stats.does_not_fit}, {"scored", r.stats.scored}, {"rejected_by_reason", rejected},
                     {"wall_seconds", r.stats.wall_seconds}, {"plans_per_second", plans_per_second(r)}}},
          {"scenario_plan", {{"plan", plan_to_json(s.training->plan)}, {"rank", reference.rank},
                             {"step_seconds", reference.score.step_seconds}, {"mfu", reference.score.mfu},
                             {"memory_bytes", reference.score.memory_bytes},
                             {"fits", reference.score.verdict == PlanVerdict::scored}}}};
}

}  // namespace stargate::cli
