#include "stargate/mapping/plan_validation.h"

#include <cmath>
#include <utility>

#include "stargate/core/value_limits.h"
#include "stargate/mapping/fp8_recipe.h"

namespace stargate {
namespace {

std::string str(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.15g", v);
  return buffer;
}

// The low-precision recipe matches the precision (nvfp4 is the fp4 recipe, the others fp8) and runs on the device.
std::optional<PlanProblem> recipe_problem(const ParallelPlan& p, const AcceleratorSpec& device) {
  if (p.precision != Dtype::fp8 && p.precision != Dtype::fp4) return std::nullopt;
  const Dtype format = fp8_recipe_costs(p.fp8_recipe).gemm_dtype;
  if (format != p.precision) {
    return PlanProblem{"fp8_recipe", std::string(fp8_recipe_name(p.fp8_recipe)) + " runs " +
                                         std::string(dtype_name(format)) + " GEMMs, not precision " +
                                         std::string(dtype_name(p.precision)) +
                                         (p.precision == Dtype::fp4 ? " (the fp4 recipe is nvfp4)" : "")};
  }
  if (auto why = fp8_recipe_unsupported(p.fp8_recipe, device)) return PlanProblem{"fp8_recipe", *why};
  return std::nullopt;
}

// Every degree and shape within its shared limit (value_limits.h) before anything is divided by it.
std::optional<PlanProblem> check_limits(const ModelSpec& m, const ParallelPlan& p, const PlanContext& c) {
  const std::pair<const char*, std::pair<int64_t, IntegerLimit>> checks[] = {
      {"tp", {p.tp, limits::tensor_parallel}},      {"pp", {p.pp, limits::pipeline_parallel}},
      {"dp", {p.dp, limits::data_parallel}},        {"cp", {p.cp, limits::context_parallel}},
      {"ep", {p.ep, limits::expert_parallel}},      {"expert_tp", {p.expert_tp, limits::tensor_parallel}},
      {"vpp", {p.vpp, limits::virtual_stages}},
      {"micro_batch", {p.micro_batch, limits::micro_batch}}, {"zero", {p.zero_stage, limits::zero_stage}},
      {"model.layers", {m.layers, limits::layers}}, {"model.hidden", {m.hidden, limits::hidden}},
      {"model.heads", {m.heads, limits::heads}},    {"model.kv_heads", {m.kv_heads, limits::heads}},
      {"model.vocab", {m.vocab, limits::vocab}},
      {"seq_len", {c.seq_len, limits::seq_len}},    {"gpus", {c.cluster_gpus, limits::gpus}}};
  for (const auto& [field, check] : checks) {
    if (auto problem = integer_limit_violation(check.first, check.second)) return PlanProblem{field, *problem};
  }
  // The text of the value is built only for the message (check_plan runs once per searched plan).
  const IntegerLimit& batch_limit = limits::global_batch_sequences;
  if (!std::isfinite(c.global_batch_sequences) || c.global_batch_sequences != std::floor(c.global_batch_sequences) ||
      c.global_batch_sequences < batch_limit.min || c.global_batch_sequences > batch_limit.max) {
    return PlanProblem{"global_batch",
                       *integer_limit_violation(c.global_batch_sequences, batch_limit, str(c.global_batch_sequences))};
  }
  // Zero head_dim and ffn mean "derived" (hidden / heads, none): only their upper bounds apply.
  if (m.head_dim < 0 || m.head_dim > limits::head_dim.max) {
    return PlanProblem{"model.head_dim", *integer_limit_violation(m.head_dim, limits::head_dim)};
  }
  if (m.ffn < 0 || m.ffn > limits::ffn.max) return PlanProblem{"model.ffn", *integer_limit_violation(m.ffn, limits::ffn)};
  if (m.heads % m.kv_heads != 0) {
    return PlanProblem{"model.kv_heads", std::to_string(m.kv_heads) + " KV heads do not divide " +
                                             std::to_string(m.heads) + " attention heads"};
  }
  return std::nullopt;
}

}  // namespace

std::optional<PlanProblem> check_plan(const ModelSpec& m, const AcceleratorSpec& device, const ParallelPlan& p,
                                      const PlanContext& c) {
  if (auto problem = check_limits(m, p, c)) return problem;
  if (m.heads % p.tp != 0) {
    return PlanProblem{"tp", std::to_string(p.tp) + " does not divide " + std::to_string(m.heads) + " attention heads"};
  }
  if (m.kv_heads % p.tp != 0 && p.tp % m.kv_heads != 0) {
    return PlanProblem{"tp", std::to_string(p.tp) + " neither divides nor is a multiple of " +
                                 std::to_string(m.kv_heads) + " KV heads"};
  }
  if (p.gpus() != c.cluster_gpus) {
    return PlanProblem{"dp", "tp·pp·dp·cp = " + std::to_string(p.tp) + "·" + std::to_string(p.pp) + "·" +
                                 std::to_string(p.dp) + "·" + std::to_string(p.cp) + " = " + std::to_string(p.gpus()) +
                                 " GPUs, but the cluster has " + std::to_string(c.cluster_gpus)};
  }
  if (p.pp > m.layers) {
    return PlanProblem{"pp", std::to_string(p.pp) + " pipeline stages exceed " + std::to_string(m.layers) + " layers"};
  }
  if (p.vpp > 1) {
    if (p.pp == 1) return PlanProblem{"vpp", "virtual stages need pipeline parallelism (pp > 1)"};
    if (p.pp * p.vpp > m.layers) {
      return PlanProblem{"vpp", "pp·vpp = " + std::to_string(p.pp * p.vpp) + " model chunks exceed " +
                                    std::to_string(m.layers) + " layers"};
    }
  }
  if (p.ep > 1) {
    if (!m.moe) return PlanProblem{"ep", "expert parallelism needs a mixture-of-experts model"};
    if (m.moe->routed_experts % p.ep != 0) {
      return PlanProblem{"ep", std::to_string(p.ep) + " does not divide " + std::to_string(m.moe->routed_experts) +
                                   " routed experts"};
    }
    if ((p.dp * p.cp * p.tp) % (p.ep * p.expert_tp) != 0) {
      return PlanProblem{"ep", "ep·expert_tp = " + std::to_string(p.ep * p.expert_tp) + " does not divide the tp·dp·cp = " +
                                   std::to_string(p.dp * p.cp * p.tp) + " ranks that share each stage's experts"};
    }
  }
  if (p.expert_tp > 1) {
    if (!m.moe) return PlanProblem{"expert_tp", "expert tensor parallelism needs a mixture-of-experts model"};
    if (m.moe->expert_ffn % p.expert_tp != 0) {
      return PlanProblem{"expert_tp", std::to_string(p.expert_tp) + " does not divide the expert FFN width " +
                                          std::to_string(m.moe->expert_ffn)};
    }
  }
  if (!(p.expert_imbalance == 0 || (p.expert_imbalance >= 1 && p.expert_imbalance <= limits::expert_imbalance_max))) {
    return PlanProblem{"expert_imbalance", "must be 0 (balanced random routing) or between 1 and " +
                                               str(limits::expert_imbalance_max)};
  }
  if (!(p.expert_capacity_factor == 0 ||
        (p.expert_capacity_factor > 0 && p.expert_capacity_factor <= limits::expert_capacity_factor_max))) {
    return PlanProblem{"expert_capacity_factor", "must be 0 (dropless) or above 0 and at most " +
                                                     str(limits::expert_capacity_factor_max)};
  }
  if (p.cp > 1 && c.seq_len % (2 * p.cp) != 0) {
    return PlanProblem{"cp", "sequence length " + std::to_string(c.seq_len) + " is not divisible by 2·cp = " +
                                 std::to_string(2 * p.cp)};
  }
  if (p.zero_stage < 0 || p.zero_stage > 3) return PlanProblem{"zero", "ZeRO stage must be 0, 1, 2 or 3"};
  if (p.precision != Dtype::bf16 && p.precision != Dtype::fp16 && p.precision != Dtype::fp8 &&
      p.precision != Dtype::fp4) {
    return PlanProblem{"precision", "training precision must be bf16, fp16, fp8 or fp4"};
  }
  if (!device.peak(p.precision) && !(p.precision == Dtype::bf16 && device.peak(Dtype::fp16))) {
    return PlanProblem{"precision", device.id + " has no " + std::string(dtype_name(p.precision)) + " tensor cores"};
  }
  if (auto problem = recipe_problem(p, device)) return problem;
  const double sequences_per_step = static_cast<double>(p.micro_batch) * p.dp;
  double micro_batches = c.global_batch_sequences / sequences_per_step;
  if (micro_batches < 1 || std::fabs(micro_batches - std::round(micro_batches)) > 1e-9) {
    return PlanProblem{.field = "micro_batch",
                       .message = "global batch of " + str(c.global_batch_sequences) +
                                  " sequences is not a multiple of micro_batch·dp = " + str(sequences_per_step),
                       .relates_global_batch = true};
  }
  if (p.vpp > 1 && static_cast<int64_t>(std::llround(micro_batches)) % p.pp != 0) {
    return PlanProblem{.field = "vpp",
                       .message = "interleaved schedule needs the " + str(micro_batches) +
                                  " micro-batches to be a multiple of pp = " + std::to_string(p.pp),
                       .relates_global_batch = true};
  }
  return std::nullopt;
}

}  // namespace stargate
