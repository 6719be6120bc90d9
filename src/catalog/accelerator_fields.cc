#include "core/preset_fields.h"
#include "stargate/catalog/catalog.h"
#include "stargate/core/value_limits.h"

namespace stargate {

using detail::read_field;

void read_accelerator_fields(YamlMap& map, AcceleratorSpec& spec, bool complete) {
  read_field(map, "name", complete, [&](const YamlValue& v) { spec.name = v.as_string(); });
  read_field(map, "vendor", complete, [&](const YamlValue& v) { spec.vendor = v.as_string(); });
  read_field(map, "released", complete, [&](const YamlValue& v) { spec.released = v.as_string(); });
  read_field(map, "architecture", complete, [&](const YamlValue& v) {
    spec.architecture = v.as_choice({"volta", "ampere", "hopper", "blackwell", "rubin", "cdna3", "cdna4", "tpu", "trainium", "gaudi"});
  });
  read_field(map, "peak", complete, [&](const YamlValue& v) {
    YamlMap peaks(v);
    for (Dtype dtype : kAllDtypes) {
      if (auto rate = peaks.optional_positive_quantity(std::string(dtype_name(dtype)), Dimension::flop_rate)) {
        spec.peak_flops_per_s[static_cast<int>(dtype)] = *rate;
      }
    }
    peaks.finish();
  });
  read_field(map, "hbm", complete, [&](const YamlValue& v) {
    YamlMap hbm(v);
    read_field(hbm, "capacity", complete, [&](const YamlValue& f) { spec.hbm_capacity_bytes = f.as_positive_quantity(Dimension::bytes); });
    read_field(hbm, "bandwidth", complete, [&](const YamlValue& f) {
      spec.hbm_bandwidth_bytes_per_s = f.as_positive_quantity(Dimension::bandwidth);
    });
    read_field(hbm, "stacks", complete, [&](const YamlValue& f) { spec.hbm_stacks = static_cast<int>(f.as_integer(1, 64)); });
    read_field(hbm, "generation", complete, [&](const YamlValue& f) { spec.hbm_generation = f.as_string(); });
    hbm.finish();
  });
  if (auto sustained = map.get("sustained")) {
    YamlMap measured(*sustained);
    if (auto gemm = measured.get("gemm")) {
      YamlMap rates(*gemm);
      for (Dtype dtype : kAllDtypes) {
        if (auto rate = rates.optional_positive_quantity(std::string(dtype_name(dtype)), Dimension::flop_rate)) {
          spec.sustained_gemm_flops_per_s[static_cast<int>(dtype)] = *rate;
        }
      }
      rates.finish();
    }
    if (auto bandwidth = measured.get("hbm_bandwidth")) {
      spec.sustained_hbm_bandwidth_bytes_per_s = bandwidth->as_positive_quantity(Dimension::bandwidth);
    }
    measured.finish();
  }
  if (auto headroom = map.get("memory_headroom")) {
    spec.memory_headroom_fraction = headroom->as_number_in(0, limits::memory_headroom_max);
  }
  read_field(map, "tdp", complete, [&](const YamlValue& v) { spec.tdp_watts = v.as_positive_quantity(Dimension::power); });
  read_field(map, "scale_up_bandwidth", complete, [&](const YamlValue& v) {
    spec.scale_up_bandwidth_bytes_per_s = v.as_positive_quantity(Dimension::bandwidth);
  });
  if (auto sms = map.optional_integer("sm_count", limits::sm_count)) spec.sm_count = static_cast<int>(*sms);
  read_field(map, "price", complete, [&](const YamlValue& v) {
    YamlMap price(v);
    read_field(price, "low", complete, [&](const YamlValue& f) { spec.price_low_usd = f.as_quantity(Dimension::usd); });
    read_field(price, "high", complete, [&](const YamlValue& f) { spec.price_high_usd = f.as_quantity(Dimension::usd); });
    price.finish();
    if (spec.price_high_usd < spec.price_low_usd) v.fail("price.high is below price.low");
  });
  if (auto calibration = map.optional_string("calibration")) spec.calibration = *calibration;
  detail::read_sources(map, complete, spec.sources);
  map.finish();
  if (!spec.peak(Dtype::bf16) && !spec.peak(Dtype::fp16)) {
    map.self().fail("an accelerator needs a bf16 or fp16 peak");
  }
}

void read_node_fields(YamlMap& map, NodeSpec& spec, bool complete) {
  read_field(map, "name", complete, [&](const YamlValue& v) { spec.name = v.as_string(); });
  read_field(map, "accelerator", complete, [&](const YamlValue& v) { spec.accelerator = v.as_string(); });
  read_field(map, "gpus_per_node", complete, [&](const YamlValue& v) { spec.gpus_per_node = static_cast<int>(v.as_integer(1, 1024)); });
  read_field(map, "scale_up_domain", complete, [&](const YamlValue& v) {
    spec.scale_up_domain = static_cast<int>(v.as_integer(1, 4096));
  });
  read_field(map, "scale_up_reduction", complete, [&](const YamlValue& v) { spec.scale_up_reduction = v.as_bool(); });
  read_field(map, "nic_bandwidth_per_gpu", complete, [&](const YamlValue& v) {
    spec.nic_bandwidth_per_gpu_bytes_per_s = v.as_positive_quantity(Dimension::bandwidth);
  });
  if (auto v = map.get("host_link_bandwidth_per_gpu")) {
    spec.host_link_bandwidth_per_gpu_bytes_per_s = v->as_positive_quantity(Dimension::bandwidth);
  }
  if (auto v = map.get("host_memory_bandwidth_per_gpu")) {
    spec.host_memory_bandwidth_per_gpu_bytes_per_s = v->as_positive_quantity(Dimension::bandwidth);
  }
  if (auto v = map.get("host_memory_per_gpu")) spec.host_memory_per_gpu_bytes = v->as_positive_quantity(Dimension::bytes);
  read_field(map, "node_power", complete, [&](const YamlValue& v) { spec.node_power_watts = v.as_positive_quantity(Dimension::power); });
  read_field(map, "price", complete, [&](const YamlValue& v) { spec.price_usd = v.as_quantity(Dimension::usd); });
  detail::read_sources(map, complete, spec.sources);
  map.finish();
}

void read_fabric_fields(YamlMap& map, FabricSpec& spec, bool complete) {
  read_field(map, "name", complete, [&](const YamlValue& v) { spec.name = v.as_string(); });
  read_field(map, "kind", complete, [&](const YamlValue& v) { spec.kind = v.as_choice({"infiniband", "ethernet", "nvlink"}); });
  read_field(map, "link_bandwidth", complete, [&](const YamlValue& v) {
    spec.link_bandwidth_bytes_per_s = v.as_positive_quantity(Dimension::bandwidth);
  });
  read_field(map, "switch_radix", complete, [&](const YamlValue& v) { spec.switch_radix = static_cast<int>(v.as_integer(2, 4096)); });
  read_field(map, "latency", complete, [&](const YamlValue& v) { spec.latency_seconds = v.as_quantity(Dimension::time); });
  read_field(map, "in_network_reduction", complete, [&](const YamlValue& v) { spec.in_network_reduction = v.as_bool(); });
  detail::read_sources(map, complete, spec.sources);
  map.finish();
}

}  // namespace stargate
