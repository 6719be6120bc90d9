#include "output_figures.h"

#include <array>
#include <cmath>
#include <string_view>

namespace stargate::cli {
namespace {

// Field names that hold signed quantities (differences against a reference, changes, log-scale values).
bool may_be_negative(const std::string& key) {
  static constexpr std::array<std::string_view, 10> kSigned = {"error", "delta", "change", "diff", "vs_", "gain",
                                                              "sensitivity", "offset", "slope", "correlation"};
  for (std::string_view word : kSigned) {
    if (key.find(word) != std::string::npos) return true;
  }
  return false;
}

Status check(const nlohmann::json& value, const std::string& path, bool signed_field) {
  if (value.is_number_float()) {
    const double x = value.get<double>();
    if (!std::isfinite(x) || (x < 0 && !signed_field)) {
      return Error{ErrorKind::internal,
                   "result figure " + path + " is " + value.dump() + (std::isfinite(x) ? "" : " (not finite)") +
                       "; refusing to print it",
                   "", {}};
    }
  } else if (value.is_number_integer() && !signed_field && value.get<int64_t>() < 0) {
    return Error{ErrorKind::internal, "result figure " + path + " is negative; refusing to print it", "", {}};
  } else if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      if (Status s = check(item, path + "." + key, signed_field || may_be_negative(key)); !s.ok()) return s;
    }
  } else if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i) {
      if (Status s = check(value[i], path + "[" + std::to_string(i) + "]", signed_field); !s.ok()) return s;
    }
  }
  return Status::success();
}

}  // namespace

Status check_output_figures(const nlohmann::json& result) { return check(result, "result", false); }

Status check_output_figures(const std::string& json_document) {
  return check_output_figures(nlohmann::json::parse(json_document));
}

std::string json_text(const nlohmann::json& value, int indent) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace stargate::cli
