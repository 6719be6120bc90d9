// Validation cases name their hardware in free text ("H100 SXM 96GB ... 500W", "DGX-B200", "GB200 NVL72"): the
// catalog accelerator, node and fabric each name stands for, and what was assumed on the way.
#include <cctype>

#include "case_helpers.h"
#include "stargate/catalog/catalog.h"

namespace stargate::validation_detail {

namespace {

// V100, A100 and H100 parts (defined below map_gpu).
std::optional<DeviceChoice> map_gpu_classic(const std::string& gpu);

// The scale-out fabric a case's text names (RoCE / Ethernet, InfiniBand generation), else `fallback`.
std::string fabric_named(const std::string& gpu, const std::string& fallback, std::string& note) {
  const std::string t = lower(gpu);
  const bool ethernet = t.find("roce") != std::string::npos || t.find("ethernet") != std::string::npos;
  if (ethernet) {
    note = "RoCE/Ethernet fabric";
    return t.find("800") != std::string::npos ? "ethernet-800g" : "ethernet-400g";
  }
  if (t.find("xdr") != std::string::npos) return "infiniband-xdr";
  if (t.find("ndr") != std::string::npos) return "infiniband-ndr";
  if (t.find("hdr") != std::string::npos) return "infiniband-hdr";
  return fallback;
}

std::optional<DeviceChoice> map_gpu_family(const std::string& gpu) {
  // Most specific names first: GB300/GB200 contain "B300"/"B200", H100 NVL/PCIe are not the SXM part.
  if (contains(gpu, "GB300")) return DeviceChoice{"gb300", "gb300-nvl72", "infiniband-xdr", ""};
  if (contains(gpu, "B300")) return DeviceChoice{"b300", "dgx-b300", "infiniband-xdr", ""};
  if (contains(gpu, "GB200")) return DeviceChoice{"gb200", "gb200-nvl72", "infiniband-ndr", ""};
  if (contains(gpu, "B200")) return DeviceChoice{"b200", "dgx-b200", "infiniband-ndr", ""};
  if (contains(gpu, "H800")) return DeviceChoice{"h800", "hgx-h800", "infiniband-ndr", ""};
  if (contains(gpu, "H200") || contains(gpu, "GH200")) {
    DeviceChoice d{"h200", "hgx-h200", "infiniband-ndr", ""};
    if (contains(gpu, "GH200")) d.note = "GH200 modeled as an H200 (same GH100 compute, HBM3e) in an 8-GPU HGX node";
    return d;
  }
  if (contains(gpu, "MI325X")) {
    return DeviceChoice{"mi325x", "mi325x-platform", "ethernet-400g",
                        "MI325X platform; scale-out modeled as 400G RoCE unless the case names InfiniBand"};
  }
  if (contains(gpu, "MI355X")) {
    return DeviceChoice{"mi355x", "mi355x-platform", "ethernet-400g",
                        "MI355X platform; scale-out modeled as 400G RoCE unless the case names InfiniBand"};
  }
  if (contains(gpu, "MI300X")) {
    return DeviceChoice{"mi300x", "mi300x-platform", "ethernet-400g",
                        "MI300X platform; scale-out modeled as 400G RoCE unless the case names InfiniBand"};
  }
  return std::nullopt;
}

}  // namespace

std::optional<DeviceChoice> map_gpu(const std::string& gpu) {
  std::optional<DeviceChoice> d = map_gpu_family(gpu);
  if (!d) d = map_gpu_classic(gpu);
  if (!d) return std::nullopt;
  std::string fabric_note;
  const std::string fabric = fabric_named(gpu, d->fabric, fabric_note);
  if (fabric != d->fabric) {
    d->fabric = fabric;
    d->note += (d->note.empty() ? "" : "; ") + (fabric_note.empty() ? "fabric " + fabric : fabric_note) + " as stated";
  }
  return d;
}

namespace {

std::optional<DeviceChoice> map_gpu_classic(const std::string& gpu) {
  if (contains(gpu, "V100")) {
    DeviceChoice d{"v100-sxm2", "dgx-1-v100", "infiniband-hdr", "V100 mapped to v100-sxm2 in a dgx-1-v100 node"};
    if (contains(gpu, "SXM3") || contains(gpu, "DGX-2")) {
      d.note = "V100-SXM3 in a DGX-2H is a 450 W part (higher clocks than the 300 W v100-sxm2 preset used) in a "
               "16-GPU NVSwitch node; modeled as v100-sxm2 in dgx-1-v100";
    }
    return d;
  }
  if (contains(gpu, "A100")) {
    const bool small = contains(gpu, "40GB") || contains(gpu, "40 GB");
    return DeviceChoice{small ? "a100-40gb" : "a100-80gb", "dgx-a100", "infiniband-hdr", ""};
  }
  if (contains(gpu, "H100")) {
    if (contains(gpu, "96GB") || contains(gpu, "500W") || contains(gpu, "500 W")) {
      return DeviceChoice{"h100-96gb-500w", "grand-teton-h100", "infiniband-ndr",
                          "H100 96GB HBM2e at 500 W in Grand Teton; 400 Gb/s RDMA modeled as InfiniBand NDR"};
    }
    DeviceChoice d{"h100-sxm", "dgx-h100", "infiniband-ndr", ""};
    if (contains(gpu, "NVL") || contains(gpu, "PCIe") || contains(gpu, "PCIE")) {
      d.note = "H100 NVL/PCIe modeled as the H100 SXM (higher power limit and NVLink than those parts)";
    }
    return d;
  }
  return std::nullopt;
}

}  // namespace

MeasuredDevice measured_device(const std::string& file, const std::string& row_gpu) {
  std::string name = row_gpu;
  if (name.empty()) {
    const size_t at = lower(file).rfind("measured-");
    if (at != std::string::npos) {
      const size_t start = at + 9;
      const size_t end = file.find_first_of("/\\", start);
      name = file.substr(start, end == std::string::npos ? std::string::npos : end - start);
    }
  }
  std::string upper = name;
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (auto d = map_gpu(upper)) {
    std::string label = upper.substr(0, upper.find_first_of(" -_,("));
    return {*d, label.empty() ? upper : label};
  }
  return {*map_gpu("H100-SXM5-80GB"), "H100"};
}

Result<Cluster> build_cluster(const DeviceChoice& d, int gpus) {
  const Catalog& catalog = Catalog::builtin();
  const AcceleratorSpec* a = catalog.find_accelerator(d.accelerator);
  const NodeSpec* n = catalog.find_node(d.node);
  const FabricSpec* f = catalog.find_fabric(d.fabric);
  if (!a || !n || !f) {
    return Error{ErrorKind::internal, "catalog preset missing: " + d.accelerator + "/" + d.node + "/" + d.fabric, "", {}};
  }
  return Cluster{*a, *n, *f, gpus};
}

}  // namespace stargate::validation_detail
