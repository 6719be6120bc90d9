#include "validate_command.h"

#include <iostream>

#include "exit_codes.h"
#include "progress_bar.h"
#include "stargate/core/embedded_files.h"
#include "stargate/core/input_error.h"
#include "core/yaml_map.h"
#include "stargate/report/confidence_report.h"
#include "stargate/report/validation_report.h"

namespace stargate::cli {
namespace {

struct ValidateArgs {
  std::vector<std::string> files;
  bool json = false;
  bool markdown = false;
  bool error_bands = false;
};

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string file_name(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The file's kind from its content (and name for the measured JSON files).
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

// The file's cases validated, with a progress bar on a terminal while they take long (never with --json).
CaseResults validate_with_progress(const ValidateArgs& args, const std::string& text, const std::string& path) {
  ProgressBar bar("cases", !args.json && stderr_is_terminal(), kProgressShowAfter);
  CaseResults results = validate_text(text, path, [&bar](size_t done, size_t total) { bar.update(done, total); });
  bar.finish();
  return results;
}

int run_validate(const ValidateArgs& args) {
  std::vector<CaseResult> all;
  auto add = [&](const CaseResults& r) -> bool {
    if (!r.ok()) return false;
    all.insert(all.end(), r.value().begin(), r.value().end());
    return true;
  };
  if (args.files.empty()) {
    std::vector<std::pair<std::string, std::string>> inputs;
    for (const char* path : {"validation/training.yaml", "validation/inference.yaml"}) {
      if (auto text = embedded_file(path)) inputs.emplace_back(path, std::string(*text));
    }
    for (const EmbeddedFile& f : embedded_files_under("validation/measured-h100/")) {
      if (ends_with(std::string(f.path), ".json")) inputs.emplace_back(std::string(f.path), std::string(f.contents));
    }
    for (const auto& [path, text] : inputs) {
      CaseResults r = validate_with_progress(args, text, path);
      if (!add(r)) return report_error(r.error());
    }
  } else {
    for (const std::string& path : args.files) {
      Result<std::string> text = capture_errors([&] { return read_text_file(path); });
      if (!text.ok()) return report_error(text.error());
      CaseResults r = validate_with_progress(args, text.value(), path);
      if (!add(r)) return report_error(r.error());
      if (r.value().empty()) {
        return report_error(Error{ErrorKind::invalid_input, "the file has no cases to validate", "", {path, 0, 0}});
      }
    }
  }
  if (args.error_bands) {
    std::cout << error_bands_to_yaml(compute_error_bands(all));
  } else if (args.markdown) {
    std::cout << validation_to_markdown(all) << ground_truth_to_markdown(reproduce_ground_truth_runs());
  } else if (args.json) {
    std::cout << validation_to_json(all);
  } else {
    std::cout << validation_to_text(all);
  }
  return kExitOk;
}

}  // namespace

void add_validate_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ValidateArgs>();
  CLI::App* cmd = app.add_subcommand("validate", "Predict the validation cases and report the error against them");
  cmd->add_option("FILE", args->files,
                  "Validation files (training.yaml, inference.yaml, measured-h100/*.json); default: the built-in copies");
  cmd->add_flag("--json", args->json, "Print JSON instead of a table");
  cmd->add_flag("--markdown", args->markdown, "Print the docs/validation.md body");
  cmd->add_flag("--error-bands", args->error_bands,
                "Print the training error bands per prediction class (data/confidence/training-error-bands.yaml)");
  cmd->callback([args, &exit_code] { exit_code = run_validate(*args); });
}

}  // namespace stargate::cli
