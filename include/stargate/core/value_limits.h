#pragma once
// The ranges every reader accepts (scenario YAML, fleet YAML, validation YAML/JSON, trace CSV, command-line
// options): one limit per concept, so a degree of parallelism or a head count is checked by the same rule
// wherever it is read. docs/scenario.md lists them. Values outside a limit are input errors, never clamped.
#include <cstdint>
#include <optional>
#include <string>

namespace stargate {

// A whole number in [min, max]; `max` is far below the overflow of every type it is narrowed to.
struct IntegerLimit {
  int64_t min;
  int64_t max;
};

namespace limits {
// Parallel degrees (tp·pp·dp·cp ≤ gpus is checked by the plan).
inline constexpr IntegerLimit tensor_parallel{1, 1024};
inline constexpr IntegerLimit pipeline_parallel{1, 1024};
inline constexpr IntegerLimit data_parallel{1, 10'000'000};
inline constexpr IntegerLimit context_parallel{1, 1024};
inline constexpr IntegerLimit expert_parallel{1, 4096};
inline constexpr IntegerLimit virtual_stages{1, 256};
inline constexpr IntegerLimit micro_batch{1, 1'000'000};
// Parameters per data-parallel communication bucket (Megatron DDP bucket_size; 40M by default).
inline constexpr IntegerLimit dp_bucket_params{1'000, 1'000'000'000'000};
inline constexpr IntegerLimit zero_stage{0, 3};
inline constexpr IntegerLimit gpus{1, 10'000'000};
// Model shapes.
inline constexpr IntegerLimit layers{1, 100'000};
inline constexpr IntegerLimit hidden{1, 1 << 20};
inline constexpr IntegerLimit heads{1, 1 << 16};
inline constexpr IntegerLimit head_dim{1, 1 << 16};
inline constexpr IntegerLimit ffn{1, 1 << 24};
inline constexpr IntegerLimit vocab{1, 1 << 24};
inline constexpr IntegerLimit experts{1, 1 << 16};
inline constexpr IntegerLimit sm_count{1, 4096};  // streaming multiprocessors / compute units of one accelerator
// Busiest expert rank's routed tokens over the mean: at most every token on one rank of a 64-way EP group.
inline constexpr double expert_imbalance_max = 64;
// Token-dropping capacity factor: each expert keeps at most this many times its mean rows (beyond 64 nothing drops
// at any EP degree the model accepts).
inline constexpr double expert_capacity_factor_max = 64;
// Share of HBM an accelerator keeps free for the allocator: beyond half, no training plan is worth modelling.
inline constexpr double memory_headroom_max = 0.5;
// Sequences, batches and requests.
inline constexpr IntegerLimit seq_len{1, 100'000'000};
inline constexpr IntegerLimit global_batch_sequences{1, 1'000'000'000};
inline constexpr IntegerLimit request_tokens{1, 1'000'000};    // prompt or output length of one request
inline constexpr IntegerLimit serving_requests{1, 1'000'000'000};  // simulated requests (drawn lazily)
// Requests held all at once from the start: an offline batch, trace rows, an inference validation case.
inline constexpr IntegerLimit materialized_requests{1, 2'000'000};
inline constexpr IntegerLimit serving_replicas{1, 100'000};
inline constexpr IntegerLimit serving_routers{1, 100'000};  // independent router groups (ServingDeployment)
inline constexpr IntegerLimit batch_sequences{1, 1'000'000};
inline constexpr IntegerLimit batch_tokens{1, 10'000'000};
// Fleet tenants (fleet_scenario.h Tenant): how many share a fleet, and their priority ranks (1 first).
inline constexpr IntegerLimit tenants{1, 1000};
inline constexpr IntegerLimit tenant_priority{1, 1000};
inline constexpr IntegerLimit speculative_tokens{1, 16};     // draft tokens proposed per sequence per iteration
inline constexpr IntegerLimit prefix_groups{1, 1'000'000};   // distinct shared prompts of a workload
inline constexpr IntegerLimit conversation_turns{1, 10'000}; // requests per conversation
}  // namespace limits

// Bounds of fleet-level inputs that are not whole numbers (docs/fleet.md).
namespace fleet_limits {
// A tenant's demand per quarter, in GPUs or output tokens per day: far above any fleet, far below overflow.
inline constexpr double max_tenant_demand = 1e18;
// A milestone's recorded value, in W, GPUs or USD (an exawatt fleet or a quintillion dollars is beyond any record).
inline constexpr double max_milestone_value = 1e18;
}  // namespace fleet_limits

// Simulation bounds of the serving simulator (docs/scenario.md "Limits").
namespace serving_limits {
inline constexpr double max_simulated_seconds = 30.0 * 24 * 3600;  // 30 days of simulated time
inline constexpr int64_t max_events = 10'000'000'000;              // arrivals, iterations and KV transfers
inline constexpr int64_t max_live_requests = 10'000'000;           // arrived and not yet finished, at once
inline constexpr int64_t max_time_series_samples = 100'000;        // samples kept; the interval widens beyond
inline constexpr double max_burstiness = 100;                      // coefficient of variation of gamma arrivals
inline constexpr double max_zipf_exponent = 10;                    // popularity skew of shared prompts
}  // namespace serving_limits

// "must be a whole number between 1 and 1024, got '0'" when `value` is outside `limit` (or not whole, or not
// finite); nullopt when it is inside. `text` is the value as written, for the message.
std::optional<std::string> integer_limit_violation(double value, const IntegerLimit& limit, const std::string& text);
// The same check for an integer already parsed.
std::optional<std::string> integer_limit_violation(int64_t value, const IntegerLimit& limit);

}  // namespace stargate
