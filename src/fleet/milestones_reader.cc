// Strict reader of a milestones file (`milestones:` list, docs/fleet.md "Hindcast"): unknown keys, missing units,
// impossible dates and values are errors naming file:line and the field.
#include <charconv>
#include <cmath>

#include "core/yaml_map.h"
#include "stargate/core/value_limits.h"
#include "stargate/fleet/milestones.h"

namespace stargate {
namespace {

struct MetricInfo {
  MilestoneMetric metric;
  const char* name;
  Dimension dimension;
  bool site_allowed;
};

constexpr MetricInfo kMetrics[] = {
    {MilestoneMetric::facility_power, "facility_power", Dimension::power, true},
    {MilestoneMetric::it_power, "it_power", Dimension::power, true},
    {MilestoneMetric::gpus_installed, "gpus_installed", Dimension::count, true},
    {MilestoneMetric::budget_committed, "budget_committed", Dimension::usd, false},
    {MilestoneMetric::capex_spent, "capex_spent", Dimension::usd, false},
    {MilestoneMetric::it_capex, "it_capex", Dimension::usd, true},
    {MilestoneMetric::generation_it_power, "generation_it_power", Dimension::power, false},
};

const MetricInfo& metric_info(const std::string& name) {
  for (const MetricInfo& m : kMetrics) {
    if (name == m.name) return m;
  }
  return kMetrics[0];  // not reached: the name was checked by as_choice
}

std::vector<std::string> metric_names() {
  std::vector<std::string> names;
  for (const MetricInfo& m : kMetrics) names.emplace_back(m.name);
  return names;
}

int digits(std::string_view text) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() ? value : -1;
}

// "YYYY-MM-DD" with a year 2000-2100 and a day that exists in the month; returns the quarter holding it.
Quarter read_date(const YamlValue& v, std::string& date) {
  date = v.as_string();
  const auto bad = [&] { v.fail("expected a date YYYY-MM-DD (years 2000-2100), got '" + date + "'"); };
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') bad();
  const int year = digits(std::string_view(date).substr(0, 4));
  const int month = digits(std::string_view(date).substr(5, 2));
  const int day = digits(std::string_view(date).substr(8, 2));
  constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 2000 || year > 2100 || month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) bad();
  return make_quarter(year, (month - 1) / 3 + 1);
}

Milestone read_milestone(YamlMap m) {
  Milestone out;
  const YamlValue id = m.require("id");
  out.id = id.as_string();
  if (out.id.empty() || out.id.size() > 64 ||
      out.id.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != std::string::npos) {
    id.fail("an id is 1-64 letters, digits, '.', '_' or '-'");
  }
  out.quarter = read_date(m.require("date"), out.date);
  const YamlValue metric_value = m.require("metric");
  const MetricInfo& info = metric_info(metric_value.as_choice(metric_names()));
  out.metric = info.metric;
  if (auto site = m.get("site")) {
    if (!info.site_allowed) site->fail(std::string("metric ") + info.name + " is fleet-wide: no site");
    out.site = site->as_string();
  }
  if (auto generation = m.get("generation")) {
    if (out.metric != MilestoneMetric::generation_it_power) generation->fail("only generation_it_power names a generation");
    out.generation = generation->as_string();
  } else if (out.metric == MilestoneMetric::generation_it_power) {
    m.require("generation");
  }
  const YamlValue value = m.require("value");
  out.value = value.as_quantity(info.dimension);
  if (!(out.value > 0 && out.value <= fleet_limits::max_milestone_value)) value.fail("must be positive and at most 1e18");
  out.planned = m.choice("status", {"achieved", "planned"}) == "planned";
  out.source = m.string("source");
  if (out.source.empty()) m.require("source").fail("a milestone needs its source");
  read_date(m.require("source_date"), out.source_date);
  if (auto note = m.optional_string("note")) out.note = *note;
  if (auto estimate = m.optional_string("estimate")) out.estimate = *estimate;
  m.finish();
  return out;
}

std::vector<Milestone> read_milestones(YamlMap root) {
  std::vector<Milestone> out;
  const YamlValue list = root.require("milestones");
  for (const YamlValue& item : list.as_sequence()) {
    out.push_back(read_milestone(YamlMap(item)));
    for (size_t i = 0; i + 1 < out.size(); ++i) {
      if (out[i].id == out.back().id) item.fail("duplicate milestone id '" + out.back().id + "'");
    }
  }
  if (out.empty()) list.fail("at least one milestone is needed");
  root.finish();
  return out;
}

}  // namespace

std::string_view milestone_metric_name(MilestoneMetric metric) {
  for (const MetricInfo& m : kMetrics) {
    if (m.metric == metric) return m.name;
  }
  return "?";
}

Result<std::vector<Milestone>> parse_milestones(std::string_view text, const std::string& file) {
  return capture_errors([&]() -> std::vector<Milestone> {
    YamlDocument doc = parse_yaml_document(text, file);
    return read_milestones(YamlMap(YamlValue(doc.root, doc.file, "")));
  });
}

Result<std::vector<Milestone>> load_milestones_file(const std::string& path) {
  return capture_errors([&]() -> std::vector<Milestone> {
    const std::string text = read_text_file(path);
    Result<std::vector<Milestone>> r = parse_milestones(text, path);
    if (!r.ok()) throw InputError(r.error());
    return r.value();
  });
}

}  // namespace stargate
