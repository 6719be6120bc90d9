// The shared value limits: quantities past their dimension's bound or not finite are refused, integers are
// checked before narrowing, inputs are read only from regular files of bounded size.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "stargate/core/units.h"
#include "stargate/core/value_limits.h"
#include "core/yaml_map.h"

#include "parameter_name.h"

namespace stargate {
namespace {

struct OverBound {
  const char* text;
  Dimension dimension;
};

std::string_view label(const OverBound& c) { return c.text; }
void PrintTo(const OverBound& c, std::ostream* out) { *out << '"' << c.text << '"'; }

class QuantityPastItsBound : public testing::TestWithParam<OverBound> {};

TEST_P(QuantityPastItsBound, IsRefusedWithTheBound) {
  Result<double> r = parse_quantity(GetParam().text, GetParam().dimension);
  ASSERT_FALSE(r.ok()) << GetParam().text;
  EXPECT_NE(r.error().message.find("beyond the largest accepted"), std::string::npos) << r.error().message;
}

INSTANTIATE_TEST_SUITE_P(Units, QuantityPastItsBound,
                         testing::Values(OverBound{"1e308T", Dimension::count}, OverBound{"1e308PiB", Dimension::bytes},
                                         OverBound{"1e300y", Dimension::time}, OverBound{"2000y", Dimension::time},
                                         OverBound{"1e308EFLOP/s", Dimension::flop_rate},
                                         OverBound{"$1e308T", Dimension::usd}, OverBound{"1e20GW", Dimension::power},
                                         OverBound{"1e308Tb/s", Dimension::bandwidth}),
                         test_names::ParameterName{});

TEST(Units, BoundsLeaveRoomForEveryRealQuantity) {
  EXPECT_TRUE(parse_quantity("3.8e25FLOP", Dimension::flops).ok());
  EXPECT_TRUE(parse_quantity("15.6T", Dimension::count).ok());
  EXPECT_TRUE(parse_quantity("$500B", Dimension::usd).ok());
  EXPECT_TRUE(parse_quantity("10y", Dimension::time).ok());
  EXPECT_TRUE(parse_quantity("5GW", Dimension::power).ok());
}

TEST(IntegerLimit, RefusesOutsideNonWholeAndNonFinite) {
  const IntegerLimit tp = limits::tensor_parallel;
  EXPECT_FALSE(integer_limit_violation(8.0, tp, "8"));
  EXPECT_TRUE(integer_limit_violation(0.0, tp, "0"));
  EXPECT_TRUE(integer_limit_violation(2.5, tp, "2.5"));
  EXPECT_TRUE(integer_limit_violation(4294967297.0, tp, "4294967297"));
  EXPECT_TRUE(integer_limit_violation(std::nan(""), tp, "nan"));
  EXPECT_TRUE(integer_limit_violation(int64_t{-1}, tp));
}

YamlValue scalar(const std::string& text) {
  YamlDocument doc = parse_yaml_document("v: " + text + "\n", "t.yaml");
  return YamlValue(doc.root["v"], doc.file, "v");
}

TEST(YamlInteger, TwoToTheSixtyThirdIsRefusedBeforeNarrowing) {
  EXPECT_THROW(scalar("9223372036854775808").as_integer(0, INT64_MAX), InputError);
  EXPECT_EQ(scalar("9007199254740992").as_integer(0, INT64_MAX), 9007199254740992LL);
}

TEST(YamlQuantity, PositiveQuantityRefusesZero) {
  EXPECT_THROW(scalar("0GB/s").as_positive_quantity(Dimension::bandwidth), InputError);
  EXPECT_DOUBLE_EQ(scalar("1GB/s").as_positive_quantity(Dimension::bandwidth), 1e9);
}

TEST(ReadTextFile, RefusesDevicesDirectoriesAndOversizedFilesBeforeReading) {
  for (const char* path : {"/dev/zero", "/dev/urandom", "/tmp"}) {
    try {
      read_text_file(path);
      ADD_FAILURE() << path;
    } catch (const InputError& e) {
      EXPECT_NE(e.error().message.find("not a regular file"), std::string::npos) << e.error().message;
    }
  }
  const std::string big = testing::TempDir() + "/stargate-big.yaml";
  std::ofstream(big) << std::string((16u << 20) + 1, '#');
  EXPECT_THROW(read_text_file(big), InputError);
  std::filesystem::remove(big);
}

}  // namespace
}  // namespace stargate
