#pragma once
// Rendering of a training prediction's confidence (validation/prediction_confidence.h): one text line for
// `train` and `search`, and the generated band table data/confidence/training-error-bands.yaml.
#include <string>
#include <vector>

#include "stargate/validation/prediction_confidence.h"

namespace stargate {

// "confidence: kernels calibrated on this card (h100); ±31% (p90 |error| of 45 validated cases on hopper · bf16 ·
// dense, median 8.7%)\n".
std::string confidence_to_text(const PredictionConfidence& confidence);
// The band table as written to data/confidence/training-error-bands.yaml (`stargate validate --error-bands`).
std::string error_bands_to_yaml(const std::vector<ErrorBand>& bands);

}  // namespace stargate
