// SGLang launch files (engine_launch.h): one script per engine role running `python3 -m sglang.launch_server`
// with the chosen flags, and a router script (sglang_router) that spreads requests over the instances; a
// disaggregated deployment's prefill and decode instances exchange KV caches over NIXL, joined by the router's
// --pd-disaggregation mode.
#include <fmt/format.h>

#include "engine_launch_common.h"
#include "engine_renderers.h"

namespace stargate::report_detail {
namespace {

constexpr int kServerPort = 30000;
constexpr int kBootstrapPort = 8998;  // the prefill instances' KV bootstrap server

std::string flag(std::string_view name, const std::string& value) { return fmt::format(" \\\n  --{} {}", name, value); }

std::string server_flags(const LaunchInputs& in, const EngineRole& r) {
  std::string s = flag("model-path", shell_quoted(model_reference(in.model))) + flag("tp-size", std::to_string(r.tp));
  if (r.pp > 1) s += flag("pp-size", std::to_string(r.pp));
  if (r.ep > 1) s += flag("ep-size", std::to_string(r.ep));
  s += flag("max-running-requests", std::to_string(r.max_batch_sequences));
  s += flag("max-prefill-tokens", std::to_string(r.max_batch_tokens));
  s += flag("chunked-prefill-size", r.chunked_prefill ? std::to_string(r.max_batch_tokens) : "-1");
  s += flag("kv-cache-dtype", r.kv_fp8 ? "fp8_e4m3" : "auto");
  if (r.weights_fp8) s += flag("quantization", "fp8");
  s += flag("mem-fraction-static", plain_number(r.gpu_memory_fraction));
  s += flag("page-size", std::to_string(r.block_tokens));
  if (!r.prefix_caching) s += " \\\n  --disable-radix-cache";
  if (r.disaggregated()) {
    s += flag("disaggregation-mode", r.name) + flag("disaggregation-transfer-backend", "nixl");
    if (r.name == "prefill") s += flag("disaggregation-bootstrap-port", std::to_string(kBootstrapPort));
  }
  return s + flag("host", "0.0.0.0") + flag("port", fmt::format("\"${{PORT:-{}}}\"", kServerPort)) + "\n";
}

std::string server_script(const LaunchInputs& in, const EngineRole& r) {
  return script_preamble(in) +
         fmt::format("# One {} instance per call, on the GPUs CUDA_VISIBLE_DEVICES names ({} of them).\n", r.name,
                     r.gpus_per_instance()) +
         "exec python3 -m sglang.launch_server" + server_flags(in, r);
}

std::string router_script(const LaunchInputs& in, const std::vector<EngineRole>& roles) {
  std::string s = script_preamble(in);
  s += fmt::format("# Replace <role>-<i> by the address of each instance (port {}).\n", kServerPort);
  s += "exec python3 -m sglang_router.launch_router";
  if (roles.size() == 1) {
    s += " \\\n  --worker-urls";
    for (int i = 0; i < roles[0].instances; ++i) s += fmt::format(" \\\n    http://serve-{}:{}", i, kServerPort);
  } else {
    s += " \\\n  --pd-disaggregation";
    for (int i = 0; i < roles[0].instances; ++i) {
      s += fmt::format(" \\\n  --prefill http://prefill-{}:{} {}", i, kServerPort, kBootstrapPort);
    }
    for (int i = 0; i < roles[1].instances; ++i) {
      s += fmt::format(" \\\n  --decode http://decode-{}:{}", i, kServerPort);
    }
  }
  return s + flag("host", "0.0.0.0") + flag("port", "\"${ROUTER_PORT:-8000}\"") + "\n";
}

}  // namespace

std::vector<EngineLaunchFile> render_sglang(const LaunchInputs& in) {
  const std::vector<EngineRole> roles = engine_roles(in.chosen, in.config);
  std::vector<EngineLaunchFile> files;
  for (const EngineRole& r : roles) {
    files.push_back({r.disaggregated() ? "launch-" + r.name + ".sh" : "launch.sh", server_script(in, r), true});
  }
  files.push_back({"launch-router.sh", router_script(in, roles), true});
  return files;
}

}  // namespace stargate::report_detail
