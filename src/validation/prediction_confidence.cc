// Error bands of the training model by prediction class, and the confidence of one training estimate.
#include "stargate/validation/prediction_confidence.h"

#include <yaml-cpp/yaml.h>

#include <map>

#include "stargate/core/embedded_files.h"
#include "stargate/perf/kernel_cost_model.h"
#include "stargate/validation/validation_summary.h"

namespace stargate {
namespace {

constexpr const char* kBandsFile = "confidence/training-error-bands.yaml";
constexpr int kClassLevels = 4;  // architecture × precision × kind, architecture × precision, architecture, all

// `c` with the fields coarser than `level` made wildcards (level 0 keeps all three).
PredictionClass coarsened(const PredictionClass& c, int level) {
  PredictionClass out = c;
  if (level >= 1) out.kind.clear();
  if (level >= 2) out.precision.clear();
  if (level >= 3) out.architecture.clear();
  return out;
}

std::vector<ErrorBand> parse_bands(std::string_view text) {
  std::vector<ErrorBand> out;
  const YAML::Node root = YAML::Load(std::string(text));
  for (const YAML::Node& b : root["bands"]) {
    out.push_back({.scope = {.architecture = b["architecture"].as<std::string>(""),
                             .precision = b["precision"].as<std::string>(""),
                             .kind = b["kind"].as<std::string>("")},
                   .cases = b["cases"].as<int>(),
                   .median_abs_error = b["median_abs_error"].as<double>(),
                   .p90_abs_error = b["p90_abs_error"].as<double>()});
  }
  return out;
}

}  // namespace

PredictionClass prediction_class(const AcceleratorSpec& accelerator, Dtype precision, bool moe) {
  return {.architecture = accelerator.architecture.empty() ? "unknown" : accelerator.architecture,
          .precision = std::string(dtype_name(precision)),
          .kind = moe ? "moe" : "dense"};
}

std::string class_label(const PredictionClass& c) {
  std::string out;
  for (const std::string* part : {&c.architecture, &c.precision, &c.kind}) {
    if (part->empty()) continue;
    out += (out.empty() ? "" : " · ") + *part;
  }
  return out.empty() ? "all" : out;
}

std::vector<ErrorBand> compute_error_bands(const std::vector<CaseResult>& results) {
  std::vector<ErrorBand> out;
  for (int level = 0; level < kClassLevels; ++level) {
    std::map<std::string, std::pair<PredictionClass, std::vector<CaseResult>>> groups;  // ordered by label
    for (const CaseResult& r : results) {
      if (r.skipped || r.unverified || r.prediction_class.architecture.empty()) continue;
      const PredictionClass scope = coarsened(r.prediction_class, level);
      auto& group = groups[class_label(scope)];
      group.first = scope;
      group.second.push_back(r);
    }
    for (const auto& [label, group] : groups) {
      const ErrorStats stats = error_stats(label, group.second);
      if (stats.compared() < kMinCasesPerErrorBand && level + 1 < kClassLevels) continue;
      out.push_back({.scope = group.first, .cases = stats.compared(), .median_abs_error = stats.median_abs_error,
                     .p90_abs_error = stats.p90_abs_error});
    }
  }
  return out;
}

const std::vector<ErrorBand>& builtin_error_bands() {
  static const std::vector<ErrorBand> bands = [] {
    const auto text = embedded_file(kBandsFile);
    return text ? parse_bands(*text) : std::vector<ErrorBand>{};
  }();
  return bands;
}

std::optional<ErrorBand> error_band_for(const PredictionClass& c, const std::vector<ErrorBand>& bands) {
  for (int level = 0; level < kClassLevels; ++level) {
    const PredictionClass scope = coarsened(c, level);
    for (const ErrorBand& b : bands) {
      if (b.scope == scope) return b;
    }
  }
  return std::nullopt;
}

PredictionConfidence training_confidence(const AcceleratorSpec& accelerator, Dtype precision, bool moe) {
  PredictionConfidence out;
  const KernelCostModel kernels = KernelCostModel::for_device(accelerator);
  if (kernels.scaled_from() == "roofline") {
    out.calibration = CalibrationSource::datasheet_only;
  } else {
    out.calibration = kernels.scaled_from().empty() ? CalibrationSource::this_card : CalibrationSource::scaled;
    out.calibration_card = kernels.calibration_folder();
  }
  out.asked = prediction_class(accelerator, precision, moe);
  out.band = error_band_for(out.asked, builtin_error_bands());
  return out;
}

}  // namespace stargate
