// The plan search page of `stargate report --search`: self-contained, the top plans table and chart, the
// step-time and cost vs GPU-count front, figures equal to the search result's.
#include <gtest/gtest.h>

#include <algorithm>

#include "report_pages_test_support.h"
#include "stargate/report/search_html.h"

namespace stargate {
namespace {

struct Searched {
  Scenario scenario;
  SearchResult result;
  std::vector<GpuCountBest> front;
};

Searched search(size_t top) {
  Result<Scenario> loaded =
      load_scenario_file(std::string(STARGATE_SOURCE_DIR) + "/data/scenarios/gpt3-175b-512-a100.yaml");
  EXPECT_TRUE(loaded.ok());
  Searched s{.scenario = loaded.value(), .result = {}, .front = {}};
  SearchOptions options;
  options.top_k = top;
  s.result = search_job_plans(s.scenario.model, s.scenario.cluster, *s.scenario.training, options);
  s.front = best_plan_by_gpu_count(s.scenario.model, s.scenario.cluster, *s.scenario.training, options,
                                   front_gpu_counts(s.scenario.cluster));
  return s;
}

TEST(SearchHtml, SelfContainedWithTopPlansAndTheGpuCountFront) {
  const Searched s = search(5);
  const std::string html = search_html_report(s.scenario, s.result, ReferencePlan{}, "step-time", s.front);
  EXPECT_EQ(testing_report::expect_self_contained_page(html),
            (std::vector<std::string>{"top", "front", "front-cost"}));
  EXPECT_NE(html.find("<h2>Top plans</h2>"), std::string::npos);
  EXPECT_NE(html.find("data-chart=\"top\" data-points=\"5\""), std::string::npos);
  EXPECT_NE(html.find("not scored"), std::string::npos);  // the empty reference says so
}

TEST(SearchHtml, BestPlanFiguresAreTheSearchResult) {
  const Searched s = search(3);
  const auto figures =
      testing_report::headline_figures(search_html_report(s.scenario, s.result, ReferencePlan{}, "step-time", s.front));
  EXPECT_EQ(figures.at("best.step_seconds"), s.result.best.front().score.step_seconds);
  EXPECT_EQ(figures.at("best.mfu"), s.result.best.front().score.mfu);
  EXPECT_EQ(figures.at("stats.scored"), double(s.result.stats.scored));
}

TEST(SearchHtml, FrontIsTheBestPlanPerGpuCountAndTheOwnCountMatchesTheSearch) {
  const Searched s = search(1);
  ASSERT_GE(s.front.size(), 3u);
  const auto own = std::find_if(s.front.begin(), s.front.end(),
                                [&](const GpuCountBest& p) { return p.gpus == s.scenario.cluster.gpus; });
  ASSERT_NE(own, s.front.end());
  ASSERT_TRUE(own->found);
  EXPECT_EQ(own->best.score.step_seconds, s.result.best.front().score.step_seconds);
  for (const GpuCountBest& p : s.front) {
    EXPECT_EQ(p.gpus % s.scenario.cluster.node.gpus_per_node, 0) << p.gpus;
    if (p.found) {
      EXPECT_EQ(p.best.plan.tp * p.best.plan.pp * p.best.plan.dp * p.best.plan.cp, p.gpus);
      EXPECT_GT(p.usd_per_step, 0);
    }
  }
}

TEST(SearchHtml, FrontCountsHalveToOneNodeAndDoubleOnce) {
  Cluster c;
  c.gpus = 512;
  c.node.gpus_per_node = 8;
  EXPECT_EQ(front_gpu_counts(c), (std::vector<int>{32, 64, 128, 256, 512, 1024}));
  c.gpus = 16;
  EXPECT_EQ(front_gpu_counts(c), (std::vector<int>{8, 16, 32}));
  c.gpus = 8;
  EXPECT_EQ(front_gpu_counts(c), (std::vector<int>{8, 16}));
}

}  // namespace
}  // namespace stargate
