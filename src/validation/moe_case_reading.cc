// Token dropping of a MoE training case (see read_token_drop in case_helpers_training.h).
#include <yaml-cpp/yaml.h>

#include "case_fields.h"
#include "case_helpers_training.h"

namespace stargate::validation_detail {

namespace {

// Megatron-Bridge's apply_moe_token_drop (src/megatron/bridge/training/utils/moe_token_drop.py), which its
// performance scripts applied to the runs their tables mark "(tokendrop)": moe_expert_capacity_factor = 1.0 with
// moe_pad_expert_input_to_capacity = True.
constexpr double kTokenDropCapacityFactor = 1.0;

std::string scalar_text(const YAML::Node& n, const char* key) {
  const YAML::Node v = n[key];
  return v && v.IsScalar() ? v.Scalar() : std::string();
}

bool says_token_drop(const std::string& text) {
  if (contains(text, "dropless") || contains(text, "no token drop") || contains(text, "without token drop") ||
      contains(text, "no-token-drop")) {
    return false;
  }
  return contains(text, "tokendrop") || contains(text, "token drop") || contains(text, "token-drop");
}

}  // namespace

void read_token_drop(const YAML::Node& p, const YAML::Node& c, TrainingSetup& s, ParallelPlan& plan) {
  if (!s.model.moe) return;
  constexpr const char* kField = "expert_capacity_factor";
  if (p && p.IsMap() && p[kField]) {  // an explicit number beats any prose
    const std::optional<double> v = yaml_number(p, kField);
    if (!v || !(*v >= 0 && *v <= limits::expert_capacity_factor_max)) {
      const int line = p[kField].Mark().line >= 0 ? p[kField].Mark().line + 1 : 0;
      throw CaseFieldError{std::string("parallelism.") + kField,
                           "must be 0 (dropless) or a capacity factor up to " +
                               fmt_num(limits::expert_capacity_factor_max) + ", got '" + scalar_text(p, kField) + "'",
                           line};
    }
    plan.expert_capacity_factor = *v;
    note_reading(s.notes, std::string("parallelism.") + kField, scalar_text(p, kField),
                 *v > 0 ? "token drop, capacity " + fmt_num(*v) : "dropless", "explicit number");
    return;
  }
  for (const char* key : {"notes", "table", "id"}) {
    if (!says_token_drop(scalar_text(c, key))) continue;
    plan.expert_capacity_factor = kTokenDropCapacityFactor;
    note_reading(s.notes, key, "tokendrop", "token drop, capacity factor 1, padded to capacity",
                 "Megatron-Bridge apply_moe_token_drop defaults");
    return;
  }
}

}  // namespace stargate::validation_detail
