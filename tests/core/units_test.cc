#include "stargate/core/units.h"

#include <gtest/gtest.h>

#include "parameter_name.h"

namespace stargate {
namespace {

struct ParseCase {
  const char* text;
  Dimension dimension;
  double expected;
};

std::string_view label(const ParseCase& c) { return c.text; }
void PrintTo(const ParseCase& c, std::ostream* out) { *out << '"' << c.text << '"'; }

class ParseQuantity : public testing::TestWithParam<ParseCase> {};

TEST_P(ParseQuantity, GivesSiBaseUnits) {
  const ParseCase& c = GetParam();
  Result<double> r = parse_quantity(c.text, c.dimension);
  ASSERT_TRUE(r.ok()) << c.text << ": " << r.error().to_string();
  EXPECT_NEAR(r.value(), c.expected, std::abs(c.expected) * 1e-12) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Units, ParseQuantity,
    testing::Values(ParseCase{"700W", Dimension::power, 700}, ParseCase{"1.2GW", Dimension::power, 1.2e9},
                    ParseCase{"10.2 kW", Dimension::power, 10200}, ParseCase{"80GiB", Dimension::bytes, 80.0 * (1ull << 30)},
                    ParseCase{"141GB", Dimension::bytes, 141e9}, ParseCase{"3.35TB/s", Dimension::bandwidth, 3.35e12},
                    ParseCase{"400Gb/s", Dimension::bandwidth, 50e9}, ParseCase{"989TFLOP/s", Dimension::flop_rate, 989e12},
                    ParseCase{"1979 TFLOPS", Dimension::flop_rate, 1979e12}, ParseCase{"3.8e25FLOP", Dimension::flops, 3.8e25},
                    ParseCase{"2.5us", Dimension::time, 2.5e-6}, ParseCase{"54d", Dimension::time, 54 * 86400.0},
                    ParseCase{"90min", Dimension::time, 5400}, ParseCase{"$2.10/h", Dimension::usd_per_hour, 2.10},
                    ParseCase{"$500B", Dimension::usd, 500e9}, ParseCase{"$25k", Dimension::usd, 25000},
                    ParseCase{"$0.08/kWh", Dimension::usd_per_kwh, 0.08}, ParseCase{"$80/MWh", Dimension::usd_per_kwh, 0.08},
                    ParseCase{"15.6T", Dimension::count, 15.6e12}, ParseCase{"16Mi", Dimension::count, 16.0 * 1048576},
                    ParseCase{"2048", Dimension::count, 2048}, ParseCase{"5MWh", Dimension::energy, 1.8e10}),
    test_names::ParameterName{});

struct BadCase {
  const char* text;
  Dimension dimension;
  const char* message_part;
};

std::string_view label(const BadCase& c) { return c.text; }
void PrintTo(const BadCase& c, std::ostream* out) { *out << '"' << c.text << '"'; }

class RejectQuantity : public testing::TestWithParam<BadCase> {};

TEST_P(RejectQuantity, ExplainsWhatIsAccepted) {
  const BadCase& c = GetParam();
  Result<double> r = parse_quantity(c.text, c.dimension);
  ASSERT_FALSE(r.ok()) << c.text;
  EXPECT_NE(r.error().message.find(c.message_part), std::string::npos) << r.error().message;
}

INSTANTIATE_TEST_SUITE_P(Units, RejectQuantity,
                         testing::Values(BadCase{"700", Dimension::power, "missing unit"},
                                         BadCase{"700 V", Dimension::power, "unknown unit 'V'"},
                                         BadCase{"80 GiB/s", Dimension::bytes, "unknown unit"},
                                         BadCase{"", Dimension::time, "empty value"},
                                         BadCase{"fast", Dimension::bandwidth, "no number"},
                                         BadCase{"2.10/h", Dimension::usd_per_hour, "missing '$'"},
                                         BadCase{"$2.10", Dimension::usd_per_hour, "missing unit"},
                                         BadCase{"1e999W", Dimension::power, "no number"}),
                         test_names::ParameterName{});

TEST(FormatQuantity, ChoosesReadablePrefix) {
  EXPECT_EQ(format_quantity(700, Dimension::power), "700 W");
  EXPECT_EQ(format_quantity(1.2e9, Dimension::power), "1.2 GW");
  EXPECT_EQ(format_quantity(80.0 * (1ull << 30), Dimension::bytes), "80 GiB");
  EXPECT_EQ(format_quantity(3.35e12, Dimension::bandwidth), "3.35 TB/s");
  EXPECT_EQ(format_quantity(989.4e12, Dimension::flop_rate), "989 TFLOP/s");
  EXPECT_EQ(format_quantity(2.5e-6, Dimension::time), "2.5 us");
  EXPECT_EQ(format_quantity(54 * 86400.0, Dimension::time), "54 d");
  EXPECT_EQ(format_quantity(2.1, Dimension::usd_per_hour), "$2.10/h");
  EXPECT_EQ(format_quantity(500e9, Dimension::usd), "$500B");
  EXPECT_EQ(format_quantity(15.6e12, Dimension::count), "15.6T");
}

TEST(FormatQuantity, RoundTripsThroughParse) {
  for (double v : {1.0, 37.5, 700.0, 1.2e9, 3.35e12}) {
    for (Dimension d : {Dimension::power, Dimension::bandwidth, Dimension::flop_rate, Dimension::count}) {
      Result<double> back = parse_quantity(format_quantity(v, d), d);
      ASSERT_TRUE(back.ok()) << format_quantity(v, d);
      EXPECT_NEAR(back.value(), v, v * 0.01) << format_quantity(v, d);
    }
  }
}

}  // namespace
}  // namespace stargate
