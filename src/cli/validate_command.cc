#include "validate_command.h"

#include <iostream>

#include "exit_codes.h"
#include "progress_bar.h"
#include "stargate/jobs/validate_job.h"
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

int run_validate(const ValidateArgs& args) {
  ProgressBar bar("cases", !args.json && stderr_is_terminal(), kProgressShowAfter);
  const ProgressCallback progress = [&bar](size_t done, size_t total) { bar.update(done, total); };
  CaseResults validated = args.files.empty() ? validate_builtin_files(progress) : validate_files(args.files, progress);
  bar.finish();
  if (!validated.ok()) return report_error(validated.error());
  const std::vector<CaseResult>& all = validated.value();
  for (const CaseResult& r : all) {
    if (r.input_error) std::cerr << "stargate: warning: case " << r.id << " skipped: " << r.skip_reason << "\n";
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
