#pragma once
// Output of `stargate serve`: a readable table, JSON with stable field names (units in the names), and Chrome
// trace events (iterations per replica, request lifetimes) for Perfetto; and the `--capacity` plan.
#include <string>

#include "stargate/search/capacity.h"
#include "stargate/serving/simulator.h"

namespace stargate {

std::string serving_to_text(const ServingResult& result);
// Indented JSON ending in a newline.
std::string serving_to_json(const ServingResult& result);
// `serve --offline` (serving/offline_batch.h): the same figures, said to be an offline run — a static batch
// queued at t = 0 — in a header line (text) or "mode": "offline" and an "offline" object (JSON).
std::string offline_batch_to_text(const ServingResult& result);
std::string offline_batch_to_json(const ServingResult& result);
// One compact JSON line without a newline (needs the result's recorded trace).
std::string serving_trace(const ServingResult& result);
std::string capacity_to_text(const CapacityPlan& plan);
// Indented JSON ending in a newline.
std::string capacity_to_json(const CapacityPlan& plan);

}  // namespace stargate
