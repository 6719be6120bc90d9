#pragma once
// Datasheet numbers of the cards the calibration folders were measured on (data/calibration/README.md), used
// when another card borrows their curves, and the choice of the nearest calibrated card.
#include <string>
#include <string_view>
#include <vector>

#include "stargate/catalog/accelerator.h"

namespace stargate::perf_detail {

struct ReferenceCard {
  std::string_view folder;
  std::string_view released;        // "YYYY-MM"
  std::string_view hbm_generation;  // "HBM3", "HBM3e"
  double peak_bf16;                 // dense FLOP/s
  double peak_fp8;
  double hbm_bandwidth;             // bytes/s
};

// The entry for `folder`, or nullptr.
const ReferenceCard* reference_card(std::string_view folder);

// Calibration folders present in the embedded data (those with a gemm.json), sorted.
const std::vector<std::string>& embedded_calibration_folders();

// Among `folders` that have a reference entry, the nearest to `device`: months between release dates plus 24 when
// the HBM generation differs; ties and unknown dates go to the earlier table entry (h100). Empty if none.
std::string nearest_calibrated_folder(const AcceleratorSpec& device, const std::vector<std::string>& folders);

// Where `device`'s kernel curves come from: its own calibration folder when that is embedded (`own`), else the
// nearest calibrated card's (scaled by datasheet peaks). The one rule every calibrated model uses.
struct CalibrationSource {
  std::string folder;  // empty when no folder is embedded at all
  bool own = false;
};
CalibrationSource calibration_source(const AcceleratorSpec& device);

}  // namespace stargate::perf_detail
