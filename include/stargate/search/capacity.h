#pragma once
// Capacity planning: the fewest GPUs, and the cheapest deployment, per accelerator type that serve a demand
// (the scenario's request rate and length distributions) within its SLOs.
//
// Method: for each accelerator and each TP degree that fits (divides the heads, ≤ a node), find by
// grow-then-bisect (bisection.h) the highest request rate one replica sustains with slo.attainment of its
// requests meeting every SLO (simulated with the scenario's scheduler and workload shape); replicas =
// ceil(demand / that rate). Assumes the router spreads
// load evenly, so replicas scale linearly (a documented simplification; simulate the chosen deployment to check).
#include <optional>
#include <string>
#include <vector>

#include "stargate/catalog/cluster.h"
#include "stargate/core/result.h"
#include "stargate/search/serving_space.h"
#include "stargate/serving/serving_config.h"
#include "stargate/workload/model.h"

namespace stargate {

struct CapacityOption {
  std::string role;  // "" (an aggregated replica), or "prefill" / "decode" (a disaggregated pool's replica)
  std::string accelerator;
  int tp = 1;
  double max_rate_per_replica = 0;  // requests/s meeting the SLOs on one replica
  int replicas = 0, gpus = 0;
  double usd_per_hour = 0;
  double usd_per_million_output_tokens = 0;  // at the demand rate
  bool feasible = false;
  std::string reason;  // why not feasible
};

// A disaggregated scenario's pools sized apart, each on its own accelerator (DistServe, Zhong et al., OSDI 2024,
// §4.1: the prefill and decode instances are sized independently and replicated to the demand). The prefill pool
// is probed with one-token outputs (its requests finish on it: only TTFT counts, against slo.ttft); the decode
// pool behind the cheapest prefill option, with ceil(rate / that option's rate per replica) prefill replicas,
// against slo.tpot and slo.e2e. Each pool's replicas = ceil(demand / its rate per replica); the deployment is
// the cheapest prefill option with the cheapest decode option (on different accelerators: mixed hardware).
// Assumes the two pools' SLO misses do not compound (a documented simplification; simulate the pair to check).
struct DisaggregatedCapacity {
  std::vector<CapacityOption> options;  // every (pool, accelerator, tp) tried, prefill first
  CapacityOption prefill, decode;       // the cheapest feasible of each (feasible false when none)
  int gpus = 0;
  double usd_per_hour = 0, usd_per_million_output_tokens = 0;  // both pools, at the demand rate
};

struct CapacityPlan {
  double demand_rate = 0;  // requests/s
  std::vector<CapacityOption> options;   // every (accelerator, tp) tried
  std::vector<CapacityOption> fewest;    // per accelerator: fewest GPUs
  std::vector<CapacityOption> cheapest;  // per accelerator: lowest $/hour
  std::optional<DisaggregatedCapacity> disaggregated;  // a disaggregated scenario's pools sized apart
};

struct CapacityOptions {
  std::vector<std::string> accelerators;  // catalog ids; empty = every accelerator with a node preset
  const Catalog* catalog = nullptr;       // the presets tried; null = only the scenario's own accelerator
  int probe_requests = 800;                // requests simulated per probe
};

Result<CapacityPlan> plan_capacity(const ModelSpec& model, const Cluster& cluster, const ServingConfig& config,
                                   const CapacityOptions& options = {});

}  // namespace stargate
