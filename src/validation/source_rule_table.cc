#include "stargate/validation/source_rule_table.h"

#include "case_helpers_training.h"

namespace stargate {

std::vector<SourceRuleRow> source_rule_table() {
  std::vector<SourceRuleRow> rows;
  for (const validation_detail::SourceRule& r : validation_detail::all_source_rules()) {
    rows.push_back({.label = r.label,
                    .flash_attention = r.flash_attention,
                    .flash_attention_2 = r.flash_attention_2,
                    .default_recompute = r.default_recompute,
                    .recompute_why = r.recompute_why,
                    .dp_overlap = r.dp_overlap,
                    .software_tp_overlap = r.software_tp_overlap,
                    .pp_scatter_gather = r.pp_scatter_gather,
                    .default_zero = r.default_zero,
                    .moe_grouped_gemm = r.moe_grouped_gemm,
                    .metrics = r.metrics});
  }
  return rows;
}

}  // namespace stargate
