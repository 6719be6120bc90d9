// Overlap modes of a training case's plan (see read_overlap_modes in case_helpers_training.h).
#include <yaml-cpp/yaml.h>

#include "case_helpers_training.h"

namespace stargate::validation_detail {

void read_overlap_modes(const YAML::Node& p, const SourceRule& rule, const YAML::Node& c, TrainingSetup& s,
                        ParallelPlan& plan) {
  auto text = [](const YAML::Node& n, const char* key) {
    const YAML::Node v = n[key];
    return v && v.IsScalar() ? v.Scalar() : std::string();
  };
  const std::string stated = lower(text(p, "tp_comm_overlap"));
  // Async TP named anywhere in the case's words, its id included, unless they name its absence too (an id from
  // a comparison's file name, "...-asynctp-...-vanilla").
  const std::string all = lower(text(c, "id") + " " + text(c, "precision") + " " + text(c, "notes") + " " +
                                text(p, "tp_comm_overlap") + " " + text(p, "tp") + " " + text(c, "table"));
  const bool async_tp = (contains(all, "asynctp") || contains(all, "async tp") || contains(all, "async-tp") ||
                         contains(all, "async tensor parallel") || contains(all, "async_tp")) &&
                        !contains(all, "vanilla") && !contains(all, "without async") && !contains(all, "no async");
  if (stated == "bulk" || stated == "decomposed" || stated == "none" || stated == "false") {
    plan.tp_comm_overlap = stated == "bulk" ? TpCommOverlap::bulk
                           : stated == "decomposed" ? TpCommOverlap::decomposed : TpCommOverlap::none;
    note_reading(s.notes, "parallelism.tp_comm_overlap", stated, tp_comm_overlap_name(plan.tp_comm_overlap));
  } else if (async_tp) {
    plan.tp_comm_overlap = TpCommOverlap::decomposed;
    s.notes.push_back("TP communication overlapped: decomposed (torchtitan async TP)");
  } else if (plan.tp > 1 && plan.sequence_parallel && (stated == "true" || rule.recipe_tp_overlap != TpCommOverlap::none)) {
    plan.tp_comm_overlap = rule.recipe_tp_overlap != TpCommOverlap::none ? rule.recipe_tp_overlap : TpCommOverlap::bulk;
    s.notes.push_back(std::string("TP communication overlapped: ") + tp_comm_overlap_name(plan.tp_comm_overlap) +
                      " (userbuffers tp_comm_overlap of the recipe)");
  } else if (plan.tp > 1 && rule.software_tp_overlap != TpCommOverlap::none) {
    plan.tp_comm_overlap = rule.software_tp_overlap;
    s.notes.push_back(std::string("TP communication overlapped: ") + tp_comm_overlap_name(plan.tp_comm_overlap) +
                      " (the software's asynchronous gradient all-reduce / reduce-scatter beside the wgrad GEMMs)");
  }
  plan.pp_scatter_gather = rule.pp_scatter_gather;
  if (plan.pp_scatter_gather && plan.pp > 1 && plan.tp > 1 && !plan.sequence_parallel) {
    s.notes.push_back("pipeline sends split over the TP ranks and all-gathered by the receiver (Megatron-LM "
                      "scatter/gather)");
  }
  // Set whatever the ZeRO stage (the completion may choose 3); said in the note only where it applies.
  std::string reshard = lower(text(p, "reshard_after_forward"));
  const std::string zero_prose = lower(text(p, "zero_stage"));
  if (reshard.empty() && (contains(zero_prose, "not resharded") || contains(zero_prose, "no reshard") ||
                          contains(zero_prose, "not reshard") || contains(zero_prose, "without reshard") ||
                          contains(zero_prose, "reshard_after_forward=false") ||
                          contains(zero_prose, "reshard_after_forward: false"))) {
    reshard = "false";  // the prose of zero_stage says it ("parameters not resharded after forward")
  }
  const bool sharded = plan.zero_stage == 3 || s.job.open_fields.has(PlanField::zero);
  if (reshard == "true" || reshard == "false") {
    plan.zero3_gather = reshard == "false" ? Zero3Gather::per_step : Zero3Gather::per_micro_batch;
    note_reading(s.notes, "parallelism.reshard_after_forward", reshard, zero3_gather_name(plan.zero3_gather));
  } else if (contains(lower(text(c, "software")), "deepspeed")) {
    plan.zero3_gather = Zero3Gather::per_module;
    if (plan.zero_stage == 3) {
      // DeepSpeed's stage-3 default overlap_comm = true (ZERO3_OPTIMIZATION_OVERLAP_COMM_DEFAULT): the prefetch
      // and the gradient reduce-scatter run on their own streams beside the compute.
      plan.dp_overlap = plan.dp_param_gather_overlap = true;
    }
    if (sharded) {
      s.notes.push_back("DeepSpeed ZeRO-3: weights gathered per module, the recompute forward included, over a flat "
                        "ring of the DP ranks, overlapped with the neighbouring module (zero3_gather per_module, "
                        "stage-3 overlap_comm default true)");
    }
  } else if (rule.fsdp_gathers_once_per_step_with_pp && plan.pp > 1) {
    plan.zero3_gather = Zero3Gather::per_step;
    if (sharded) {
      s.notes.push_back("FSDP under PP: weights gathered once per step per stage (torchtitan "
                        "reshard_after_forward default = not pp_enabled)");
    }
  }
}

}  // namespace stargate::validation_detail
