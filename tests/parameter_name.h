#pragma once
// Readable names for parameterized tests. GoogleTest names a parameter by its index and prints a struct
// parameter as a hex dump of its bytes; INSTANTIATE_TEST_SUITE_P(..., ParameterName{}) names each case after its
// text instead. GoogleTest accepts only [A-Za-z0-9_] in names, so other characters become words or '_':
// "1.2GW" → "1p2GW", "-1,10,10" → "minus1_10_10", "$2.10/h" → "usd2p10_per_h", "plan-x.json" → "plan_x_json",
// "2048" → "value2048", "" → "empty".
// Checked by tests/architecture/parameterized_test_names_test.cc.
#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <string_view>

namespace stargate::test_names {

inline std::string parameter_name(std::string_view text) {
  auto digit_at = [&](size_t i) { return i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); };
  std::string name;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool starts_a_number = i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1]));
    if (std::isalnum(static_cast<unsigned char>(c))) {
      name += c;
    } else if (c == '.' && i > 0 && digit_at(i - 1) && digit_at(i + 1)) {
      name += 'p';
    } else if (c == '-' && starts_a_number && digit_at(i + 1)) {
      name += "minus";
    } else if (c == '+') {
      name += "plus";
    } else if (c == '$') {
      name += "usd";
    } else if (c == '/') {
      name += "_per_";
    } else if (name.empty() || name.back() != '_') {
      name += '_';
    }
  }
  if (name.empty()) return "empty";
  // A bare number reads as an index in test output: "2048" → "value2048".
  return name.find_first_not_of("0123456789") == std::string::npos ? "value" + name : name;
}

// The name generator: a parameter's name is parameter_name(label(param)), where label is found by overload
// resolution: a const char* or std::string is its own label; a struct gives one by a `label` function in its
// namespace (found by argument-dependent lookup).
inline std::string_view label(const char* text) { return text; }
inline std::string_view label(const std::string& text) { return text; }

struct ParameterName {
  template <class Param>
  std::string operator()(const testing::TestParamInfo<Param>& info) const {
    using stargate::test_names::label;
    return parameter_name(label(info.param));
  }
};

}  // namespace stargate::test_names
