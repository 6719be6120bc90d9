#pragma once
// The per-source rules of the training validation as plain rows, for the table in docs/validation.md (the rules
// themselves live in src/validation/case_helpers_training.h).
#include <optional>
#include <string>
#include <vector>

#include "stargate/mapping/grouped_gemm_launch.h"
#include "stargate/mapping/parallel_plan.h"

namespace stargate {

struct SourceRuleRow {
  std::string label;                           // short label of the source
  bool flash_attention = true;
  bool flash_attention_2 = false;              // through the FlashAttention-2 kernel (matters on Hopper)
  std::optional<Recompute> default_recompute;  // when a case does not state it; none = such cases are skipped
  std::string recompute_why;                   // why that default
  bool dp_overlap = true;                      // gradient reduction overlapped with backward
  TpCommOverlap software_tp_overlap = TpCommOverlap::none;  // TP overlap the software does by default
  bool pp_scatter_gather = false;              // pipeline sends split over TP and all-gathered (without SP)
  int default_zero = 1;                        // ZeRO stage when a case does not state it
  GroupedGemmLaunch moe_grouped_gemm = GroupedGemmLaunch::one_kernel;  // how MoE expert GEMMs are launched
  std::vector<std::string> metrics;            // published metrics, in order of preference
};

// One row per source rule, in the order the rules are tried.
std::vector<SourceRuleRow> source_rule_table();

}  // namespace stargate
