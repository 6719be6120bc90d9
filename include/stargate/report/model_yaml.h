#pragma once
// A model description rendered as a data/models/*.yaml preset file (what `stargate catalog import` prints).
#include <string>

#include "stargate/workload/model.h"

namespace stargate {

// Every field the preset reader (src/workload/model_fields.cc) reads, in the order of the shipped presets;
// params/active_params only when published (non-zero); a comment line gives the computed parameter counts.
std::string model_preset_yaml(const ModelSpec& model);

}  // namespace stargate
