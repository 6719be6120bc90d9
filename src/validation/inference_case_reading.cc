// Reads one inference case (inference_case.h): model, hardware, parallelism, engine and metric.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <regex>

#include "case_fields.h"
#include "case_helpers.h"
#include "inference_case.h"

namespace stargate::validation_detail {
namespace {

std::string text_of(const YAML::Node& n, const char* key) {
  const YAML::Node v = n && n.IsMap() ? n[key] : YAML::Node();
  return v && v.IsScalar() ? v.as<std::string>("") : "";
}

// All scalar text of a node, lower-cased (for phrases such as "two-batch overlap" anywhere in the case).
void collect_text(const YAML::Node& n, std::string& out) {
  if (!n) return;
  if (n.IsScalar()) {
    out += lower(n.as<std::string>("")) + " ";
  } else if (n.IsMap()) {
    for (const auto& kv : n) collect_text(kv.second, out);
  } else if (n.IsSequence()) {
    for (const auto& e : n) collect_text(e, out);
  }
}

// `word` in `text` (lower case) with no letter or digit on either side.
bool has_word(const std::string& text, const std::string& word) {
  for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    const bool left = at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1]));
    const size_t end = at + word.size();
    const bool right = end >= text.size() || !std::isalnum(static_cast<unsigned char>(text[end]));
    if (left && right) return true;
  }
  return false;
}

ModelSpec read_model(const YAML::Node& m) {
  if (!m || !m.IsMap()) throw InferenceCaseSkip{"no model mapping"};
  ModelSpec model;
  model.id = model.name = text_of(m, "name");
  auto need = [&](const char* key, const IntegerLimit& limit) {
    const auto v = yaml_integer(m, "model", key, limit);
    if (!v) throw InferenceCaseSkip{std::string("model.") + key + " missing"};
    return *v;
  };
  model.layers = need("layers", limits::layers);
  model.hidden = need("hidden", limits::hidden);
  model.heads = need("heads", limits::heads);
  model.vocab = need("vocab", limits::vocab);
  model.kv_heads = yaml_integer(m, "model", "kv_heads", limits::heads).value_or(model.heads);
  model.ffn = yaml_integer(m, "model", "ffn", limits::ffn).value_or(4 * model.hidden);
  model.head_dim = yaml_integer(m, "model", "head_dim", limits::head_dim).value_or(model.hidden / model.heads);
  if (model.heads % model.kv_heads != 0) {
    throw CaseFieldError{"model.kv_heads", std::to_string(model.kv_heads) + " KV heads do not divide " +
                                               std::to_string(model.heads) + " attention heads",
                         m["kv_heads"].Mark().line + 1};
  }
  if (std::string why = read_moe_and_mla(m, model); !why.empty()) throw InferenceCaseSkip{why};
  return model;
}

// The TensorRT-LLM 1.x minor version the text names ("v1.0-era", "TensorRT-LLM 1.2.0rc1"); nullopt when none.
std::optional<int> trtllm_minor_version(const std::string& lowered) {
  static const std::regex version(R"((?:^|[^0-9.])v?1\.([0-9]+))");
  std::smatch m;
  if (!std::regex_search(lowered, m, version)) return std::nullopt;
  return std::stoi(m[1].str());
}

// The engine's CUDA-graph padding (cuda_graph_batches.h). TensorRT-LLM pads on its PyTorch backend (trtllm-bench's
// backend from 1.0); a case that names a TensorRT engine, the TensorRT backend or a 0.x version ran without it. Its
// captured sizes step by 64 from 1.3 (PR #12895, April 2026); a case naming 1.0-1.2, or no version (the published
// tables to date), takes the powers of two of 1.0-1.2.
CudaGraphBatches read_graph_batches(ServingSoftware software, const std::string& text, std::vector<std::string>& notes) {
  if (software == ServingSoftware::sglang) return CudaGraphBatches::sglang;
  if (software == ServingSoftware::vllm) return CudaGraphBatches::vllm;
  const std::string t = lower(text);
  const bool engine_backend = !contains(t, "pytorch") &&
                              (contains(t, "tensorrt engine") || contains(t, "trt engine") ||
                               contains(t, "tensorrt backend") || contains(t, "v0.") || contains(t, "version 0."));
  if (engine_backend) {
    notes.push_back("TensorRT engine backend: decode batches run unpadded");
    return CudaGraphBatches::exact;
  }
  const std::optional<int> minor = trtllm_minor_version(t);
  const bool sliding = minor && *minor >= 3;
  notes.push_back(std::string("PyTorch backend: decode batches padded to the captured CUDA-graph sizes (") +
                  (sliding ? "steps of 64, TensorRT-LLM ≥ 1.3)" : "powers of two, TensorRT-LLM 1.0-1.2)"));
  return sliding ? CudaGraphBatches::trtllm : CudaGraphBatches::trtllm_1_0;
}

ServingSoftware read_software(const std::string& text, std::vector<std::string>& notes) {
  const std::string t = lower(text);
  if (contains(t, "tensorrt") || contains(t, "trt-llm") || contains(t, "trtllm")) return ServingSoftware::tensorrt_llm;
  if (contains(t, "sglang")) return ServingSoftware::sglang;
  if (!contains(t, "vllm")) notes.push_back("software '" + text + "' not named: vLLM defaults");
  return ServingSoftware::vllm;
}

// dp_attention as a rank count: a number > 1, a yes in words (→ 0: "ranks from dp or tp"), absent/no → 1.
// The keys SGLang, vLLM and TensorRT-LLM name it by (dp_attention, attention_dp, enable_attention_dp); a yes is
// "true", "yes", "on" or "enable(d)" anywhere in the text ("True (attention data parallel)", "yes,
// enable_attention_dp", "attention DP (enable_attention_dp: true)"), unless it says false / no / off / disabled.
int attention_ranks_stated(const YAML::Node& par, const YAML::Node& node) {
  for (const YAML::Node& where : {par, node}) {
    for (const char* key : {"attention_dp", "dp_attention", "enable_attention_dp", "attention_data_parallel"}) {
      const std::string t = lower(text_of(where, key));
      if (t.empty()) continue;
      if (auto n = first_integer(t); n && *n > 1) return static_cast<int>(std::min<long long>(*n, limits::tensor_parallel.max));
      // A count of 0 or 1 ranks (larger ones were read above) or a no: no attention data parallelism.
      if (std::isdigit(static_cast<unsigned char>(t[0])) || first_word_yes_or_no(t) == false) return 1;
      if (has_word(t, "true") || has_word(t, "yes") || has_word(t, "on") || contains(t, "enable") ||
          contains(t, "attention dp") || contains(t, "attention data parallel")) {
        return 0;
      }
    }
  }
  return 1;
}

// The degree written after `key` at the start of a word ("TP8", "tp=8", "EP 72", "TP8xEP8"); nullopt if absent.
std::optional<long long> degree_after(const std::string& text, const std::string& key) {
  const std::string t = lower(text);
  for (size_t at = t.find(key); at != std::string::npos; at = t.find(key, at + 1)) {
    if (at > 0 && std::isalpha(static_cast<unsigned char>(t[at - 1]))) continue;
    size_t i = at + key.size();
    while (i < t.size() && (t[i] == ' ' || t[i] == '=' || t[i] == ':' || t[i] == '-')) ++i;
    if (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) return first_integer(t.substr(i));
  }
  return std::nullopt;
}

// `parallelism` written as one string ("TP8", "TP8 EP8", "DP-attention 8, EP 8"): the same fields as a mapping.
YAML::Node parallelism_from_text(const std::string& text, std::vector<std::string>& notes) {
  YAML::Node p(YAML::NodeType::Map);
  for (const char* key : {"tp", "pp", "ep", "dp"}) {
    if (auto n = degree_after(text, key)) p[key] = std::to_string(*n);
  }
  if (contains(text, "attention") || degree_after(text, "adp")) p["dp_attention"] = "true";
  if (auto n = degree_after(text, "adp"); n && !p["dp"]) p["dp"] = std::to_string(*n);
  notes.push_back("parallelism: read '" + text + "' as" + (p.size() == 0 ? std::string(" no degree") : ""));
  for (const auto& kv : p) notes.back() += " " + kv.first.as<std::string>() + " " + kv.second.as<std::string>();
  return p;
}

// tp, dp, ep, pp → one engine replica (PoolConfig) and the replica count, by the conventions of inference_case.h.
void read_parallelism(const YAML::Node& node, InferenceCase& c) {
  const YAML::Node stated = node["parallelism"];
  const YAML::Node p = stated && stated.IsMap()      ? stated
                       : stated && stated.IsScalar() ? parallelism_from_text(stated.Scalar(), c.notes)
                                                     : YAML::Node(YAML::NodeType::Map);
  auto integer = [&](const char* key, const IntegerLimit& limit) {
    auto v = yaml_integer(p, "parallelism", key, limit);
    return v ? v : yaml_integer(node, "", key, limit);
  };
  const int tp = integer("tp", limits::tensor_parallel).value_or(1);
  const int pp = integer("pp", limits::pipeline_parallel).value_or(1);
  const int dp = integer("dp", limits::data_parallel).value_or(1);
  const std::optional<int> ep = integer("ep", limits::expert_parallel);
  int ranks = attention_ranks_stated(p, node);
  PoolConfig& pool = c.pool;
  pool.pp = pp;
  if (ranks != 1) {
    if (dp > 1 && tp * dp * pp <= c.gpus && (ranks == 0 || ranks == dp) && (ranks == 0 || tp % ranks != 0)) {
      // vLLM: dp ranks of tp GPUs each (a rank count equal to dp that does not divide tp says the same)
      pool.tp = tp * dp, pool.attention_dp = dp;
      c.notes.push_back("dp_attention: " + std::to_string(dp) + " attention ranks of tp " + std::to_string(tp) +
                        " (dp × tp GPUs per engine, vLLM convention)");
    } else {  // SGLang: tp GPUs, ranks (or dp) attention ranks among them
      ranks = ranks > 1 ? ranks : dp > 1 ? dp : tp;
      if (tp % ranks != 0) throw InferenceCaseSkip{"dp_attention ranks do not divide tp"};
      pool.tp = tp, pool.attention_dp = ranks;
      c.notes.push_back("dp_attention: " + std::to_string(ranks) + " attention ranks over tp " + std::to_string(tp) +
                        " GPUs (SGLang convention)");
    }
    pool.ep = c.model.is_moe() ? pool.tp : 1;
  } else {
    pool.tp = tp;
    if (dp > 1) c.notes.push_back("dp " + std::to_string(dp) + ": independent replicas");
  }
  if (ep && *ep > 1) {
    if (!c.model.is_moe()) throw InferenceCaseSkip{"ep > 1 on a model without experts"};
    if (pool.tp % *ep != 0) throw InferenceCaseSkip{"ep " + std::to_string(*ep) + " does not divide the engine's " + std::to_string(pool.tp) + " GPUs"};
    pool.ep = *ep;
  }
  if (const int atp = pool.tp / pool.attention_dp; c.model.heads % atp != 0) {
    const YAML::Node tp_node = p["tp"] ? p["tp"] : node["tp"];
    throw CaseFieldError{"parallelism.tp", "attention tensor parallelism " + std::to_string(atp) + " does not divide " +
                                               std::to_string(c.model.heads) + " attention heads",
                         tp_node ? tp_node.Mark().line + 1 : node.Mark().line + 1};
  }
  if (c.model.is_moe() && pool.ep > 1) {
    const int experts = c.model.moe->routed_experts;
    c.moe.redundant_experts = (pool.ep - experts % pool.ep) % pool.ep;
    if (c.moe.redundant_experts > 0) {
      c.notes.push_back(std::to_string(c.moe.redundant_experts) + " redundant experts so that EP " +
                        std::to_string(pool.ep) + " divides the expert slots");
    }
  }
  pool.replicas = std::max(1, c.gpus / (pool.tp * pool.pp));
}

void read_moe_options(const std::string& all_text, InferenceCase& c) {
  if (!c.model.is_moe() || c.pool.ep <= 1) return;
  if (contains(all_text, "two-batch") || contains(all_text, "two batch") || contains(all_text, "two_batch") ||
      contains(all_text, "dual-batch") || contains(all_text, "dual batch") || has_word(all_text, "tbo") ||
      has_word(all_text, "dbo")) {
    c.moe.two_batch_overlap = true;
    c.notes.push_back("two-batch overlap");
  }
  if (contains(all_text, "low-latency") || contains(all_text, "low_latency")) {
    if (c.phase == "decode") c.moe.dispatch = MoeServing::Dispatch::low_latency;
  }
  c.notes.push_back(std::string("EP ") + std::to_string(c.pool.ep) + " dispatch: " +
                    (c.moe.dispatch == MoeServing::Dispatch::low_latency ? "DeepEP low-latency"
                                                                          : "DeepEP auto (normal for prefill, low-latency for decode)"));
}

void read_precision(const YAML::Node& node, InferenceCase& c) {
  const std::string precision = lower(text_of(node, "weights_precision") + " " + text_of(node, "precision"));
  const bool fp4 = contains(precision, "fp4");
  const bool fp8 = !fp4 && contains(precision, "fp8");
  c.weights = fp4 ? Dtype::fp4 : fp8 ? Dtype::fp8 : Dtype::bf16;
  const std::string kv = lower(text_of(node, "kv_cache_dtype"));
  if (contains(kv, "fp8") || contains(kv, "e4m3")) {
    c.kv_bytes_per_element = 1;
  } else if (contains(kv, "bf16") || contains(kv, "fp16") || contains(kv, "bfloat16")) {
    c.kv_bytes_per_element = 2;
  } else {
    // ModelOpt FP8/NVFP4 checkpoints quantize the KV cache (TensorRT-LLM reads it from the checkpoint);
    // vLLM and SGLang keep kv_cache_dtype auto = the model's activation dtype (bf16).
    c.kv_bytes_per_element = (fp8 || fp4) && c.software == ServingSoftware::tensorrt_llm ? 1 : 2;
  }
  c.notes.push_back(std::string(fp4 ? "fp4" : fp8 ? "fp8" : "bf16") + " weights, " +
                    (c.kv_bytes_per_element == 1 ? "fp8" : "bf16") + " KV cache");
}

// An engine limit the run set: a value that starts with its number ("2048", "512 (per rank)"). Text that starts
// otherwise describes the tool's own choice ("trtllm-bench default (cuda graphs padded up to 8192)": 8192 is the
// largest CUDA-graph batch, not max_batch_size), which the engine defaults then derive.
std::optional<int> stated_engine_limit(const YAML::Node& w, const char* key, const IntegerLimit& limit) {
  const std::string text = text_of(w, key);
  if (text.empty() || !std::isdigit(static_cast<unsigned char>(text[0]))) return std::nullopt;
  return yaml_integer(w, "workload", key, limit);
}

constexpr int kMaxSimulatedRequests = 100'000;

void read_workload(const YAML::Node& node, InferenceCase& c) {
  const YAML::Node w = node["workload"] && node["workload"].IsMap() ? node["workload"] : YAML::Node(YAML::NodeType::Map);
  // Lengths in tokens read "1K" as 1024 (the convention of ISL/OSL tables); counts read "2.5k" as 2500.
  auto number = [&](const char* key, double max, double kilo) -> std::optional<double> {
    for (const YAML::Node& where : {w, node}) {
      std::string reading;
      if (auto v = yaml_positive(where, "workload", key, max, kilo, &reading)) {
        if (!reading.empty()) c.notes.push_back(reading);
        return v;
      }
    }
    return std::nullopt;
  };
  const double max_tokens = limits::request_tokens.max;
  c.input_len = number("input_len", max_tokens, 1024);
  c.output_len = number("output_len", max_tokens, 1024);
  c.kv_cache_len = number("kv_cache_len", max_tokens, 1024);
  c.batch_per_device = number("batch_size_per_device", limits::batch_sequences.max, 1000);
  // A prefill batch stated as tokens per device (SGLang's "16,384 tokens per device"): whole prompts of input_len.
  if (!c.batch_per_device) {
    for (const char* key : {"tokens_per_device", "prefill_tokens_per_device", "num_tokens_per_device"}) {
      const auto tokens = number(key, limits::batch_tokens.max, 1024);
      if (tokens && c.input_len) {
        c.batch_per_device = std::max(1.0, std::floor(*tokens / *c.input_len));
        c.notes.push_back(std::string(key) + " " + fmt_num(*tokens) + " → " + fmt_num(*c.batch_per_device) +
                          " prompts of " + fmt_num(*c.input_len) + " tokens per device");
        break;
      }
    }
  }
  c.concurrency = number("concurrency", limits::batch_sequences.max, 1000);
  if (!c.concurrency) c.concurrency = number("max_concurrency", limits::batch_sequences.max, 1000);
  c.max_batch_size = stated_engine_limit(w, "max_batch_size", limits::batch_sequences);
  c.max_num_tokens = stated_engine_limit(w, "max_num_tokens", limits::batch_tokens);
  // The run's request count sets only how long the steady state lasts: more than kMaxSimulatedRequests are
  // simulated as that many (an offline run reaches its steady state within a few thousand).
  c.requests = yaml_integer(w, "workload", "num_requests", {1, INT32_MAX}).value_or(1000);
  if (c.requests > kMaxSimulatedRequests) {
    c.notes.push_back("num_requests " + std::to_string(c.requests) + ": " + std::to_string(kMaxSimulatedRequests) +
                      " simulated (the offline steady state)");
    c.requests = kMaxSimulatedRequests;
  }
  c.phase = lower(text_of(node, "phase").empty() ? text_of(w, "phase") : text_of(node, "phase"));
  if (contains(c.phase, "prefill")) c.phase = "prefill";
  else if (contains(c.phase, "decode")) c.phase = "decode";
  else c.phase.clear();
}

}  // namespace

InferenceCase read_inference_case(const YAML::Node& node) {
  InferenceCase c;
  c.model = read_model(node["model"]);
  if (std::string local = read_local_attention(node["model"], c.model); !local.empty()) c.notes.push_back(local);
  const std::string gpu = text_of(node, "gpu");
  const auto device = map_gpu(gpu);
  if (!device) throw InferenceCaseSkip{"GPU not in the catalog: '" + gpu + "'"};
  c.notes.push_back(device->note);
  std::string gpu_reading;
  c.gpus = yaml_gpu_count(node, gpu_reading).value_or(1);
  if (!gpu_reading.empty()) c.notes.push_back(gpu_reading);
  Result<Cluster> cluster = build_cluster(*device, std::max(1, c.gpus));
  if (!cluster.ok()) throw InferenceCaseSkip{cluster.error().message};
  c.cluster = cluster.value();
  c.gpus_per_node = c.cluster.node.gpus_per_node <= 8 ? c.cluster.node.gpus_per_node : 4;
  c.software = read_software(text_of(node, "software"), c.notes);
  std::string all_text;
  collect_text(node, all_text);
  c.graph_batches = read_graph_batches(c.software, text_of(node, "software") + " " + text_of(node, "source"), c.notes);
  read_workload(node, c);
  read_parallelism(node, c);
  if (c.pool.pp != 1) throw InferenceCaseSkip{"pipeline-parallel serving is not validated"};
  read_precision(node, c);
  read_moe_options(all_text, c);
  const YAML::Node measured = node["measured"];
  if (!measured || !measured.IsMap()) throw InferenceCaseSkip{"no measured mapping"};
  const auto metric = choose_inference_metric(measured, c.phase);
  if (!metric) throw InferenceCaseSkip{"no convertible metric for phase '" + (c.phase.empty() ? "end-to-end" : c.phase) + "'"};
  c.metric = *metric;
  return c;
}

}  // namespace stargate::validation_detail
