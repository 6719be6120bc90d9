#pragma once
// Internal to report/: how a JSON document becomes text. nlohmann::json stays inside src/report/; the public
// report functions return std::string.
#include <nlohmann/json.hpp>
#include <string>

namespace stargate::report_detail {

// A document printed on stdout: indented by 2 spaces, ending in a newline.
inline std::string indented_json(const nlohmann::json& document) { return document.dump(2) + "\n"; }

// Chrome trace events (Perfetto, chrome://tracing) as one compact line without a newline; timestamps of the
// events are in microseconds, displayed in milliseconds.
inline std::string chrome_trace_text(nlohmann::json events, nlohmann::json other_data = nullptr) {
  nlohmann::json trace = {{"traceEvents", std::move(events)}, {"displayTimeUnit", "ms"}};
  if (!other_data.is_null()) trace["otherData"] = std::move(other_data);
  return trace.dump();
}

}  // namespace stargate::report_detail
