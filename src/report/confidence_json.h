#pragma once
// Internal to report/: {calibration, calibration_card, class, band: {class, cases, median_abs_error,
// p90_abs_error}} of a training prediction (validation/prediction_confidence.h).
#include <nlohmann/json.hpp>

#include "stargate/validation/prediction_confidence.h"

namespace stargate::report_detail {

nlohmann::json confidence_json(const PredictionConfidence& confidence);

}  // namespace stargate::report_detail
