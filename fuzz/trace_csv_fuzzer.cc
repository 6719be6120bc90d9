// libFuzzer target over the serving trace CSV reader: any byte string must give rows or an input error, never a
// crash, hang or sanitizer report. Build with -DSTARGATE_FUZZ=ON (clang); CI runs it for a bounded time.
#include <cstddef>
#include <cstdint>
#include <string>

#include "scenario/serving_reader.h"
#include "stargate/core/value_limits.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    for (const stargate::TraceRow& row : stargate::parse_trace_csv(text, "fuzz.csv")) {
      // Every accepted row is within the documented limits.
      if (!(row.arrival >= 0 && row.arrival <= stargate::serving_limits::max_simulated_seconds) ||
          row.input_tokens < 1 || row.output_tokens < 1) {
        __builtin_trap();
      }
    }
  } catch (const stargate::InputError&) {
  }
  return 0;
}
