#pragma once
// Capacity planning: the fewest GPUs, and the cheapest deployment, per accelerator type that serve a demand
// (the scenario's request rate and length distributions) within its SLOs.
//
// Method: for each accelerator and each TP degree that fits (divides the heads, ≤ a node), find by bisection the
// highest request rate one replica sustains with slo.attainment of its requests meeting every SLO (simulated with
// the scenario's scheduler and workload shape); replicas = ceil(demand / that rate). Assumes the router spreads
// load evenly, so replicas scale linearly (a documented simplification; simulate the chosen deployment to check).
#include <string>
#include <vector>

#include "stargate/catalog/cluster.h"
#include "stargate/core/result.h"
#include "stargate/serving/serving_config.h"
#include "stargate/workload/model.h"

namespace stargate {

struct CapacityOption {
  std::string accelerator;
  int tp = 1;
  double max_rate_per_replica = 0;  // requests/s meeting the SLOs on one replica
  int replicas = 0, gpus = 0;
  double usd_per_hour = 0;
  double usd_per_million_output_tokens = 0;  // at the demand rate
  bool feasible = false;
  std::string reason;  // why not feasible
};

struct CapacityPlan {
  double demand_rate = 0;  // requests/s
  std::vector<CapacityOption> options;   // every (accelerator, tp) tried
  std::vector<CapacityOption> fewest;    // per accelerator: fewest GPUs
  std::vector<CapacityOption> cheapest;  // per accelerator: lowest $/hour
};

struct CapacityOptions {
  std::vector<std::string> accelerators;  // catalog ids; empty = every accelerator with a node preset
  int probe_requests = 800;                // requests simulated per probe
};

// The demand of a workload in requests/s: the rate (poisson, gamma) or a trace's mean rate; an Error otherwise.
Result<double> serving_demand_rate(const ServingWorkload& workload);

// `base` with each catalog accelerator that has a node preset (its first one), in catalog order; `ids` empty =
// all of them, else only those ids.
std::vector<Cluster> serving_clusters(const Cluster& base, const std::vector<std::string>& ids);

Result<CapacityPlan> plan_capacity(const ModelSpec& model, const Cluster& cluster, const ServingConfig& config,
                                   const CapacityOptions& options = {});

}  // namespace stargate
