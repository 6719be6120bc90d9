// `serve` reports the prefix cache (text line, JSON object, HTML headline figure) exactly when prefix caching was
// on, with the simulation's numbers.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "report_pages_test_support.h"
#include "stargate/report/serving_html.h"
#include "stargate/report/serving_report.h"
#include "stargate/scenario/scenario.h"

namespace stargate {
namespace {

ServingResult with_prefix_cache() {
  ServingResult r;
  r.prefix_hit_tokens = 750;
  r.prefix_queried_tokens = 1000;
  r.prefix_evicted_blocks = 12;
  r.prefix_hit_rate = 0.75;
  return r;
}

TEST(PrefixCacheReport, TextAndJsonGiveTheHitRateOnlyWhenPrefixCachingWasOn) {
  const ServingResult on = with_prefix_cache();
  EXPECT_NE(serving_to_text(on).find("prefix cache     75.0% of prompt tokens found cached (750 of 1000); 12 blocks"),
            std::string::npos);
  const nlohmann::json j = nlohmann::json::parse(serving_to_json(on));
  EXPECT_DOUBLE_EQ(j["prefix_cache"]["hit_rate_tokens"].get<double>(), 0.75);
  EXPECT_EQ(j["prefix_cache"]["hit_tokens"], 750);
  EXPECT_EQ(j["prefix_cache"]["queried_tokens"], 1000);
  EXPECT_EQ(j["prefix_cache"]["evicted_blocks"], 12);
  const ServingResult off;
  EXPECT_EQ(serving_to_text(off).find("prefix cache"), std::string::npos);
  EXPECT_FALSE(nlohmann::json::parse(serving_to_json(off)).contains("prefix_cache"));
}

TEST(PrefixCacheReport, HtmlHeadlineHasTheHitRate) {
  Result<Scenario> loaded =
      load_scenario_file(std::string(STARGATE_SOURCE_DIR) + "/tests/data/report/serve-small-llama8b.yaml");
  ASSERT_TRUE(loaded.ok());
  const auto figures =
      testing_report::headline_figures(serving_html_report(loaded.value(), with_prefix_cache(), std::nullopt, "none"));
  EXPECT_EQ(figures.at("prefix_cache.hit_rate_tokens"), 0.75);
}

}  // namespace
}  // namespace stargate
