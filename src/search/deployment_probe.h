#pragma once
// Per-candidate work of the deployment search (private to search/): memory pruning, the unit's serving config,
// and the SLO probes that size a candidate (see stargate/search/deployment_search.h).
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "stargate/search/deployment_search.h"

namespace stargate::deployment_probe {

// The scenario's config turned into `units` units of `candidate` (pools, batch limits, pipeline stages) under a
// Poisson (or the scenario's gamma) load of `rate` requests/s and `requests` requests; a trace becomes normal length
// distributions with the trace's mean, stdev, min and max. `decode_hardware`: the decode pool's own hardware
// (mixed hardware, candidate.decode_accelerator); the prefill pool runs on the cluster simulated.
ServingConfig unit_config(const ServingConfig& base, const DeploymentCandidate& candidate, int units, double rate,
                          int64_t requests, const std::optional<PoolHardware>& decode_hardware = std::nullopt);
// weights_exceed_hbm, no_kv_space or none, without simulating: on `cluster`, and on `decode_cluster` too when
// given (mixed hardware).
DeploymentReject memory_check(const ModelSpec& model, const Cluster& cluster, const ServingConfig& base,
                              const DeploymentCandidate& candidate, const Cluster* decode_cluster = nullptr);

// What one simulated run of one unit gave (all zero before a run, or when it failed).
struct UnitRunFigures {
  double p99_ttft = 0, p99_tpot = 0, mean_tpot = 0;  // seconds
  double slo_attainment = 0;                          // share of requests meeting every SLO
};

// One candidate's probes: whether n units meet the SLOs at the demand rate (memoized per n).
class UnitProbe {
 public:
  UnitProbe(const ModelSpec& model, const Cluster& cluster, const ServingConfig& base,
            const DeploymentCandidate& candidate, double demand, int probe_requests,
            std::optional<PoolHardware> decode_hardware = std::nullopt);
  bool meets_rate(double rate_per_unit);
  bool meets_units(int units) { return meets_rate(demand_ / units); }
  // Fewest units in [1, max_units] that meet the SLOs; 0 when even max_units miss. With `bounded`, meets at
  // max_units is tested first (one simulation prunes a candidate that cannot beat the bound).
  int fewest_units(int max_units, bool bounded);
  // Short probes miss a queue that builds slowly (a large KV cache fills over minutes): `units` confirmed by a run
  // of `requests` requests per unit, adding a unit while it fails; 0 when more than max_units would be needed.
  int confirmed_units(int units, int max_units, int requests);
  // Highest rate per unit meeting the SLOs in runs of `requests` requests, between demand/units (meets) and
  // demand/(units−1).
  double max_rate(int units, int requests);
  size_t simulations() const { return simulations_; }
  // The latest simulation's figures: after confirmed_units() > 0, those of the run that confirmed the size.
  const UnitRunFigures& last_run() const { return last_run_; }

 private:
  bool simulate(double rate_per_unit, int requests);

  const ModelSpec& model_;
  const Cluster& cluster_;
  const ServingConfig& base_;
  DeploymentCandidate candidate_;
  std::optional<PoolHardware> decode_hardware_;
  double demand_;
  int probe_;
  size_t simulations_ = 0;
  std::vector<std::pair<double, bool>> memo_;
  UnitRunFigures last_run_;
};

}  // namespace stargate::deployment_probe
