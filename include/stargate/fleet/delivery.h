#pragma once
// What a simulated fleet delivers each quarter:
//  * training: the largest single-site, single-generation cluster (no cross-site training is modelled), the plan
//    chooser's fastest plan for the scenario's model on it, and the days that the scenario's N FLOPs take with
//    failures, checkpoints and restarts (reliability goodput);
//  * serving: decode tokens/s per GPU of each generation from the serving step-time model (kernel cost model):
//    the largest batch whose decode step meets the TPOT SLO and whose KV cache (context_tokens per sequence)
//    fits beside the weights in 90% of HBM. Prefill work is not counted (decode-only capacity, an upper bound);
//  * economics: $/GPU-hour from the fleet (capital charge + energy) and $/M output tokens at that capacity.
#include <string>
#include <vector>

#include "stargate/fleet/fleet_scenario.h"
#include "stargate/fleet/fleet_sim.h"

namespace stargate {

struct ServingRate {
  int batch = 0;                // concurrent sequences per replica
  double step_seconds = 0;      // decode step at that batch
  double tokens_per_s_per_gpu = 0;
  std::string limited_by;       // "tpot" or "kv-cache"
};

// Serving capacity of one generation for the scenario's serving workload.
ServingRate serving_rate(const Generation& generation, const FleetServingWorkload& workload);

struct QuarterDelivery {
  Quarter quarter = 0;
  // Training.
  int largest_cluster_gpus = 0;
  std::string largest_cluster_site;
  std::string largest_cluster_generation;
  int training_gpus_used = 0;
  std::string training_plan;  // plan summary, or why none fits
  double training_mfu = 0;
  double training_goodput = 0;
  double training_mtbf_hours = 0;
  double training_days = 0;   // for scenario.training.flops; 0 when no cluster
  // Serving.
  double tokens_per_day = 0;
  double concurrent_streams = 0;  // sequences decoding at the SLO, all GPUs serving
  double users = 0;               // tokens_per_day / tokens_per_user_per_day
  double usd_per_million_tokens = 0;
};

struct FleetDelivery {
  std::vector<QuarterDelivery> quarters;
  std::vector<ServingRate> serving_by_generation;
};

FleetDelivery fleet_delivery(const FleetScenario& scenario, const FleetResult& result);

}  // namespace stargate
