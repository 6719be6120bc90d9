#include "stargate/mapping/plan_field_set.h"

namespace stargate {

const char* plan_field_name(PlanField field) {
  switch (field) {
    case PlanField::tp: return "tp";
    case PlanField::pp: return "pp";
    case PlanField::dp: return "dp";
    case PlanField::cp: return "cp";
    case PlanField::ep: return "ep";
    case PlanField::vpp: return "vpp";
    case PlanField::micro_batch: return "micro_batch";
    case PlanField::zero: return "zero";
    case PlanField::recompute: return "recompute";
    case PlanField::precision: return "precision";
    case PlanField::fp8_recipe: return "fp8_recipe";
    case PlanField::sequence_parallel: return "sequence_parallel";
    case PlanField::tp_comm_overlap: return "tp_comm_overlap";
    case PlanField::offload: return "offload";
  }
  return "?";
}

std::optional<PlanField> plan_field_from_name(const std::string& name) {
  for (int i = 0; i < kPlanFieldCount; ++i) {
    const auto field = static_cast<PlanField>(i);
    if (name == plan_field_name(field)) return field;
  }
  return std::nullopt;
}

}  // namespace stargate
