// Trace CSV rows are three fields (a finite arrival within the simulated-span limit and whole token counts within
// the request-length limit) and up to three optional prefix fields (prefix_tokens a whole number within the
// prompt); anything else is an error at its line.
#include <gtest/gtest.h>

#include "scenario/serving_reader.h"

#include "parameter_name.h"

namespace stargate {
namespace {

class BadTraceRow : public testing::TestWithParam<const char*> {};

TEST_P(BadTraceRow, IsAnErrorAtItsLine) {
  try {
    parse_trace_csv(std::string("arrival_s,input_tokens,output_tokens\n0,10,10\n") + GetParam() + "\n", "t.csv");
    ADD_FAILURE() << GetParam();
  } catch (const InputError& e) {
    EXPECT_EQ(e.error().location.line, 3) << GetParam();
  }
}

INSTANTIATE_TEST_SUITE_P(TraceCsv, BadTraceRow,
                         testing::Values("1e308,10,10", "nan,10,10", "-1,10,10", "0,10", "0,10,10,a,11", "0,10,10,a,-1",
                                         "0,10,10,a,1.5", "0,10,10,a,8,s,x", "0,10,10xyz",
                                         "0,10.5,10", "0,0,10", "0,10,0", "0,99999999999999999999,10",
                                         "0,2000000,10"),
                         test_names::ParameterName{});

TEST(TraceCsv, AcceptsHeaderCommentsCrlfAndSpaces) {
  const auto rows = parse_trace_csv("arrival_s,input_tokens,output_tokens\r\n# c\n0.5, 512 ,64\r\n", "t.csv");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_DOUBLE_EQ(rows[0].arrival, 0.5);
  EXPECT_EQ(rows[0].input_tokens, 512);
  EXPECT_EQ(rows[0].output_tokens, 64);
}

}  // namespace
}  // namespace stargate
