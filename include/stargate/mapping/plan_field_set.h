#pragma once
// The fields of a ParallelPlan a scenario may leave open (`auto`): the plan search completes them
// (search/plan_completion.h). A small bit set over PlanField.
#include <cstdint>
#include <optional>
#include <string>

namespace stargate {

enum class PlanField : uint8_t {
  tp,
  pp,
  dp,
  cp,
  ep,
  vpp,
  micro_batch,
  zero,
  recompute,
  precision,
  fp8_recipe,
  sequence_parallel,
  tp_comm_overlap,
  offload,
};
inline constexpr int kPlanFieldCount = 14;

// The scenario key of a field ("micro_batch", "zero", "fp8_recipe"...).
const char* plan_field_name(PlanField field);
std::optional<PlanField> plan_field_from_name(const std::string& name);

class PlanFieldSet {
 public:
  void add(PlanField f) { bits_ |= bit(f); }
  void remove(PlanField f) { bits_ &= ~bit(f); }
  bool has(PlanField f) const { return (bits_ & bit(f)) != 0; }
  bool empty() const { return bits_ == 0; }
  bool operator==(const PlanFieldSet&) const = default;

 private:
  static uint32_t bit(PlanField f) { return 1u << static_cast<unsigned>(f); }
  uint32_t bits_ = 0;
};

}  // namespace stargate
