// Property tests: more work never takes less time, on calibrated and scaled cards, for every kernel kind.
#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "stargate/perf/kernel_cost_model.h"
#include "test_specs.h"

namespace stargate {
namespace {

struct Case {
  std::string name;
  AcceleratorSpec spec;
  KernelCostOptions options;
};

std::vector<Case> cases() {
  return {{"h100", perf_test::h100(), {}},       {"h200", perf_test::h200(), {}},
          {"a100", perf_test::a100(), {}},       {"b200", perf_test::b200(), {}},
          {"h100-graphs", perf_test::h100(), {.cuda_graphs = true}}};
}

const std::vector<double> kSizes = {1, 3, 8, 24, 64, 100, 256, 700, 1024, 3000, 4096, 12000, 16384, 50000, 131072};
const Dtype kDtypes[] = {Dtype::bf16, Dtype::fp8, Dtype::fp32};
// On its own card a bf16 kernel is monotone by construction (to rounding). Rescaling to another dtype or card keeps
// each shape's fraction of its roofline, and where the calibrated work is flat (host floor, plateaus) while the
// target's roofline grows more slowly than the calibrated card's (e.g. fp32 on a B200 scaled from H200 data), a
// doubling can come out up to ~2.5% faster; "never faster" is checked to 3% there.
double tolerance(const std::string& card, Dtype dtype = Dtype::bf16) {
  return (card == "h100" || card == "h200" || card == "h100-graphs") && dtype == Dtype::bf16 ? 1 - 1e-9 : 0.97;
}

TEST(KernelCostMonotone, DoublingAnyGemmDimensionNeverMakesItFaster) {
  for (const Case& c : cases()) {
    const auto model = KernelCostModel::for_device(c.spec, c.options);
    for (Dtype dtype : kDtypes)
      for (double m : kSizes)
        for (double n : kSizes)
          for (double k : kSizes) {
            const double t = model.gemm_seconds(m, n, k, dtype);
            ASSERT_GT(t, 0);
            const double lowest = tolerance(c.name, dtype) * t;
            const auto where = [&] { return c.name + " dtype " + std::to_string(int(dtype)); };
            EXPECT_GE(model.gemm_seconds(2 * m, n, k, dtype), lowest) << where() << " " << m << "x" << n << "x" << k;
            EXPECT_GE(model.gemm_seconds(m, 2 * n, k, dtype), lowest) << where() << " " << m << "x" << n << "x" << k;
            EXPECT_GE(model.gemm_seconds(m, n, 2 * k, dtype), lowest) << where() << " " << m << "x" << n << "x" << k;
          }
  }
}

TEST(KernelCostMonotone, CalibratedBf16GemmIsNonDecreasingOnAFineSweep) {
  // On its own card the bf16 surface is monotone by construction, not only under doubling.
  for (const char* card : {"h100", "h200"}) {
    const auto model = KernelCostModel::for_device(std::string(card) == "h100" ? perf_test::h100() : perf_test::h200());
    for (double n : {768.0, 4096.0, 14336.0})
      for (double k : {1024.0, 8192.0}) {
        double previous = 0;
        for (double m = 1; m <= 70000; m *= 1.07) {
          const double t = model.gemm_seconds(std::floor(m), n, k, Dtype::bf16);
          EXPECT_GE(t, (1 - 1e-9) * previous) << card << " m=" << std::floor(m) << " n=" << n << " k=" << k;
          previous = t;
        }
      }
  }
}

TEST(KernelCostMonotone, GroupedAttentionDecodeAndMemoryGrowWithWork) {
  for (const Case& c : cases()) {
    const auto model = KernelCostModel::for_device(c.spec, c.options);
    const double lowest = tolerance(c.name);
    for (double m : kSizes) {
      for (int groups : {1, 8, 64}) {
        const double t = model.grouped_gemm_seconds(groups, m, 2048, 7168, Dtype::bf16);
        EXPECT_GE(model.grouped_gemm_seconds(groups, 2 * m, 2048, 7168, Dtype::bf16), lowest * t) << c.name << " m=" << m;
        EXPECT_GE(model.grouped_gemm_seconds(2 * groups, m, 2048, 7168, Dtype::bf16), lowest * t) << c.name << " m=" << m;
      }
      EXPECT_GE(model.memory_bound_seconds(2 * m * 4096), lowest * model.memory_bound_seconds(m * 4096)) << c.name;
      EXPECT_GE(model.decode_attention_seconds(2 * m, 32, 8, 128, 4096, 2),
                lowest * model.decode_attention_seconds(m, 32, 8, 128, 4096, 2)) << c.name;
      EXPECT_GE(model.decode_attention_seconds(8, 32, 8, 128, 2 * m, 2),
                lowest * model.decode_attention_seconds(8, 32, 8, 128, m, 2)) << c.name;
    }
    for (double s = 128; s <= 262144; s *= 2)
      for (double b : {1.0, 4.0})
        for (double heads : {8.0, 64.0})
          for (bool causal : {true, false}) {
            auto fwd = [&](double bb, double hh, double ss) {
              return model.attention_forward_seconds(bb, hh, hh / 8 < 1 ? 1 : hh / 8, 128, ss, ss, causal);
            };
            auto bwd = [&](double bb, double hh, double ss) {
              return model.attention_backward_seconds(bb, hh, hh / 8 < 1 ? 1 : hh / 8, 128, ss, ss, causal);
            };
            EXPECT_GE(fwd(b, heads, 2 * s), lowest * fwd(b, heads, s)) << c.name << " s=" << s;
            EXPECT_GE(fwd(2 * b, heads, s), lowest * fwd(b, heads, s)) << c.name << " s=" << s;
            EXPECT_GE(fwd(b, 2 * heads, s), lowest * fwd(b, heads, s)) << c.name << " s=" << s;
            EXPECT_GE(bwd(b, heads, 2 * s), lowest * bwd(b, heads, s)) << c.name << " s=" << s;
            EXPECT_GE(bwd(2 * b, heads, s), lowest * bwd(b, heads, s)) << c.name << " s=" << s;
            EXPECT_GE(model.attention_forward_seconds(b, heads, 8, 128, s, s, false),
                      lowest * model.attention_forward_seconds(b, heads, 8, 128, s, s, true)) << c.name;
          }
  }
}

}  // namespace
}  // namespace stargate
