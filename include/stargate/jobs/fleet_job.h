#pragma once
// `stargate plan` (and `stargate report`) as data: a fleet scenario's build-out quarter by quarter and, with
// `varies` (FIELD=LOW..HIGH below fleet:, docs/fleet.md), the sensitivity tornado.
#include <string>
#include <vector>

#include "stargate/core/progress.h"
#include "stargate/core/result.h"
#include "stargate/fleet/fleet_plan.h"

namespace stargate {

// The path shown in errors about the built-in Stargate scenario (data/scenarios/stargate.yaml).
inline constexpr const char* kBuiltinFleetScenarioFile = "<built-in>/data/scenarios/stargate.yaml";

// `text` is the scenario's YAML; `file` is only used in error messages.
// `progress` hears (fleet runs done, fleet runs) of the sensitivity sweep.
Result<FleetPlan> run_fleet_job(const std::string& text, const std::string& file, const std::vector<std::string>& varies,
                                const ProgressCallback& progress = {});
// The scenario read from `path`; empty: the built-in Stargate scenario.
Result<FleetPlan> run_fleet_file_job(const std::string& path, const std::vector<std::string>& varies,
                                     const ProgressCallback& progress = {});

}  // namespace stargate
