// Launch files for a serving engine (engine_launch.h): the engine names and the dispatch to each renderer.
#include "stargate/report/engine_launch.h"

#include "engine_renderers.h"

namespace stargate {
namespace {

constexpr ServingEngine kEngines[] = {ServingEngine::vllm, ServingEngine::sglang, ServingEngine::trtllm,
                                      ServingEngine::dynamo};

}  // namespace

std::string_view serving_engine_name(ServingEngine engine) {
  switch (engine) {
    case ServingEngine::vllm: return "vllm";
    case ServingEngine::sglang: return "sglang";
    case ServingEngine::trtllm: return "trtllm";
    case ServingEngine::dynamo: return "dynamo";
  }
  return "vllm";
}

std::vector<std::string> serving_engine_names() {
  std::vector<std::string> names;
  for (ServingEngine e : kEngines) names.emplace_back(serving_engine_name(e));
  return names;
}

std::optional<ServingEngine> serving_engine_named(std::string_view name) {
  for (ServingEngine e : kEngines) {
    if (serving_engine_name(e) == name) return e;
  }
  return std::nullopt;
}

std::vector<EngineLaunchFile> render_engine_launch(ServingEngine engine, const DeploymentOption& chosen,
                                                   const ModelSpec& model, const ServingConfig& config,
                                                   const DeploymentProvenance& provenance) {
  const report_detail::LaunchInputs in{.chosen = chosen, .model = model, .config = config, .provenance = provenance,
                                       .engine = engine};
  switch (engine) {
    case ServingEngine::vllm: return report_detail::render_vllm(in);
    case ServingEngine::sglang: return report_detail::render_sglang(in);
    case ServingEngine::trtllm: return report_detail::render_trtllm(in);
    case ServingEngine::dynamo: return report_detail::render_dynamo(in);
  }
  return {};
}

}  // namespace stargate
