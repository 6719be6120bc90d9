#include "mfu_format.h"

#include <fmt/format.h>

#include "stargate/catalog/dtype.h"
#include "stargate/core/units.h"

namespace stargate::report_detail {
namespace {

// The 16-bit dtype bf16_peak_flops_per_s() reads: bf16, or fp16 on cards without bf16 (V100).
std::string_view sixteen_bit_name(const AcceleratorSpec& card) {
  auto bf16 = card.peak(Dtype::bf16);
  return bf16 && *bf16 > 0 ? "bf16" : "fp16";
}

bool has_own_peak(const AcceleratorSpec& card, Dtype precision) {
  return card.precision_peak_flops_per_s(precision) != card.bf16_peak_flops_per_s();
}

double precision_mfu(double mfu, const AcceleratorSpec& card, Dtype precision) {
  const double peak = card.precision_peak_flops_per_s(precision);
  return peak > 0 ? mfu * card.bf16_peak_flops_per_s() / peak : 0;
}

}  // namespace

std::string mfu_peak_text(const AcceleratorSpec& card) {
  return fmt::format("{} peak {}", sixteen_bit_name(card), format_quantity(card.bf16_peak_flops_per_s(), Dimension::flop_rate));
}

std::string mfu_text(double mfu, const AcceleratorSpec& card, Dtype precision) {
  std::string out = fmt::format("MFU {:.1f}% of {}", 100 * mfu, mfu_peak_text(card));
  if (has_own_peak(card, precision)) {
    out += fmt::format(" ({:.1f}% of {} peak {})", 100 * precision_mfu(mfu, card, precision), dtype_name(precision),
                       format_quantity(card.precision_peak_flops_per_s(precision), Dimension::flop_rate));
  }
  return out;
}

void add_mfu_peaks(nlohmann::json& out, double mfu, const AcceleratorSpec& card, Dtype precision) {
  out["mfu_peak_flops_per_s"] = card.bf16_peak_flops_per_s();
  out["precision_peak_flops_per_s"] = card.precision_peak_flops_per_s(precision);
  out["mfu_precision_peak"] = precision_mfu(mfu, card, precision);
}

}  // namespace stargate::report_detail
