#include "catalog_command.h"

#include <iostream>

#include "exit_codes.h"
#include "output_figures.h"
#include "stargate/catalog/describe.h"
#include "stargate/core/edit_distance.h"
#include "stargate/report/model_yaml.h"
#include "stargate/report/spec_report.h"
#include "stargate/workload/describe_model.h"
#include "stargate/workload/hf_config.h"
#include "stargate/workload/model_catalog.h"

namespace stargate::cli {
namespace {

std::vector<SpecDescription> all_presets() {
  std::vector<SpecDescription> out;
  const Catalog& catalog = Catalog::builtin();
  for (const auto& s : catalog.accelerators()) out.push_back(describe(s));
  for (const auto& s : catalog.nodes()) out.push_back(describe(s));
  for (const auto& s : catalog.fabrics()) out.push_back(describe(s));
  for (const auto& s : ModelCatalog::builtin().models()) out.push_back(describe(s));
  return out;
}

int list(bool json) {
  const std::vector<SpecDescription> presets = all_presets();
  std::cout << (json ? spec_list_to_json(presets) : spec_list_to_text(presets));
  return kExitOk;
}

int show(const std::string& name, bool json) {
  std::vector<SpecDescription> presets = all_presets();
  std::vector<std::string> ids;
  for (const auto& d : presets) {
    if (d.id != name) {
      ids.push_back(d.id);
      continue;
    }
    std::cout << (json ? spec_to_json(d) : spec_to_text(d));
    return kExitOk;
  }
  std::string hint;
  if (const auto near = suggest_names(name, ids); !near.empty()) {
    hint = " (did you mean " + quoted_alternatives(near) + "?)";
  }
  return report_error(Error{ErrorKind::invalid_input,
                            "no preset named '" + name + "'" + hint + "; `stargate catalog list` shows them all", "", {}});
}

// Prints the model preset YAML that a Hugging Face config.json maps to.
int import_hf_config(const std::string& path) {
  Result<ModelSpec> model = model_from_hf_config_file(path);
  if (!model.ok()) return report_error(model.error());
  std::cout << model_preset_yaml(model.value());
  return kExitOk;
}

}  // namespace

void add_catalog_command(CLI::App& app, int& exit_code) {
  CLI::App* catalog = app.add_subcommand("catalog", "List and show hardware and model presets");
  catalog->require_subcommand(1);
  auto json = std::make_shared<bool>(false);
  CLI::App* list_cmd = catalog->add_subcommand("list", "List every preset: accelerators, nodes, fabrics, models");
  list_cmd->add_flag("--json", *json, "Print JSON instead of a table");
  list_cmd->callback([json, &exit_code] { exit_code = list(*json); });
  auto name = std::make_shared<std::string>();
  CLI::App* show_cmd = catalog->add_subcommand("show", "Show one preset with units and sources");
  show_cmd->add_option("NAME", *name, "Preset id, e.g. h100-sxm or llama3.1-405b")->required();
  show_cmd->add_flag("--json", *json, "Print JSON instead of a table");
  show_cmd->callback([name, json, &exit_code] { exit_code = show(*name, *json); });
  auto file = std::make_shared<std::string>();
  CLI::App* import_cmd =
      catalog->add_subcommand("import", "Print the model preset YAML a Hugging Face config.json maps to");
  import_cmd->add_option("FILE", *file, "A Hugging Face config.json (docs/model-import.md)")->required();
  import_cmd->callback([file, &exit_code] { exit_code = import_hf_config(*file); });
}

}  // namespace stargate::cli
