#pragma once
// Shared by the serving tests: an H100 cluster of DGX H100 nodes on NDR InfiniBand, and Llama 3.1 8B.
#include "stargate/catalog/catalog.h"
#include "stargate/catalog/cluster.h"
#include "stargate/workload/model_catalog.h"

namespace stargate::testing_serving {

inline Cluster h100(int gpus = 1) {
  Cluster c;
  c.accelerator = *Catalog::builtin().find_accelerator("h100-sxm");
  c.node = *Catalog::builtin().find_node("dgx-h100");
  c.fabric = *Catalog::builtin().find_fabric("infiniband-ndr");
  c.gpus = gpus;
  return c;
}

inline const ModelSpec& llama8b() { return *ModelCatalog::builtin().find("llama3.1-8b"); }

}  // namespace stargate::testing_serving
