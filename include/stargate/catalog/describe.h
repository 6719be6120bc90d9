#pragma once
// Catalog presets as spec descriptions (field, value with unit, citation).
#include "stargate/catalog/catalog.h"
#include "stargate/core/spec_description.h"

namespace stargate {

SpecDescription describe(const AcceleratorSpec& spec);
SpecDescription describe(const NodeSpec& spec);
SpecDescription describe(const FabricSpec& spec);

}  // namespace stargate
