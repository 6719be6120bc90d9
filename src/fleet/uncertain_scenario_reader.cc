// Reads a fleet scenario whose numbers may be distributions (uncertain_scenario.h): a first pass over the YAML
// finds every distribution, checks it and puts its central value's node in its place; the strict fleet reader then
// reads the point scenario; each distribution becomes one input with a setter bound to the list items it sits in.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <numeric>

#include "fleet_document_reader.h"
#include "stargate/fleet/uncertain_scenario.h"
#include "stargate/core/uncertainty_limits.h"
#include "uncertain_fields.h"

namespace stargate {
namespace {

const std::vector<std::string> kDistributionKeys = {"p10", "p50", "p90", "triangular", "lognormal"};

// One place where a distribution is written.
struct Occurrence {
  YAML::Node parent;  // the mapping holding it
  std::string key;
  YamlValue value;
  std::string field;       // "sites.abilene.capex_per_mw"
  std::vector<int> items;  // list indices along the path
  const UncertainFieldRule* rule = nullptr;
};

struct ReadDistribution {
  Distribution distribution;
  YAML::Node central;
  std::string description;
};

// A list item's name in a field path: its name, vendor, from or quarter, else its index.
std::string item_label(const YAML::Node& item, size_t index) {
  if (item.IsMap()) {
    for (const char* key : {"name", "vendor", "from", "quarter"}) {
      if (item[key] && item[key].IsScalar()) return item[key].Scalar();
    }
  }
  return std::to_string(index);
}

bool looks_like_distribution(const YAML::Node& node) {
  if (!node.IsMap()) return false;
  return std::any_of(kDistributionKeys.begin(), kDistributionKeys.end(), [&](const std::string& k) { return node[k]; });
}

const UncertainFieldRule* rule_for(const std::vector<std::string>& pattern) {
  for (const UncertainFieldRule& rule : uncertain_field_rules()) {
    if (std::equal(rule.pattern.begin(), rule.pattern.end(), pattern.begin(), pattern.end())) return &rule;
  }
  return nullptr;
}

struct Walk {
  const YamlDocument& doc;
  std::vector<Occurrence> found;

  void visit(const YAML::Node& node, std::vector<std::string>& pattern, const std::string& field,
             std::vector<int>& items) {
    if (node.IsSequence()) {
      pattern.push_back("[]");
      for (size_t i = 0; i < node.size(); ++i) {
        items.push_back(static_cast<int>(i));
        visit(node[i], pattern, field + "." + item_label(node[i], i), items);
        items.pop_back();
      }
      pattern.pop_back();
      return;
    }
    if (!node.IsMap()) return;
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (!it->first.IsScalar()) {  // `{a: 1, b}: 2` — a mapping used as a key
        YamlValue(it->first, doc.file, "fleet" + (field.empty() ? "" : "." + field)).fail("a key must be a plain name");
      }
      const std::string key = it->first.Scalar();
      const YAML::Node child = it->second;
      pattern.push_back(key);
      const std::string child_field = field.empty() ? key : field + "." + key;
      const UncertainFieldRule* rule = rule_for(pattern);
      const YamlValue value(child, doc.file, "fleet." + child_field);
      if (rule && child.IsMap()) {
        found.push_back({node, key, value, child_field, items, rule});
      } else if (looks_like_distribution(child)) {
        value.fail("this field cannot be a distribution; the fields that can: " + join_choices(uncertain_field_names()));
      } else {
        visit(child, pattern, child_field, items);
      }
      pattern.pop_back();
    }
  }
};

void check_range(const YamlValue& where, const FieldRange& range, double x) {
  const bool inside = range.positive ? x > range.min && x <= range.max : x >= range.min && x <= range.max;
  if (!inside) {
    where.fail(fmt::format("{:g} is outside the field's range ({} {:g} .. {:g})", x, range.positive ? ">" : "≥",
                           range.min, range.max));
  }
}

ReadDistribution read_percentiles(YamlMap& m, const UncertainFieldRule& rule, auto number, auto text) {
  m.allow({"p10", "p50", "p90"});
  m.finish();
  const YamlValue p10 = m.require("p10"), p50 = m.require("p50"), p90 = m.require("p90");
  const double lo = number(p10), mid = number(p50), hi = number(p90);
  if (lo > mid) p10.fail("p10 must not exceed p50");
  if (mid > hi) p90.fail("p50 must not exceed p90");
  for (const auto& [v, x] : {std::pair{p10, lo}, {p50, mid}, {p90, hi}}) check_range(v, rule.range, x);
  const DistributionKind kind = rule.range.positive ? DistributionKind::split_lognormal : DistributionKind::split_normal;
  return {{kind, lo, mid, hi}, p50.node(), fmt::format("p10 {} / p50 {} / p90 {}", text(lo), text(mid), text(hi))};
}

ReadDistribution read_triangular(YamlMap& m, const UncertainFieldRule& rule, auto number, auto text) {
  const YamlValue t = m.require("triangular");
  m.finish();
  const std::vector<YamlValue> points = t.as_sequence();
  if (points.size() != 3) t.fail("expected [min, mode, max]");
  const double lo = number(points[0]), mode = number(points[1]), hi = number(points[2]);
  if (!(lo <= mode && mode <= hi)) t.fail("expected min ≤ mode ≤ max");
  if (!(lo < hi)) t.fail("min must be below max");
  for (size_t i = 0; i < 3; ++i) check_range(points[i], rule.range, number(points[i]));
  return {{DistributionKind::triangular, lo, mode, hi}, points[1].node(),
          fmt::format("triangular {} / {} / {}", text(lo), text(mode), text(hi))};
}

ReadDistribution read_lognormal(YamlMap& m, const UncertainFieldRule& rule, auto number, auto text) {
  YamlMap l = m.map("lognormal");
  m.finish();
  const YamlValue median_value = l.require("median"), sigma_value = l.require("sigma");
  l.finish();
  const double median = number(median_value), sigma = sigma_value.as_number();
  if (!(median > 0)) median_value.fail("the median of a lognormal must be positive");
  check_range(median_value, rule.range, median);
  if (!(sigma >= 0)) sigma_value.fail("sigma must not be negative");
  if (sigma > uncertainty_limits::max_lognormal_sigma) {
    sigma_value.fail(fmt::format("sigma must be at most {:g}", uncertainty_limits::max_lognormal_sigma));
  }
  return {{DistributionKind::lognormal, median, sigma, 0}, median_value.node(),
          fmt::format("lognormal median {}, sigma {:g}", text(median), sigma)};
}

ReadDistribution read_distribution(const YamlValue& v, const UncertainFieldRule& rule) {
  auto number = [&](const YamlValue& x) { return rule.plain_number ? x.as_number() : x.as_quantity(rule.dimension); };
  auto text = [&](double x) {
    if (rule.plain_number) return fmt::format("{:g}", x);
    if (rule.dimension == Dimension::time) return fmt::format("{:.3g}y", x / (365 * 86400.0));  // as written
    return format_quantity(x, rule.dimension);
  };
  YamlMap m(v);
  if (m.has("triangular")) return read_triangular(m, rule, number, text);
  if (m.has("lognormal")) return read_lognormal(m, rule, number, text);
  if (!looks_like_distribution(v.node())) {
    v.fail("expected a number or a distribution: {p10: .., p50: .., p90: ..}, {triangular: [min, mode, max]} or "
           "{lognormal: {median: .., sigma: ..}}; got keys " + join_choices(m.keys()));
  }
  return read_percentiles(m, rule, number, text);
}

// Stable order of the generations by availability, as the fleet reader sorts them: file index -> scenario index.
std::vector<int> generation_positions(const YamlDocument& doc) {
  const YAML::Node list = doc.root["fleet"]["generations"];
  std::vector<int> order(list.size());
  std::iota(order.begin(), order.end(), 0);
  auto available = [&](int i) {
    const YAML::Node quarter = list[i]["available"];
    return quarter && quarter.IsScalar() ? parse_quarter(quarter.Scalar()).value_or(0) : 0;
  };
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return available(a) < available(b); });
  std::vector<int> position(order.size());
  for (size_t k = 0; k < order.size(); ++k) position[order[k]] = static_cast<int>(k);
  return position;
}


// The distributions of one scenario, each with every place it is written (more than one through YAML aliases).
struct InputGroup {
  ReadDistribution read;
  SourceLocation location;
  std::vector<const Occurrence*> uses;
};

bool same_kind(const UncertainFieldRule& a, const UncertainFieldRule& b) {
  return a.plain_number == b.plain_number && a.dimension == b.dimension && a.range.min == b.range.min &&
         a.range.max == b.range.max && a.range.positive == b.range.positive;
}

std::vector<InputGroup> read_groups(const std::vector<Occurrence>& found) {
  std::vector<InputGroup> groups;
  for (const Occurrence& occurrence : found) {
    auto same = std::find_if(groups.begin(), groups.end(), [&](const InputGroup& g) {
      return g.uses.front()->value.node().is(occurrence.value.node());
    });
    if (same == groups.end()) {
      groups.push_back({read_distribution(occurrence.value, *occurrence.rule), occurrence.value.location(), {}});
      same = std::prev(groups.end());
    } else if (!same_kind(*same->uses.front()->rule, *occurrence.rule)) {
      occurrence.value.fail("a distribution shared through a YAML alias must be used by fields of the same units and "
                            "range (here also fleet." + same->uses.front()->field + ")");
    }
    same->uses.push_back(&occurrence);
  }
  return groups;
}

UncertainInput bind_input(const InputGroup& group, const std::vector<int>& generation_position) {
  struct Target {
    const UncertainFieldRule* rule;
    std::vector<int> items;
  };
  std::vector<Target> targets;
  UncertainInput input{.location = group.location, .description = group.read.description,
                       .distribution = group.read.distribution};
  for (const Occurrence* use : group.uses) {
    std::vector<int> items = use->items;
    if (use->rule->pattern.front() == "generations") items[0] = generation_position.at(items[0]);
    targets.push_back({use->rule, items});
    input.fields.push_back(use->field);
  }
  const FieldRange range = group.uses.front()->rule->range;
  input.min = range.min;
  input.max = range.max;
  input.apply = [targets](FleetScenario& scenario, double value) {
    for (const Target& t : targets) t.rule->apply(scenario, t.items, value);
  };
  return input;
}

}  // namespace

double UncertainInput::draw(double u) const { return std::clamp(distribution.quantile(u), min, max); }

Result<UncertainFleetScenario> parse_uncertain_fleet_scenario(std::string_view text, const std::string& file) {
  return capture_errors([&]() -> UncertainFleetScenario {
    const YamlDocument doc = parse_yaml_document(text, file);
    Walk walk{doc, {}};
    const YAML::Node& root = doc.root;
    if (root["fleet"] && root["fleet"].IsMap()) {
      std::vector<std::string> pattern;
      std::vector<int> items;
      walk.visit(root["fleet"], pattern, "", items);
    }
    const std::vector<InputGroup> groups = read_groups(walk.found);
    for (const InputGroup& group : groups) {
      for (const Occurrence* use : group.uses) {
        YAML::Node parent = use->parent;
        parent[use->key] = group.read.central;  // the point scenario reads the central value, with its line
      }
    }
    UncertainFleetScenario out{.point = read_fleet_document(doc), .inputs = {}};
    const std::vector<int> positions = groups.empty() ? std::vector<int>{} : generation_positions(doc);
    for (const InputGroup& group : groups) out.inputs.push_back(bind_input(group, positions));
    return out;
  });
}

}  // namespace stargate
