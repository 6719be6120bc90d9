#pragma once
// Internal: one published inference case (validation/inference.yaml schema and the README's optional fields) read
// into a serving deployment, and the metric it is compared on.
//
// Parallelism (every interpretation goes into the case note):
//   - tp, pp, dp, ep from `parallelism` (or the case's top level); `dp_attention` / `attention_dp` (a boolean or a
//     rank count) turns on data-parallel attention. Two conventions exist and num_gpus tells them apart: vLLM's
//     (-dp N -tp T --enable-expert-parallel: N attention ranks of T GPUs, N·T GPUs per engine) when dp·tp GPUs
//     are used, SGLang's (--tp T --dp N --enable-dp-attention: T GPUs, N ranks of T/N) otherwise. With data-parallel
//     attention the experts spread over the engine's GPUs unless `ep` says otherwise (both engines do so).
//   - Expert slots that EP does not divide get the fewest redundant experts that make it divide (what an EPLB
//     deployment must configure; SGLang --ep-num-redundant-experts).
// Engine defaults by `software` (vLLM, SGLang, TensorRT-LLM; vLLM's when unnamed): batch limits, chunked
// prefill, memory fraction, KV-cache dtype (docs/validation.md lists them with sources).
#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

#include "stargate/catalog/cluster.h"
#include "stargate/serving/serving_config.h"
#include "stargate/workload/model.h"

namespace stargate::validation_detail {

// A case that cannot be predicted: its reason goes to the skip list.
struct InferenceCaseSkip {
  std::string reason;
};

enum class ServingSoftware { tensorrt_llm, vllm, sglang };

// What a metric counts and over how many GPUs.
struct InferenceMetric {
  std::string name;  // as published (derived_ prefix kept)
  double measured = 0;
  // tokens_per_user: one request's output tokens per second while it decodes (1 / mean TPOT).
  enum class Quantity { output_tokens, input_tokens, all_tokens, requests, tpot, ttft, tokens_per_user } quantity =
      Quantity::output_tokens;
  enum class Scope { total, per_gpu, per_node } scope = Scope::total;  // throughput metrics only
  bool median = false;  // latency: the median instead of the mean
};

struct InferenceCase {
  ModelSpec model;
  Cluster cluster;
  int gpus = 1;              // the case's num_gpus
  int gpus_per_node = 8;     // for per-node metrics: the node's GPUs (4 for a compute tray of an NVL72 rack)
  PoolConfig pool;           // one engine replica; replicas = gpus / (tp · pp)
  MoeServing moe;
  Dtype weights = Dtype::bf16;
  double kv_bytes_per_element = 2;
  ServingSoftware software = ServingSoftware::vllm;
  // The CUDA-graph batch sizes the engine pads decode batches to: the software's rule; TensorRT-LLM's only on its
  // PyTorch backend (trtllm-bench's default from 1.0; not for a TensorRT engine).
  CudaGraphBatches graph_batches = CudaGraphBatches::vllm;
  std::string phase;         // "", "prefill" or "decode"
  std::optional<double> input_len, output_len, batch_per_device, kv_cache_len, concurrency;
  std::optional<int> max_batch_size, max_num_tokens;
  int requests = 1000;
  InferenceMetric metric;
  std::vector<std::string> notes;
};

// Throws InferenceCaseSkip (cannot be predicted) or CaseFieldError (a field outside its limits).
InferenceCase read_inference_case(const YAML::Node& node);

// The first published metric that the case's phase can predict; nullopt when none.
std::optional<InferenceMetric> choose_inference_metric(const YAML::Node& measured, const std::string& phase);

// Predicted value of case.metric: a prefill or decode step timed directly (phase cases), else the serving
// simulation of the case's requests. Throws InferenceCaseSkip.
double predict_inference_metric(InferenceCase& c);

}  // namespace stargate::validation_detail
