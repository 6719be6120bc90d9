// libFuzzer target over the fleet scenario reader (`fleet:` YAML, tenants included) and the milestones reader
// (`--hindcast FILE`): any byte string must give a value or an input Error, never a crash, hang or sanitizer report. Build with -DSTARGATE_FUZZ=ON (clang).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "stargate/fleet/fleet_scenario.h"
#include "stargate/fleet/milestones.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  stargate::Result<stargate::FleetScenario> r = stargate::parse_fleet_scenario(text, "fuzz.yaml");
  if (!r.ok() && r.error().kind != stargate::ErrorKind::invalid_input) __builtin_trap();  // only input errors allowed
  stargate::Result<std::vector<stargate::Milestone>> m = stargate::parse_milestones(text, "fuzz.yaml");
  if (!m.ok() && m.error().kind != stargate::ErrorKind::invalid_input) __builtin_trap();
  return 0;
}
