#include "stargate/jobs/validate_job.h"

#include <utility>

#include "core/yaml_map.h"
#include "stargate/core/embedded_files.h"
#include "stargate/core/input_error.h"

namespace stargate {
namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string file_name(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

CaseResults validate_text(const std::string& text, const std::string& path, const ProgressCallback& progress) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  const bool json = ends_with(path, ".json") || (first != std::string::npos && (text[first] == '[' || text[first] == '{'));
  if (json) {
    const std::string name = file_name(path);
    if (name.rfind("train", 0) == 0) return validate_measured_training_steps(text, path);
    if (name.rfind("infer", 0) == 0 || name.rfind("decode", 0) == 0) return validate_measured_inference_steps(text, path);
    if (text.find("\"step_s\"") != std::string::npos) return validate_measured_training_steps(text, path);
    if (text.find("\"phase\"") != std::string::npos) return validate_measured_inference_steps(text, path);
    return Error{ErrorKind::invalid_input, "JSON file is neither measured training nor inference steps", "",
                 {path, 1, 0}};
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    return Error{ErrorKind::invalid_input, "not valid YAML: " + yaml_error_text(e), "", {path, e.mark.line + 1, e.mark.column + 1}};
  }
  const YAML::Node cases = root && root.IsMap() ? root["cases"] : YAML::Node();
  if (cases && cases.IsSequence() && cases.size() > 0 && cases[0].IsMap()) {
    // Inference cases carry `parallelism` too: `workload` decides first.
    if (cases[0]["workload"]) return validate_inference_cases(text, path, progress);
    if (cases[0]["parallelism"]) return validate_training_cases(text, path, progress);
  }
  const int line = cases ? cases.Mark().line + 1 : 1;
  return Error{ErrorKind::invalid_input,
               "not a validation file: expected `cases:` whose entries have `parallelism` (training) or `workload` "
               "(inference)",
               "cases", {path, line, 0}};
}

CaseResults validate_builtin_files(const ProgressCallback& progress) {
  std::vector<std::pair<std::string, std::string>> inputs;
  for (const char* path : {"validation/training.yaml", "validation/inference.yaml"}) {
    if (auto text = embedded_file(path)) inputs.emplace_back(path, std::string(*text));
  }
  for (const EmbeddedFile& f : embedded_files_under("validation/measured-h100/")) {
    if (ends_with(std::string(f.path), ".json")) inputs.emplace_back(std::string(f.path), std::string(f.contents));
  }
  std::vector<CaseResult> all;
  for (const auto& [path, text] : inputs) {
    CaseResults r = validate_text(text, path, progress);
    if (!r.ok()) return r;
    all.insert(all.end(), r.value().begin(), r.value().end());
  }
  return all;
}

CaseResults validate_files(const std::vector<std::string>& paths, const ProgressCallback& progress) {
  std::vector<CaseResult> all;
  for (const std::string& path : paths) {
    Result<std::string> text = capture_errors([&] { return read_text_file(path); });
    if (!text.ok()) return text.error();
    CaseResults r = validate_text(text.value(), path, progress);
    if (!r.ok()) return r;
    if (r.value().empty()) return Error{ErrorKind::invalid_input, "the file has no cases to validate", "", {path, 0, 0}};
    all.insert(all.end(), r.value().begin(), r.value().end());
  }
  return all;
}

}  // namespace stargate
