#pragma once
// Internal: per-source rules of the training validation (training.yaml) and the conversion of a predicted step
// into the metric each source publishes. Rules are chosen by source (software and era), never per case.
#include <optional>
#include <string>
#include <vector>

#include "case_helpers.h"

namespace YAML {
class Node;
}

namespace stargate::validation_detail {

// How a source turns a step time into the FLOP-based numbers it publishes.
enum class FlopsConvention {
  palm,     // model FLOPs (PaLM appendix B: 6·N + attention, no recompute); hardware FLOPs add the recompute
  megatron, // TFLOP/s by 96·B·s·l·h²·(1 + s/6h + V/16lh), recompute included (Narayanan 2021)
  nemo,     // "model TFLOP/s" by NeMo / Megatron-Bridge flops formulas
  mosaic,   // MFU by llm-foundry's 3·(2·N·s + 4·l·h·s²) per sequence over the precision's peak; HFU adds 4/3
};

struct SourceRule {
  std::string id_prefix;     // case ids of this source start with it
  std::string source_match;  // or the `source` text contains it
  std::string label;         // short label used in the report
  bool flash_attention = true;
  std::optional<Recompute> default_recompute;  // when the case does not state it
  std::string recompute_why;                   // why that default
  bool dp_overlap = true;                      // gradient reduction overlapped with backward
  int default_zero = 1;                        // when the case does not state it
  std::vector<std::string> metrics;            // published metrics, in order of preference
  bool eager_elementwise = false;              // PyTorch eager norms/activations unless the case says compiled
  // Attention through the FlashAttention-2 kernel (PyTorch SDPA's flash backend before 2.11, flash-attn 2)
  // rather than cuDNN / FlashAttention-3 class kernels (Transformer Engine); matters on Hopper only.
  bool flash_attention_2 = false;
  // The software's fp8 recipe when a case does not name one (read_fp8_recipe); none: such cases leave it `auto`.
  std::optional<Fp8Recipe> default_fp8_recipe;
  std::string fp8_recipe_why;  // why that default
  // What "current scaling" / "tensorwise" means in the source's framework: torchao's tensorwise recipe, or
  // Transformer Engine's Float8CurrentScaling (Megatron-Core, NeMo, Megatron-Bridge).
  Fp8Recipe current_scaling = Fp8Recipe::current;
  FlopsConvention flops = FlopsConvention::palm;
  // ZeRO-3 / FSDP under pipeline parallelism keeps each stage's weights gathered over the micro-batches
  // (torchtitan: fsdp_reshard_after_forward "default" = not pp_enabled); else gathered per micro-batch
  // (DeepSpeed ZeRO-3).
  bool fsdp_gathers_once_per_step_with_pp = false;
  // TP overlap where the software turns it on: userbuffers (bulk) for NeMo / Megatron-Bridge recipes.
  TpCommOverlap recipe_tp_overlap = TpCommOverlap::none;
  // TP overlap the software does by default whatever the recipe (Megatron-LM from Sept 2021: the asynchronous
  // input-gradient collectives beside the wgrad GEMMs, TpCommOverlap::wgrad); used when nothing else sets one.
  TpCommOverlap software_tp_overlap = TpCommOverlap::none;
  // Pipeline sends split over the TP ranks and all-gathered without sequence parallelism (Megatron-LM's
  // scatter_gather_tensors_in_pipeline, default from Feb 2021 until Megatron-Core, Jan 2023).
  bool pp_scatter_gather = false;
  // How the software launches MoE expert GEMMs: Megatron-Core with Transformer Engine (NeMo, Megatron-Bridge)
  // runs GroupedLinear, one cuBLASLt GEMM per local expert; torchtitan torch._grouped_mm, one kernel.
  GroupedGemmLaunch moe_grouped_gemm = GroupedGemmLaunch::one_kernel;
};

// The rule of the source that published `id` / `source`; the generic rule when none matches.
const SourceRule& source_rule(const std::string& id, const std::string& source);
const std::vector<SourceRule>& all_source_rules();

// Everything needed to price one case, after the rules were applied.
struct TrainingSetup {
  ModelSpec model;
  Cluster cluster;
  TrainingJob job;
  double params_published = 0;  // num_params / params_b when the case states it
  bool compiled = false;        // the case states torch.compile (fused elementwise kernels)
  double run_tokens = 0;        // tokens of the whole run (train_tokens), 0 when not stated
  double block_tokens = 0;      // tokens per measured block (MLPerf block_tokens), 0 when not stated
  std::vector<std::string> notes;
};

// The software options and kernel options a source's cases are timed with.
TrainingOptions options_for(const SourceRule& rule, const TrainingSetup& setup);
KernelCostOptions kernel_options_for(const SourceRule& rule);

// A case's plan field whose text says unknown / not stated / recipe default / "likely N": left to the plan
// completion (a "likely N" seeds it).
bool says_unknown(const std::string& text);
// The N of "likely N" in `text`, if written.
std::optional<long long> likely_value(const std::string& text);
// Records one reading in the case's notes: "<field>: read '<text>' → <chosen> (<why>)".
void note_reading(std::vector<std::string>& notes, const std::string& field, const std::string& read,
                  const std::string& chosen, const std::string& why = "");
// Completes the open plan fields of `setup.job` (search/plan_completion.h, CompletionChoice::seed_when_fits) with
// the source's options and notes the chosen values and the step-time range; when nothing fits in memory the
// stated seeds are kept (the run was measured). Returns a skip reason, "" when the case can be predicted.
std::string complete_case_plan(const SourceRule& rule, TrainingSetup& setup);

// The metric a case is compared on: the first of the source rule's metrics the case publishes with a positive
// value, then the first convertible row of the metric table (training_metric_conversion.h; published names before
// `derived_` ones). `published`: the case's measured numbers in file order. When none converts, `skip` names
// every published metric and why it does not convert (e.g. "time_to_train_min (needs the run's total tokens)").
struct ChosenMetric {
  std::string name;
  double measured = 0;
  std::string skip;  // empty when a metric was chosen
};
// The numeric entries of a case's `measured` mapping, in file order.
std::vector<std::pair<std::string, double>> published_numbers(const YAML::Node& measured);
// The first of `keys` stated as a number in the case or its measured mapping; 0 when none is.
double first_number(const YAML::Node& case_node, const YAML::Node& measured, std::initializer_list<const char*> keys);
ChosenMetric choose_metric(const SourceRule& rule, const std::vector<std::pair<std::string, double>>& published,
                           double run_tokens, double block_tokens);

// The fp8/fp4 recipe of a low-precision case (plan.precision fp8 or fp4) from the text of its id and precision:
// NVFP4 / any fp4 → nvfp4; MXFP8 → mxfp8; blockwise / block scaling / 1x128 / 128x128 → blockwise; rowwise /
// axiswise → rowwise; tensorwise / current / FP8-CS → current; delayed / hybrid → delayed; otherwise the source's
// default, and without one `auto` seeded delayed. The reading goes to the case's notes.
void read_fp8_recipe(const YAML::Node& case_node, const SourceRule& rule, TrainingSetup& setup, ParallelPlan& plan);

// TP overlap mode and ZeRO-3 gathering of a case's plan, from explicit fields first (parallelism.tp_comm_overlap:
// none / bulk / decomposed / true / false; parallelism.reshard_after_forward: true / false), then the software:
// torchtitan async TP named in the case → decomposed; the source's recipe overlap (NeMo / Megatron-Bridge
// userbuffers, with TP > 1 and SP) → bulk; torchtitan FSDP under PP keeps weights gathered per step. Each
// reading goes to the case's notes.
void read_overlap_modes(const YAML::Node& parallelism, const SourceRule& rule, const YAML::Node& case_node,
                        TrainingSetup& setup, ParallelPlan& plan);

// Token dropping of a MoE case (plan.expert_capacity_factor): parallelism.expert_capacity_factor when stated as a
// number (0 = dropless), else 1.0 when the case's notes, table or id say "tokendrop" / "token drop" (Megatron-Bridge's
// apply_moe_token_drop: capacity factor 1.0, padded to capacity); otherwise dropless. Dense models: untouched.
// The reading goes to the case's notes.
void read_token_drop(const YAML::Node& parallelism, const YAML::Node& case_node, TrainingSetup& setup,
                     ParallelPlan& plan);

// Predicted value of `metric` for the case; sets `skip` when it cannot be computed. `breakdown` receives the
// parts of the predicted step (seconds) when the metric comes from a whole step.
double predict_metric(const SourceRule& rule, const std::string& metric, const TrainingSetup& setup,
                      std::string& skip, std::vector<std::string>& notes,
                      std::vector<std::pair<std::string, double>>* breakdown = nullptr);

}  // namespace stargate::validation_detail
