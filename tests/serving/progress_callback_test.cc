// Progress of long work (core/progress.h): the simulator, the sensitivity runs and the validation files report
// `done` never decreasing and never above `total`, and end with everything done.
#include <gtest/gtest.h>

#include <vector>

#include "stargate/catalog/catalog.h"
#include "stargate/core/embedded_files.h"
#include "stargate/fleet/fleet_plan.h"
#include "stargate/fleet/sensitivity.h"
#include "stargate/serving/simulator.h"
#include "stargate/validation/case_result.h"
#include "stargate/workload/model_catalog.h"

namespace stargate {
namespace {

struct Call {
  size_t done, total;
};

// The calls a piece of work made, checked for the contract.
class ProgressLog {
 public:
  ProgressCallback callback() {
    return [this](size_t done, size_t total) { calls_.push_back({done, total}); };
  }
  const std::vector<Call>& calls() const { return calls_; }
  void expect_monotone_within_total() const {
    for (size_t i = 0; i < calls_.size(); ++i) {
      EXPECT_LE(calls_[i].done, calls_[i].total) << "call " << i;
      EXPECT_EQ(calls_[i].total, calls_.front().total) << "call " << i;
      if (i > 0) {
        EXPECT_GE(calls_[i].done, calls_[i - 1].done) << "call " << i;
      }
    }
  }

 private:
  std::vector<Call> calls_;
};

Cluster h100() {
  Cluster c;
  c.accelerator = *Catalog::builtin().find_accelerator("h100-sxm");
  c.node = *Catalog::builtin().find_node("dgx-h100");
  c.fabric = *Catalog::builtin().find_fabric("infiniband-ndr");
  c.gpus = 1;
  return c;
}

TEST(ProgressCallback, SimulatorReportsRequestsDoneMonotoneAndEndsWithAllOfThem) {
  ServingConfig c;
  c.workload.rate = 20;
  c.workload.requests = 8000;
  c.workload.input = {LengthDistribution::Kind::fixed, 256, 0, 1, 1e9};
  c.workload.output = {LengthDistribution::Kind::fixed, 64, 0, 1, 1e9};
  ProgressLog log;
  SimulationOptions options;
  options.progress = log.callback();
  Result<ServingResult> r = simulate_serving(*ModelCatalog::builtin().find("llama3.1-8b"), h100(), c, options);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_GE(r.value().events, 2 * kSimulationProgressEvents);  // long enough for reports along the way
  ASSERT_GE(log.calls().size(), 3u);
  log.expect_monotone_within_total();
  EXPECT_EQ(log.calls().front().total, 8000u);
  EXPECT_EQ(log.calls().back().done, static_cast<size_t>(r.value().completed + r.value().rejected));
  EXPECT_EQ(log.calls().back().done, 8000u);
}

TEST(ProgressCallback, SensitivityReportsEachFleetRunOutOfOnePlusTwoPerVary) {
  ProgressLog log;
  Result<Tornado> t = run_sensitivity(default_fleet_scenario_text(), "stargate.yaml",
                                      {{"finance.cost_of_capital", "0.08", "0.15"}, {"sites.*.pue", "1.1", "1.4"}},
                                      log.callback());
  ASSERT_TRUE(t.ok()) << t.error().to_string();
  ASSERT_EQ(log.calls().size(), 5u);
  log.expect_monotone_within_total();
  for (size_t i = 0; i < 5; ++i) EXPECT_EQ(log.calls()[i].done, i + 1);
  EXPECT_EQ(log.calls().back().total, 5u);
}

TEST(ProgressCallback, ValidationReportsEachCaseOfTheFile) {
  const std::optional<std::string_view> text = embedded_file("validation/training.yaml");
  ASSERT_TRUE(text.has_value());
  ProgressLog log;
  CaseResults r = validate_training_cases(std::string(*text), "training.yaml", log.callback());
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(log.calls().size(), r.value().size());
  log.expect_monotone_within_total();
  EXPECT_EQ(log.calls().back().done, r.value().size());
  EXPECT_EQ(log.calls().back().total, r.value().size());
}

}  // namespace
}  // namespace stargate
