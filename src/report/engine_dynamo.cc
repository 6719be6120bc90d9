// NVIDIA Dynamo launch files (engine_launch.h): a DynamoGraphDeployment for Dynamo's Kubernetes operator with a
// Frontend and vLLM workers (`python3 -m dynamo.vllm` taking vLLM's engine arguments), one worker service per
// engine role; disaggregated workers carry --disaggregation-mode prefill|decode and Dynamo's router joins them.
// Plus a script that applies the graph with kubectl.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cctype>

#include "engine_launch_common.h"
#include "engine_renderers.h"
#include "vllm_engine_args.h"

namespace stargate::report_detail {
namespace {

constexpr const char* kImage = "nvcr.io/nvidia/ai-dynamo/vllm-runtime:0.7.1";  // pick your Dynamo release

// A Kubernetes object name (RFC 1123 label: lowercase letters, digits, '-'; at most 63 characters).
std::string graph_name(const ModelSpec& model) {
  std::string name = "stargate-";
  for (char c : model.id.empty() ? model.name : model.id) {
    const unsigned char u = static_cast<unsigned char>(c);
    const char next = std::isalnum(u) ? static_cast<char>(std::tolower(u)) : '-';
    if (next != '-' || name.back() != '-') name += next;
  }
  if (name.size() > 63) name.resize(63);
  while (name.back() == '-') name.pop_back();
  return name;
}

std::string service_name(const EngineRole& r) { return r.name == "prefill" ? "VllmPrefillWorker" : "VllmDecodeWorker"; }

void emit_worker(YAML::Emitter& out, const LaunchInputs& in, const EngineRole& r) {
  out << YAML::Key << service_name(r) << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "envFromSecret" << YAML::Value << "hf-token-secret";
  out << YAML::Key << "componentType" << YAML::Value << "worker";
  if (r.disaggregated()) out << YAML::Key << "subComponentType" << YAML::Value << r.name;
  out << YAML::Key << "replicas" << YAML::Value << r.instances;
  out << YAML::Key << "resources" << YAML::Value << YAML::BeginMap << YAML::Key << "limits" << YAML::Value
      << YAML::BeginMap << YAML::Key << "gpu" << YAML::Value << YAML::DoubleQuoted
      << std::to_string(r.gpus_per_instance()) << YAML::EndMap << YAML::EndMap;
  out << YAML::Key << "extraPodSpec" << YAML::Value << YAML::BeginMap << YAML::Key << "mainContainer" << YAML::Value
      << YAML::BeginMap << YAML::Key << "image" << YAML::Value << kImage;
  out << YAML::Key << "workingDir" << YAML::Value << "/workspace/examples/backends/vllm";
  out << YAML::Key << "command" << YAML::Value << YAML::BeginSeq << "python3" << "-m" << "dynamo.vllm" << YAML::EndSeq;
  out << YAML::Key << "args" << YAML::Value << YAML::BeginSeq << "--model" << model_reference(in.model);
  for (const std::string& word : engine_arg_words(vllm_engine_args(r))) out << YAML::DoubleQuoted << word;
  if (r.disaggregated()) out << "--disaggregation-mode" << r.name;
  out << YAML::EndSeq << YAML::EndMap << YAML::EndMap << YAML::EndMap;
}

std::string graph(const LaunchInputs& in, const std::vector<EngineRole>& roles) {
  YAML::Emitter out;
  out << YAML::BeginMap << YAML::Key << "apiVersion" << YAML::Value << "nvidia.com/v1alpha1";
  out << YAML::Key << "kind" << YAML::Value << "DynamoGraphDeployment";
  out << YAML::Key << "metadata" << YAML::Value << YAML::BeginMap << YAML::Key << "name" << YAML::Value
      << graph_name(in.model) << YAML::EndMap;
  out << YAML::Key << "spec" << YAML::Value << YAML::BeginMap << YAML::Key << "services" << YAML::Value
      << YAML::BeginMap;
  out << YAML::Key << "Frontend" << YAML::Value << YAML::BeginMap << YAML::Key << "componentType" << YAML::Value
      << "frontend" << YAML::Key << "replicas" << YAML::Value << 1 << YAML::Key << "extraPodSpec" << YAML::Value
      << YAML::BeginMap << YAML::Key << "mainContainer" << YAML::Value << YAML::BeginMap << YAML::Key << "image"
      << YAML::Value << kImage << YAML::EndMap << YAML::EndMap << YAML::EndMap;
  for (const EngineRole& r : roles) emit_worker(out, in, r);
  out << YAML::EndMap << YAML::EndMap << YAML::EndMap;
  return provenance_header(in) +
         "# The hf-token-secret Secret holds HF_TOKEN; the image tag is a Dynamo release of your choice.\n" +
         out.c_str() + "\n";
}

}  // namespace

std::vector<EngineLaunchFile> render_dynamo(const LaunchInputs& in) {
  const std::vector<EngineRole> roles = engine_roles(in.chosen, in.config);
  std::string deploy = script_preamble(in);
  deploy += "# Applies the graph with Dynamo's Kubernetes operator installed in the cluster.\n";
  deploy += "exec kubectl apply -n \"${NAMESPACE:-default}\" -f \"$HERE/dynamo-graph.yaml\"\n";
  return {{"dynamo-graph.yaml", graph(in, roles), false}, {"deploy.sh", deploy, true}};
}

}  // namespace stargate::report_detail
