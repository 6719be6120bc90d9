// validation/inference.yaml: TensorRT-LLM offline throughput (trtllm-bench, infinite request rate), predicted by
// simulating every request of the case through the serving simulator.
// Assumptions (no parameter is fitted to these cases): FP8 weights and FP8 KV cache (ModelOpt FP8 checkpoints
// quantize the KV cache), CUDA graphs, fused kernels; max_batch_size and max_num_tokens as trtllm-bench derives
// them from the dataset when the run states none (trtllm_bench_settings.h), no chunked prefill (trtllm-bench's
// default); KV cache = 90% of HBM after weights and activations (kv_cache_free_gpu_mem_fraction 0.9); the
// GUARANTEED_NO_EVICT capacity policy (TensorRT-LLM's default: a request starts only when its prompt + output fit
// in the KV cache); all requests queued at t = 0. Output tokens/s =
// all output tokens / time from the first arrival to the last completion.
#include <algorithm>

#include "case_fields.h"
#include "case_helpers.h"
#include "trtllm_bench_settings.h"
#include "stargate/catalog/catalog.h"
#include "core/yaml_map.h"
#include "stargate/serving/simulator.h"
#include "stargate/validation/case_result.h"

namespace stargate {
namespace {

// The same GPU-name mapping as the training cases (every catalog device family).
std::optional<Cluster> cluster_for(const std::string& gpu, int gpus) {
  const auto device = validation_detail::map_gpu(gpu);
  if (!device) return std::nullopt;
  Result<Cluster> c = validation_detail::build_cluster(*device, std::max(1, gpus));
  if (!c.ok()) return std::nullopt;
  return c.value();
}

// The case's model; nullopt when a shape field is missing. Shapes outside the shared limits are errors.
std::optional<ModelSpec> read_model(const YAML::Node& m) {
  using validation_detail::yaml_integer;
  ModelSpec model;
  model.id = model.name = m["name"].as<std::string>("model");
  const auto layers = yaml_integer(m, "model", "layers", limits::layers);
  const auto hidden = yaml_integer(m, "model", "hidden", limits::hidden);
  const auto heads = yaml_integer(m, "model", "heads", limits::heads);
  const auto kv_heads = yaml_integer(m, "model", "kv_heads", limits::heads);
  const auto ffn = yaml_integer(m, "model", "ffn", limits::ffn);
  const auto vocab = yaml_integer(m, "model", "vocab", limits::vocab);
  if (!layers || !hidden || !heads || !kv_heads || !ffn || !vocab) return std::nullopt;
  model.layers = *layers, model.hidden = *hidden, model.heads = *heads, model.kv_heads = *kv_heads;
  model.ffn = *ffn, model.vocab = *vocab;
  model.head_dim = yaml_integer(m, "model", "head_dim", limits::head_dim).value_or(model.hidden / model.heads);
  if (model.heads % model.kv_heads != 0) {
    throw validation_detail::CaseFieldError{"model.kv_heads", std::to_string(model.kv_heads) +
                                            " KV heads do not divide " + std::to_string(model.heads) +
                                            " attention heads", m["kv_heads"].Mark().line + 1};
  }
  return model;
}

CaseResult run_case(const YAML::Node& node, const std::string& file) {
  using validation_detail::yaml_integer;
  CaseResult r;
  r.file = file;
  r.id = node["id"].as<std::string>("?");
  r.source = "TensorRT-LLM";
  r.metric = "total_output_tokens_per_s";
  const YAML::Node m = node["model"], w = node["workload"], par = node["parallelism"];
  const YAML::Node parallelism = par ? par : YAML::Node(YAML::NodeType::Map);
  const int tp = yaml_integer(parallelism, "parallelism", "tp", limits::tensor_parallel).value_or(1);
  const int pp = yaml_integer(parallelism, "parallelism", "pp", limits::pipeline_parallel).value_or(1);
  yaml_integer(parallelism, "parallelism", "ep", limits::expert_parallel);
  yaml_integer(parallelism, "parallelism", "dp", limits::data_parallel);
  const int gpus = yaml_integer(node, "", "num_gpus", limits::gpus).value_or(1);
  std::optional<Cluster> cluster = cluster_for(node["gpu"].as<std::string>(""), gpus);
  const std::optional<ModelSpec> model = m && m.IsMap() ? read_model(m) : std::nullopt;
  const YAML::Node workload = w && w.IsMap() ? w : YAML::Node(YAML::NodeType::Map);
  const auto input_len = yaml_integer(workload, "workload", "input_len", limits::request_tokens);
  const auto output_len = yaml_integer(workload, "workload", "output_len", limits::request_tokens);
  const int requests = yaml_integer(workload, "workload", "num_requests", limits::materialized_requests).value_or(1000);
  const YAML::Node measured = node["measured"];
  const auto throughput = measured && measured.IsMap()
                              ? validation_detail::yaml_positive(measured, "measured", "total_output_tokens_per_s", 1e12)
                              : std::nullopt;
  if (model && model->heads % tp != 0) {
    throw validation_detail::CaseFieldError{"parallelism.tp", std::to_string(tp) + " does not divide " +
                                            std::to_string(model->heads) + " attention heads",
                                            parallelism["tp"].Mark().line + 1};
  }
  if (!model || !input_len || !output_len || !throughput || !cluster || pp != 1) {
    r.skipped = true;
    r.skip_reason = !cluster ? "GPU not in the catalog" : pp != 1 ? "pipeline parallel serving not modeled"
                                                                 : "missing model, workload or measurement";
    return r;
  }
  ServingConfig cfg;
  // FP8 checkpoints quantize weights and KV cache; NVFP4 ones keep an FP8 KV cache (ModelOpt).
  const std::string precision = node["weights_precision"].as<std::string>("");
  const bool fp4 = validation_detail::contains(validation_detail::lower(precision), "fp4");
  const bool fp8 = fp4 || validation_detail::contains(validation_detail::lower(precision), "fp8");
  cfg.deployment.pool = PoolConfig{1, tp};
  cfg.deployment.weights = fp4 ? Dtype::fp4 : fp8 ? Dtype::fp8 : Dtype::bf16;
  cfg.deployment.kv_bytes_per_element = fp8 ? 1 : 2;
  cfg.deployment.cuda_graphs = true;
  const validation_detail::TrtllmBenchSettings bench = validation_detail::trtllm_bench_settings({
      .model = &*model,
      .weight_bytes_per_element = dtype_bytes(cfg.deployment.weights),
      .kv_bytes_per_element = cfg.deployment.kv_bytes_per_element,
      .tp = tp,
      .pp = pp,
      .device_memory_bytes = cluster->accelerator.hbm_capacity_bytes,
      .mean_input_tokens = double(*input_len),
      .mean_output_tokens = double(*output_len),
      .max_input_tokens = static_cast<int>(*input_len),
      .kv_cache_free_gpu_mem_fraction = 0.9,
      .chunked_prefill = false});
  cfg.scheduler.max_batch_sequences = bench.max_batch_size;
  cfg.scheduler.max_batch_tokens = bench.max_num_tokens;
  cfg.scheduler.chunked_prefill = false;
  cfg.scheduler.block_tokens = 32;  // TensorRT-LLM tokens_per_block default
  cfg.scheduler.gpu_memory_fraction = 0.9;
  cfg.scheduler.capacity_policy = CapacityPolicy::guaranteed_no_evict;  // TensorRT-LLM's default policy
  cfg.sample_interval = 0;
  cfg.workload.arrival = ArrivalKind::offline;
  cfg.workload.requests = requests;
  cfg.workload.input.mean = *input_len;
  cfg.workload.output.mean = *output_len;
  Result<ServingResult> sim = simulate_serving(*model, *cluster, cfg);
  if (!sim.ok()) {
    r.skipped = true;
    r.skip_reason = sim.error().message;
    return r;
  }
  r.predicted = sim.value().output_tokens_per_s;
  r.measured = *throughput;
  r.note = std::string(fp8 ? "fp8 weights and KV cache" : "bf16") +
           ", CUDA graphs, trtllm-bench settings max_batch_size " + std::to_string(bench.max_batch_size) +
           ", max_num_tokens " + std::to_string(bench.max_num_tokens) +
           ", no chunked prefill, GUARANTEED_NO_EVICT, KV cache 90% of free HBM; mean batch " +
           std::to_string(static_cast<int>(sim.value().mean_batch_sequences)) + " sequences";
  return r;
}

}  // namespace

CaseResults validate_inference_cases(const std::string& text, const std::string& file,
                                     const ProgressCallback& progress) {
  return capture_errors([&]() -> std::vector<CaseResult> {
    YamlDocument doc = parse_yaml_document(text, file);
    YAML::Node cases = doc.root["cases"];
    if (!cases || !cases.IsSequence()) YamlValue(doc.root, doc.file, "").fail("expected a `cases:` list");
    std::vector<CaseResult> out;
    const size_t total = cases.size();
    for (const YAML::Node& c : cases) {
      if (!c.IsMap()) YamlValue(c, doc.file, "cases").fail("each case must be a mapping");
      try {
        out.push_back(run_case(c, file));
      } catch (const validation_detail::CaseFieldError& e) {
        throw InputError(e.to_error(file));
      } catch (const YAML::Exception& e) {
        CaseResult r;
        r.file = file, r.id = c["id"] ? c["id"].as<std::string>("?") : "?", r.source = "TensorRT-LLM";
        r.skipped = true, r.skip_reason = std::string("malformed case: ") + e.what();
        out.push_back(r);
      }
      if (progress) progress(out.size(), total);
    }
    return out;
  });
}

CaseResults validate_inference_cases(const std::string& text, const std::string& file) {
  return validate_inference_cases(text, file, ProgressCallback());
}

}  // namespace stargate
