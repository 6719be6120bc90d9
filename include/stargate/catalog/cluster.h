#pragma once
// A cluster (built from catalog presets): GPUs of one accelerator type in nodes, a scale-up domain per node/rack, and a scale-out fabric.
#include "stargate/catalog/accelerator.h"
#include "stargate/catalog/fabric.h"
#include "stargate/catalog/node.h"

namespace stargate {

struct Cluster {
  AcceleratorSpec accelerator;
  NodeSpec node;
  FabricSpec fabric;  // scale-out network
  int gpus = 0;

  int nodes() const { return (gpus + node.gpus_per_node - 1) / node.gpus_per_node; }
};

}  // namespace stargate
