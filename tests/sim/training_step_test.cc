#include "stargate/sim/training_step.h"

#include <gtest/gtest.h>

#include "stargate/mapping/plan_validation.h"
#include "stargate/sim/pipeline_schedule.h"
#include "training_fixture.h"

namespace stargate {
namespace {

using testing_support::estimate;
using testing_support::make_cluster;
using testing_support::make_job;
using testing_support::plan;

TEST(ModelFlops, MatchesSixNPlusAttentionByHand) {
  // GPT-3 175B, one 2048-token sequence: 6·N_matmul·tokens + 12·L·s·h·tokens (PaLM appendix B).
  const ModelSpec& m = *ModelCatalog::builtin().find("gpt3-175b");
  const double h = m.hidden, L = m.layers, s = 2048, V = m.vocab, f = m.ffn;
  const double matmul = L * (4 * h * h + 2 * h * f) + V * h;
  EXPECT_NEAR(model_flops_per_step(m, s, 2048), s * (6 * matmul + 12 * L * s * h), 1e-9 * s * 6 * matmul);
}

TEST(ModelFlops, MegatronFormulaAgreesWithoutRecompute) {
  // Narayanan 2021 eq.: 96·B·s·l·h²·(1 + s/6h + V/16lh) counts 4 passes (recompute); 72·... is 3 passes.
  const ModelSpec& m = *ModelCatalog::builtin().find("megatron-gpt-175b");
  const double B = 1, s = 2048, l = m.layers, h = m.hidden, V = m.vocab;
  const double megatron_three_passes = 72 * B * s * l * h * h * (1 + s / (6 * h) + V / (16 * l * h));
  EXPECT_NEAR(model_flops_per_step(m, B * s, 2048) / megatron_three_passes, 1.0, 0.01);
}

TEST(LayerOperators, ForwardFlopsEqualTwicePerLayerMatmulParamsPlusCausalAttention) {
  const ModelSpec& m = *ModelCatalog::builtin().find("llama3-8b");
  std::vector<Operator> ops;
  LayerShard shard{1, 1, 1, false, 1, 4096, 1, false, true};
  append_layer_operators(m, shard, 0, ops);
  double flops = 0;
  for (const Operator& op : ops) flops += op.forward_flops();
  const double tokens = 4096;
  const double matmul = attention_params_per_layer(m) + ffn_params(m.hidden, m.ffn, m.activation);
  const double attention = 4.0 * m.heads * m.head_dim * (tokens * tokens / 2);
  EXPECT_DOUBLE_EQ(flops, 2 * matmul * tokens + attention);
}

TEST(LayerOperators, TensorParallelSplitsGemmFlopsEvenly) {
  const ModelSpec& m = *ModelCatalog::builtin().find("llama3-70b");
  auto gemm_flops = [&](int tp) {
    std::vector<Operator> ops;
    append_layer_operators(m, LayerShard{tp, 1, 1, true, 1, 8192, 1, false, true}, 0, ops);
    double f = 0;
    for (const Operator& op : ops) f += op.kind == OpKind::gemm ? op.forward_flops() : 0;
    return f;
  };
  EXPECT_NEAR(gemm_flops(1) / gemm_flops(8), 8.0, 1e-9);
}

TEST(LayerOperators, OperatorLevelCheckpointingRerunsEverySecondMatmulByHand) {
  // Llama 3 8B layer, torchtitan's order: wq(1) wk(2) wv(3) | attention | wo(4) | w1(5) w3(6) | w2(7).
  // Even-numbered matmuls re-run: wk (1024 of QKV's 6144 columns), wo, w3 (half of the gated up-projection).
  const ModelSpec& m = *ModelCatalog::builtin().find("llama3-8b");
  std::vector<Operator> ops;
  append_layer_operators(m, LayerShard{1, 1, 1, false, 1, 4096, 1, false, true}, 0, ops);
  const std::vector<double> rerun = selective_ops_recompute_fractions(ops);
  ASSERT_EQ(rerun.size(), ops.size());
  for (size_t i = 0; i < ops.size(); ++i) {
    const std::string name = ops[i].name;
    double expected = 1.0;  // memory-bound ops and wo
    if (name == "qkv") expected = 1024.0 / 6144.0;
    if (name == "ffn_up") expected = 0.5;
    if (name == "ffn_down" || ops[i].kind == OpKind::attention) expected = 0.0;
    EXPECT_DOUBLE_EQ(rerun[i], expected) << name;
  }
}

TEST(PipelineSchedule, MoreMicroBatchesNeverIncreaseBubbleFraction) {
  const std::vector<double> f(8, 1.0), b(8, 2.0);
  double previous = 1e300;
  for (int m = 1; m <= 64; m *= 2) {
    const double ideal = m * 3.0;
    const double bubble = (makespan_seconds(schedule_one_f_one_b(f, b, m, 0)) - ideal) / ideal;
    EXPECT_LE(bubble, previous + 1e-12) << m;
    previous = bubble;
  }
}

TEST(PipelineSchedule, UniformStagesMatchAnalyticalBubble) {
  // 1F1B with p stages and m micro-batches takes (m + p − 1)·(f + b) (Narayanan et al. 2021).
  const int p = 4, m = 16;
  const std::vector<double> f(p, 1.0), b(p, 2.0);
  EXPECT_DOUBLE_EQ(makespan_seconds(schedule_one_f_one_b(f, b, m, 0)), (m + p - 1) * 3.0);
}

TEST(PipelineSchedule, UniformInterleavedStagesMatchAnalyticalBubble) {
  // Interleaved 1F1B with v chunks per stage takes m·(f + b) + (p − 1)·(f + b)/v (Narayanan et al. 2021) when p
  // divides m.
  for (int v : {1, 2, 3}) {
    const int p = 4, m = 8;
    const std::vector<double> f(p, 1.0), b(p, 2.0);
    const auto tasks = schedule_interleaved_one_f_one_b(f, b, m, v, 0);
    EXPECT_EQ(tasks.size(), 2u * p * m * v) << v;
    EXPECT_DOUBLE_EQ(makespan_seconds(tasks), m * 3.0 + (p - 1) * 3.0 / v) << v;
  }
}

TEST(PipelineSchedule, EveryMicroBatchRunsOnceEachWayOnEveryStage) {
  const auto tasks = schedule_one_f_one_b({1, 1, 1}, {2, 2, 2}, 5, 0.1);
  EXPECT_EQ(tasks.size(), 2u * 3 * 5);
}

TEST(TrainingStep, MoreMicroBatchesNeverIncreaseBubbleFraction) {
  const Cluster cluster = make_cluster("h100-sxm", "dgx-h100", 64);
  double previous = 1;
  for (int batch : {8, 16, 32, 64, 128}) {
    const TrainingEstimate e = estimate("llama3-8b", cluster, make_job(4096, batch, plan(2, 4, 8)));
    const double fraction = e.breakdown.bubble_seconds / e.step_seconds;
    EXPECT_LE(fraction, previous + 1e-12) << batch;
    previous = fraction;
  }
}

TEST(TrainingStep, PlanThatFitsNeverReportsNegativeFreeMemory) {
  const Cluster cluster = make_cluster("h100-sxm", "dgx-h100", 64);
  for (int tp : {1, 2, 4, 8}) {
    for (int mb : {1, 2, 4}) {
      ParallelPlan p = plan(tp, 1, 64 / tp, mb);
      const TrainingEstimate e = estimate("llama3-8b", cluster, make_job(8192, 64 / tp * mb * 2, p));
      EXPECT_GT(e.memory.total_bytes(), 0);
      EXPECT_GE(e.memory.activations_bytes, 0);
      if (e.fits) {
        EXPECT_GE(e.hbm_capacity_bytes - e.memory.total_bytes(), 0);
      }
    }
  }
}

TEST(TrainingStep, DoublingGpusAtFixedPerGpuWorkNeverLowersAggregateThroughput) {
  double previous = 0;
  for (int dp : {8, 16, 32, 64, 128, 256}) {
    const Cluster cluster = make_cluster("h100-sxm", "dgx-h100", dp * 8);
    const TrainingEstimate e = estimate("llama3-70b", cluster, make_job(8192, dp * 4, plan(8, 1, dp)));
    EXPECT_GE(e.tokens_per_second, previous) << dp;
    previous = e.tokens_per_second;
  }
}

TEST(TrainingStep, BreakdownSumsToStepTime) {
  const Cluster cluster = make_cluster("h100-sxm", "dgx-h100", 1024);
  const TrainingEstimate e = estimate("llama3-70b", cluster, make_job(8192, 512, plan(8, 4, 32, 1, 5)));
  const StepBreakdown& b = e.breakdown;
  double sum = b.recompute_seconds + b.tp_comm_seconds + b.cp_comm_seconds + b.ep_comm_seconds + b.pp_comm_seconds +
               b.dp_comm_seconds + b.bubble_seconds + b.optimizer_seconds;
  for (double c : b.compute_seconds) sum += c;
  EXPECT_NEAR(sum, e.step_seconds, 1e-9 * e.step_seconds);
  EXPECT_GT(e.mfu, 0.2);
  EXPECT_LT(e.mfu, 0.8);
  EXPECT_GE(e.hfu, e.mfu);
}

TEST(TrainingStep, UncalibratedDeviceSaysItIsScaled) {
  const Cluster cluster = make_cluster("a100-80gb", "dgx-a100", 64);
  const TrainingEstimate e = estimate("llama2-7b", cluster, make_job(4096, 128, plan(1, 1, 64, 2)));
  ASSERT_FALSE(e.notes.empty());
  EXPECT_NE(e.notes[0].find("scaled from the h100"), std::string::npos) << e.notes[0];
}

TEST(TrainingStep, MixtureOfExpertsCountsAllToAll) {
  const Cluster cluster = make_cluster("h100-sxm", "dgx-h100", 64);
  ParallelPlan p = plan(1, 1, 64);
  p.ep = 8;
  const TrainingEstimate e = estimate("mixtral-8x7b", cluster, make_job(4096, 128, p));
  EXPECT_GT(e.breakdown.ep_comm_seconds, 0);
  EXPECT_GT(e.breakdown.compute_seconds[static_cast<int>(OpClass::moe_routing)], 0);
}

TEST(TrainingStep, OperatorLevelCheckpointingSitsBetweenSelectiveAndFull) {
  const Cluster cluster = make_cluster("h100-sxm", "dgx-h100", 8);
  auto with = [&](Recompute r) {
    ParallelPlan p = plan(1, 1, 8, 2);
    p.recompute = r;
    p.zero_stage = 3;
    return estimate("llama3-8b", cluster, make_job(8192, 16, p));
  };
  const TrainingEstimate selective = with(Recompute::selective), ops = with(Recompute::selective_ops),
                         full = with(Recompute::full);
  EXPECT_GT(ops.breakdown.recompute_seconds, selective.breakdown.recompute_seconds);
  EXPECT_LT(ops.breakdown.recompute_seconds, full.breakdown.recompute_seconds);
  EXPECT_GT(ops.hardware_flops_per_step, ops.model_flops_per_step);
  EXPECT_LT(ops.hardware_flops_per_step, full.hardware_flops_per_step);
  // Memory: it keeps more than the layer inputs alone and less than selective recompute.
  EXPECT_GT(ops.memory.activations_bytes, full.memory.activations_bytes);
  EXPECT_LT(ops.memory.activations_bytes, selective.memory.activations_bytes);
}

TEST(TrainingStep, CurrentFp8RecipeCostsMoreThanDelayedAndBothBeatBf16) {
  const Cluster cluster = make_cluster("h100-sxm", "dgx-h100", 8);
  auto step = [&](Dtype precision, Fp8Recipe recipe) {
    ParallelPlan p = plan(1, 1, 8, 2);
    p.precision = precision;
    p.fp8_recipe = recipe;
    return estimate("llama3-8b", cluster, make_job(8192, 16, p)).step_seconds;
  };
  const double bf16 = step(Dtype::bf16, Fp8Recipe::delayed);
  const double delayed = step(Dtype::fp8, Fp8Recipe::delayed), current = step(Dtype::fp8, Fp8Recipe::current);
  EXPECT_LT(delayed, bf16);
  EXPECT_GT(current, delayed);
  EXPECT_LT(current, bf16);
  EXPECT_DOUBLE_EQ(step(Dtype::bf16, Fp8Recipe::current), bf16);  // the recipe matters only under fp8
}

TEST(TrainingStep, Fp4NeedsFp4TensorCoresAndBeatsFp8WhereItRuns) {
  ParallelPlan p = plan(1, 1, 8, 2);
  p.precision = Dtype::fp4;
  p.fp8_recipe = Fp8Recipe::nvfp4;
  const ModelSpec& m = *ModelCatalog::builtin().find("llama3-8b");
  const PlanContext context{8, 8192, 16};
  const auto hopper = check_plan(m, make_cluster("h100-sxm", "dgx-h100", 8).accelerator, p, context);
  ASSERT_TRUE(hopper.has_value());
  EXPECT_EQ(hopper->field, "precision");
  const Cluster blackwell = make_cluster("b200", "dgx-b200", 8);
  EXPECT_FALSE(check_plan(m, blackwell.accelerator, p, context).has_value());
  const double fp4 = estimate("llama3-8b", blackwell, make_job(8192, 16, p)).step_seconds;
  p.precision = Dtype::fp8;
  p.fp8_recipe = Fp8Recipe::mxfp8;
  EXPECT_LT(fp4, estimate("llama3-8b", blackwell, make_job(8192, 16, p)).step_seconds);
}

TEST(TrainingStep, OverlappedDataParallelCommunicationSlowsTheComputeBesideIt) {
  // ZeRO-3 over 8 GPUs: the gathers hide behind compute, but their SMs are taken from it.
  const Cluster cluster = make_cluster("h100-sxm", "dgx-h100", 8);
  ParallelPlan p = plan(1, 1, 8, 2);
  p.zero_stage = 3;
  p.dp_overlap = true;
  const TrainingEstimate e = estimate("llama3-8b", cluster, make_job(8192, 16, p));
  EXPECT_GT(e.breakdown.dp_comm_seconds, 0);
  p.dp_overlap = false;
  const TrainingEstimate serial = estimate("llama3-8b", cluster, make_job(8192, 16, p));
  EXPECT_LT(e.step_seconds, serial.step_seconds);
}

TEST(TrainingStep, OverlappedTensorParallelCommunicationIsPartlyExposed) {
  // Decomposed overlap hides most of the TP collectives but never the first chunk, and the GEMMs beside the
  // reduce-scatter pay for the SMs it occupies.
  const Cluster cluster = make_cluster("h100-sxm", "dgx-h100", 1024);
  ParallelPlan p = plan(8, 4, 32, 1, 5);
  const TrainingEstimate exposed = estimate("llama3-70b", cluster, make_job(8192, 512, p));
  p.tp_comm_overlap = TpCommOverlap::decomposed;
  const TrainingEstimate hidden = estimate("llama3-70b", cluster, make_job(8192, 512, p));
  EXPECT_LT(hidden.breakdown.tp_comm_seconds, exposed.breakdown.tp_comm_seconds);
  EXPECT_GE(hidden.breakdown.tp_comm_seconds, exposed.breakdown.tp_comm_seconds / 8);
  EXPECT_LT(hidden.step_seconds, exposed.step_seconds);
}

TEST(PlanValidation, ExplainsWhyAPlanIsInvalid) {
  const ModelSpec& m = *ModelCatalog::builtin().find("llama3-70b");
  const AcceleratorSpec& a = *Catalog::builtin().find_accelerator("h100-sxm");
  auto problem = [&](ParallelPlan p, int gpus, double batch) {
    auto r = check_plan(m, a, p, PlanContext{gpus, 8192, batch});
    return r ? r->field + ": " + r->message : std::string("ok");
  };
  EXPECT_EQ(problem(plan(8, 1, 8), 64, 64), "ok");
  EXPECT_EQ(problem(plan(3, 1, 8), 24, 64), "tp: 3 does not divide 64 attention heads");
  EXPECT_NE(problem(plan(8, 1, 8), 128, 64).find("but the cluster has 128"), std::string::npos);
  ParallelPlan ep = plan(8, 1, 8);
  ep.ep = 2;
  EXPECT_EQ(problem(ep, 64, 64), "ep: expert parallelism needs a mixture-of-experts model");
  EXPECT_NE(problem(plan(8, 1, 8, 3), 64, 64).find("not a multiple of micro_batch·dp"), std::string::npos);
  ParallelPlan fp8 = plan(8, 1, 8);
  fp8.precision = Dtype::fp8;
  EXPECT_EQ(check_plan(m, *Catalog::builtin().find_accelerator("a100-80gb"), fp8, PlanContext{64, 8192, 64})->field,
            "precision");
}

}  // namespace
}  // namespace stargate
