// Per-source rules and metric conversions of the training validation (see docs/validation.md).
#include <cmath>

#include "case_helpers_training.h"
#include "training_metric_conversion.h"
#include "stargate/core/units.h"

namespace stargate::validation_detail {
namespace {

std::vector<SourceRule> make_rules() {
  std::vector<SourceRule> r;
  // Megatron-LM 2020/2021 and Korthikanti 2022 predate FlashAttention in Megatron; its local DDP all-reduced
  // gradients after backward (overlap_grad_reduce arrived in Megatron-Core, 2023).
  // Metrics in order of preference; the ones after the source's usual metric are fallbacks for cases that
  // publish only something else.
  r.push_back({"megatron-sc21", "Narayanan", "Narayanan 2021", false, Recompute::full,
               "Narayanan 2021 scripts checkpoint every layer", false, 0,
               {"tflops_per_gpu", "iteration_time_s", "tokens_per_s", "samples_per_s"}});
  r.back().flops = FlopsConvention::megatron;
  r.back().pp_scatter_gather = true;  // Narayanan 2021 §4.1; on by default in Megatron-LM from Feb 2021
  r.push_back({"korthikanti22", "Korthikanti", "Korthikanti 2022", false, Recompute::selective,
               "the paper's 'present work' default", false, 0,
               {"iteration_time_s", "layer_fwd_bwd_ms", "layer_forward_ms", "layer_backward_ms", "tflops_per_gpu"}});
  r.back().flops = FlopsConvention::megatron;
  // Megatron-LM of spring 2022: scatter/gather pipeline sends and asynchronous gradient collectives
  // (--async-tensor-model-parallel-allreduce, on by default from Sept 2021), both defaults of its arguments.py.
  r.back().pp_scatter_gather = true;
  r.back().software_tp_overlap = TpCommOverlap::wgrad;
  r.push_back({"megatron-2020", "Megatron-LM README", "Megatron-LM 2020 README", false, Recompute::full,
               "Megatron v1 examples pass --checkpoint-activations", false, 0,
               {"iteration_time_ms", "tflops_per_gpu", "iteration_time_s"}});
  r.back().flops = FlopsConvention::megatron;
  // torchtitan (Dec 2024, PyTorch 2.6 nightlies) ran SDPA's flash backend: cuDNN attention became opt-in in
  // 2.5.1 (pytorch/pytorch#138522) and the default on Hopper only with 2.11's cuDNN (pytorch#142132 shows 2.6
  // SDPA at 329 vs cuDNN 631 TFLOP/s on H100).
  r.push_back({"torchtitan", "torchtitan", "torchtitan", true, Recompute::selective,
               "torchtitan default activation checkpointing is selective", true, 3,
               {"tokens_per_s_per_gpu", "tokens_per_s", "mfu_pct", "iteration_time_s"}, true, true});
  r.back().fsdp_gathers_once_per_step_with_pp = true;
  r.back().default_fp8_recipe = Fp8Recipe::current;
  r.back().fp8_recipe_why = "torchtitan's float8 converter runs torchao's default recipe, tensorwise dynamic scaling";
  // Megatron-Core (NeMo, Megatron-Bridge) defaults to recompute_granularity = null.
  r.push_back({"nemo", "NeMo", "NeMo 24.07", true, Recompute::none,
               "Megatron-Core default recompute_granularity = null", true, 1,
               {"model_tflops_per_gpu", "tokens_per_s_per_gpu", "tokens_per_s", "iteration_time_s"}});
  r.back().flops = FlopsConvention::nemo;
  r.back().recipe_tp_overlap = TpCommOverlap::bulk;
  r.back().default_fp8_recipe = Fp8Recipe::delayed;
  r.back().fp8_recipe_why = "Megatron-Core TransformerConfig.fp8_recipe default 'delayed'";
  r.back().current_scaling = Fp8Recipe::te_current;
  r.back().moe_grouped_gemm = GroupedGemmLaunch::per_expert;  // Transformer Engine GroupedLinear
  r.push_back({"mbridge", "Megatron-Bridge", "Megatron-Bridge", true, Recompute::none,
               "Megatron-Core default recompute_granularity = null", true, 1,
               {"tokens_per_s_per_gpu", "model_tflops_per_gpu", "tokens_per_s", "iteration_time_s"}});
  r.back().flops = FlopsConvention::nemo;
  r.back().recipe_tp_overlap = TpCommOverlap::bulk;
  r.back().default_fp8_recipe = Fp8Recipe::delayed;
  r.back().fp8_recipe_why = "Megatron-Core TransformerConfig.fp8_recipe default 'delayed'";
  r.back().current_scaling = Fp8Recipe::te_current;
  r.back().moe_grouped_gemm = GroupedGemmLaunch::per_expert;  // Transformer Engine GroupedLinear
  // llm-foundry's 2023 MPT benchmarks ran FlashAttention 1/2 or its Triton kernel: pre-Hopper designs.
  r.push_back({"llmfoundry", "llm-foundry", "MosaicML llm-foundry", true, Recompute::full,
               "llm-foundry benchmark default activation_checkpointing = true", true, 3,
               {"mfu_pct", "hfu_pct", "tokens_per_s", "tokens_per_s_per_gpu"}, true, true});
  r.back().flops = FlopsConvention::mosaic;
  // Any other source: times and throughputs first, then FLOP-based figures by the PaLM definitions.
  r.push_back({"", "", "other", true, Recompute::none,
               "not stated: none assumed (the default of Megatron-Core, NeMo and PyTorch without checkpointing)", true,
               1,
               {"iteration_time_s", "iteration_time_ms", "step_time_s", "tokens_per_s_per_gpu", "tokens_per_s",
                "samples_per_s", "model_tflops_per_gpu", "mfu_pct", "hfu_pct", "tflops_per_gpu", "aggregate_pflops"}});
  return r;
}

// One transformer layer's forward and backward seconds, isolated as the difference between the stage times of
// the same model with two layers and with one (embedding, output and step overheads cancel).
bool layer_seconds(const SourceRule& rule, const TrainingSetup& s, double& fwd, double& bwd, std::string& skip) {
  TrainingSetup one = s, two = s;
  one.model.layers = 1;
  two.model.layers = 2;
  one.job.plan.pp = two.job.plan.pp = 1;
  const Prediction p1 = predict_step(one.model, one.cluster, one.job, options_for(rule, s), kernel_options_for(rule));
  const Prediction p2 = predict_step(two.model, two.cluster, two.job, options_for(rule, s), kernel_options_for(rule));
  if (!p1.skip.empty() || !p2.skip.empty()) {
    skip = p1.skip.empty() ? p2.skip : p1.skip;
    return false;
  }
  if (p1.estimate.stage_forward_seconds.empty() || p2.estimate.stage_forward_seconds.empty()) {
    skip = "the model reported no per-stage times";
    return false;
  }
  fwd = p2.estimate.stage_forward_seconds[0] - p1.estimate.stage_forward_seconds[0];
  bwd = p2.estimate.stage_backward_seconds[0] - p1.estimate.stage_backward_seconds[0];
  return true;
}

bool is_flops_based(MetricKind kind) {
  switch (kind) {
    case MetricKind::source_flops_per_second_per_gpu:
    case MetricKind::model_flops_per_second_per_gpu:
    case MetricKind::hardware_flops_per_second_per_gpu:
    case MetricKind::source_flops_per_second_total:
    case MetricKind::model_flops_utilization:
    case MetricKind::hardware_flops_utilization:
    case MetricKind::source_flops_utilization: return true;
    default: return false;
  }
}

// The case's step in the quantities the metric table converts, with FLOPs and peak by the source's convention
// (FlopsConvention); `note` says which convention.
CaseRunQuantities run_quantities(const SourceRule& rule, const TrainingSetup& s, const TrainingEstimate& e,
                                 std::string& note) {
  const ModelSpec& m = s.model;
  const double B = s.job.global_batch_sequences, seq = s.job.seq_len;
  CaseRunQuantities q{.step_seconds = e.step_seconds, .global_batch_sequences = B, .seq_len = seq,
                      .gpus = static_cast<double>(s.cluster.gpus),
                      .model_flops_per_step = e.model_flops_per_step,
                      .hardware_flops_per_step = e.hardware_flops_per_step,
                      .utilization_peak_flops_per_s = s.cluster.accelerator.bf16_peak_flops_per_s(),
                      .run_tokens = s.run_tokens, .block_tokens = s.block_tokens,
                      .peak_memory_bytes = e.memory.total_bytes()};
  const double recompute_ratio = e.model_flops_per_step > 0 ? e.hardware_flops_per_step / e.model_flops_per_step : 1;
  switch (rule.flops) {
    case FlopsConvention::palm:
      note = "FLOPs by the PaLM definition (model: 6·N·tokens + attention; hardware adds the recompute); "
             "TFLOP/s as hardware FLOPs, MFU/HFU over the bf16 peak";
      break;
    case FlopsConvention::megatron:
      q.hardware_flops_per_step = megatron_flops(B, seq, m.layers, m.hidden, m.vocab);
      q.model_flops_per_step = megatron_model_flops(B, seq, m.layers, m.hidden, m.vocab);
      note = "TFLOP/s by 96·B·s·l·h²·(1+s/6h+V/16lh) (recompute included); model FLOPs without the recompute "
             "forward";
      break;
    case FlopsConvention::nemo:
      q.model_flops_per_step = nemo_model_flops(m, B, seq);
      q.hardware_flops_per_step = q.model_flops_per_step * recompute_ratio;
      q.source_tflops_are_model = true;
      note = "model TFLOP/s by NeMo's flops formula; MFU over the dense bf16 peak";
      break;
    case FlopsConvention::mosaic: {
      const double params = s.params_published > 0 ? s.params_published : count_parameters(m).total();
      q.model_flops_per_step = mosaic_model_flops(params, m, B, seq);
      q.hardware_flops_per_step = q.model_flops_per_step * 4.0 / 3.0;
      q.utilization_peak_flops_per_s = s.cluster.accelerator.precision_peak_flops_per_s(s.job.plan.precision);
      note = "MFU by llm-foundry's 3·(2·N·s + 4·l·h·s²) per sequence over the " +
             std::string(s.job.plan.precision == Dtype::fp8 ? "fp8" : "bf16") +
             " peak; HFU = 4/3 of it (one more forward)";
      break;
    }
  }
  return q;
}

}  // namespace

TrainingOptions options_for(const SourceRule& rule, const TrainingSetup& s) {
  TrainingOptions options;
  options.flash_attention = rule.flash_attention;
  options.eager_elementwise = rule.eager_elementwise && !s.compiled;
  options.moe_grouped_gemm = rule.moe_grouped_gemm;
  return options;
}

KernelCostOptions kernel_options_for(const SourceRule& rule) {
  KernelCostOptions options;
  options.flash_attention_2 = rule.flash_attention_2;
  return options;
}


const std::vector<SourceRule>& all_source_rules() {
  static const std::vector<SourceRule> rules = make_rules();
  return rules;
}

const SourceRule& source_rule(const std::string& id, const std::string& source) {
  const auto& rules = all_source_rules();
  for (const SourceRule& r : rules) {
    if (!r.id_prefix.empty() && lower(id).rfind(r.id_prefix, 0) == 0) return r;
  }
  // The most specific match ("NVIDIA-NeMo/Megatron-Bridge" names Megatron-Bridge, not NeMo).
  const SourceRule* best = nullptr;
  for (const SourceRule& r : rules) {
    if (!r.source_match.empty() && contains(source, r.source_match) &&
        (!best || r.source_match.size() > best->source_match.size())) {
      best = &r;
    }
  }
  return best ? *best : rules.back();
}

double predict_metric(const SourceRule& rule, const std::string& metric, const TrainingSetup& s, std::string& skip,
                      std::vector<std::string>& notes, std::vector<std::pair<std::string, double>>* breakdown) {
  const ModelSpec& m = s.model;
  if (metric.rfind("layer_", 0) == 0) {
    double fwd = 0, bwd = 0;
    if (!layer_seconds(rule, s, fwd, bwd, skip)) return 0;
    notes.push_back("layer forward " + fmt_num(fwd * 1e3) + " ms, backward " + fmt_num(bwd * 1e3) +
                    " ms (difference of 2-layer and 1-layer stage times)");
    if (metric == "layer_forward_ms") return fwd * 1e3;
    if (metric == "layer_backward_ms") return bwd * 1e3;
    return (fwd + bwd) * 1e3;
  }
  const Prediction p = predict_step(m, s.cluster, s.job, options_for(rule, s), kernel_options_for(rule));
  if (!p.skip.empty()) {
    skip = p.skip;
    return 0;
  }
  const TrainingEstimate& e = p.estimate;
  const double t = e.step_seconds;
  if (breakdown) {
    const StepBreakdown& b = e.breakdown;
    for (int c = 0; c < kOpClassCount; ++c) {
      breakdown->emplace_back(op_class_name(static_cast<OpClass>(c)), b.compute_seconds[c]);
    }
    breakdown->insert(breakdown->end(), {{"recompute", b.recompute_seconds}, {"tp_comm", b.tp_comm_seconds},
                                         {"cp_comm", b.cp_comm_seconds}, {"ep_comm", b.ep_comm_seconds},
                                         {"pp_comm", b.pp_comm_seconds}, {"dp_comm", b.dp_comm_seconds},
                                         {"bubble", b.bubble_seconds}, {"optimizer", b.optimizer_seconds},
                                         {"step", t}});
  }
  notes.push_back("predicted step " + fmt_num(t) + " s, MFU " + fmt_num(100 * e.mfu) + "%");
  if (!e.fits) {
    notes.push_back("memory model: " + fmt_num(e.memory.total_bytes() / kBytesPerGiB) + " GiB per GPU exceeds the " +
                    fmt_num((e.hbm_capacity_bytes - e.memory_headroom_bytes) / kBytesPerGiB) + " GiB usable of " +
                    fmt_num(e.hbm_capacity_bytes / kBytesPerGiB) + " GiB (allocator headroom kept free)");
  }
  for (const std::string& n : e.notes) notes.push_back(n);
  const std::optional<MetricSpec> spec = find_metric(metric);
  if (!spec) {
    skip = "no conversion for metric '" + metric + "'";
    return 0;
  }
  std::string flops_note;
  const CaseRunQuantities run = run_quantities(rule, s, e, flops_note);
  if (is_flops_based(spec->kind)) notes.push_back(flops_note);
  std::string missing;
  const std::optional<double> value = convert_metric(*spec, run, missing);
  if (!value) {
    skip = "metric '" + metric + "' needs " + missing;
    return 0;
  }
  return *value;
}

}  // namespace stargate::validation_detail
