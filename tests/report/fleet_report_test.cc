// The `stargate plan` text: headers with units, thousands separators, a legend, readable magnitudes, and a
// headline that counts the generations the table shows (src/report/fleet_report.cc).
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "stargate/report/fleet_report.h"

namespace stargate {
namespace {

FleetPlan default_plan() {
  Result<FleetScenario> s = default_fleet_scenario();
  EXPECT_TRUE(s.ok());
  return make_fleet_plan(s.value());
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(FleetText, HeadersCarryUnitsAndNoAbbreviatedWords) {
  const std::string text = fleet_to_text(default_plan());
  for (const char* header : {"GPUs", "installed", "EFLOP/s", "IT MW", "energized", "grid MW", "binding limit",
                             "$/GPU-h", "run GPUs", "days", "tokens"}) {
    EXPECT_NE(text.find(header), std::string::npos) << header;
  }
  EXPECT_EQ(text.find("energzd"), std::string::npos);
  EXPECT_EQ(text.find(" EF/s"), std::string::npos);
}

TEST(FleetText, LegendSaysWhatGridMwItMwAndLargestMean) {
  const std::string text = fleet_to_text(default_plan());
  EXPECT_NE(text.find("grid MW: average draw at the meter"), std::string::npos) << text;
  EXPECT_NE(text.find("IT MW installed: nameplate"), std::string::npos);
  EXPECT_NE(text.find("largest run GPUs: the biggest single-site"), std::string::npos);
}

TEST(FleetText, GenerationNamesAreWholeAndTheHeadlineCountsWhatTheTableShows) {
  const FleetPlan plan = default_plan();
  const std::string text = fleet_to_text(plan);
  std::set<std::string> bought;
  for (const FleetQuarter& q : plan.result.quarters) {
    if (q.generation >= 0 && q.gpus_bought > 0) bought.insert(plan.scenario.generations[q.generation].name);
  }
  ASSERT_GE(bought.size(), 2u);
  for (const std::string& name : bought) EXPECT_NE(text.find(" " + name + " "), std::string::npos) << name;
  EXPECT_NE(text.find(std::to_string(plan.scenario.generations.size()) + " generations offered, " +
                      std::to_string(bought.size()) + " installed"),
            std::string::npos)
      << lines_of(text)[1];
}

TEST(FleetText, LargeNumbersHaveThousandsSeparatorsAndNoPrintfExponents) {
  const std::string text = fleet_to_text(default_plan());
  EXPECT_EQ(text.find("e+"), std::string::npos) << text;
  std::smatch unseparated;
  EXPECT_FALSE(std::regex_search(text, unseparated, std::regex("[0-9]{5,}"))) << unseparated.str();
  EXPECT_NE(text.find("1,3"), std::string::npos);  // the 2028Q4 fleet has over a million GPUs
  EXPECT_NE(text.find(" B users"), std::string::npos);
}

}  // namespace
}  // namespace stargate
