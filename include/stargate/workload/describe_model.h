#pragma once
// A model preset as a spec description (shapes, computed and published parameter counts, source).
#include "stargate/core/spec_description.h"
#include "stargate/workload/model.h"

namespace stargate {

SpecDescription describe(const ModelSpec& model);

}  // namespace stargate
