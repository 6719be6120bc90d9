#include "stargate/reliability/goodput.h"

#include <algorithm>
#include <cmath>

namespace stargate {

double young_interval_seconds(double checkpoint_seconds, double mtbf_seconds) {
  if (!(checkpoint_seconds > 0) || !(mtbf_seconds > 0)) return mtbf_seconds;
  return std::sqrt(2.0 * checkpoint_seconds * mtbf_seconds);
}

double daly_interval_seconds(double checkpoint_seconds, double mtbf_seconds) {
  const double d = checkpoint_seconds, m = mtbf_seconds;
  if (!(d > 0) || !(m > 0)) return m;
  if (d >= 2.0 * m) return m;
  return std::sqrt(2.0 * d * m) * (1.0 + std::sqrt(d / (2.0 * m)) / 3.0 + d / (18.0 * m)) - d;
}

double goodput_fraction(double checkpoint_seconds, double interval_seconds, double restart_seconds,
                        double mtbf_seconds) {
  if (!(interval_seconds > 0)) return 0;
  double g = 1.0 - checkpoint_seconds / interval_seconds;
  if (std::isfinite(mtbf_seconds) && mtbf_seconds > 0) g -= (interval_seconds / 2.0 + restart_seconds) / mtbf_seconds;
  return std::clamp(g, 0.0, 1.0);
}

ReliabilityEstimate estimate_reliability(const ClusterComposition& composition, const ReliabilityOptions& options) {
  ReliabilityEstimate e;
  e.rate = interruption_rate(options.rates, composition);
  e.checkpoint_seconds = options.checkpoint_seconds;
  e.restart_seconds = options.restart_seconds;
  const double per_hour = e.rate.total_per_hour();
  e.interruptions_per_day = per_hour * 24.0;
  if (!(per_hour > 0)) {
    e.mtbf_seconds = INFINITY;
    e.interval_seconds = INFINITY;
    e.goodput = 1.0;
    return e;
  }
  e.mtbf_seconds = 3600.0 / per_hour;
  e.interval_seconds = daly_interval_seconds(options.checkpoint_seconds, e.mtbf_seconds);
  e.checkpoint_overhead = options.checkpoint_seconds / e.interval_seconds;
  e.lost_work = e.interval_seconds / 2.0 / e.mtbf_seconds;
  e.restart_overhead = options.restart_seconds / e.mtbf_seconds;
  e.goodput =
      goodput_fraction(options.checkpoint_seconds, e.interval_seconds, options.restart_seconds, e.mtbf_seconds);
  return e;
}

double checkpoint_write_seconds(double params, double write_bytes_per_s) {
  if (!(write_bytes_per_s > 0)) return 0;
  return params * (2.0 + 12.0) / write_bytes_per_s;
}

}  // namespace stargate
