#pragma once
// A network fabric preset (data/catalog/fabrics.yaml): scale-out InfiniBand/Ethernet or a scale-up NVLink generation.
#include <map>
#include <string>

namespace stargate {

struct FabricSpec {
  std::string id;    // "infiniband-ndr"
  std::string name;  // "NVIDIA Quantum-2 InfiniBand NDR"
  std::string kind;  // "infiniband", "ethernet" or "nvlink"
  double link_bandwidth_bytes_per_s = 0;  // per port per direction (nvlink: per GPU per direction)
  int switch_radix = 0;                   // ports per switch
  double latency_seconds = 0;             // per switch hop
  bool in_network_reduction = false;      // SHARP / NVLS
  std::map<std::string, std::string> sources;
};

}  // namespace stargate
