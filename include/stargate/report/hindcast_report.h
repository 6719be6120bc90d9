#pragma once
// Outputs of `stargate plan --hindcast FILE`: one row per milestone (record, twin, quantity and time error) and the
// summary (median absolute errors).
#include <string>

#include "stargate/fleet/milestones.h"

namespace stargate {

std::string hindcast_to_text(const Hindcast& hindcast);
// Indented JSON ending in a newline.
std::string hindcast_to_json(const Hindcast& hindcast);
// A header line and one line per milestone.
std::string hindcast_to_csv(const Hindcast& hindcast);

}  // namespace stargate
