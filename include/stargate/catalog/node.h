#pragma once
// A server or rack preset (data/catalog/nodes.yaml): which accelerator, how many, how they are connected.
#include <map>
#include <string>

namespace stargate {

struct NodeSpec {
  std::string id;           // "dgx-h100"
  std::string name;         // "NVIDIA DGX H100"
  std::string accelerator;  // accelerator preset id
  int gpus_per_node = 8;
  int scale_up_domain = 8;                     // GPUs sharing one NVLink/NVSwitch domain (72 for NVL72)
  bool scale_up_reduction = false;             // the domain's switches reduce in the network (NVLink SHARP / NVLS)
  double nic_bandwidth_per_gpu_bytes_per_s = 0;  // scale-out, per direction
  // Host (CPU) side, per GPU, for offloading training state (0 = not in the catalog: no offload). The GPU-to-host
  // link per direction (PCIe, or NVLink-C2C on Grace superchips), the host DRAM bandwidth the CPU optimizer
  // step streams through, and the host DRAM capacity.
  double host_link_bandwidth_per_gpu_bytes_per_s = 0;
  double host_memory_bandwidth_per_gpu_bytes_per_s = 0;
  double host_memory_per_gpu_bytes = 0;
  double node_power_watts = 0;                 // maximum system power
  double price_usd = 0;
  std::map<std::string, std::string> sources;  // field -> citation
};

}  // namespace stargate
