// Finance primitives against hand-computed annuity, depreciation and energy cases.
#include <gtest/gtest.h>

#include "stargate/cost/finance.h"

namespace stargate {
namespace {

TEST(Finance, CapitalRecoveryFactor_MatchesTheAnnuityFormula) {
  // 0.10 / (1 - 1.1^-5) = 0.2637974808; zero rate: straight 1/years; no life: nothing to repay.
  EXPECT_NEAR(capital_recovery_factor(0.10, 5), 0.2637974808, 1e-9);
  EXPECT_DOUBLE_EQ(capital_recovery_factor(0.0, 4), 0.25);
  EXPECT_DOUBLE_EQ(capital_recovery_factor(0.10, 0), 0.0);
}

TEST(Finance, CapitalCharge_IsTheAnnuityPaymentScaledToThePeriod) {
  // $100,000 at 10% over 5 years: $26,379.75 a year; a quarter is a fourth of that; an hour 1/8760.
  const double life = 5 * kSecondsPerYear;
  EXPECT_NEAR(capital_charge_usd(100000, 0.10, life, kSecondsPerYear), 26379.748079, 1e-5);
  EXPECT_NEAR(capital_charge_usd(100000, 0.10, life, kSecondsPerYear / 4), 26379.748079 / 4, 1e-5);
  EXPECT_NEAR(capital_charge_usd(100000, 0.10, life, 3600), 26379.748079 / 8760, 1e-9);
}

TEST(Finance, StraightLineDepreciation_SpreadsCapexEvenlyOverTheLife) {
  EXPECT_DOUBLE_EQ(straight_line_depreciation_usd(100000, 5 * kSecondsPerYear, kSecondsPerYear), 20000);
  EXPECT_DOUBLE_EQ(straight_line_depreciation_usd(100000, 0, kSecondsPerYear), 0);
}

TEST(Finance, EnergyCost_IsMeteredPowerTimesTimeTimesPrice) {
  // 1 kW IT at 80% utilization and PUE 1.25 draws 1 kW at the meter: 1 kWh in an hour at $0.08/kWh.
  const double meter = metered_watts(1000, 0.8, 1.25);
  EXPECT_DOUBLE_EQ(meter, 1000);
  EXPECT_NEAR(energy_cost_usd(meter, 3600, 0.08 / 3.6e6), 0.08, 1e-12);
}

}  // namespace
}  // namespace stargate
