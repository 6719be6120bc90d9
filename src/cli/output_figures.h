#pragma once
// The output boundary: before a result is printed, every figure in it is checked (finite everywhere,
// non-negative unless the field is a signed difference such as an error or a delta), and JSON is written with
// invalid UTF-8 in names replaced rather than refused. A failed check is an internal error (exit 1) naming the
// field: a bug upstream, reported loudly, never clamped.
#include <nlohmann/json.hpp>
#include <string>

#include "stargate/core/result.h"

namespace stargate::cli {

// The first figure of `result` that is NaN, infinite, or negative where it is physical; success when none.
Status check_output_figures(const nlohmann::json& result);
// The same check on a rendered JSON document (report/ returns text).
Status check_output_figures(const std::string& json_document);
// `value` as JSON text (indent 2, or compact with indent -1); invalid UTF-8 becomes U+FFFD.
std::string json_text(const nlohmann::json& value, int indent = 2);

}  // namespace stargate::cli
