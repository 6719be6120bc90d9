#include "stargate/report/plan_completion_report.h"

#include <fmt/core.h>

#include "completion_json.h"

namespace stargate {
namespace {

// The chosen value of `field` in `plan`, as the scenario would write it.
nlohmann::json field_value(const ParallelPlan& plan, PlanField field) {
  switch (field) {
    case PlanField::tp: return plan.tp;
    case PlanField::pp: return plan.pp;
    case PlanField::dp: return plan.dp;
    case PlanField::cp: return plan.cp;
    case PlanField::ep: return plan.ep;
    case PlanField::vpp: return plan.vpp;
    case PlanField::micro_batch: return plan.micro_batch;
    case PlanField::zero: return plan.zero_stage;
    case PlanField::recompute: return recompute_name(plan.recompute);
    case PlanField::precision: return std::string(dtype_name(plan.precision));
    case PlanField::fp8_recipe: return fp8_recipe_name(plan.fp8_recipe);
    case PlanField::sequence_parallel: return plan.sequence_parallel;
    case PlanField::tp_comm_overlap: return tp_comm_overlap_name(plan.tp_comm_overlap);
    case PlanField::offload: return host_offload_name(plan.offload);
  }
  return nullptr;
}

nlohmann::json chosen_fields(const PlanCompletion& c) {
  nlohmann::json fields = nlohmann::json::object();
  for (int i = 0; i < kPlanFieldCount; ++i) {
    const auto field = static_cast<PlanField>(i);
    if (c.open_fields.has(field)) fields[plan_field_name(field)] = field_value(c.plan, field);
  }
  return fields;
}

}  // namespace

namespace report_detail {

nlohmann::json completion_json(const PlanCompletion& c) {
  return {{"fields", chosen_fields(c)},
          {"step_seconds_min", c.step_seconds_min},
          {"step_seconds_max", c.step_seconds_max},
          {"completions", c.completions},
          {"candidates", c.candidates}};
}

}  // namespace report_detail

std::string plan_completion_text(const PlanCompletion& c) {
  std::string chosen;
  for (int i = 0; i < kPlanFieldCount; ++i) {
    const auto field = static_cast<PlanField>(i);
    if (!c.open_fields.has(field)) continue;
    const nlohmann::json value = field_value(c.plan, field);
    chosen += fmt::format(" {}={}", plan_field_name(field), value.is_string() ? value.get<std::string>() : value.dump());
  }
  return fmt::format("completion:{} (best of {} fitting completions of {} tried; step {:.4g} s … {:.4g} s)\n", chosen,
                     c.completions, c.candidates, c.step_seconds_min, c.step_seconds_max);
}

}  // namespace stargate
