// Serving utilization is three named figures: the busy share (an iteration running), and the shares of the
// card's compute peak and HBM bandwidth the iterations actually use.
#include <gtest/gtest.h>

#include "stargate/catalog/catalog.h"
#include "stargate/serving/simulator.h"
#include "stargate/serving/step_time.h"
#include "stargate/workload/model_catalog.h"

namespace stargate {
namespace {

Cluster h100(int gpus) {
  const Catalog& c = Catalog::builtin();
  return Cluster{*c.find_accelerator("h100-sxm"), *c.find_node("dgx-h100"), *c.find_fabric("infiniband-ndr"), gpus};
}

const ModelSpec& llama8b() { return *ModelCatalog::builtin().find("llama3.1-8b"); }

ServingResult serve_one_at_a_time(const std::vector<ServingRequest>& requests) {
  ServingConfig c;
  c.deployment.pool = {1, 1};
  SimulationOptions o;
  o.record_trace = true;
  Result<ServingResult> r = simulate_serving(llama8b(), h100(1), c, requests, o);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
  return r.ok() ? r.value() : ServingResult{};
}

// One request at a time, far apart: the busy share is the iterations' total time over the duration.
TEST(ServingUtilization, BusyShareIsTotalIterationTimeOverDuration) {
  const ServingResult r = serve_one_at_a_time({{0.0, 256, 32}, {30.0, 256, 32}});
  ASSERT_EQ(r.completed, 2);
  double iteration_seconds = 0;
  for (const ServingTraceEvent& e : r.trace) {
    if (e.replica >= 0) iteration_seconds += e.duration;
  }
  ASSERT_GT(r.duration, 30.0);
  EXPECT_NEAR(r.busy_fraction, iteration_seconds / r.duration, 1e-12);
  EXPECT_DOUBLE_EQ(r.gpu_utilization, r.busy_fraction);  // the JSON name kept for compatibility
  EXPECT_LT(r.busy_fraction, 0.1);
  // Batches of one sequence use a small share of the card's compute; never more than the busy share.
  EXPECT_GT(r.compute_utilization, 0);
  EXPECT_LT(r.compute_utilization, r.busy_fraction);
  EXPECT_GT(r.hbm_bandwidth_utilization, 0);
  EXPECT_LT(r.hbm_bandwidth_utilization, r.busy_fraction);
}

// A decode step of one sequence with C tokens of context: 2·(linear parameters) + 4·C·(heads·head_dim·layers)
// + 2·hidden·vocab FLOPs; bytes: all bf16 weights + the LM head once, the KV cache of C tokens read and 1 written.
TEST(ServingUtilization, DecodeStepWorkMatchesHandComputation) {
  const ModelSpec& m = llama8b();
  const StepTimeModel step(m, h100(1), StepTimeOptions{});
  const double context = 1000;
  const IterationWork w = step.work(BatchShape{.decode_seqs = 1, .decode_context = context, .logit_rows = 1});
  const ParameterCount p = count_parameters(m);
  const double linear = p.attention + p.dense_ffn;
  const double head_dim = m.head_dim > 0 ? m.head_dim : double(m.hidden) / m.heads;
  const double flops = 2 * linear + 4 * context * m.heads * head_dim * m.layers + 2.0 * m.hidden * m.vocab;
  EXPECT_NEAR(w.flops_per_gpu, flops, 1e-9 * flops);
  const double bytes = linear * 2 + double(m.vocab) * m.hidden * 2 + (context + 1) * step.kv_bytes_per_token_per_gpu();
  EXPECT_NEAR(w.hbm_bytes_per_gpu, bytes, 1e-9 * bytes);
  const StepTimeModel tp2(m, h100(2), StepTimeOptions{.tp = 2});
  EXPECT_NEAR(tp2.work(BatchShape{.decode_seqs = 1, .decode_context = context, .logit_rows = 1}).flops_per_gpu,
              flops / 2, 1e-9 * flops);
  EXPECT_EQ(step.work(BatchShape{}).flops_per_gpu, 0);
}

// Power scales with the busy share (docs/serving.md): 20% of TDP idle, 80% while an iteration runs.
TEST(ServingUtilization, PowerFollowsTheBusyShare) {
  const ServingResult r = serve_one_at_a_time({{0.0, 256, 32}, {30.0, 256, 32}});
  EXPECT_NEAR(r.average_power_watts, 700 * (0.2 + 0.6 * r.busy_fraction), 1e-9);
}

}  // namespace
}  // namespace stargate
