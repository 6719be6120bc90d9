#include "stargate/cost/finance.h"

#include <cmath>

namespace stargate {

double capital_recovery_factor(double rate, double years) {
  if (!(years > 0)) return 0;
  if (rate <= 1e-12) return 1.0 / years;
  return rate / (1.0 - std::pow(1.0 + rate, -years));
}

double capital_charge_usd(double capex_usd, double rate, double life_seconds, double period_seconds) {
  const double per_period = capital_recovery_factor(rate, life_seconds / kSecondsPerYear) *
                            (period_seconds / kSecondsPerYear);
  return capex_usd * per_period;
}

double straight_line_depreciation_usd(double capex_usd, double life_seconds, double period_seconds) {
  return life_seconds > 0 ? capex_usd / (life_seconds / period_seconds) : 0.0;
}

double metered_watts(double it_watts, double power_utilization, double pue) {
  return it_watts * power_utilization * pue;
}

double energy_cost_usd(double watts, double seconds, double usd_per_joule) { return watts * seconds * usd_per_joule; }

}  // namespace stargate
