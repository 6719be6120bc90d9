// validation/inference.yaml: TensorRT-LLM offline throughput (trtllm-bench, infinite request rate), predicted by
// simulating every request of the case through the serving simulator.
// Assumptions (no parameter is fitted to these cases): FP8 weights and FP8 KV cache (ModelOpt FP8 checkpoints
// quantize the KV cache), CUDA graphs, fused kernels; trtllm-bench defaults max_num_tokens 8192 and
// max_batch_size 2048 (the PyTorch backend's default); KV cache = 90% of HBM after weights and activations
// (kv_cache_free_gpu_mem_fraction 0.9); chunked prefill; all requests queued at t = 0. Output tokens/s =
// all output tokens / time from the first arrival to the last completion.
#include <algorithm>

#include "case_helpers.h"
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

CaseResult run_case(const YAML::Node& node, const std::string& file) {
  CaseResult r;
  r.file = file;
  r.id = node["id"].as<std::string>("?");
  r.source = "TensorRT-LLM";
  r.metric = "total_output_tokens_per_s";
  const YAML::Node m = node["model"], w = node["workload"], par = node["parallelism"];
  const int tp = par && par["tp"] ? par["tp"].as<int>() : 1;
  const int pp = par && par["pp"] ? par["pp"].as<int>() : 1;
  std::optional<Cluster> cluster = cluster_for(node["gpu"].as<std::string>(""), node["num_gpus"].as<int>(1));
  if (!m || !w || !node["measured"]["total_output_tokens_per_s"] || !cluster || pp != 1) {
    r.skipped = true;
    r.skip_reason = !cluster ? "GPU not in the catalog" : pp != 1 ? "pipeline parallel serving not modeled"
                                                                 : "missing model, workload or measurement";
    return r;
  }
  ModelSpec model;
  model.id = model.name = m["name"].as<std::string>("model");
  model.layers = m["layers"].as<int>(), model.hidden = m["hidden"].as<int>(), model.heads = m["heads"].as<int>();
  model.kv_heads = m["kv_heads"].as<int>(), model.ffn = m["ffn"].as<int>(), model.vocab = m["vocab"].as<int>();
  model.head_dim = m["head_dim"] ? m["head_dim"].as<int>() : model.hidden / model.heads;
  ServingConfig cfg;
  // FP8 checkpoints quantize weights and KV cache; NVFP4 ones keep an FP8 KV cache (ModelOpt).
  const std::string precision = node["weights_precision"].as<std::string>("");
  const bool fp4 = validation_detail::contains(validation_detail::lower(precision), "fp4");
  const bool fp8 = fp4 || validation_detail::contains(validation_detail::lower(precision), "fp8");
  cfg.deployment.pool = PoolConfig{1, tp};
  cfg.deployment.weights = fp4 ? Dtype::fp4 : fp8 ? Dtype::fp8 : Dtype::bf16;
  cfg.deployment.kv_bytes_per_element = fp8 ? 1 : 2;
  cfg.deployment.cuda_graphs = true;
  cfg.scheduler.max_batch_sequences = 2048;
  cfg.scheduler.max_batch_tokens = 8192;
  cfg.scheduler.block_tokens = 32;  // TensorRT-LLM tokens_per_block default
  cfg.scheduler.gpu_memory_fraction = 0.9;
  cfg.sample_interval = 0;
  cfg.workload.arrival = ArrivalKind::offline;
  cfg.workload.requests = w["num_requests"].as<int64_t>(1000);
  cfg.workload.input.mean = w["input_len"].as<double>();
  cfg.workload.output.mean = w["output_len"].as<double>();
  Result<ServingResult> sim = simulate_serving(model, *cluster, cfg, generate_requests(cfg.workload));
  if (!sim.ok()) {
    r.skipped = true;
    r.skip_reason = sim.error().message;
    return r;
  }
  r.predicted = sim.value().output_tokens_per_s;
  r.measured = node["measured"]["total_output_tokens_per_s"].as<double>();
  r.note = std::string(fp8 ? "fp8 weights and KV cache" : "bf16") +
           ", CUDA graphs, max_num_tokens 8192, max_batch_size 2048, KV cache 90% of free HBM; mean batch " +
           std::to_string(static_cast<int>(sim.value().mean_batch_sequences)) + " sequences";
  return r;
}

}  // namespace

CaseResults validate_inference_cases(const std::string& text, const std::string& file) {
  return capture_errors([&]() -> std::vector<CaseResult> {
    YamlDocument doc = parse_yaml_document(text, file);
    YAML::Node cases = doc.root["cases"];
    if (!cases || !cases.IsSequence()) YamlValue(doc.root, doc.file, "").fail("expected a `cases:` list");
    std::vector<CaseResult> out;
    for (const YAML::Node& c : cases) {
      try {
        out.push_back(run_case(c, file));
      } catch (const YAML::Exception& e) {
        CaseResult r;
        r.file = file, r.id = c["id"] ? c["id"].as<std::string>("?") : "?", r.source = "TensorRT-LLM";
        r.skipped = true, r.skip_reason = std::string("malformed case: ") + e.what();
        out.push_back(r);
      }
    }
    return out;
  });
}

}  // namespace stargate
