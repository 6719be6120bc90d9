// vLLM launch files (engine_launch.h): one `vllm serve --config` YAML per engine role and a launch script. A
// disaggregated deployment's prefill and decode instances exchange KV caches through vLLM's NixlConnector
// (--kv-transfer-config); a proxy in front sends each request to a prefill and then a decode instance.
#include <yaml-cpp/yaml.h>

#include "engine_launch_common.h"
#include "engine_renderers.h"
#include "vllm_engine_args.h"

namespace stargate::report_detail {
namespace {

constexpr const char* kNixlKvTransfer = R"({"kv_connector":"NixlConnector","kv_role":"kv_both"})";

std::string config_name(const EngineRole& role) { return "vllm-" + role.name + ".yaml"; }

// A switch that is off is written `no-NAME: true` (vLLM's config file turns `true` into the bare flag, and its
// boolean options take --no-NAME), so it means the same on every vLLM release that reads config files.
void emit_arg(YAML::Emitter& out, const EngineArg& a) {
  if (a.kind == EngineArg::Kind::on_off) {
    out << YAML::Key << (a.value == "true" ? a.name : "no-" + a.name) << YAML::Value << true;
    return;
  }
  out << YAML::Key << a.name << YAML::Value;
  switch (a.kind) {
    case EngineArg::Kind::integer: out << std::stoll(a.value); break;
    case EngineArg::Kind::number: out << a.value; break;  // plain_number text: a YAML float, not quoted
    default: out << YAML::DoubleQuoted << a.value; break;
  }
}

std::string role_config(const LaunchInputs& in, const EngineRole& role) {
  YAML::Emitter out;
  out << YAML::BeginMap << YAML::Key << "model" << YAML::Value << model_reference(in.model);
  for (const EngineArg& a : vllm_engine_args(role)) emit_arg(out, a);
  if (role.disaggregated()) {
    out << YAML::Key << "kv-transfer-config" << YAML::Value << YAML::SingleQuoted << kNixlKvTransfer;
  }
  out << YAML::EndMap;
  return provenance_header(in) + "# Use: vllm serve --config " + config_name(role) + "\n" + out.c_str() + "\n";
}

std::string launch_script(const LaunchInputs& in, const std::vector<EngineRole>& roles) {
  std::string s = script_preamble(in);
  s += "# One engine instance per call, on the GPUs CUDA_VISIBLE_DEVICES names; PORT (default 8000) is its HTTP "
       "port.\n";
  if (roles.size() == 1) {
    return s + "exec vllm serve --config \"$HERE/" + config_name(roles[0]) + "\" --port \"${PORT:-8000}\"\n";
  }
  s += "# Usage: launch.sh prefill|decode. The NIXL side channel needs VLLM_NIXL_SIDE_CHANNEL_HOST set to this host's\n"
       "# address. Put a proxy in front that sends each request to a prefill instance, then to a decode instance\n"
       "# (vLLM's disaggregated-serving proxy example, or use --emit dynamo for a managed router).\n";
  s += "ROLE=\"${1:?usage: launch.sh prefill|decode}\"\n";
  s += "case \"$ROLE\" in prefill|decode) ;; "
       "*) echo \"launch.sh: role must be prefill or decode\" >&2; exit 2 ;; esac\n";
  return s + "exec vllm serve --config \"$HERE/vllm-$ROLE.yaml\" --port \"${PORT:-8000}\"\n";
}

}  // namespace

std::vector<EngineLaunchFile> render_vllm(const LaunchInputs& in) {
  const std::vector<EngineRole> roles = engine_roles(in.chosen, in.config);
  std::vector<EngineLaunchFile> files;
  for (const EngineRole& role : roles) files.push_back({config_name(role), role_config(in, role), false});
  files.push_back({"launch.sh", launch_script(in, roles), true});
  return files;
}

}  // namespace stargate::report_detail
