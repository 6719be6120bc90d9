#include "speculative.h"

#include <algorithm>

#include "stargate/serving/step_time.h"

namespace stargate::serving_detail {
namespace {

uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

double uniform(uint64_t& state) { return static_cast<double>(splitmix64(state) >> 11) * 0x1.0p-53; }

}  // namespace

double acceptance_at(const SpeculativeDecoding& spec, int i) {
  if (spec.acceptance.empty()) return 0;
  return spec.acceptance[std::min<size_t>(static_cast<size_t>(i), spec.acceptance.size() - 1)];
}

double expected_accepted(const SpeculativeDecoding& spec) {
  double all_kept = 1, expected = 0;
  for (int i = 0; i < spec.tokens; ++i) {
    all_kept *= acceptance_at(spec, i);
    expected += all_kept;
  }
  return expected;
}

int draw_accepted(const SpeculativeDecoding& spec, uint64_t& state) {
  int accepted = 0;
  while (accepted < spec.tokens && uniform(state) < acceptance_at(spec, accepted)) ++accepted;
  return accepted;
}

uint64_t speculation_seed(uint64_t workload_seed, int64_t request_index) {
  uint64_t state = workload_seed ^ (static_cast<uint64_t>(request_index) * 0xD1B54A32D192ED03ull);
  return splitmix64(state);
}

ModelSpec drafter_model(const ModelSpec& target, const SpeculativeDecoding& spec) {
  if (spec.method == SpeculativeDecoding::Method::draft_model && spec.draft) return *spec.draft;
  ModelSpec block = target;
  block.id = target.id + "-" + (spec.method == SpeculativeDecoding::Method::mtp ? "mtp" : "eagle");
  block.layers = 1;
  if (block.moe) block.moe->first_dense_layers = 0;  // DeepSeek-V3's MTP module is an MoE block
  return block;
}

double drafter_weight_bytes_per_gpu(const ModelSpec& target, const SpeculativeDecoding& spec, Dtype weights, int tp) {
  const ModelSpec drafter = drafter_model(target, spec);
  if (spec.method == SpeculativeDecoding::Method::draft_model) return model_weight_bytes(drafter, weights) / tp;
  const ParameterCount p = count_parameters(drafter);
  return (p.attention + p.dense_ffn + p.experts + p.shared_experts + p.router) * dtype_bytes(weights) / tp;
}

}  // namespace stargate::serving_detail
