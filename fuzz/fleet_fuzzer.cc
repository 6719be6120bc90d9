// libFuzzer target over the fleet scenario reader (`fleet:` YAML): any byte string must give a FleetScenario or
// an input Error, never a crash, hang or sanitizer report. Build with -DSTARGATE_FUZZ=ON (clang).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "stargate/fleet/fleet_scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  stargate::Result<stargate::FleetScenario> r = stargate::parse_fleet_scenario(text, "fuzz.yaml");
  if (!r.ok() && r.error().kind != stargate::ErrorKind::invalid_input) __builtin_trap();  // only input errors allowed
  return 0;
}
