#pragma once
// Output of `stargate serve`: a readable table, JSON with stable field names (units in the names), and Chrome
// trace events (iterations per replica, request lifetimes) for Perfetto.
#include <nlohmann/json.hpp>
#include <string>

#include "stargate/search/capacity.h"
#include "stargate/serving/simulator.h"

namespace stargate {

nlohmann::json serving_to_json(const ServingResult& result);
std::string serving_to_text(const ServingResult& result);
nlohmann::json serving_trace(const ServingResult& result);
nlohmann::json capacity_to_json(const CapacityPlan& plan);
std::string capacity_to_text(const CapacityPlan& plan);

}  // namespace stargate
