// The jobs layer (include/stargate/jobs/): each job refuses a scenario without the section it needs with an error
// on that field and the scenario's file, and returns the same figures as the layers it composes.
#include <gtest/gtest.h>

#include <functional>
#include <ostream>
#include <string>

#include "stargate/jobs/fleet_job.h"
#include "stargate/jobs/search_job.h"
#include "stargate/jobs/serve_job.h"
#include "stargate/jobs/train_job.h"
#include "stargate/jobs/validate_job.h"
#include "stargate/net/cluster_collectives.h"

namespace stargate {
namespace {

constexpr const char* kTraining = R"(cluster: {accelerator: h100-sxm, node: dgx-h100, fabric: infiniband-ndr, gpus: 64}
model: llama3.1-8b
training:
  seq_len: 8192
  global_batch: 2Mi tokens
  plan: {tp: 2, pp: 1, dp: 32, micro_batch: 1, recompute: none}
)";
constexpr const char* kNoSections = "cluster: {accelerator: h100-sxm, node: dgx-h100, gpus: 8}\nmodel: llama3.1-8b\n";

Scenario scenario(const char* text) { return parse_scenario(text, "job.yaml").value(); }

struct MissingSectionCase {
  std::string name;
  std::function<Error(const Scenario&)> run;
  std::string field;
};
void PrintTo(const MissingSectionCase& c, std::ostream* os) { *os << c.name << " (expects " << c.field << ")"; }

class JobWithoutItsSection : public testing::TestWithParam<MissingSectionCase> {};

TEST_P(JobWithoutItsSection, IsAnErrorOnThatFieldInTheScenarioFile) {
  const Error e = GetParam().run(scenario(kNoSections));
  EXPECT_EQ(e.kind, ErrorKind::invalid_input);
  EXPECT_EQ(e.field, GetParam().field);
  EXPECT_EQ(e.location.file, "job.yaml");
}

INSTANTIATE_TEST_SUITE_P(
    Jobs, JobWithoutItsSection,
    testing::Values(
        MissingSectionCase{"train", [](const Scenario& s) { return run_train_job(s).error(); }, "training"},
        MissingSectionCase{"search", [](const Scenario& s) { return run_training_search(s, {}).error(); }, "training"},
        MissingSectionCase{"serve", [](const Scenario& s) { return run_serve_job(s).error(); }, "serving"},
        MissingSectionCase{"capacity", [](const Scenario& s) { return run_capacity_job(s, {}).error(); }, "serving"},
        MissingSectionCase{"deployments", [](const Scenario& s) { return run_deployment_search_job(s, {}).error(); },
                           "serving"}),
    [](const testing::TestParamInfo<MissingSectionCase>& info) { return info.param.name; });

TEST(TrainJob, EstimatesTheScenarioPlanAsTheStepModelDoes) {
  const Scenario s = scenario(kTraining);
  const TrainJobResult run = run_train_job(s).value();
  const KernelCostModel kernels = KernelCostModel::for_device(s.cluster.accelerator);
  const auto net = make_cluster_collectives(s.cluster);
  const TrainingEstimate direct = estimate_training_step(s.model, s.cluster, *s.training, kernels, *net);
  EXPECT_EQ(run.estimate.step_seconds, direct.step_seconds);
  EXPECT_FALSE(run.completion.has_value());
  EXPECT_EQ(run.job.plan.tp, 2);
}

TEST(TrainingSearchJob, RanksTheBestFirstAndEstimatesEachWinner) {
  const TrainingSearchOutcome o = run_training_search(scenario(kTraining), {.top = 3}).value();
  ASSERT_EQ(o.result.best.size(), 3u);
  ASSERT_EQ(o.best_estimates.size(), 3u);
  EXPECT_LE(o.result.best[0].score.step_seconds, o.result.best[1].score.step_seconds);
  EXPECT_EQ(o.best_estimates[0].step_seconds, o.result.best[0].score.step_seconds);
  EXPECT_GE(o.reference_rank, 1u);
}

TEST(TrainingSearchJob, ObjectiveNamesAreTheCommandLines) {
  EXPECT_EQ(search_objective_named("mfu"), SearchObjective::step_time);
  EXPECT_EQ(search_objective_named("cost"), SearchObjective::cost);
  EXPECT_EQ(search_objective_named("energy"), SearchObjective::energy);
  EXPECT_FALSE(search_objective_named("speed").has_value());
}

TEST(FleetJob, TextErrorsNameTheGivenFile) {
  const Result<FleetPlan> plan = run_fleet_job("fleet: {bogus: 1}\n", "fleet.json", {});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().location.file, "fleet.json");
}

TEST(FleetJob, AMalformedVaryIsAnError) {
  EXPECT_FALSE(run_fleet_file_job("", {"sites.*.pue"}).ok());
}

TEST(ValidateJob, ATextThatIsNotAValidationFileIsAnErrorOnCases) {
  const CaseResults r = validate_text(kTraining, "job.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "cases");
  EXPECT_EQ(r.error().location.file, "job.yaml");
}

}  // namespace
}  // namespace stargate
