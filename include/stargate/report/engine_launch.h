#pragma once
// Launch files for a serving engine (`stargate serve SCENARIO --search --emit ENGINE DIR`): the commands and
// configuration that run the best deployment a search found on vLLM, SGLang, TensorRT-LLM or NVIDIA Dynamo, with
// each engine's own flag and key names (docs/serving.md, "Deploying the chosen configuration"). Every file starts
// with a comment saying which prediction it came from: scenario file, chosen deployment, predicted latency and
// cost, Stargate version. Rendering only: the command line writes the files.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stargate/search/deployment_search.h"
#include "stargate/serving/serving_config.h"
#include "stargate/workload/model.h"

namespace stargate {

enum class ServingEngine { vllm, sglang, trtllm, dynamo };

// The names the command line accepts, in this order: "vllm", "sglang", "trtllm", "dynamo".
std::vector<std::string> serving_engine_names();
std::string_view serving_engine_name(ServingEngine engine);
std::optional<ServingEngine> serving_engine_named(std::string_view name);

// What the files cite about the prediction they came from.
struct DeploymentProvenance {
  std::string scenario_file;
  double demand_requests_per_s = 0;  // the load the search sized the deployment for
};

// One file of an engine's launch set. `name` is a plain file name (no directory part).
struct EngineLaunchFile {
  std::string name;
  std::string contents;
  bool executable = false;  // a shell script, to be written with execute permission
};

// The launch files for `chosen` (a search winner) on `engine`. `config` supplies what the search kept fixed: KV
// cache and weight precision, chunked prefill, KV block size, the share of HBM the engine may fill, prefix
// caching. The model is loaded from model.hf_repo, else from a placeholder the header explains. Aggregated
// deployments get one engine role ("serve"); disaggregated ones a prefill and a decode role plus whatever joins
// them (a router or an orchestrator), each pool sized units × replicas per unit.
std::vector<EngineLaunchFile> render_engine_launch(ServingEngine engine, const DeploymentOption& chosen,
                                                   const ModelSpec& model, const ServingConfig& config,
                                                   const DeploymentProvenance& provenance);

}  // namespace stargate
