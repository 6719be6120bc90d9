#pragma once
// Internal: the pieces of speculative decoding the simulator needs (SpeculativeDecoding in serving_config.h).
#include <cstdint>

#include "stargate/serving/serving_config.h"
#include "stargate/workload/model.h"

namespace stargate::serving_detail {

// Conditional acceptance probability of draft position i (0-based); the last stated value repeats.
double acceptance_at(const SpeculativeDecoding& spec, int i);

// Expected accepted draft tokens per verification: Σ_{i<k} Π_{j≤i} acceptance_at(j).
double expected_accepted(const SpeculativeDecoding& spec);

// Accepted draft tokens of one verification (0 … k): position i is kept while a uniform draw from `state` falls
// under acceptance_at(i); the first rejection ends the run. `state` advances (splitmix64), so a request's draws
// depend only on its seed and how many verifications it has made.
int draw_accepted(const SpeculativeDecoding& spec, uint64_t& state);

// A request's draw state from the workload seed and its arrival index.
uint64_t speculation_seed(uint64_t workload_seed, int64_t request_index);

// The drafter as a model: the draft model, or one transformer block of the target's shape (mtp, eagle) with
// the target's embedding and LM head.
ModelSpec drafter_model(const ModelSpec& target, const SpeculativeDecoding& spec);

// Weight bytes the drafter adds to one GPU of a tp-way replica (mtp and eagle share the target's embedding and
// LM head, so only their block's linear weights count).
double drafter_weight_bytes_per_gpu(const ModelSpec& target, const SpeculativeDecoding& spec, Dtype weights, int tp);

}  // namespace stargate::serving_detail
