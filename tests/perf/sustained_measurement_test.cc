// A card priced from another card's calibration (KernelCostModel::for_device) but with published sustained
// measurements of its own (catalog `sustained:`): a large square GEMM of that dtype runs at the measured rate,
// streaming copies at the measured bandwidth, and nothing else moves (other dtypes, other cards, MFU peaks).
#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "stargate/catalog/catalog.h"
#include "stargate/perf/kernel_cost_model.h"

namespace stargate {
namespace {

double rate(const KernelCostModel& k, double side, Dtype d) { return 2 * side * side * side / k.gemm_seconds(side, side, side, d); }

TEST(SustainedMeasurement, Gb200Fp8GemmRunsAtTheMeasuredRate) {
  const AcceleratorSpec& gb200 = *Catalog::builtin().find_accelerator("gb200");
  ASSERT_TRUE(gb200.sustained_gemm_flops_per_s[static_cast<int>(Dtype::fp8)].has_value());
  const double measured = *gb200.sustained_gemm_flops_per_s[static_cast<int>(Dtype::fp8)];
  EXPECT_DOUBLE_EQ(measured, 2744e12);  // Azure ND GB200 v6
  const KernelCostModel pinned = KernelCostModel::for_device(gb200);
  EXPECT_NEAR(rate(pinned, 16384, Dtype::fp8), measured, 0.005 * measured);

  AcceleratorSpec datasheet_only = gb200;  // the same card with its HBM measurement but no GEMM measurement
  datasheet_only.sustained_gemm_flops_per_s = {};
  const KernelCostModel scaled = KernelCostModel::for_device(datasheet_only);
  // The datasheet scaling alone carries the calibrated card's efficiency over: faster than measured
  // (docs/training-model.md quotes it: 3,285 TFLOP/s without either measurement).
  EXPECT_GT(rate(scaled, 16384, Dtype::fp8), 1.1 * measured);
  AcceleratorSpec bare = datasheet_only;
  bare.sustained_hbm_bandwidth_bytes_per_s = 0;
  EXPECT_NEAR(rate(KernelCostModel::for_device(bare), 16384, Dtype::fp8), 3285e12, 0.5e12);
  // Only the measured dtype moves; the datasheet peak that MFU divides by stays.
  EXPECT_DOUBLE_EQ(pinned.gemm_seconds(8192, 8192, 8192, Dtype::bf16), scaled.gemm_seconds(8192, 8192, 8192, Dtype::bf16));
  EXPECT_DOUBLE_EQ(*gb200.peak(Dtype::fp8), 5000e12);
  // A 4 GiB copy streams at the measured 7.35 TB/s (bytes read + written), the launch floor aside.
  const double bytes = 4.0 * (1ull << 30);
  EXPECT_NEAR(pinned.memory_bound_seconds(bytes), bytes / 7.35e12, 0.02 * bytes / 7.35e12);
  ASSERT_EQ(pinned.sustained_notes().size(), 2u);
  EXPECT_NE(pinned.sustained_notes()[1].find("fp8 GEMMs pinned to the measured sustained"), std::string::npos);
}

TEST(SustainedMeasurement, CalibratedCardsAndCardsWithoutMeasurementsAreUntouched) {
  const Catalog& c = Catalog::builtin();
  EXPECT_TRUE(KernelCostModel::for_device(*c.find_accelerator("h100-sxm")).sustained_notes().empty());
  EXPECT_TRUE(KernelCostModel::for_device(*c.find_accelerator("b200")).sustained_notes().empty());
}

// The roofline floor: a weight-streaming GEMM (m = 64 rows against a wide, shallow weight) is never priced faster
// than the card's fastest measured streaming (decode attention reading its KV: docs/training-model.md quotes
// 3.12 TB/s on the H100, 4.57 TB/s on the H200); without the floor the interpolated surface put this shape at
// 2.6× the H100's HBM.
TEST(SustainedMeasurement, NoGemmStreamsFasterThanTheFastestMeasuredStreaming) {
  const Catalog& c = Catalog::builtin();
  const double m = 64, n = 131072, k = 1024;
  const double bytes = 2 * (m * k + k * n) + 2 * m * n;
  for (const auto& [card, streaming] : {std::pair{"h100-sxm", 3.116e12}, std::pair{"h200", 4.572e12}}) {
    const KernelCostModel model = KernelCostModel::for_device(*c.find_accelerator(card));
    const double achieved = bytes / model.gemm_seconds(m, n, k, Dtype::bf16);
    EXPECT_LE(achieved, streaming) << card;
    if (std::string(card) == "h100-sxm") {
      EXPECT_GT(achieved, 0.95 * streaming);  // the floor binds there (plus the launch time)
    }
  }
}

}  // namespace
}  // namespace stargate
