#pragma once
// Finance primitives shared by every price in the tool ($/GPU-hour for serve and search, the fleet's quarterly
// money in plan): annuity capital recovery, straight-line depreciation and metered energy. Rates are per year,
// lives and periods in seconds (a year is 365 days), power in watts, energy prices in USD per joule.
namespace stargate {

inline constexpr double kSecondsPerYear = 365.0 * 86400.0;

// Capital recovery factor: the annual payment that repays 1 USD over `years` at annual `rate` (an annuity);
// 1/years at a zero rate, 0 for a non-positive life.
double capital_recovery_factor(double rate, double years);

// The capital charge for `period_seconds` of an asset bought for `capex_usd`: capex × CRF(rate, life) ×
// period / year.
double capital_charge_usd(double capex_usd, double rate, double life_seconds, double period_seconds);

// Straight-line depreciation of `capex_usd` over `life_seconds`, for one period of `period_seconds`.
double straight_line_depreciation_usd(double capex_usd, double life_seconds, double period_seconds);

// Average draw at the meter: IT watts × average utilization × PUE.
double metered_watts(double it_watts, double power_utilization, double pue);

// Energy bill for drawing `watts` at the meter for `seconds`, at `usd_per_joule`.
double energy_cost_usd(double watts, double seconds, double usd_per_joule);

}  // namespace stargate
