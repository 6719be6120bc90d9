// `stargate plan --compare A B` as text, JSON and CSV (fleet_compare_report.h).
#include "stargate/report/fleet_compare_report.h"

#include <fmt/format.h>

#include <cmath>
#include <functional>

#include "json_text.h"
#include "text_format.h"

namespace stargate {
namespace {

using report_detail::magnitude;
using report_detail::money;
using report_detail::thousands;

// A quarterly output: its column title, how it reads from QuarterOutputs, its text format and its JSON/CSV name.
struct Column {
  const char* title;
  std::function<double(const QuarterOutputs&)> value;
  std::function<std::string(double)> text;
  const char* field;
};

const std::vector<Column>& columns() {
  static const std::vector<Column> kColumns = {
      {"IT MW energized", [](const QuarterOutputs& o) { return o.energized_it_watts / 1e6; },
       [](double x) { return thousands(x); }, "it_power_energized_mw"},
      {"grid MW (avg)", [](const QuarterOutputs& o) { return o.facility_watts / 1e6; },
       [](double x) { return thousands(x); }, "facility_power_mw"},
      {"GPUs installed", [](const QuarterOutputs& o) { return o.gpus_installed; },
       [](double x) { return thousands(x); }, "gpus_installed"},
      {"bf16 EFLOP/s", [](const QuarterOutputs& o) { return o.flops_bf16 / 1e18; },
       [](double x) { return thousands(x, 1); }, "eflops_bf16"},
      {"tokens/day", [](const QuarterOutputs& o) { return o.tokens_per_day; }, [](double x) { return magnitude(x); },
       "tokens_per_day"},
      {"$/M tokens", [](const QuarterOutputs& o) { return o.usd_per_million_tokens; },
       [](double x) { return fmt::format("{:.3f}", x); }, "usd_per_million_tokens"},
      {"budget released", [](const QuarterOutputs& o) { return o.budget_released_usd; },
       [](double x) { return money(x); }, "budget_released_usd"},
      {"spent", [](const QuarterOutputs& o) { return o.spent_usd; }, [](double x) { return money(x); }, "spent_usd"},
  };
  return kColumns;
}

std::string site_text(const SiteSummary& s) {
  return fmt::format("{} MW IT {}..{}, PUE {:.2f}, {}/MW, lead {:.2f} y ({})", thousands(s.ramp_it_watts / 1e6),
                     quarter_name(s.first_step), quarter_name(s.last_step), s.pue, money(s.capex_per_watt * 1e6),
                     s.construction_seconds / (365 * 86400.0), s.location);
}

std::string generation_text(const GenerationSummary& g) {
  return fmt::format("{} from {}, ${}k/GPU, {:.2f} kW/GPU", g.accelerator, quarter_name(g.available),
                     thousands(g.price_per_gpu_usd / 1e3, 1), g.it_watts_per_gpu / 1e3);
}

template <typename Summary, typename Render>
std::string changes_text(const char* kind, const std::vector<ItemChange<Summary>>& changes, Render render) {
  if (changes.empty()) return fmt::format("  {}s: unchanged\n", kind);
  std::string out;
  for (const ItemChange<Summary>& c : changes) {
    const char* what = !c.a ? "added" : !c.b ? "removed" : "changed";
    out += fmt::format("  {} {} {}:\n", kind, c.name, what);
    if (c.a) out += "      A: " + render(*c.a) + "\n";
    if (c.b) out += "      B: " + render(*c.b) + "\n";
  }
  return out;
}

std::string inputs_text(const FleetComparison& c) {
  std::string out = fmt::format("A: {}\nB: {}\n\nInputs (A -> B):\n", c.name_a, c.name_b);
  out += fmt::format("  budget: {} in {} tranches -> {} in {} tranches (released per quarter: see budget released)\n",
                     money(c.budget_a_usd), c.tranches_a, money(c.budget_b_usd), c.tranches_b);
  out += fmt::format("  all site ramps: {} -> {} MW IT\n", thousands(c.sites_it_watts_a / 1e6),
                     thousands(c.sites_it_watts_b / 1e6));
  out += changes_text("site", c.sites, site_text);
  out += changes_text("generation", c.generations, generation_text);
  return out;
}

std::string cell(const std::optional<QuarterOutputs>& o, const Column& col) {
  return o ? col.text(col.value(*o)) : "-";
}

std::string delta_cell(const QuarterComparison& q, const Column& col) {
  if (!q.a || !q.b) return "-";
  const double d = col.value(*q.b) - col.value(*q.a);
  if (d == 0) return col.text(0);
  return (d > 0 ? "+" : "-") + col.text(std::abs(d));
}

std::string quarters_text(const FleetComparison& c) {
  std::string out = "\nPer quarter: A, B and B - A\n";
  for (const Column& col : columns()) {
    out += fmt::format("\n{:<7} {:>12} {:>12} {:>12}   {}\n", "quarter", "A", "B", "B - A", col.title);
    for (const QuarterComparison& q : c.quarters) {
      out += fmt::format("{:<7} {:>12} {:>12} {:>12}\n", quarter_name(q.quarter), cell(q.a, col), cell(q.b, col),
                         delta_cell(q, col));
    }
  }
  return out;
}

nlohmann::json outputs_json(const std::optional<QuarterOutputs>& o) {
  if (!o) return nullptr;
  nlohmann::json j;
  for (const Column& col : columns()) j[col.field] = col.value(*o);
  return j;
}

nlohmann::json site_json(const std::optional<SiteSummary>& s) {
  if (!s) return nullptr;
  return {{"location", s->location}, {"ramp_it_power_mw", s->ramp_it_watts / 1e6},
          {"first_step", quarter_name(s->first_step)}, {"last_step", quarter_name(s->last_step)}, {"pue", s->pue},
          {"capex_per_mw_usd", s->capex_per_watt * 1e6}, {"construction_lead_time_s", s->construction_seconds}};
}

nlohmann::json generation_json(const std::optional<GenerationSummary>& g) {
  if (!g) return nullptr;
  return {{"accelerator", g->accelerator}, {"available", quarter_name(g->available)},
          {"price_per_gpu_usd", g->price_per_gpu_usd}, {"it_power_per_gpu_w", g->it_watts_per_gpu}};
}

}  // namespace

std::string fleet_comparison_to_text(const FleetComparison& c) { return inputs_text(c) + quarters_text(c); }

std::string fleet_comparison_to_json(const FleetComparison& c) {
  nlohmann::json sites = nlohmann::json::array(), generations = nlohmann::json::array(), quarters = nlohmann::json::array();
  for (const auto& s : c.sites) sites.push_back({{"name", s.name}, {"a", site_json(s.a)}, {"b", site_json(s.b)}});
  for (const auto& g : c.generations) {
    generations.push_back({{"name", g.name}, {"a", generation_json(g.a)}, {"b", generation_json(g.b)}});
  }
  for (const QuarterComparison& q : c.quarters) {
    quarters.push_back({{"quarter", quarter_name(q.quarter)}, {"a", outputs_json(q.a)}, {"b", outputs_json(q.b)}});
  }
  const nlohmann::json j = {{"a", {{"name", c.name_a}, {"budget_total_usd", c.budget_a_usd}, {"budget_tranches", c.tranches_a},
                                   {"sites_ramp_it_power_mw", c.sites_it_watts_a / 1e6}}},
                            {"b", {{"name", c.name_b}, {"budget_total_usd", c.budget_b_usd}, {"budget_tranches", c.tranches_b},
                                   {"sites_ramp_it_power_mw", c.sites_it_watts_b / 1e6}}},
                            {"sites_changed", sites},
                            {"generations_changed", generations},
                            {"quarters", quarters}};
  return report_detail::indented_json(j);
}

std::string fleet_comparison_to_csv(const FleetComparison& c) {
  std::string out = "quarter";
  for (const Column& col : columns()) out += fmt::format(",a_{0},b_{0},delta_{0}", col.field);
  out += "\n";
  for (const QuarterComparison& q : c.quarters) {
    out += quarter_name(q.quarter);
    for (const Column& col : columns()) {
      const auto value = [&](const std::optional<QuarterOutputs>& o) { return o ? fmt::format("{:.6g}", col.value(*o)) : ""; };
      const std::string delta = q.a && q.b ? fmt::format("{:.6g}", col.value(*q.b) - col.value(*q.a)) : "";
      out += "," + value(q.a) + "," + value(q.b) + "," + delta;
    }
    out += "\n";
  }
  return out;
}

}  // namespace stargate
