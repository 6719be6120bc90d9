// Suggestions for a misspelled or partial name: prefix and family first, then the closest typo fix.
#include "stargate/core/edit_distance.h"

#include <gtest/gtest.h>

namespace stargate {
namespace {

const std::vector<std::string> kCards = {"a100-sxm-80gb", "h100-sxm", "h100-96gb-500w", "h200", "h800", "b200"};

struct Suggestion {
  const char* name;
  const char* word;
  std::vector<std::string> expected;
};

std::ostream& operator<<(std::ostream& out, const Suggestion& s) { return out << s.name; }

class SuggestNamesPrefersPrefixThenFamilyThenTypo : public testing::TestWithParam<Suggestion> {};

TEST_P(SuggestNamesPrefersPrefixThenFamilyThenTypo, Suggests) {
  EXPECT_EQ(suggest_names(GetParam().word, kCards), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Words, SuggestNamesPrefersPrefixThenFamilyThenTypo,
    testing::Values(Suggestion{"prefix_over_closer_typo", "h100", {"h100-sxm", "h100-96gb-500w"}},
                    Suggestion{"family", "h100-pcie", {"h100-sxm", "h100-96gb-500w"}},
                    Suggestion{"typo_within_family", "h100-sxn", {"h100-sxm"}},
                    Suggestion{"typo", "h2OO", {"h200"}}, Suggestion{"nothing_plausible", "tpu-v5p", {}},
                    Suggestion{"empty_word", "", {}}),
    [](const testing::TestParamInfo<Suggestion>& info) { return std::string(info.param.name); });

TEST(QuotedAlternatives, JoinsWithCommasAndOr) {
  EXPECT_EQ(quoted_alternatives({"a"}), "'a'");
  EXPECT_EQ(quoted_alternatives({"a", "b", "c"}), "'a', 'b' or 'c'");
}

}  // namespace
}  // namespace stargate
