#pragma once
// Internal to report/: what every engine's launch files share (engine_launch.h): the engine roles of a deployment,
// the provenance header, the model reference and quoting for shell and comments.
#include <string>
#include <string_view>
#include <vector>

#include "stargate/report/engine_launch.h"

namespace stargate::report_detail {

// One engine role of a deployment: every instance of it runs the same engine with the same settings.
struct EngineRole {
  std::string name;  // "serve" (aggregated), "prefill" or "decode"
  int instances = 1;  // engine instances across the whole deployment
  int tp = 1, pp = 1, ep = 1;
  int max_batch_sequences = 256, max_batch_tokens = 8192;
  bool chunked_prefill = true, prefix_caching = false;
  bool kv_fp8 = false, weights_fp8 = false;
  int block_tokens = 16;
  double gpu_memory_fraction = 0.9;
  int gpus_per_instance() const { return tp * pp; }
  bool disaggregated() const { return name != "serve"; }
};

// "serve" for an aggregated deployment; "prefill" then "decode" for a disaggregated one.
std::vector<EngineRole> engine_roles(const DeploymentOption& chosen, const ServingConfig& config);

// What one engine's renderer needs.
struct LaunchInputs {
  const DeploymentOption& chosen;
  const ModelSpec& model;
  const ServingConfig& config;
  const DeploymentProvenance& provenance;
  ServingEngine engine;
};

// The comment every file starts with ("# " lines, ending in a newline): generator and version, scenario, model,
// deployment, predicted latency and cost, precision, and how many instances of each role to run.
std::string provenance_header(const LaunchInputs& in);
// The model to load: model.hf_repo, or the placeholder "your-org/<model id>" (the header says so).
std::string model_reference(const ModelSpec& model);
// `text` as one single-quoted shell word.
std::string shell_quoted(std::string_view text);
// `text` fit for one comment line: control characters (a newline would end the comment) become spaces.
std::string comment_safe(std::string_view text);
// The start of every launch script: interpreter line, header, `set -euo pipefail` and HERE (its directory).
std::string script_preamble(const LaunchInputs& in);
// The engine's value for a fraction or count printed without trailing noise ("0.9", "0.85").
std::string plain_number(double value);

}  // namespace stargate::report_detail
