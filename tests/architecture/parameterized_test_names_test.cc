// Every parameterized test is named after its case, not its index, and prints its parameter readably (never
// GoogleTest's "N-byte object <hex>" dump): INSTANTIATE_TEST_SUITE_P(..., test_names::ParameterName{}) in tests/.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "parameter_name.h"

namespace stargate {
namespace {

TEST(ParameterizedTestNames, EveryRegisteredCaseHasAReadableNameAndValue) {
  const testing::UnitTest& unit = *testing::UnitTest::GetInstance();
  int parameterized = 0;
  for (int s = 0; s < unit.total_test_suite_count(); ++s) {
    const testing::TestSuite& suite = *unit.GetTestSuite(s);
    for (int t = 0; t < suite.total_test_count(); ++t) {
      const testing::TestInfo& test = *suite.GetTestInfo(t);
      if (test.value_param() == nullptr) continue;
      ++parameterized;
      const std::string name = test.name();
      const std::string suffix = name.substr(name.rfind('/') + 1);
      EXPECT_FALSE(std::all_of(suffix.begin(), suffix.end(), [](unsigned char c) { return std::isdigit(c); }))
          << suite.name() << "." << name << " is named by its index: give INSTANTIATE_TEST_SUITE_P a name generator";
      EXPECT_EQ(std::string(test.value_param()).find("-byte object"), std::string::npos)
          << suite.name() << "." << name << " prints its parameter as bytes: give the struct a PrintTo";
    }
  }
  EXPECT_GT(parameterized, 0);  // the check above ran on something
}

TEST(ParameterizedTestNames, ParameterNameKeepsNumbersAndSignsReadable) {
  struct Case {
    const char* text;
    const char* expected;
  };
  for (const Case& c : {Case{"1.2GW", "1p2GW"}, Case{"-1,10,10", "minus1_10_10"}, Case{"$2.10/h", "usd2p10_per_h"},
                        Case{"plan-stargate-default", "plan_stargate_default"}, Case{"", "empty"},
                        Case{"80 GiB/s", "80_GiB_per_s"}, Case{"training.seq_len", "training_seq_len"}}) {
    EXPECT_EQ(test_names::parameter_name(c.text), c.expected) << c.text;
  }
}

}  // namespace
}  // namespace stargate
