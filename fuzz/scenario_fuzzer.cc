// libFuzzer target over the scenario loader: any byte string must give a Scenario or an input Error, never a
// crash, hang or sanitizer report. Build with -DSTARGATE_FUZZ=ON (clang); CI runs it for a bounded time.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "stargate/scenario/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  stargate::Result<stargate::Scenario> r = stargate::parse_scenario(text, "fuzz.yaml");
  if (!r.ok() && r.error().kind != stargate::ErrorKind::invalid_input) __builtin_trap();  // only input errors allowed
  return 0;
}
