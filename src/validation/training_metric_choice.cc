// Which published metric a training case is compared on (see choose_metric in case_helpers_training.h).
#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "case_fields.h"
#include "case_helpers_training.h"
#include "training_metric_conversion.h"

namespace stargate::validation_detail {
namespace {

bool is_layer_metric(const std::string& name) {
  return name == "layer_forward_ms" || name == "layer_backward_ms" || name == "layer_fwd_bwd_ms";
}

// "" when `name` converts for this case, else why not.
std::string why_unconvertible(const std::string& name, double run_tokens, double block_tokens) {
  if (is_layer_metric(name)) return "";
  const std::optional<MetricSpec> spec = find_metric(name);
  if (!spec) return "no conversion";
  CaseRunQuantities probe{.step_seconds = 1, .global_batch_sequences = 1, .seq_len = 1, .gpus = 1,
                          .run_tokens = run_tokens, .block_tokens = block_tokens};
  std::string missing;
  return convert_metric(*spec, probe, missing) ? "" : "needs " + missing;
}

}  // namespace

// The numeric entries of `measured`, in file order.
std::vector<std::pair<std::string, double>> published_numbers(const YAML::Node& measured) {
  std::vector<std::pair<std::string, double>> out;
  for (const auto& entry : measured) {
    const std::string key = entry.first.Scalar();
    if (auto v = yaml_number(measured, key)) out.emplace_back(key, *v);
  }
  return out;
}

// The first of `keys` stated as a number in the case or its measured mapping; 0 when none is.
double first_number(const YAML::Node& c, const YAML::Node& measured, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    if (auto v = yaml_number(c, key)) return *v;
    if (auto v = yaml_number(measured, key)) return *v;
  }
  return 0;
}

ChosenMetric choose_metric(const SourceRule& rule, const std::vector<std::pair<std::string, double>>& published,
                           double run_tokens, double block_tokens) {
  auto value_of = [&](const std::string& name) -> double {
    for (const auto& [n, v] : published) {
      if (n == name) return v;
    }
    return 0;
  };
  // The source's usual metrics first, then every row of the table, published names before derived_ ones.
  std::vector<std::string> order(rule.metrics.begin(), rule.metrics.end());
  for (const MetricSpec& m : metric_table()) order.push_back(m.name);
  for (const auto& [name, v] : published) order.push_back(name);  // name patterns (time per stated tokens)
  for (const MetricSpec& m : metric_table()) order.push_back("derived_" + m.name);
  for (const std::string& name : order) {
    if (value_of(name) > 0 && why_unconvertible(name, run_tokens, block_tokens).empty()) {
      return {.name = name, .measured = value_of(name)};
    }
  }
  for (const auto& [name, v] : published) {  // layer metrics outside the source's list, any order
    if (v > 0 && is_layer_metric(name)) return {.name = name, .measured = v};
  }
  if (published.empty()) return {.skip = "no published metric"};
  std::string skip = "no published metric converts:";
  for (const auto& [name, v] : published) {
    const std::string why = v > 0 ? why_unconvertible(name, run_tokens, block_tokens) : "not a positive number";
    skip += " " + name + " (" + (why.empty() ? "not chosen" : why) + ")";
    if (&name != &published.back().first) skip += ",";
  }
  return {.skip = skip};
}

}  // namespace stargate::validation_detail
