// The metric an inference case is compared on, and its prediction (inference_case.h).
//   phase prefill: one prefill step of the engine's batch (batch_size_per_device sequences per GPU of an attention
//     rank, input_len tokens each) timed by the serving step model; input tokens/s = tokens / step.
//   phase decode: one decode step of that batch at kv_cache_len (else input_len + output_len / 2) cached tokens;
//     output tokens/s = sequences / step, TPOT = the step.
//   otherwise: the serving simulation of num_requests requests as `stargate serve --offline` runs them
//     (offline_batch.h: all queued at t = 0; a stated concurrency caps the running sequences per engine) with the
//     engine's defaults (engine_defaults below).
#include <algorithm>
#include <cmath>

#include "case_helpers.h"
#include "inference_case.h"
#include "trtllm_bench_settings.h"
#include "stargate/core/value_limits.h"
#include "stargate/serving/engine_step.h"
#include "stargate/serving/engine_defaults.h"
#include "stargate/serving/offline_batch.h"
#include "stargate/serving/simulator.h"
#include "stargate/serving/step_time.h"

namespace stargate::validation_detail {
namespace {

using Quantity = InferenceMetric::Quantity;
using Scope = InferenceMetric::Scope;

std::optional<InferenceMetric> parse_metric(std::string name, double value) {
  InferenceMetric m;
  m.name = name;
  m.measured = value;
  if (name.rfind("derived_", 0) == 0) name = name.substr(8);
  auto ends = [&](const std::string& suffix) {
    return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends("_ms") && (contains(name, "tpot") || contains(name, "itl") || contains(name, "ttft"))) {
    m.quantity = contains(name, "ttft") ? Quantity::ttft : Quantity::tpot;
    m.median = contains(name, "median") || contains(name, "p50");
    if (contains(name, "p90") || contains(name, "p99")) return std::nullopt;  // tails: not compared
    return m;  // compared in the published milliseconds (predict_inference_metric converts)
  }
  if (ends("_per_user") || contains(name, "per_user")) {  // TensorRT-LLM's "tps/user": one stream's decode rate
    if (!contains(name, "token") && !contains(name, "tps")) return std::nullopt;
    m.quantity = Quantity::tokens_per_user;
    return m;
  }
  if (ends("_per_gpu")) m.scope = Scope::per_gpu;
  else if (ends("_per_node")) m.scope = Scope::per_node;
  // vLLM's benchmark names too: output_token_throughput, total_token_throughput, request_throughput.
  if (contains(name, "output_tokens_per_s") || contains(name, "output_throughput") ||
      contains(name, "output_token_throughput")) {
    m.quantity = Quantity::output_tokens;
  } else if (contains(name, "input_tokens_per_s") || contains(name, "input_token_throughput")) {
    m.quantity = Quantity::input_tokens;
  } else if (contains(name, "total_tokens_per_s") || contains(name, "total_token_throughput")) {
    m.quantity = Quantity::all_tokens;
  } else if (contains(name, "samples_per_s") || contains(name, "requests_per_s") ||
             contains(name, "request_throughput")) {
    m.quantity = Quantity::requests;
  } else {
    return std::nullopt;
  }
  return m;
}

bool phase_predicts(const std::string& phase, Quantity q) {
  if (phase == "prefill") return q == Quantity::input_tokens || q == Quantity::ttft;
  if (phase == "decode") return q == Quantity::output_tokens || q == Quantity::tpot || q == Quantity::tokens_per_user;
  return true;
}

// What a prediction yields for the whole case (all its GPUs), before the metric picks one.
struct Predicted {
  double output_tokens_per_s = 0, input_tokens_per_s = 0, requests_per_s = 0;
  double mean_tpot = 0, median_tpot = 0, mean_ttft = 0, median_ttft = 0;
};

StepTimeModel step_model(const InferenceCase& c) {
  return StepTimeModel(c.model, c.cluster,
                       StepTimeOptions{.tp = c.pool.tp, .pp = c.pool.pp, .attention_dp = c.pool.attention_dp,
                                       .ep = c.pool.ep, .moe = c.moe, .weights = c.weights,
                                       .kv_bytes_per_element = c.kv_bytes_per_element, .cuda_graphs = true});
}

Predicted predict_phase(InferenceCase& c) {
  if (!c.batch_per_device) throw InferenceCaseSkip{"phase case without batch_size_per_device"};
  StepTimeModel st = step_model(c);
  const int engine_gpus = st.engine_gpus();
  const int seqs = std::max(1, static_cast<int>(std::lround(*c.batch_per_device * engine_gpus)));
  const int engines = c.gpus / engine_gpus;
  Predicted p;
  if (c.phase == "prefill") {
    if (!c.input_len) throw InferenceCaseSkip{"prefill case without input_len"};
    const double len = *c.input_len;
    const double tokens = seqs * len;
    if (tokens > limits::batch_tokens.max) throw InferenceCaseSkip{"prefill batch above the token limit"};
    const double step = st.seconds(BatchShape{.prefill_tokens = static_cast<int>(tokens),
                                              .prefill_pairs = seqs * len * len / 2, .logit_rows = seqs});
    p.input_tokens_per_s = tokens / step * engines;
    p.mean_ttft = p.median_ttft = step;
    c.notes.push_back("one prefill step of " + std::to_string(seqs) + " x " + fmt_num(len) + " tokens: " +
                      fmt_num(step * 1e3) + " ms");
  } else {
    const double ctx = c.kv_cache_len ? *c.kv_cache_len
                                      : c.input_len ? *c.input_len + c.output_len.value_or(0) / 2 : 0;
    if (!(ctx > 0)) throw InferenceCaseSkip{"decode case without kv_cache_len or input_len"};
    // The engine replays its decode graph for this batch (cuda_graph_batches.h), the stated batch being its running
    // limit, as `serve` times it.
    const CudaGraphPadding padding = cuda_graph_padding(
        c.graph_batches, {.max_batch_sequences = seqs, .tp = c.pool.tp,
                          .hbm_bytes = c.cluster.accelerator.hbm_capacity_bytes});
    const double step = st.seconds(engine_batch(
        BatchShape{.decode_seqs = seqs, .decode_context = seqs * ctx, .logit_rows = seqs}, EngineKind::fused, padding));
    p.output_tokens_per_s = seqs / step * engines;
    p.mean_tpot = p.median_tpot = step;
    c.notes.push_back("one decode step of " + std::to_string(seqs) + " sequences at " + fmt_num(ctx) +
                      " cached tokens: " + fmt_num(step * 1e3) + " ms");
  }
  return p;
}

// Each engine's documented defaults: vLLM and SGLang as `serve` takes them (serving/engine_defaults.h);
// TensorRT-LLM as trtllm-bench derives them from the dataset (trtllm_bench_settings.h): no chunked prefill,
// GUARANTEED_NO_EVICT, 32-token blocks.
void engine_defaults(const InferenceCase& c, ServingConfig& cfg) {
  SchedulerConfig& s = cfg.scheduler;
  if (c.software == ServingSoftware::tensorrt_llm) {
    const TrtllmBenchSettings bench = trtllm_bench_settings({
        .model = &c.model, .weight_bytes_per_element = dtype_bytes(c.weights),
        .kv_bytes_per_element = c.kv_bytes_per_element, .tp = c.pool.tp, .pp = c.pool.pp,
        .device_memory_bytes = c.cluster.accelerator.hbm_capacity_bytes,
        .mean_input_tokens = c.input_len.value_or(128), .mean_output_tokens = c.output_len.value_or(128),
        .max_input_tokens = static_cast<int>(c.input_len.value_or(128)), .kv_cache_free_gpu_mem_fraction = 0.9,
        .chunked_prefill = false});
    apply_engine_defaults(EnginePreset::trtllm, c.cluster.accelerator, s);
    s.max_batch_sequences = bench.max_batch_size;
    s.max_batch_tokens = bench.max_num_tokens;
  } else {
    apply_engine_defaults(c.software == ServingSoftware::sglang ? EnginePreset::sglang : EnginePreset::vllm,
                          c.cluster.accelerator, s);
  }
  if (c.max_batch_size) s.max_batch_sequences = *c.max_batch_size;
  if (c.max_num_tokens) s.max_batch_tokens = *c.max_num_tokens;
  if (c.concurrency) {
    const int engines = std::max(1, c.pool.replicas * c.pool.attention_dp);
    s.max_batch_sequences = std::max(1, static_cast<int>(std::ceil(*c.concurrency / engines)));
  }
}

Predicted predict_end_to_end(InferenceCase& c) {
  if (!c.input_len || !c.output_len) throw InferenceCaseSkip{"missing input_len or output_len"};
  ServingConfig cfg;
  cfg.deployment.pool = c.pool;
  cfg.deployment.moe = c.moe;
  cfg.deployment.weights = c.weights;
  cfg.deployment.kv_bytes_per_element = c.kv_bytes_per_element;
  // The engine's kernel list, graph use and host time as `serve` takes them (engine_defaults.h); the padding of its
  // decode graphs follows the case's version (read_graph_batches).
  const bool trtllm = c.software == ServingSoftware::tensorrt_llm;
  apply_engine_execution(trtllm ? EnginePreset::trtllm
                                : c.software == ServingSoftware::sglang ? EnginePreset::sglang : EnginePreset::vllm,
                         cfg.deployment);
  cfg.deployment.cuda_graphs = true;
  cfg.deployment.cuda_graph_batches = c.graph_batches;
  if (trtllm && c.graph_batches == CudaGraphBatches::exact) {
    // A TensorRT engine (the TensorRT backend) graphs whole iterations and schedules in C++: no eager prefill and
    // no per-request Python host time.
    cfg.deployment.eager_prefill = false;
    cfg.deployment.host_seconds_per_sequence = 0;
  } else if (trtllm) {
    c.notes.push_back("iterations that prefill launch eagerly; host time " +
                      fmt_num(cfg.deployment.host_seconds_per_sequence * 1e6) +
                      " us per sequence per iteration (PyExecutor, PR #10273), hidden behind shorter GPU steps");
  }
  engine_defaults(c, cfg);
  cfg.sample_interval = 0;
  cfg.workload.input.mean = *c.input_len;
  cfg.workload.output.mean = *c.output_len;
  Result<ServingConfig> batch = offline_batch_config(cfg, c.requests);  // what `serve --offline` runs
  if (!batch.ok()) throw InferenceCaseSkip{batch.error().message};
  cfg = batch.value();
  Result<ServingResult> sim = simulate_serving(c.model, c.cluster, cfg);
  if (!sim.ok()) throw InferenceCaseSkip{sim.error().message};
  const ServingResult& r = sim.value();
  c.notes.push_back("simulated " + std::to_string(c.requests) + " requests offline: max " +
                    std::to_string(cfg.scheduler.max_batch_sequences) + " sequences and " +
                    std::to_string(cfg.scheduler.max_batch_tokens) + " tokens per step per engine, " +
                    (cfg.scheduler.chunked_prefill ? "chunked prefill" : "no chunked prefill") + ", mean batch " +
                    std::to_string(static_cast<int>(r.mean_batch_sequences)) + " sequences");
  Predicted p;
  p.output_tokens_per_s = r.output_tokens_per_s;
  p.input_tokens_per_s = r.output_tokens_per_s * *c.input_len / *c.output_len;
  p.requests_per_s = r.output_tokens_per_s / *c.output_len;
  p.mean_tpot = r.tpot.mean, p.median_tpot = r.tpot.p50;
  p.mean_ttft = r.ttft.mean, p.median_ttft = r.ttft.p50;
  return p;
}

}  // namespace

std::optional<InferenceMetric> choose_inference_metric(const YAML::Node& measured, const std::string& phase) {
  for (const auto& kv : measured) {
    if (!kv.second.IsScalar()) continue;
    double value = 0;
    try {
      value = kv.second.as<double>();
    } catch (const YAML::Exception&) {
      // Text around the figure ("22,300", "~7.6k"): its first quantity, thousands as 1000.
      const auto q = first_quantity(kv.second.Scalar(), 1000);
      if (!q) continue;
      value = *q;
    }
    if (!(value > 0) || !std::isfinite(value)) continue;
    auto m = parse_metric(kv.first.as<std::string>(""), value);
    if (m && phase_predicts(phase, m->quantity)) return m;
  }
  return std::nullopt;
}

double predict_inference_metric(InferenceCase& c) {
  const Predicted p = c.phase.empty() ? predict_end_to_end(c) : predict_phase(c);
  const InferenceMetric& m = c.metric;
  const double per = m.scope == Scope::per_gpu ? 1.0 / c.gpus : m.scope == Scope::per_node ? double(c.gpus_per_node) / c.gpus : 1.0;
  switch (m.quantity) {
    case Quantity::output_tokens: return p.output_tokens_per_s * per;
    case Quantity::input_tokens: return p.input_tokens_per_s * per;
    case Quantity::all_tokens: return (p.output_tokens_per_s + p.input_tokens_per_s) * per;
    case Quantity::requests: return p.requests_per_s * per;
    case Quantity::tpot: return 1000 * (m.median ? p.median_tpot : p.mean_tpot);  // ms, as published
    case Quantity::ttft: return 1000 * (m.median ? p.median_ttft : p.mean_ttft);
    case Quantity::tokens_per_user: return p.mean_tpot > 0 ? 1 / p.mean_tpot : 0;
  }
  return 0;
}

}  // namespace stargate::validation_detail
