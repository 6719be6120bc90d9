#pragma once
// Internal to report/: how a JSON document becomes text. nlohmann::json stays inside src/report/; the public
// report functions return std::string.
#include <nlohmann/json.hpp>
#include <string>

namespace stargate::report_detail {

// A document printed on stdout: indented by 2 spaces, ending in a newline.
// Invalid UTF-8 in a string (a name read from an input file) becomes U+FFFD instead of a thrown exception.
inline std::string indented_json(const nlohmann::json& document) {
  return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// Chrome trace events (Perfetto, chrome://tracing) as one compact line without a newline; timestamps of the
// events are in microseconds, displayed in milliseconds.
inline std::string chrome_trace_text(nlohmann::json events, nlohmann::json other_data = nullptr) {
  nlohmann::json trace = {{"traceEvents", std::move(events)}, {"displayTimeUnit", "ms"}};
  if (!other_data.is_null()) trace["otherData"] = std::move(other_data);
  return trace.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace stargate::report_detail
