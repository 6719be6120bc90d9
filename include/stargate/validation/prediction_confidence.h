#pragma once
// How far to trust a training estimate: where its kernel numbers come from and the error band of the validated
// cases of its own class (docs/training-model.md "Confidence").
//
// A prediction's class is the accelerator's architecture generation × the plan's precision × dense/MoE. Its band
// is the median and 90th-percentile |error| of the compared training validation cases (training.yaml and the
// measured training steps) of that class; a class with fewer than kMinCasesPerErrorBand cases falls back to the
// coarser class (architecture × precision, then architecture, then all cases). The bands are generated data:
// data/confidence/training-error-bands.yaml, written by `stargate validate --error-bands`
// (scripts/gen-validation-docs.sh) and checked against a fresh validation run by a test.
#include <optional>
#include <string>
#include <vector>

#include "stargate/catalog/accelerator.h"
#include "stargate/catalog/dtype.h"
#include "stargate/validation/case_result.h"
#include "stargate/validation/prediction_class.h"

namespace stargate {

// Fewest compared cases a class needs for its own band: with 10 the 90th percentile lies below the largest error.
inline constexpr int kMinCasesPerErrorBand = 10;

struct ErrorBand {
  PredictionClass scope;  // the class the band was measured on (coarser than asked after a fallback)
  int cases = 0;          // compared validation cases in it
  double median_abs_error = 0;  // fractions (0.14 = 14%)
  double p90_abs_error = 0;
};

enum class CalibrationSource {
  this_card,       // kernel efficiencies measured on this exact card (data/calibration/<card>/)
  scaled,          // another card's measured efficiencies, rooflines rescaled by datasheet peaks
  datasheet_only,  // no calibration data at all: fixed efficiencies on datasheet peaks
};

struct PredictionConfidence {
  CalibrationSource calibration = CalibrationSource::datasheet_only;
  std::string calibration_card;  // calibration folder the kernels come from ("h100"); empty for datasheet only
  PredictionClass asked;         // the prediction's own class
  std::optional<ErrorBand> band; // nullopt only when the band table is empty
};

// The class of a training prediction on `accelerator` computing in `precision`.
PredictionClass prediction_class(const AcceleratorSpec& accelerator, Dtype precision, bool moe);
// "hopper · bf16 · dense"; "all" for the all-wildcard class.
std::string class_label(const PredictionClass& c);

// One band per class with at least kMinCasesPerErrorBand compared cases among the training results (cases whose
// `prediction_class` is set; skipped ones never count), finest classes first, then coarser, the overall band
// last (always present when any case was compared).
std::vector<ErrorBand> compute_error_bands(const std::vector<CaseResult>& results);
// The built-in band table (data/confidence/training-error-bands.yaml), parsed once.
const std::vector<ErrorBand>& builtin_error_bands();
// The finest band of `bands` covering `c`.
std::optional<ErrorBand> error_band_for(const PredictionClass& c, const std::vector<ErrorBand>& bands);

// Calibration source (perf/ KernelCostModel::for_device's rule) and built-in error band of a training estimate.
PredictionConfidence training_confidence(const AcceleratorSpec& accelerator, Dtype precision, bool moe);

}  // namespace stargate
