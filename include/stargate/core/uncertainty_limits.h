#pragma once
// Value limits of uncertain fleet inputs and Monte Carlo runs (docs/fleet.md "Uncertainty"), beside
// value_limits.h (kept apart only so that adding them did not rebuild every reader).
#include "stargate/core/value_limits.h"

namespace stargate {

namespace limits {
inline constexpr IntegerLimit monte_carlo_draws{1, 1'000'000};  // `--monte-carlo N`
}  // namespace limits

namespace uncertainty_limits {
// Largest log-space standard deviation of a lognormal input: p90/p10 = e^(2·1.2816·3) ≈ 2,200.
inline constexpr double max_lognormal_sigma = 3.0;
}  // namespace uncertainty_limits

}  // namespace stargate
