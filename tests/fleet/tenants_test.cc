// Tenants share installed GPUs by guaranteed share, then priority: small cases derived by hand.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "stargate/fleet/fleet_plan.h"
#include "stargate/fleet/tenants.h"

namespace stargate {
namespace {

struct AllocationCase {
  const char* name;
  double capacity;
  std::vector<TenantClaim> claims;
  std::vector<double> expected;
};

TEST(Tenants, AllocateCapacity_SharesThenPriorityThenProportional) {
  const AllocationCase cases[] = {
      // Enough for everyone: each gets its demand.
      {"enough", 100, {{.priority = 1, .demand_gpus = 30}, {.priority = 2, .demand_gpus = 50}}, {30, 50}},
      // Priority 1 first (80), priority 2 the rest (20 of 50).
      {"priority order", 100, {{.priority = 1, .demand_gpus = 80}, {.priority = 2, .demand_gpus = 50}}, {80, 20}},
      // Same with the listing order reversed: priority, not order, decides.
      {"priority not order", 100, {{.priority = 2, .demand_gpus = 50}, {.priority = 1, .demand_gpus = 80}}, {20, 80}},
      // Tenant 2 is guaranteed 40% (40 GPUs); tenant 1 gets the other 60 of its 80.
      {"guaranteed share", 100,
       {{.priority = 1, .demand_gpus = 80}, {.priority = 2, .share = 0.4, .demand_gpus = 50}}, {60, 40}},
      // A share above the demand is capped at the demand (10); the rest goes by priority.
      {"share capped by demand", 100,
       {{.priority = 1, .demand_gpus = 95}, {.priority = 2, .share = 0.5, .demand_gpus = 10}}, {90, 10}},
      // Equal priority, 60 GPUs for 40 + 80 demand: in proportion, 20 and 40.
      {"equal priority proportional", 60, {{.priority = 1, .demand_gpus = 40}, {.priority = 1, .demand_gpus = 80}},
       {20, 40}},
      {"no capacity", 0, {{.priority = 1, .share = 0.5, .demand_gpus = 40}}, {0}},
      {"no demand", 100, {{.priority = 1, .demand_gpus = 0}}, {0}},
  };
  for (const AllocationCase& c : cases) {
    SCOPED_TRACE(c.name);
    const std::vector<double> given = allocate_capacity(c.capacity, c.claims);
    ASSERT_EQ(given.size(), c.expected.size());
    for (size_t i = 0; i < given.size(); ++i) EXPECT_NEAR(given[i], c.expected[i], 1e-9) << i;
  }
}

// A fleet of 100 GPUs in 2025Q1 and 200 in 2025Q2 serving 1,000 tokens/day per GPU; built by hand.
struct HandFleet {
  FleetScenario scenario;
  FleetResult result;
  FleetDelivery delivery;
};

HandFleet hand_fleet(std::vector<Tenant> tenants) {
  HandFleet f;
  f.scenario.tenants = std::move(tenants);
  const double gpus[] = {100, 200};
  for (int i = 0; i < 2; ++i) {
    f.result.quarters.push_back({.quarter = make_quarter(2025, 1 + i), .gpus_installed = gpus[i]});
    f.delivery.quarters.push_back({.tokens_per_day = gpus[i] * 1000});
  }
  return f;
}

TEST(Tenants, Allocation_TrainingBeforeServing_ShortWhenCapacityRunsOut) {
  const Tenant training{.name = "train", .kind = Tenant::Kind::training, .priority = 1,
                        .demand = {.steps = {{make_quarter(2025, 1), 80}}}};
  // Serving 60,000 tokens/day = 60 GPUs at 1,000 tokens/day per GPU.
  const Tenant serving{.name = "api", .kind = Tenant::Kind::serving, .priority = 2,
                       .demand = {.steps = {{make_quarter(2025, 1), 60000}}}};
  const HandFleet f = hand_fleet({training, serving});
  const TenantAllocation a = allocate_tenants(f.scenario, f.result, f.delivery);
  ASSERT_EQ(a.tenants.size(), 2u);
  // 2025Q1: 100 GPUs: training 80, serving the other 20 (20,000 tokens/day): short.
  EXPECT_DOUBLE_EQ(a.tenants[0].quarters[0].allocated_gpus, 80);
  EXPECT_NEAR(a.tenants[1].quarters[0].demand_gpus, 60, 1e-9);
  EXPECT_NEAR(a.tenants[1].quarters[0].allocated_tokens_per_day, 20000, 1e-6);
  EXPECT_TRUE(a.tenants[1].quarters[0].short_of_demand);
  // 2025Q2: 200 GPUs cover both.
  EXPECT_FALSE(a.tenants[1].quarters[1].short_of_demand);
  EXPECT_EQ(a.tenants[0].quarters_short, 0);
  EXPECT_EQ(a.tenants[1].quarters_short, 1);
  EXPECT_EQ(a.tenants[1].first_short.value_or(0), make_quarter(2025, 1));
}

TEST(Tenants, ServingWithoutGpus_IsShort) {
  const Tenant serving{.name = "api", .kind = Tenant::Kind::serving, .demand = {.steps = {{make_quarter(2025, 1), 5}}}};
  HandFleet f = hand_fleet({serving});
  f.result.quarters[0].gpus_installed = 0;
  f.delivery.quarters[0].tokens_per_day = 0;
  const TenantAllocation a = allocate_tenants(f.scenario, f.result, f.delivery);
  EXPECT_TRUE(a.tenants[0].quarters[0].short_of_demand);
  EXPECT_DOUBLE_EQ(a.tenants[0].quarters[0].allocated_tokens_per_day, 0);
}

std::string shipped(const std::string& path) {
  std::ifstream in(std::string(STARGATE_SOURCE_DIR) + "/" + path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

constexpr const char* kTenants = R"(
  tenants:
    - {name: frontier, kind: training, priority: 1, share: 0.5, demand: [{from: 2025Q3, gpus: 100K}]}
    - {name: partner-api, kind: serving, priority: 2, demand: [{from: 2026Q1, tokens_per_day: 140B}]}
)";

TEST(Tenants, Reader_ReadsTenantsAndPlanAllocates) {
  Result<FleetScenario> s = parse_fleet_scenario(shipped("data/scenarios/fleet-samsung-qualified.yaml") + kTenants, "t.yaml");
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  ASSERT_EQ(s.value().tenants.size(), 2u);
  EXPECT_DOUBLE_EQ(s.value().tenants[1].demand.at(make_quarter(2026, 1)), 140e9);
  const FleetPlan plan = make_fleet_plan(std::move(s.value()));
  ASSERT_TRUE(plan.tenants.has_value());
  for (size_t q = 0; q < plan.result.quarters.size(); ++q) {
    double given = 0;
    for (const TenantResult& t : plan.tenants->tenants) given += t.quarters[q].allocated_gpus;
    EXPECT_LE(given, plan.result.quarters[q].gpus_installed * (1 + 1e-12)) << q;
  }
}

TEST(Tenants, Reader_ErrorsNameTheField) {
  const std::pair<const char*, const char*> cases[] = {
      {"    - {name: a, kind: training, priority: 1, share: 0.7, demand: [{from: 2025Q1, gpus: 1}]}\n"
       "    - {name: b, kind: training, priority: 1, share: 0.7, demand: [{from: 2025Q1, gpus: 1}]}\n", "shares"},
      {"    - {name: a, kind: training, priority: 1, demand: [{from: 2025Q1, gpus: 1}]}\n"
       "    - {name: a, kind: training, priority: 1, demand: [{from: 2025Q1, gpus: 1}]}\n", "duplicate"},
      {"    - {name: a, kind: batch, priority: 1, demand: [{from: 2025Q1, gpus: 1}]}\n", "kind"},
      {"    - {name: a, kind: training, priority: 0, demand: [{from: 2025Q1, gpus: 1}]}\n", "priority"},
      {"    - {name: a, kind: serving, priority: 1, demand: [{from: 2025Q1, gpus: 1}]}\n", "tokens_per_day"},
      {"    - {name: a, kind: training, priority: 1, demand: [{from: 2025Q1, gpus: -1}]}\n", "gpus"},
      {"    - {name: a, kind: training, priority: 1, demand: [{from: 2025Q9, gpus: 1}]}\n", "from"},
      {"    - {name: a, kind: training, priority: 1, demand: []}\n", "demand"},
      {"    - {name: a, kind: training, priority: 1, share: 2, demand: [{from: 2025Q1, gpus: 1}]}\n", "share"},
  };
  const std::string base = shipped("data/scenarios/fleet-samsung-qualified.yaml") + "\n  tenants:\n";
  for (const auto& [tenants, expect] : cases) {
    SCOPED_TRACE(expect);
    Result<FleetScenario> s = parse_fleet_scenario(base + tenants, "t.yaml");
    ASSERT_FALSE(s.ok());
    const std::string message = s.error().to_string();
    EXPECT_NE(message.find(expect), std::string::npos) << message;
    EXPECT_NE(message.find("t.yaml:"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace stargate
