// Cost of one KernelCostModel query: tables are built once in for_device(); a query is a few logs, a trilinear
// lookup and an exp, with no allocation.
#include <benchmark/benchmark.h>

#include <vector>

#include "stargate/perf/kernel_cost_model.h"

namespace stargate {
namespace {

AcceleratorSpec spec(const char* calibration) {
  AcceleratorSpec s;
  s.id = calibration;
  s.calibration = calibration;
  s.released = "2022-09";
  s.hbm_generation = "HBM3";
  s.hbm_bandwidth_bytes_per_s = 3.35e12;
  s.peak_flops_per_s[static_cast<int>(Dtype::bf16)] = 989e12;
  s.peak_flops_per_s[static_cast<int>(Dtype::fp8)] = 1979e12;
  return s;
}

struct Shape {
  double m, n, k;
};

std::vector<Shape> shapes() {
  std::vector<Shape> out;
  unsigned state = 1;
  for (int i = 0; i < 1024; ++i) {
    state = state * 1664525u + 1013904223u;
    out.push_back({double(1 + (state >> 8) % 40000), double(256 + (state >> 12) % 60000),
                   double(256 + (state >> 4) % 30000)});
  }
  return out;
}

void run_gemm(benchmark::State& state, const KernelCostModel& model, Dtype dtype) {
  const std::vector<Shape> all = shapes();
  size_t i = 0;
  for (auto _ : state) {
    const Shape& s = all[i++ & 1023];
    benchmark::DoNotOptimize(model.gemm_seconds(s.m, s.n, s.k, dtype));
  }
}

void BM_GemmSecondsCalibrated(benchmark::State& state) {
  run_gemm(state, KernelCostModel::for_device(spec("h100")), Dtype::bf16);
}
void BM_GemmSecondsScaledFp8(benchmark::State& state) {
  AcceleratorSpec other = spec("");
  other.peak_flops_per_s[static_cast<int>(Dtype::fp8)] = 2.5e15;
  run_gemm(state, KernelCostModel::for_device(other), Dtype::fp8);
}
void BM_AttentionForwardSeconds(benchmark::State& state) {
  const auto model = KernelCostModel::for_device(spec("h100"));
  double s = 1024;
  for (auto _ : state) {
    benchmark::DoNotOptimize(model.attention_forward_seconds(2, 32, 8, 128, s, s, true));
    s = s < 65536 ? s * 1.5 : 1024;
  }
}
void BM_MemoryBoundSeconds(benchmark::State& state) {
  const auto model = KernelCostModel::for_device(spec("h100"));
  double bytes = 1e6;
  for (auto _ : state) {
    benchmark::DoNotOptimize(model.memory_bound_seconds(bytes));
    bytes = bytes < 1e10 ? bytes * 1.7 : 1e6;
  }
}
void BM_ForDeviceCached(benchmark::State& state) {
  const AcceleratorSpec s = spec("h100");
  for (auto _ : state) benchmark::DoNotOptimize(KernelCostModel::for_device(s));
}

BENCHMARK(BM_GemmSecondsCalibrated);
BENCHMARK(BM_GemmSecondsScaledFp8);
BENCHMARK(BM_AttentionForwardSeconds);
BENCHMARK(BM_MemoryBoundSeconds);
BENCHMARK(BM_ForDeviceCached);

}  // namespace
}  // namespace stargate
// main() comes from benchmark::benchmark_main (linked by CMake for every bench/*.cc).
