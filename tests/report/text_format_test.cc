// The shared number formats and Markdown pieces of report/ (src/report/text_format.h).
#include <gtest/gtest.h>

#include "report/text_format.h"

namespace stargate::report_detail {
namespace {

TEST(TextFormat, PercentHasOneDecimalAndOptionalSign) {
  struct Case {
    double fraction;
    bool sign;
    const char* expected;
  };
  for (const Case& c : {Case{0.123, false, "12.3%"}, Case{0.123, true, "+12.3%"}, Case{-0.05, true, "-5.0%"},
                        Case{0, false, "0.0%"}, Case{1.5, false, "150.0%"}}) {
    EXPECT_EQ(percent(c.fraction, c.sign), c.expected) << c.fraction;
  }
}

TEST(TextFormat, ShareOfIsFiveWideAndEmptyWithoutAWhole) {
  EXPECT_EQ(share_of(1, 4), " 25.0%");
  EXPECT_EQ(share_of(4, 4), "100.0%");
  EXPECT_EQ(share_of(1, 0), "");
  EXPECT_EQ(share_of(1, -1), "");
}

TEST(TextFormat, SignificantKeepsFourDigits) {
  EXPECT_EQ(significant(123456), "1.235e+05");
  EXPECT_EQ(significant(1.23456), "1.235");
  EXPECT_EQ(significant(0.5), "0.5");
}

TEST(TextFormat, MoneyUsesTheLargestUnitThatFits) {
  struct Case {
    double usd;
    const char* expected;
  };
  for (const Case& c : {Case{1.5e9, "$1.5B"}, Case{2e7, "$20.0M"}, Case{1e6, "$1.0M"}, Case{999999, "$999999"},
                        Case{950, "$950"}}) {
    EXPECT_EQ(money(c.usd), c.expected) << c.usd;
  }
}

TEST(TextFormat, ThousandsGroupsIntegerDigitsByThree) {
  struct Case {
    double value;
    int decimals;
    const char* expected;
  };
  for (const Case& c : {Case{0, 0, "0"}, Case{999, 0, "999"}, Case{1000, 0, "1,000"}, Case{1314864, 0, "1,314,864"},
                        Case{3287.25, 1, "3,287.2"}, Case{999.96, 1, "1,000.0"}, Case{-1234, 0, "-1,234"},
                        Case{-0.01, 1, "0.0"}, Case{0.806, 3, "0.806"}, Case{123456789012.0, 0, "123,456,789,012"}}) {
    EXPECT_EQ(thousands(c.value, c.decimals), c.expected) << c.value;
  }
}

TEST(TextFormat, MagnitudeUsesWordSuffixesAndNeverPrintfExponents) {
  struct Case {
    double value;
    const char* expected;
  };
  for (const Case& c : {Case{0, "0"}, Case{950, "950"}, Case{999.6, "1 k"}, Case{12345, "12.3 k"},
                        Case{66.3e6, "66.3 M"}, Case{5.76e9, "5.76 B"}, Case{1.15e14, "115 T"},
                        Case{999.9e12, "1e15"}, Case{3.8e26, "3.8e26"}, Case{-2.5e9, "-2.5 B"}, Case{0.5, "0.5"}}) {
    EXPECT_EQ(magnitude(c.value), c.expected) << c.value;
    EXPECT_EQ(magnitude(c.value).find("e+"), std::string::npos) << c.value;
  }
}

TEST(TextFormat, MarkdownCellReplacesPipesAndNewlines) {
  EXPECT_EQ(markdown_cell("a|b\nc"), "a/b c");
  EXPECT_EQ(markdown_cell(""), "");
}

TEST(TextFormat, MarkdownRowPadsEveryCellAndHeaderAddsTheRule) {
  EXPECT_EQ(markdown_row({"a", "b"}), "| a | b |\n");
  EXPECT_EQ(markdown_row({"a", ""}), "| a |  |\n");  // an empty cell keeps its padding
  EXPECT_EQ(markdown_header({"x", "y", "z"}), "| x | y | z |\n|---|---|---|\n");
}

}  // namespace
}  // namespace stargate::report_detail
