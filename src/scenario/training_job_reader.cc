#include "training_job_reader.h"

#include <cmath>

#include "stargate/mapping/plan_validation.h"

namespace stargate {
namespace {

// The largest batch a bare count ("1536") may mean in sequences: 64Ki sequences is the largest published batch
// (LAMB's BERT pre-training, 64K sequences of 512 tokens); anything larger is far likelier a token count.
constexpr double kLargestBareSequenceCount = 65536;

// A count without "tokens" or "sequences" is read as sequences only when it is plain digits (no k/M/Mi multiplier,
// no exponent) and at most kLargestBareSequenceCount; otherwise the reader asks which it is.
void require_unambiguous_count(const YamlValue& value, const std::string& text, double count) {
  const bool plain_digits = text.find_first_not_of("0123456789 ") == std::string::npos;
  if (plain_digits && count <= kLargestBareSequenceCount) return;
  const std::string written = value.as_string();
  value.fail("'" + written + "' is ambiguous: is it tokens or sequences? write '" + written + " tokens' or '" +
             written + " sequences' (a bare count means sequences only up to 65536, written in digits)");
}

// "1536" or "1536 sequences" → sequences; "16Mi tokens" → tokens / seq_len.
double read_global_batch(const YamlValue& value, int seq_len) {
  std::string text = value.as_string();
  auto strip = [&](const std::string& word) {
    if (text.size() > word.size() && text.compare(text.size() - word.size(), word.size(), word) == 0) {
      text = text.substr(0, text.size() - word.size());
      return true;
    }
    return false;
  };
  bool tokens = strip("tokens");
  bool sequences = !tokens && strip("sequences");
  Result<double> count = parse_quantity(text, Dimension::count);
  if (!count.ok() || count.value() <= 0) {
    value.fail("expected a positive count of sequences (1536) or tokens (16Mi tokens), got '" + value.as_string() + "'");
  }
  if (!tokens && !sequences) require_unambiguous_count(value, text, count.value());
  const double batch_sequences = tokens ? count.value() / seq_len : count.value();
  if (std::fabs(batch_sequences - std::round(batch_sequences)) > 1e-9) {
    value.fail("a batch of " + value.as_string() + " is not a whole number of " + std::to_string(seq_len) +
               "-token sequences");
  }
  if (auto problem =
          integer_limit_violation(std::round(batch_sequences), limits::global_batch_sequences, value.as_string())) {
    value.fail("sequences per batch " + *problem);
  }
  return std::round(batch_sequences);
}

// True when `key` is written as `auto`: the field is then left to the plan completion (its seed stays).
bool left_open(YamlMap& map, const char* key, PlanField field, PlanFieldSet& open) {
  if (!map.has(key)) return false;
  const YamlValue value = map.require(key);
  if (!value.is_scalar() || value.as_string() != "auto") return false;
  open.add(field);
  return true;
}

int plan_int(YamlMap& map, const char* key, PlanField field, int current, const IntegerLimit& limit,
             PlanFieldSet& open) {
  if (left_open(map, key, field, open)) return current;
  if (auto v = map.optional_integer(key, limit)) return static_cast<int>(*v);
  return current;
}

// The low-precision recipe: `fp8_recipe`, or its older spelling `fp8_scaling`; "tensorwise" is torchao's name for
// current scaling. Without one, precision fp4 takes nvfp4, the one fp4 training recipe.
void read_fp8_recipe(YamlMap& map, ParallelPlan& plan, PlanFieldSet& open) {
  if (map.has("fp8_recipe") && map.has("fp8_scaling")) {
    map.require("fp8_scaling").fail("write the recipe once: fp8_recipe, or its older spelling fp8_scaling");
  }
  const char* key = map.has("fp8_scaling") ? "fp8_scaling" : "fp8_recipe";
  if (left_open(map, key, PlanField::fp8_recipe, open)) return;
  if (auto v = map.optional_choice(
          key, {"delayed", "current", "tensorwise", "rowwise", "blockwise", "mxfp8", "nvfp4", "te_current"})) {
    plan.fp8_recipe = *v == "tensorwise" ? Fp8Recipe::current : *fp8_recipe_from_name(*v);
  } else if (plan.precision == Dtype::fp4) {
    plan.fp8_recipe = Fp8Recipe::nvfp4;
  }
}

}  // namespace

// The MoE fields of a plan: expert tensor parallelism, the token dispatcher, the routing imbalance and token
// dropping (capacity factor, 0 = dropless).
void read_expert_plan_fields(YamlMap& map, ParallelPlan& plan) {
  if (auto v = map.optional_integer("expert_tp", limits::tensor_parallel)) plan.expert_tp = static_cast<int>(*v);
  if (auto v = map.optional_choice("moe_dispatcher", {"alltoall", "deepep"})) {
    plan.moe_dispatcher = *v == "deepep" ? MoeDispatcher::deepep : MoeDispatcher::alltoall;
  }
  if (auto v = map.get("expert_imbalance")) plan.expert_imbalance = v->as_number_in(1, limits::expert_imbalance_max);
  if (auto v = map.get("expert_capacity_factor")) {
    plan.expert_capacity_factor = v->as_number_in(0, limits::expert_capacity_factor_max);
  }
}

void read_parallel_plan(YamlMap& map, ParallelPlan& plan, PlanFieldSet& open) {
  plan.tp = plan_int(map, "tp", PlanField::tp, plan.tp, limits::tensor_parallel, open);
  plan.pp = plan_int(map, "pp", PlanField::pp, plan.pp, limits::pipeline_parallel, open);
  plan.dp = plan_int(map, "dp", PlanField::dp, plan.dp, limits::data_parallel, open);
  plan.cp = plan_int(map, "cp", PlanField::cp, plan.cp, limits::context_parallel, open);
  plan.ep = plan_int(map, "ep", PlanField::ep, plan.ep, limits::expert_parallel, open);
  plan.vpp = plan_int(map, "vpp", PlanField::vpp, plan.vpp, limits::virtual_stages, open);
  plan.micro_batch = plan_int(map, "micro_batch", PlanField::micro_batch, plan.micro_batch, limits::micro_batch, open);
  plan.zero_stage = plan_int(map, "zero", PlanField::zero, plan.zero_stage, limits::zero_stage, open);
  if (auto fsdp = map.optional_boolean("fsdp"); fsdp && *fsdp) {
    plan.zero_stage = 3;
    open.remove(PlanField::zero);  // an explicit fsdp: true decides the ZeRO stage
  }
  if (!left_open(map, "sequence_parallel", PlanField::sequence_parallel, open)) {
    if (auto v = map.optional_boolean("sequence_parallel")) plan.sequence_parallel = *v;
  }
  if (!left_open(map, "recompute", PlanField::recompute, open)) {
    if (auto v = map.optional_choice("recompute", {"none", "selective", "full", "selective_ops"})) {
      plan.recompute = *v == "none"        ? Recompute::none
                       : *v == "selective" ? Recompute::selective
                       : *v == "full"      ? Recompute::full
                                           : Recompute::selective_ops;
    }
  }
  if (!left_open(map, "precision", PlanField::precision, open)) {
    if (auto v = map.optional_choice("precision", {"bf16", "fp16", "fp8", "fp4"})) plan.precision = *dtype_from_name(*v);
  }
  read_fp8_recipe(map, plan, open);
  if (!left_open(map, "tp_comm_overlap", PlanField::tp_comm_overlap, open)) {
    // A mode, or a boolean as before the modes existed: true is the decomposition (async TP) model.
    if (auto v = map.optional_choice("tp_comm_overlap", {"none", "wgrad", "bulk", "decomposed", "true", "false"})) {
      plan.tp_comm_overlap = *v == "bulk"                          ? TpCommOverlap::bulk
                             : *v == "wgrad"                       ? TpCommOverlap::wgrad
                             : *v == "decomposed" || *v == "true" ? TpCommOverlap::decomposed
                                                                  : TpCommOverlap::none;
    }
  }
  if (auto v = map.optional_boolean("dp_overlap")) plan.dp_overlap = *v;
  plan.dp_param_gather_overlap = plan.dp_overlap;  // one switch for both unless the gather is written
  if (auto v = map.optional_boolean("dp_param_gather_overlap")) plan.dp_param_gather_overlap = *v;
  if (auto v = map.optional_integer("dp_bucket_params", limits::dp_bucket_params)) {
    plan.dp_bucket_params = static_cast<double>(*v);
  }
  if (auto v = map.optional_choice("zero3_gather", {"per_micro_batch", "per_step", "per_module"})) {
    plan.zero3_gather = *v == "per_step"     ? Zero3Gather::per_step
                        : *v == "per_module" ? Zero3Gather::per_module
                                             : Zero3Gather::per_micro_batch;
  }
  if (auto v = map.optional_boolean("ep_comm_overlap")) plan.ep_comm_overlap = *v;
  if (auto v = map.optional_boolean("pp_scatter_gather")) plan.pp_scatter_gather = *v;
  if (!left_open(map, "offload", PlanField::offload, open)) {
    if (auto v = map.get("offload")) plan.offload = read_host_offload(*v);
  }
  read_expert_plan_fields(map, plan);
  map.finish();
}

TrainingJob read_training_job(YamlMap map, const ModelSpec& model, const Cluster& cluster) {
  TrainingJob job;
  job.seq_len = static_cast<int>(map.optional_integer("seq_len", limits::seq_len).value_or(model.seq_len));
  const YamlValue batch_value = map.require("global_batch");
  job.global_batch_sequences = read_global_batch(batch_value, job.seq_len);
  if (auto tokens = map.optional_positive_quantity("tokens", Dimension::count)) job.tokens_total = *tokens;
  if (auto flash = map.optional_boolean("flash_attention")) job.flash_attention = *flash;
  if (auto v = map.optional_choice("moe_grouped_gemm", {"one_kernel", "per_expert"})) {
    job.moe_grouped_gemm = *v == "per_expert" ? GroupedGemmLaunch::per_expert : GroupedGemmLaunch::one_kernel;
  }
  YamlMap plan_map = map.map("plan");
  read_parallel_plan(plan_map, job.plan, job.open_fields);
  map.finish();
  if (job.plan.offload.any()) check_host_offload(job.plan.offload, cluster.node, plan_map.require("offload"));
  if (!job.open_fields.empty()) return job;  // checked once completed (train: search/plan_completion.h)
  PlanContext context{cluster.gpus, job.seq_len, job.global_batch_sequences};
  if (auto problem = check_plan(model, cluster.accelerator, job.plan, context)) {
    // A micro-batch count that does not divide is the batch's problem as much as the plan's: point at the batch
    // the user wrote and name the plan field. Otherwise point at the offending plan field when it is written in the
    // file, else at the plan itself.
    if (problem->relates_global_batch) {
      batch_value.fail("does not suit the plan (training.plan." + problem->field + "): " + problem->message +
                       "; change the batch or the plan");
    }
    std::string key = problem->field;
    if (key == "fp8_recipe" && !plan_map.has(key) && plan_map.has("fp8_scaling")) key = "fp8_scaling";
    if (plan_map.has(key)) plan_map.require(key).fail(problem->message);
    plan_map.self().fail(problem->field + ": " + problem->message);
  }
  return job;
}

}  // namespace stargate
