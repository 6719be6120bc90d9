// Kernel cost model: reproduction of calibration points, interpolation, device selection and scaling.
#include "stargate/perf/kernel_cost_model.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "perf/calibration_data.h"
#include "perf/kernel_cost_tables.h"
#include "test_specs.h"

#include "parameter_name.h"

namespace stargate {
namespace {

using perf_detail::GemmSource;
using perf_test::a100;
using perf_test::b200;
using perf_test::h100;
using perf_test::h200;

double rel(double predicted, double measured) { return std::abs(predicted / measured - 1); }

class CalibratedCard : public ::testing::TestWithParam<const char*> {
 protected:
  AcceleratorSpec spec() const { return std::string(GetParam()) == "h100" ? h100() : h200(); }
  perf_detail::CalibrationData data() const { return *perf_detail::load_calibration(GetParam()); }
};

TEST_P(CalibratedCard, UsesItsOwnFolder) {
  const auto model = KernelCostModel::for_device(spec());
  EXPECT_EQ(model.scaled_from(), "");
  EXPECT_EQ(model.calibration_folder(), GetParam());
}

TEST_P(CalibratedCard, ReproducesGridPoints) {
  const auto model = KernelCostModel::for_device(spec());
  std::vector<double> errors;
  for (const auto& s : data().gemm_bf16) {
    if (s.source != GemmSource::grid) continue;
    const double e = rel(model.gemm_seconds(s.m, s.n, s.k, Dtype::bf16), s.seconds);
    errors.push_back(e);
    // Well above the host floor the measurements are consistent, and the model stays close to every one.
    if (s.seconds > 40e-6) {
      EXPECT_LT(e, 0.10) << s.m << "x" << s.n << "x" << s.k;
    }
  }
  std::sort(errors.begin(), errors.end());
  EXPECT_LT(errors[errors.size() / 2], 0.025);
  // Small shapes conflict with their neighbours (L2 hits, split-K kernels, host jitter) and with monotonicity.
  EXPECT_GE(std::count_if(errors.begin(), errors.end(), [](double e) { return e < 0.05; }), 0.8 * errors.size());
}

TEST_P(CalibratedCard, ReproducesAttentionDecodeCopyAndExpertRows) {
  const auto model = KernelCostModel::for_device(spec());
  const auto d = data();
  for (const auto& a : d.prefill) {
    EXPECT_LT(rel(model.attention_forward_seconds(a.b, a.heads, a.kv_heads, a.head_dim, a.s, a.s, true),
                  a.fwd_seconds), 0.03);
    EXPECT_LT(rel(model.attention_backward_seconds(a.b, a.heads, a.kv_heads, a.head_dim, a.s, a.s, true),
                  a.fwdbwd_seconds - a.fwd_seconds), 0.04);
  }
  for (const auto& r : d.decode) {
    if (r.seconds < 40e-6) continue;  // near the ≈21 µs dispatch floor, where single calls jitter
    EXPECT_LT(rel(model.decode_attention_seconds(r.b, r.heads, r.kv_heads, r.head_dim, r.ctx, 2), r.seconds), 0.05);
  }
  for (const auto& c : d.copy) {
    if (c.seconds < 20e-6) continue;
    EXPECT_LT(rel(model.memory_bound_seconds(c.bytes), c.seconds), 0.01);
  }
  // Expert GEMMs are not fitted (moe_bmm.json only validates the stacked-GEMM rule): matched on the whole.
  std::vector<double> moe;
  for (const auto& r : d.moe) {
    moe.push_back(rel(
        model.grouped_gemm_seconds(int(r.experts), r.tokens_per_expert, r.expert_ffn, r.hidden, Dtype::bf16), r.seconds));
    EXPECT_LT(moe.back(), 0.25);
  }
  std::sort(moe.begin(), moe.end());
  EXPECT_LT(moe[moe.size() / 2], 0.09);
  for (const auto& s : d.gemm_fp8) EXPECT_LT(rel(model.gemm_seconds(s.m, s.n, s.k, Dtype::fp8), s.seconds), 0.10);
}

TEST_P(CalibratedCard, InterpolationLiesBetweenNeighbours) {
  const auto model = KernelCostModel::for_device(spec());
  auto t = [&](double m, double n, double k) { return model.gemm_seconds(m, n, k, Dtype::bf16); };
  // Between grid nodes on each axis, and off-grid on all three at once.
  EXPECT_GE(t(2048, 4096, 4096), t(1024, 4096, 4096));
  EXPECT_LE(t(2048, 4096, 4096), t(4096, 4096, 4096));
  EXPECT_GE(t(4096, 6144, 4096), t(4096, 4096, 4096));
  EXPECT_LE(t(4096, 6144, 4096), t(4096, 8192, 4096));
  EXPECT_GE(t(4096, 4096, 12288), t(4096, 4096, 8192));
  EXPECT_LE(t(4096, 4096, 12288), t(4096, 4096, 16384));
  EXPECT_GE(t(3000, 5000, 7000), t(2048, 4096, 4096));
  EXPECT_LE(t(3000, 5000, 7000), t(4096, 8192, 8192));
  // Efficiency is not a constant: small M is far less efficient than large M.
  EXPECT_LT(model.gemm_efficiency(16, 8192, 8192, Dtype::bf16), 0.2);
  EXPECT_GT(model.gemm_efficiency(8192, 8192, 8192, Dtype::bf16), 0.6);
  EXPECT_LT(model.gemm_efficiency(8192, 8192, 8192, Dtype::bf16), 0.85);
}

INSTANTIATE_TEST_SUITE_P(Cards, CalibratedCard, ::testing::Values("h100", "h200"), test_names::ParameterName{});

TEST(KernelCostModel, NearestCalibratedCardIsChosenByGenerationAndDate) {
  EXPECT_EQ(KernelCostModel::for_device(a100()).scaled_from(), "h100");
  EXPECT_EQ(KernelCostModel::for_device(b200()).scaled_from(), "h200");
  AcceleratorSpec unknown = a100();
  unknown.calibration = "not-measured";  // a folder that is not embedded: borrow like any other card
  unknown.released.clear();
  unknown.hbm_generation.clear();
  EXPECT_EQ(KernelCostModel::for_device(unknown).scaled_from(), "h100");
}

TEST(KernelCostModel, ScaledCardKeepsShapeEfficiencyAndScalesByPeakOrBandwidth) {
  const auto ref = KernelCostModel::for_device(h100());
  const auto a = KernelCostModel::for_device(a100());
  ASSERT_EQ(a.scaled_from(), "h100");
  // Compute-bound: time scales with the bf16 peak, efficiency carries over.
  const double big = a.gemm_seconds(8192, 8192, 8192, Dtype::bf16) / ref.gemm_seconds(8192, 8192, 8192, Dtype::bf16);
  EXPECT_NEAR(big, 989.0 / 312.0, 0.1 * 989.0 / 312.0);
  EXPECT_NEAR(a.gemm_efficiency(8192, 8192, 8192, Dtype::bf16), ref.gemm_efficiency(8192, 8192, 8192, Dtype::bf16),
              0.05);
  // Memory-bound (GEMV, decode attention, copies): time scales with HBM bandwidth.
  const double bw_ratio = 3.35 / 2.039;
  EXPECT_NEAR(a.gemm_seconds(1, 16384, 16384, Dtype::bf16) / ref.gemm_seconds(1, 16384, 16384, Dtype::bf16), bw_ratio,
              0.05 * bw_ratio);
  EXPECT_NEAR(a.memory_bound_seconds(4e9) / ref.memory_bound_seconds(4e9), bw_ratio, 0.02 * bw_ratio);
  EXPECT_NEAR(a.decode_attention_seconds(64, 32, 8, 128, 8192, 2) / ref.decode_attention_seconds(64, 32, 8, 128, 8192, 2),
              bw_ratio, 0.05 * bw_ratio);
  EXPECT_NEAR(a.attention_forward_seconds(1, 32, 8, 128, 16384, 16384, true) /
                  ref.attention_forward_seconds(1, 32, 8, 128, 16384, 16384, true),
              989.0 / 312.0, 0.1 * 989.0 / 312.0);
  // Never faster than the target's roofline.
  const double flops = 2.0 * 8192 * 8192 * 8192;
  EXPECT_GE(a.gemm_seconds(8192, 8192, 8192, Dtype::bf16), flops / 312e12);
}

TEST(KernelCostModel, FlashAttention2RatesArePublishedH100FiguresInterpolatedInLogLength) {
  // Shah et al. 2024 (FlashAttention-3), H100 SXM5, head dim 128: FA2 forward causal 298 at 2k, 319 at 4k.
  EXPECT_DOUBLE_EQ(flash_attention_2_flops_per_s(2048, false, 989.4e12), 298e12);
  EXPECT_DOUBLE_EQ(flash_attention_2_flops_per_s(4096, false, 989.4e12), 319e12);
  EXPECT_NEAR(flash_attention_2_flops_per_s(std::sqrt(2048.0 * 4096.0), false, 989.4e12), 308.5e12, 1e9);
  EXPECT_DOUBLE_EQ(flash_attention_2_flops_per_s(1e6, true, 989.4e12), 322e12);  // clamped at 16k
  EXPECT_DOUBLE_EQ(flash_attention_2_flops_per_s(100, true, 989.4e12), 214e12);  // clamped at 512
  EXPECT_NEAR(flash_attention_2_flops_per_s(4096, false, 494.7e12), 159.5e12, 1e9);  // scaled by the card's peak
}

TEST(KernelCostModel, FlashAttention2SlowsHopperAttentionOnly) {
  KernelCostOptions fa2;
  fa2.flash_attention_2 = true;
  const double s = 8192, flops = 4.0 * 2 * 32 * 128 * (s * s / 2);  // causal forward, batch 2, 32 heads
  const auto cudnn = KernelCostModel::for_device(h100());
  const auto flash2 = KernelCostModel::for_device(h100(), fa2);
  const double t_cudnn = cudnn.attention_forward_seconds(2, 32, 8, 128, s, s, true);
  const double t_fa2 = flash2.attention_forward_seconds(2, 32, 8, 128, s, s, true);
  EXPECT_GT(t_fa2, 1.4 * t_cudnn);  // the calibration (PyTorch 2.11, cuDNN) runs near 600 TFLOP/s here
  EXPECT_NEAR(flops / t_fa2, 333e12, 10e12);
  EXPECT_GT(flash2.attention_backward_seconds(2, 32, 8, 128, s, s, true),
            cudnn.attention_backward_seconds(2, 32, 8, 128, s, s, true));
  // GEMMs do not change, and an Ampere card (FlashAttention-2 is its native kernel) is unaffected.
  EXPECT_DOUBLE_EQ(flash2.gemm_seconds(4096, 4096, 4096, Dtype::bf16), cudnn.gemm_seconds(4096, 4096, 4096, Dtype::bf16));
  EXPECT_DOUBLE_EQ(KernelCostModel::for_device(a100(), fa2).attention_forward_seconds(2, 32, 8, 128, s, s, true),
                   KernelCostModel::for_device(a100()).attention_forward_seconds(2, 32, 8, 128, s, s, true));
}

TEST(KernelCostModel, DtypesUseTheirPeaksAndBytes) {
  const auto m = KernelCostModel::for_device(h100());
  const double bf16 = m.gemm_seconds(8192, 8192, 8192, Dtype::bf16);
  EXPECT_NEAR(m.gemm_seconds(8192, 8192, 8192, Dtype::fp16), bf16, 1e-12);
  EXPECT_LT(m.gemm_seconds(8192, 8192, 8192, Dtype::fp8), 0.65 * bf16);  // 2x peak at ~90% of bf16's efficiency
  EXPECT_NEAR(m.gemm_seconds(8192, 8192, 8192, Dtype::fp32) / bf16, 2.0, 0.1);  // tf32 peak, bf16 curve
  // fp8 GEMV reads half the weight bytes.
  EXPECT_NEAR(m.gemm_seconds(1, 16384, 16384, Dtype::fp8) / m.gemm_seconds(1, 16384, 16384, Dtype::bf16), 0.5, 0.05);
  // A card without fp8 runs fp8 GEMMs at its bf16 rate.
  const auto a = KernelCostModel::for_device(a100());
  EXPECT_NEAR(a.gemm_seconds(8192, 8192, 8192, Dtype::fp8) / a.gemm_seconds(8192, 8192, 8192, Dtype::bf16), 1.0, 0.1);
}

TEST(KernelCostModel, LaunchOverheadAndCudaGraphs) {
  const auto eager = KernelCostModel::for_device(h100());
  const auto graphs = KernelCostModel::for_device(h100(), {.cuda_graphs = true});
  // Eager: the smallest membw.json copy (2 MB, 6.05 µs); graphs: the copy fit's intercept (≈3 µs).
  EXPECT_NEAR(eager.launch_overhead_seconds(), 6.05e-6, 0.1e-6);
  EXPECT_GT(graphs.launch_overhead_seconds(), 1e-6);
  EXPECT_LT(graphs.launch_overhead_seconds(), eager.launch_overhead_seconds());
  // A tiny GEMM is host-bound in eager mode (≈11.8 µs, the measured floor) and much cheaper under graphs.
  EXPECT_NEAR(eager.gemm_seconds(8, 1024, 1024, Dtype::bf16), 11.8e-6, 0.5e-6);
  EXPECT_LT(graphs.gemm_seconds(8, 1024, 1024, Dtype::bf16), 0.6 * eager.gemm_seconds(8, 1024, 1024, Dtype::bf16));
  EXPECT_GE(graphs.gemm_seconds(8, 1024, 1024, Dtype::bf16), graphs.launch_overhead_seconds());
  // Large kernels are device-bound either way.
  EXPECT_NEAR(graphs.gemm_seconds(8192, 8192, 8192, Dtype::bf16), eager.gemm_seconds(8192, 8192, 8192, Dtype::bf16), 1e-12);
}

TEST(KernelCostModel, InvalidSizesGiveZeroAndHugeSizesStayFinite) {
  const auto m = KernelCostModel::for_device(h100());
  EXPECT_EQ(m.gemm_seconds(0, 4096, 4096, Dtype::bf16), 0);
  EXPECT_EQ(m.gemm_seconds(-1, 4096, 4096, Dtype::bf16), 0);
  EXPECT_EQ(m.gemm_seconds(NAN, 4096, 4096, Dtype::bf16), 0);
  EXPECT_EQ(m.grouped_gemm_seconds(0, 16, 4096, 4096, Dtype::bf16), 0);
  EXPECT_EQ(m.attention_forward_seconds(1, 32, 8, 128, 0, 1024, true), 0);
  EXPECT_EQ(m.decode_attention_seconds(1, 32, 8, 128, 0, 2), 0);
  EXPECT_EQ(m.memory_bound_seconds(0), 0);
  const double huge = m.gemm_seconds(1e9, 1e6, 1e6, Dtype::bf16);
  EXPECT_TRUE(std::isfinite(huge));
  EXPECT_NEAR(huge, 2e21 / (989e12 * m.gemm_efficiency(1e9, 1e6, 1e6, Dtype::bf16)), 1e-6 * huge);
  EXPECT_GT(m.gemm_efficiency(1e9, 1e6, 1e6, Dtype::bf16), 0.5);  // efficiency saturates, it does not vanish
}

TEST(KernelCostModel, MalformedCalibrationIsRejectedWithoutThrowing) {
  EXPECT_FALSE(perf_detail::parse_calibration("x", "{not json", "", "", "[]", ""));
  EXPECT_FALSE(perf_detail::parse_calibration("x", R"({"bf16": [{"M": "a"}]})", "", "", "[]", ""));
  const auto minimal = perf_detail::parse_calibration(
      "x", R"({"bf16": [{"M": 64, "N": 1024, "K": 1024, "s": 1e-5}, {"M": -1, "N": 1, "K": 1, "s": 1}]})", "[3]",
      R"([{"kind": "prefill"}])", R"([{"op": "copy", "bytes": 1e9, "s": 4e-4}])", "{}");
  ASSERT_TRUE(minimal);
  EXPECT_EQ(minimal->gemm_bf16.size(), 1u);
  EXPECT_TRUE(minimal->prefill.empty());
  // Tables from so little data still give finite, positive times.
  const auto t = perf_detail::build_tables(*minimal, 989e12, 1979e12, 3.35e12);
  EXPECT_GT(perf_detail::gemm_work_seconds(*t, 4096, 4096, 4096), 0);
  EXPECT_TRUE(std::isfinite(perf_detail::gemm_work_seconds(*t, 4096, 4096, 4096)));
}

TEST(KernelCostModel, RooflineFallbackTablesUseFixedEfficiencies) {
  const auto t = perf_detail::roofline_tables(1e15, 2e15, 2e12);
  EXPECT_FALSE(t->calibrated);
  const double flops = 2.0 * 8192 * 8192 * 8192;
  EXPECT_NEAR(perf_detail::gemm_work_seconds(*t, 8192, 8192, 8192), flops / (0.7 * 1e15), 0.02 * flops / 0.7e15);
  EXPECT_NEAR(std::exp(t->copy_work.at(std::log2(1e9))), 1e9 / (0.85 * 2e12), 1e-9);
}

}  // namespace
}  // namespace stargate
