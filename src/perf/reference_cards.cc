#include "reference_cards.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "stargate/core/embedded_files.h"

namespace stargate::perf_detail {
namespace {

// data/calibration/README.md: dense bf16 989 TFLOP/s and fp8 1979 TFLOP/s for both; HBM3 3.35 TB/s (H100 SXM),
// HBM3e 4.8 TB/s (H200 SXM). Release dates: first volume shipments (H100 SXM 2022-09, H200 2024-06).
constexpr ReferenceCard kCards[] = {
    {"h100", "2022-09", "HBM3", 989e12, 1979e12, 3.35e12},
    {"h200", "2024-06", "HBM3e", 989e12, 1979e12, 4.8e12},
};

// Months since year 0 of "YYYY-MM", or -1.
int months(std::string_view date) {
  if (date.size() < 7 || date[4] != '-') return -1;
  for (size_t i : {0, 1, 2, 3, 5, 6})
    if (!std::isdigit(static_cast<unsigned char>(date[i]))) return -1;
  const int year = std::atoi(std::string(date.substr(0, 4)).c_str());
  const int month = std::atoi(std::string(date.substr(5, 2)).c_str());
  return year * 12 + month - 1;
}

bool same_generation(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

}  // namespace

const ReferenceCard* reference_card(std::string_view folder) {
  for (const ReferenceCard& card : kCards)
    if (card.folder == folder) return &card;
  return nullptr;
}

const std::vector<std::string>& embedded_calibration_folders() {
  static const std::vector<std::string> folders = [] {
    std::vector<std::string> out;
    constexpr std::string_view prefix = "calibration/", suffix = "/gemm.json";
    for (const EmbeddedFile& file : embedded_files_under(prefix)) {
      const std::string_view path = file.path;
      if (path.size() <= prefix.size() + suffix.size() || path.substr(path.size() - suffix.size()) != suffix)
        continue;
      const std::string_view folder = path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
      if (folder.find('/') == std::string_view::npos) out.emplace_back(folder);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }();
  return folders;
}

std::string nearest_calibrated_folder(const AcceleratorSpec& device, const std::vector<std::string>& folders) {
  const int released = months(device.released);
  std::string best;
  double best_distance = INFINITY;
  for (const ReferenceCard& card : kCards) {
    if (std::find(folders.begin(), folders.end(), card.folder) == folders.end()) continue;
    double distance = 0;
    const int card_released = months(card.released);
    if (released >= 0 && card_released >= 0) distance += std::abs(released - card_released);
    if (!device.hbm_generation.empty() && !same_generation(device.hbm_generation, card.hbm_generation))
      distance += 24;
    if (distance < best_distance) best_distance = distance, best = std::string(card.folder);
  }
  return best;
}

CalibrationSource calibration_source(const AcceleratorSpec& device) {
  const std::vector<std::string>& folders = embedded_calibration_folders();
  const bool own = !device.calibration.empty() &&
                   std::find(folders.begin(), folders.end(), device.calibration) != folders.end();
  return {.folder = own ? device.calibration : nearest_calibrated_folder(device, folders), .own = own};
}

}  // namespace stargate::perf_detail
