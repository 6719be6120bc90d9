// The `fleet:` YAML reader is strict: unknown keys, missing units and bad quarters name file:line and field.
#include <gtest/gtest.h>

#include <string>

#include "stargate/fleet/fleet_scenario.h"

namespace stargate {
namespace {

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(FleetScenario, Quarter_RoundTrips) {
  EXPECT_EQ(quarter_name(*parse_quarter("2025Q3")), "2025Q3");
  EXPECT_EQ(*parse_quarter("2026Q1") - *parse_quarter("2025Q4"), 1);
  EXPECT_FALSE(parse_quarter("2025Q5"));
  EXPECT_FALSE(parse_quarter("25Q1"));
}

TEST(FleetScenario, Builtin_ParsesWithCitedValues) {
  Result<FleetScenario> s = default_fleet_scenario();
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  EXPECT_DOUBLE_EQ(s.value().budget_total_usd, 500e9);
  EXPECT_EQ(s.value().sites.front().name, "abilene");
  EXPECT_NEAR(s.value().sites.front().capex_per_watt, 11.7, 1e-9);
  EXPECT_FALSE(s.value().supply.hbm.back().qualified_from.has_value());  // Samsung not qualified
}

struct BadCase {
  const char* name;
  const char* from;
  const char* to;
  const char* expect;  // substring of the error
};

TEST(FleetScenario, Errors_NameTheFieldAndLine) {
  const BadCase cases[] = {
      {"unknown key", "    pue: 1.2                      # energy", "    puee: 1.2 #", "sites"},
      {"missing unit", "capex_per_mw: $11.7M\n      construction_lead_time: 1y\n      energy_price: $0.066/kWh",
       "capex_per_mw: 11.7\n      construction_lead_time: 1y\n      energy_price: $0.066/kWh", "capex_per_mw"},
      {"bad quarter", "start: 2025Q1", "start: 2025Q7", "start"},
      {"unknown model", "model: llama3.1-405b", "model: llama9", "llama9"},
      {"over budget", "total: $500B", "total: $100B", "tranches"},
  };
  const std::string text(default_fleet_scenario_text());
  for (const BadCase& c : cases) {
    SCOPED_TRACE(c.name);
    Result<FleetScenario> r = parse_fleet_scenario(replaced(text, c.from, c.to), "s.yaml");
    ASSERT_FALSE(r.ok());
    const std::string message = r.error().to_string();
    EXPECT_NE(message.find(c.expect), std::string::npos) << message;
    EXPECT_NE(message.find("s.yaml:"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace stargate

namespace stargate {
namespace {

TEST(FleetScenario, ExampleFiles_LoadFromDisk) {
  for (const char* name : {"stargate.yaml", "fleet-samsung-qualified.yaml"}) {
    Result<FleetScenario> s = load_fleet_scenario_file(std::string(STARGATE_SOURCE_DIR) + "/data/scenarios/" + name);
    EXPECT_TRUE(s.ok()) << name << ": " << (s.ok() ? "" : s.error().to_string());
  }
  EXPECT_FALSE(load_fleet_scenario_file("/nonexistent/fleet.yaml").ok());
}

}  // namespace
}  // namespace stargate
