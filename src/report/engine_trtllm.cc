// TensorRT-LLM launch files (engine_launch.h): an --extra_llm_api_options YAML per engine role (LLM API keys:
// tensor_parallel_size, max_batch_size, max_num_tokens, enable_chunked_prefill, kv_cache_config ...) and a
// launch script running `trtllm-serve` (PyTorch backend). A disaggregated deployment adds the orchestrator's
// configuration for `trtllm-serve disaggregated -c` (context servers = prefill, generation servers = decode).
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "engine_launch_common.h"
#include "engine_renderers.h"

namespace stargate::report_detail {
namespace {

constexpr int kServerPort = 8000;

std::string options_name(const EngineRole& r) {
  return r.disaggregated() ? "extra-llm-api-options-" + r.name + ".yaml" : "extra-llm-api-options.yaml";
}

bool power_of_two(int n) { return n > 0 && (n & (n - 1)) == 0; }

void emit_kv_cache_config(YAML::Emitter& out, const EngineRole& r) {
  out << YAML::Key << "kv_cache_config" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "dtype" << YAML::Value << (r.kv_fp8 ? "fp8" : "auto");
  out << YAML::Key << "free_gpu_memory_fraction" << YAML::Value << plain_number(r.gpu_memory_fraction);
  out << YAML::Key << "enable_block_reuse" << YAML::Value << r.prefix_caching;
  if (power_of_two(r.block_tokens)) out << YAML::Key << "tokens_per_block" << YAML::Value << r.block_tokens;
  out << YAML::EndMap;
}

std::string role_options(const LaunchInputs& in, const EngineRole& r) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "tensor_parallel_size" << YAML::Value << r.tp;
  out << YAML::Key << "pipeline_parallel_size" << YAML::Value << r.pp;
  if (r.ep > 1) out << YAML::Key << "moe_expert_parallel_size" << YAML::Value << r.ep;
  out << YAML::Key << "max_batch_size" << YAML::Value << r.max_batch_sequences;
  out << YAML::Key << "max_num_tokens" << YAML::Value << r.max_batch_tokens;
  out << YAML::Key << "enable_chunked_prefill" << YAML::Value << r.chunked_prefill;
  emit_kv_cache_config(out, r);
  if (r.disaggregated()) {
    out << YAML::Key << "cache_transceiver_config" << YAML::Value << YAML::BeginMap << YAML::Key << "backend"
        << YAML::Value << "DEFAULT" << YAML::EndMap;
    // The context (prefill) side runs without the overlap scheduler, as TensorRT-LLM's disaggregated examples do.
    if (r.name == "prefill") out << YAML::Key << "disable_overlap_scheduler" << YAML::Value << true;
  }
  out << YAML::EndMap;
  std::string notes = "# kv_cache_config.free_gpu_memory_fraction is Stargate's share of HBM; TensorRT-LLM applies it "
                      "to the memory left after the weights.\n";
  if (r.weights_fp8) {
    notes += "# Weights fp8: serve an FP8 checkpoint (e.g. quantized with TensorRT Model Optimizer); TensorRT-LLM "
             "takes the precision from the checkpoint.\n";
  }
  return provenance_header(in) + notes + out.c_str() + "\n";
}

std::string orchestrator_config(const LaunchInputs& in, const std::vector<EngineRole>& roles) {
  YAML::Emitter out;
  out << YAML::BeginMap << YAML::Key << "hostname" << YAML::Value << "0.0.0.0" << YAML::Key << "port" << YAML::Value
      << kServerPort << YAML::Key << "backend" << YAML::Value << "pytorch";
  for (const EngineRole& r : roles) {
    out << YAML::Key << (r.name == "prefill" ? "context_servers" : "generation_servers") << YAML::Value
        << YAML::BeginMap << YAML::Key << "num_instances" << YAML::Value << r.instances << YAML::Key << "urls"
        << YAML::Value << YAML::BeginSeq;
    for (int i = 0; i < r.instances; ++i) out << fmt::format("{}-{}:{}", r.name, i, kServerPort);
    out << YAML::EndSeq << YAML::EndMap;
  }
  out << YAML::EndMap;
  return provenance_header(in) + "# Replace <role>-<i> by the address of each instance.\n" + out.c_str() + "\n";
}

std::string launch_script(const LaunchInputs& in, const std::vector<EngineRole>& roles) {
  std::string s = script_preamble(in);
  s += "MODEL=" + shell_quoted(model_reference(in.model)) + "\n";
  s += "# One engine instance per call, on the GPUs CUDA_VISIBLE_DEVICES names; PORT (default 8000) is its HTTP "
       "port.\n";
  const std::string serve = "exec trtllm-serve \"$MODEL\" --backend pytorch --host 0.0.0.0 --port \"${PORT:-8000}\"";
  if (roles.size() == 1) return s + serve + " --extra_llm_api_options \"$HERE/" + options_name(roles[0]) + "\"\n";
  s += "# Usage: launch.sh prefill|decode (an engine instance) or launch.sh orchestrator (the front end).\n";
  s += "ROLE=\"${1:?usage: launch.sh prefill|decode|orchestrator}\"\n";
  s += "case \"$ROLE\" in\n";
  s += "  prefill|decode) " + serve + " --extra_llm_api_options \"$HERE/extra-llm-api-options-$ROLE.yaml\" ;;\n";
  s += "  orchestrator) exec trtllm-serve disaggregated -c \"$HERE/disagg-config.yaml\" ;;\n";
  s += "  *) echo \"launch.sh: role must be prefill, decode or orchestrator\" >&2; exit 2 ;;\n";
  return s + "esac\n";
}

}  // namespace

std::vector<EngineLaunchFile> render_trtllm(const LaunchInputs& in) {
  const std::vector<EngineRole> roles = engine_roles(in.chosen, in.config);
  std::vector<EngineLaunchFile> files;
  for (const EngineRole& r : roles) files.push_back({options_name(r), role_options(in, r), false});
  if (roles.size() > 1) files.push_back({"disagg-config.yaml", orchestrator_config(in, roles), false});
  files.push_back({"launch.sh", launch_script(in, roles), true});
  return files;
}

}  // namespace stargate::report_detail
