#pragma once
// Checkpoint interval and goodput of a job that fails at a mean interval M (DESIGN.md "Reliability";
// facts/datacenter.yaml young_interval, daly_interval, goodput_first_order). Times in seconds.
#include "stargate/reliability/failure_rates.h"

namespace stargate {

// Young 1974: T = √(2·δ·M). δ = time to write one checkpoint, M = mean time between interruptions.
double young_interval_seconds(double checkpoint_seconds, double mtbf_seconds);
// Daly 2006: T = √(2δM)·[1 + ⅓·√(δ/2M) + δ/(18M)] − δ for δ < 2M, else M.
double daly_interval_seconds(double checkpoint_seconds, double mtbf_seconds);

// First-order goodput (share of wall time that advances training):
//   1 − δ/T − (T/2 + R)/M, clamped to [0, 1]; R = restart cost per interruption.
double goodput_fraction(double checkpoint_seconds, double interval_seconds, double restart_seconds,
                        double mtbf_seconds);

struct ReliabilityOptions {
  FailureRates rates = default_failure_rates();
  double checkpoint_seconds = 60;  // δ; see checkpoint_write_seconds()
  // R: detect, replace or drain the node, reload the last checkpoint and re-warm. facts/datacenter.yaml
  // megascale: "recovery within ~15 min of latest checkpoint".
  double restart_seconds = 15 * 60;
};

struct ReliabilityEstimate {
  InterruptionRate rate;
  double mtbf_seconds = 0;
  double interruptions_per_day = 0;
  double checkpoint_seconds = 0;  // δ used
  double restart_seconds = 0;     // R used
  double interval_seconds = 0;  // Daly's optimum
  double goodput = 1;           // at that interval
  double checkpoint_overhead = 0;  // δ/T
  double lost_work = 0;            // (T/2)/M
  double restart_overhead = 0;     // R/M
};

ReliabilityEstimate estimate_reliability(const ClusterComposition& composition, const ReliabilityOptions& options);

// δ for a model of `params` parameters with bf16 weights and fp32 Adam states (2 + 12 bytes per parameter)
// written in parallel at `write_bytes_per_s` aggregate storage bandwidth.
double checkpoint_write_seconds(double params, double write_bytes_per_s);

// Meta's storage for Llama 3 (facts/datacenter.yaml storage_share notes): "Tectonic 240 PB ... 2 TB/s
// sustained" — the default aggregate checkpoint bandwidth.
inline constexpr double kLlama3StorageBytesPerS = 2e12;

}  // namespace stargate
