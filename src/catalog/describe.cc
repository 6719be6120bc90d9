#include "stargate/catalog/describe.h"

namespace stargate {

SpecDescription describe(const AcceleratorSpec& s) {
  SpecRowBuilder b(s.sources);
  b.text("name", "", s.name);
  b.text("vendor", "", s.vendor);
  b.text("released", "", s.released);
  b.text("architecture", "", s.architecture);
  for (Dtype d : kAllDtypes) {
    if (auto peak = s.peak(d)) b.quantity("peak." + std::string(dtype_name(d)), "peak", *peak, Dimension::flop_rate);
  }
  b.quantity("hbm.capacity", "hbm", s.hbm_capacity_bytes, Dimension::bytes);
  b.quantity("hbm.bandwidth", "hbm", s.hbm_bandwidth_bytes_per_s, Dimension::bandwidth);
  b.integer("hbm.stacks", "hbm", s.hbm_stacks);
  for (Dtype d : kAllDtypes) {
    if (auto rate = s.sustained_gemm_flops_per_s[static_cast<int>(d)]) {
      b.quantity("sustained.gemm." + std::string(dtype_name(d)), "sustained", *rate, Dimension::flop_rate);
    }
  }
  if (s.sustained_hbm_bandwidth_bytes_per_s > 0) {
    b.quantity("sustained.hbm_bandwidth", "sustained", s.sustained_hbm_bandwidth_bytes_per_s, Dimension::bandwidth);
  }
  b.text("hbm.generation", "hbm", s.hbm_generation);
  b.quantity("tdp", "tdp", s.tdp_watts, Dimension::power);
  b.quantity("scale_up_bandwidth", "scale_up_bandwidth", s.scale_up_bandwidth_bytes_per_s, Dimension::bandwidth);
  if (s.sm_count > 0) b.integer("sm_count", "sm_count", s.sm_count);
  b.quantity("price.low", "price", s.price_low_usd, Dimension::usd);
  b.quantity("price.high", "price", s.price_high_usd, Dimension::usd);
  b.text("calibration", "", s.calibration);
  return {"accelerator", s.id, std::move(b.rows)};
}

SpecDescription describe(const NodeSpec& s) {
  SpecRowBuilder b(s.sources);
  b.text("name", "", s.name);
  b.text("accelerator", "accelerator", s.accelerator);
  b.integer("gpus_per_node", "gpus_per_node", s.gpus_per_node);
  b.integer("scale_up_domain", "scale_up_domain", s.scale_up_domain);
  b.flag("scale_up_reduction", "scale_up_reduction", s.scale_up_reduction);
  b.quantity("nic_bandwidth_per_gpu", "nic_bandwidth_per_gpu", s.nic_bandwidth_per_gpu_bytes_per_s, Dimension::bandwidth);
  b.quantity("node_power", "node_power", s.node_power_watts, Dimension::power);
  b.quantity("price", "price", s.price_usd, Dimension::usd);
  return {"node", s.id, std::move(b.rows)};
}

SpecDescription describe(const FabricSpec& s) {
  SpecRowBuilder b(s.sources);
  b.text("name", "", s.name);
  b.text("kind", "kind", s.kind);
  b.quantity("link_bandwidth", "link_bandwidth", s.link_bandwidth_bytes_per_s, Dimension::bandwidth);
  b.integer("switch_radix", "switch_radix", s.switch_radix);
  b.quantity("latency", "latency", s.latency_seconds, Dimension::time);
  b.flag("in_network_reduction", "in_network_reduction", s.in_network_reduction);
  return {"fabric", s.id, std::move(b.rows)};
}

}  // namespace stargate
