#pragma once
// The class a training prediction falls in for its error band (validation/prediction_confidence.h).
#include <string>

namespace stargate {

// Architecture generation × precision × dense/MoE. Empty fields are wildcards (the coarser classes).
struct PredictionClass {
  std::string architecture;  // accelerator architecture ("ampere", "hopper"); "unknown" when the catalog has none
  std::string precision;     // dtype name of the plan's GEMMs ("bf16", "fp16", "fp8")
  std::string kind;          // "dense" or "moe"

  bool operator==(const PredictionClass&) const = default;
};

}  // namespace stargate
