#pragma once
// The hardware catalog: named presets compiled into the binary, and strict field-by-field overrides.
#include <string>
#include <vector>

#include "stargate/catalog/accelerator.h"
#include "stargate/catalog/fabric.h"
#include "stargate/catalog/node.h"
#include "stargate/core/result.h"

namespace stargate {

// Strict YAML readers (src/core/yaml_map.h, internal: yaml-cpp stays out of the public headers).
class YamlValue;
class YamlMap;

// NDR InfiniBand (400 Gb/s per GPU, rail-optimized): the scale-out fabric of NVIDIA's DGX H100/H200 SuperPOD
// reference architecture and of most published Hopper-era training runs. The one default every reader uses.
inline constexpr const char* kDefaultScaleOutFabric = "infiniband-ndr";

class Catalog {
 public:
  // The presets in data/catalog/*.yaml. Contract: the built-in files are valid (a test checks); if they were not,
  // this throws std::logic_error naming the file and field.
  static const Catalog& builtin();
  // Parses catalog YAML texts (each may hold accelerators:, nodes: and fabrics: sections).
  static Result<Catalog> parse(const std::vector<std::pair<std::string, std::string>>& files);  // (name, text)

  const std::vector<AcceleratorSpec>& accelerators() const { return accelerators_; }
  const std::vector<NodeSpec>& nodes() const { return nodes_; }
  const std::vector<FabricSpec>& fabrics() const { return fabrics_; }

  const AcceleratorSpec* find_accelerator(const std::string& id) const;
  const NodeSpec* find_node(const std::string& id) const;
  const FabricSpec* find_fabric(const std::string& id) const;
  // The scale-out fabric assumed where a scenario names none: kDefaultScaleOutFabric. Contract: a catalog without
  // it throws std::logic_error (the built-in one has it; a test checks).
  const FabricSpec& default_scale_out_fabric() const;

  // Reads a scenario field naming a preset: either a plain id ("h100-sxm") or a mapping
  // {preset: h100-sxm, <field>: <override>, ...}. Unknown presets and fields are InputErrors with suggestions.
  AcceleratorSpec accelerator_from(const YamlValue& value) const;
  NodeSpec node_from(const YamlValue& value) const;
  FabricSpec fabric_from(const YamlValue& value) const;

 private:
  std::vector<AcceleratorSpec> accelerators_;
  std::vector<NodeSpec> nodes_;
  std::vector<FabricSpec> fabrics_;
};

// Field readers shared by the catalog files and scenario overrides. With `complete`, every field is required
// (a preset); otherwise only fields present are read and applied onto `spec` (an override).
void read_accelerator_fields(YamlMap& map, AcceleratorSpec& spec, bool complete);
void read_node_fields(YamlMap& map, NodeSpec& spec, bool complete);
void read_fabric_fields(YamlMap& map, FabricSpec& spec, bool complete);

}  // namespace stargate
