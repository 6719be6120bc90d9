#include "stargate/scenario/scenario.h"

#include "stargate/catalog/catalog.h"
#include "core/yaml_map.h"
#include "stargate/mapping/plan_validation.h"
#include "stargate/workload/model_catalog.h"
#include "hardware_reader.h"
#include "scenario_kind_rule.h"
#include "serving_reader.h"
#include "training_job_reader.h"

namespace stargate {
namespace {

Cluster read_cluster(YamlMap map) {
  const Catalog& catalog = Catalog::builtin();
  Cluster cluster;
  cluster.gpus = static_cast<int>(map.integer("gpus", limits::gpus));
  YamlValue accelerator_value = map.require("accelerator");
  cluster.accelerator = catalog.accelerator_from(accelerator_value);
  cluster.accelerator.id = cluster.accelerator.id.empty() ? "custom" : cluster.accelerator.id;
  cluster.node = read_node_for(catalog, cluster.accelerator, map.get("node"), accelerator_value, "cluster.node");
  if (auto fabric = map.get("fabric")) {
    cluster.fabric = catalog.fabric_from(*fabric);
  } else {
    cluster.fabric = catalog.default_scale_out_fabric();
  }
  map.finish();
  if (cluster.gpus > cluster.node.gpus_per_node && cluster.gpus % cluster.node.gpus_per_node != 0) {
    map.require("gpus").fail(std::to_string(cluster.gpus) + " GPUs do not fill whole " + cluster.node.id +
                             " nodes of " + std::to_string(cluster.node.gpus_per_node));
  }
  return cluster;
}

}  // namespace

Result<Scenario> parse_scenario(std::string_view text, const std::string& file) {
  return capture_errors([&]() -> Scenario {
    YamlDocument doc = parse_yaml_document(text, file);
    YamlMap root(YamlValue(doc.root, doc.file, ""));
    Scenario scenario;
    scenario.file = file;
    if (auto name = root.optional_string("name")) scenario.name = *name;
    if (root.has("fleet") && is_fleet_root(doc.root)) {
      root.require("fleet").fail("this is a fleet scenario: run `stargate plan " + file + "`");
    }
    scenario.cluster = read_cluster(root.map("cluster"));
    scenario.model = ModelCatalog::builtin().model_from(root.require("model"));
    if (auto training = root.get("training")) {
      scenario.training = read_training_job(YamlMap(*training), scenario.model, scenario.cluster);
    }
    if (auto serving = root.get("serving")) {
      scenario.serving = read_serving_config(YamlMap(*serving), scenario.model, scenario.cluster);
    }
    root.finish();
    return scenario;
  });
}

Result<Scenario> load_scenario_file(const std::string& path) {
  Result<std::string> text = capture_errors([&] { return read_text_file(path); });
  if (!text.ok()) return text.error();
  return parse_scenario(text.value(), path);
}

}  // namespace stargate
