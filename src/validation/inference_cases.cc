// validation/inference.yaml and cases in its schema: published serving throughput and latency, predicted from the
// model, hardware, parallelism and engine the case states (inference_case.h reads them, inference_prediction.cc
// predicts: one prefill or decode step for phase cases, the serving simulator for end-to-end runs). No parameter is
// fitted to these cases; every interpretation of a field is stated in the case note.
#include <algorithm>

#include "case_fields.h"
#include "case_helpers.h"
#include "inference_case.h"
#include "core/yaml_map.h"
#include "stargate/validation/case_result.h"

namespace stargate {
namespace {

// The source label: the serving software the case names (per-source statistics).
std::string source_label(const YAML::Node& node) {
  const std::string software = node["software"] && node["software"].IsScalar() ? node["software"].as<std::string>("") : "";
  if (validation_detail::contains(software, "tensorrt") || validation_detail::contains(software, "trt")) return "TensorRT-LLM";
  if (validation_detail::contains(software, "sglang")) return "SGLang";
  if (validation_detail::contains(software, "vllm")) return "vLLM";
  return software.empty() ? "serving" : software.substr(0, 28);
}

// A case of `file` that could not be read, with its reason.
CaseResult skipped_case(const YAML::Node& node, const std::string& file, const std::string& reason) {
  CaseResult r;
  r.file = file, r.id = node["id"] ? node["id"].as<std::string>("?") : "?", r.source = source_label(node);
  r.skipped = true, r.skip_reason = reason;
  return r;
}

CaseResult run_case(const YAML::Node& node, const std::string& file) {
  CaseResult r;
  r.file = file;
  r.id = node["id"].as<std::string>("?");
  r.source = source_label(node);
  r.unverified = validation_detail::case_is_unverified(node);
  validation_detail::InferenceCase c;
  try {
    c = validation_detail::read_inference_case(node);
    r.metric = c.metric.name;
    r.measured = c.metric.measured;
    r.predicted = validation_detail::predict_inference_metric(c);
  } catch (const validation_detail::InferenceCaseSkip& skip) {
    r.skipped = true;
    r.skip_reason = skip.reason;
  }
  r.note = validation_detail::join_notes(c.notes);
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
        // One case's impossible value skips that case (with the located error), not the file.
        CaseResult r = skipped_case(c, file, "input error: " + e.to_error(file).to_string());
        r.unverified = validation_detail::case_is_unverified(c);
        r.input_error = true;
        out.push_back(r);
      } catch (const YAML::Exception& e) {
        out.push_back(skipped_case(c, file, std::string("malformed case: ") + e.what()));
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
