// Partial plans in validation cases: fields the publication does not state are completed by the plan search
// (search/plan_completion.h), the way a tuned recipe would choose them; each reading is noted.
#include <cctype>

#include "case_helpers_training.h"
#include "stargate/net/cluster_collectives.h"
#include "stargate/search/plan_completion.h"

namespace stargate::validation_detail {

bool says_unknown(const std::string& text) {
  return contains(text, "unknown") || contains(text, "not stated") || contains(text, "recipe default") ||
         contains(text, "likely") || contains(text, "not reported") || contains(text, "not given") ||
         contains(text, "unstated") || lower(text) == "n/a" || lower(text) == "none";
}

std::optional<long long> likely_value(const std::string& text) { return integer_after(lower(text), "likely"); }

void note_reading(std::vector<std::string>& notes, const std::string& field, const std::string& read,
                  const std::string& chosen, const std::string& why) {
  notes.push_back(field + ": read '" + read + "' → " + chosen + (why.empty() ? "" : " (" + why + ")"));
}

namespace {

std::string chosen_value(const ParallelPlan& p, PlanField f) {
  switch (f) {
    case PlanField::tp: return std::to_string(p.tp);
    case PlanField::pp: return std::to_string(p.pp);
    case PlanField::dp: return std::to_string(p.dp);
    case PlanField::cp: return std::to_string(p.cp);
    case PlanField::ep: return std::to_string(p.ep);
    case PlanField::vpp: return std::to_string(p.vpp);
    case PlanField::micro_batch: return std::to_string(p.micro_batch);
    case PlanField::zero: return std::to_string(p.zero_stage);
    case PlanField::recompute: return recompute_name(p.recompute);
    case PlanField::precision: return std::string(dtype_name(p.precision));
    case PlanField::fp8_recipe: return fp8_recipe_name(p.fp8_recipe);
    case PlanField::sequence_parallel: return p.sequence_parallel ? "true" : "false";
    case PlanField::tp_comm_overlap: return tp_comm_overlap_name(p.tp_comm_overlap);
    case PlanField::offload: return host_offload_name(p.offload);
  }
  return "?";
}

}  // namespace

std::string complete_case_plan(const SourceRule& rule, TrainingSetup& s) {
  if (s.job.open_fields.empty()) return "";
  const KernelCostModel kernels = KernelCostModel::for_device(s.cluster.accelerator, kernel_options_for(rule));
  const auto collectives = make_cluster_collectives(s.cluster);
  const PlanCompletion c = complete_plan(s.model, s.cluster, s.job, kernels, *collectives, options_for(rule, s),
                                         CompletionChoice::seed_when_fits);
  std::string fields;
  for (int i = 0; i < kPlanFieldCount; ++i) {
    const auto field = static_cast<PlanField>(i);
    if (c.open_fields.has(field)) fields += std::string(fields.empty() ? "" : ", ") + plan_field_name(field);
  }
  if (!c.found) {
    // The publication ran this plan, so a measured case is never dropped on the memory model's verdict: the
    // stated values (seeds) are kept, as for a fully stated plan, and the memory note says it did not fit.
    s.notes.push_back("completion: no completion of " + fields + " fits in memory (" + std::to_string(c.candidates) +
                      " tried): the stated seeds are kept");
    s.job.open_fields = PlanFieldSet{};
    return "";
  }
  std::string chosen;
  for (int i = 0; i < kPlanFieldCount; ++i) {
    const auto field = static_cast<PlanField>(i);
    if (c.open_fields.has(field)) {
      chosen += std::string(chosen.empty() ? "" : " ") + plan_field_name(field) + "=" + chosen_value(c.plan, field);
    }
  }
  s.notes.push_back("completion: " + chosen + (c.seed_kept ? " (the stated seed, which fits; " : " (fastest; ") +
                    std::to_string(c.completions) +
                    " fitting completions, step " + fmt_num(c.step_seconds_min) + "–" + fmt_num(c.step_seconds_max) +
                    " s)");
  s.job.plan = c.plan;
  s.job.open_fields = PlanFieldSet{};
  return "";
}

}  // namespace stargate::validation_detail
