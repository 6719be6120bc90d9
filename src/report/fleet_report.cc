// The `stargate plan` table, JSON and CSV (see fleet_report.h).
#include "stargate/report/fleet_report.h"

#include "mfu_format.h"

#include <fmt/format.h>

#include <algorithm>

#include "fleet_generations.h"
#include "fleet_tenants.h"
#include "json_text.h"
#include "monte_carlo_report.h"
#include "text_format.h"

namespace stargate {
namespace {

using report_detail::magnitude;
using report_detail::money;
using report_detail::thousands;

std::string generation_bought(const FleetScenario& s, const FleetQuarter& q, const std::string& none) {
  return q.generation >= 0 ? s.generations[q.generation].name : none;
}

// The binding limit and the generation bought that quarter: "hbm Vera Rubin", "power -".
std::string binding_cell(const FleetScenario& s, const FleetQuarter& q) {
  return std::string(limit_name(q.binding)) + " " + generation_bought(s, q, "-");
}

// Two header lines (name over unit or qualifier), one row per quarter, then the legend.
std::string quarters_table(const FleetPlan& p) {
  size_t binding_width = std::string("binding limit").size();
  for (const FleetQuarter& q : p.result.quarters) binding_width = std::max(binding_width, binding_cell(p.scenario, q).size());
  constexpr const char* kRow = "{:<7} {:>10} {:>9} {:>9} {:>9} {:>8} {:>8}  {:<{}} {:>8} {:>9} {:>6} {:>8}\n";
  std::string out = fmt::format(kRow, "quarter", "GPUs", "bf16", "IT MW", "IT MW", "grid MW", "spent", "binding limit",
                                binding_width, "$/GPU-h", "largest", "train", "$/M");
  out += fmt::format(kRow, "", "installed", "EFLOP/s", "installed", "energized", "(avg)", "to date", "+ gen bought",
                     binding_width, "", "run GPUs", "days", "tokens");
  for (size_t i = 0; i < p.result.quarters.size(); ++i) {
    const FleetQuarter& q = p.result.quarters[i];
    const QuarterDelivery& d = p.delivery.quarters[i];
    out += fmt::format(kRow, quarter_name(q.quarter), thousands(q.gpus_installed), thousands(q.peak_flops[0] / 1e18, 1),
                       thousands(q.installed_it_watts / 1e6), thousands(q.energized_it_watts / 1e6),
                       thousands(q.facility_watts / 1e6), money(q.spent), binding_cell(p.scenario, q), binding_width,
                       fmt::format("{:.2f}", q.usd_per_gpu_hour), thousands(d.largest_cluster_gpus),
                       fmt::format("{:.1f}", d.training_days), fmt::format("{:.3f}", d.usd_per_million_tokens));
  }
  out += fmt::format(
      "IT MW installed: nameplate IT power of the installed GPUs; energized: IT power the sites can deliver. grid MW: "
      "average draw at the meter = installed IT x utilization ({:.0f}%) x PUE, so it can be below installed IT.\n"
      "binding limit: the tightest of budget, power, hbm, cowos on that quarter's purchases. largest run GPUs: the "
      "biggest single-site, single-generation cluster; train days: the training run below on it; $/M tokens: "
      "decode-only serving cost.\n",
      p.scenario.finance.power_utilization * 100);
  return out;
}

// The largest run's MFU against the bf16 peak of the generation it runs on.
std::string training_mfu_text(const FleetScenario& s, const QuarterDelivery& d) {
  for (const Generation& g : s.generations) {
    if (g.name == d.largest_cluster_generation) return report_detail::mfu_text(d.training_mfu, g.accelerator, Dtype::bf16);
  }
  return fmt::format("MFU {:.1f}%", d.training_mfu * 100);
}

// The last quarter in three sentences: the fleet, the training run it allows, the serving it sustains.
std::string end_state_text(const FleetPlan& p) {
  const FleetScenario& s = p.scenario;
  const FleetQuarter& last = p.result.quarters.back();
  const QuarterDelivery& d = p.delivery.quarters.back();
  std::string out = fmt::format("\nAt {}: {} GPUs, {} MW at the meter, {} spent of {} released.\n",
                                quarter_name(last.quarter), thousands(last.gpus_installed), thousands(last.facility_watts / 1e6),
                                money(last.spent), money(last.budget_released));
  out += fmt::format("$/GPU-h at {}: capital ${:.2f} + facility ${:.2f} + energy ${:.2f} = ${:.2f} (installed GPUs).\n",
                     quarter_name(last.quarter), last.gpu_hour_cost.capital_usd, last.gpu_hour_cost.facility_usd,
                     last.gpu_hour_cost.energy_usd, last.usd_per_gpu_hour);
  out += fmt::format("Training {} FLOPs of {}: {:.1f} days on {} GPUs ({} at {}), {}, {}, goodput {:.0f}% "
                     "(MTBF {:.1f} h).\n",
                     magnitude(s.training.flops), s.training.model, d.training_days, thousands(d.training_gpus_used),
                     d.largest_cluster_generation, d.largest_cluster_site, d.training_plan, training_mfu_text(s, d),
                     d.training_goodput * 100, d.training_mtbf_hours);
  out += fmt::format("Serving {} at TPOT {:.0f} ms: {} tokens/day, {} concurrent streams, {} users at "
                     "{} tokens/day each, ${:.3f}/M tokens (decode-only capacity).\n",
                     s.serving.model, s.serving.tpot_seconds * 1e3, magnitude(d.tokens_per_day),
                     magnitude(d.concurrent_streams), magnitude(d.users), thousands(s.serving.tokens_per_user_per_day),
                     d.usd_per_million_tokens);
  return out;
}

std::string tornado_text(const Tornado& tornado) {
  std::string out = "\nSensitivity (end of horizon; low .. high):\n";
  for (const TornadoRow& r : tornado.rows) {
    out += fmt::format("  {:<36} bf16 PFLOP/s {:>9} .. {:<9}  $/M tokens {:.3f} .. {:.3f}  train days {:.1f} .. {:.1f}\n",
                       r.vary.field + "=" + r.vary.low + ".." + r.vary.high, thousands(r.low.pflops_bf16),
                       thousands(r.high.pflops_bf16),
                       r.low.usd_per_million_tokens, r.high.usd_per_million_tokens, r.low.training_days,
                       r.high.training_days);
  }
  return out;
}

nlohmann::json metrics_json(const PlanMetrics& m) {
  return {{"gpus", m.gpus},
          {"pflops_bf16", m.pflops_bf16},
          {"facility_mw", m.facility_mw},
          {"spent_usd", m.spent_usd},
          {"tokens_per_day", m.tokens_per_day},
          {"usd_per_million_tokens", m.usd_per_million_tokens},
          {"usd_per_gpu_hour", m.usd_per_gpu_hour},
          {"training_days", m.training_days}};
}

nlohmann::json quarter_json(const FleetScenario& s, const FleetQuarter& q, const QuarterDelivery& d) {
  nlohmann::json gens = nlohmann::json::object();
  for (size_t g = 0; g < q.gpus_by_generation.size(); ++g) gens[s.generations[g].name] = q.gpus_by_generation[g];
  return {{"quarter", quarter_name(q.quarter)},
          {"generation_bought", generation_bought(s, q, "")},
          {"binding_limit", limit_name(q.binding)},
          {"gpus_bought", q.gpus_bought},
          {"gpus_installed", q.gpus_installed},
          {"gpus_by_generation", gens},
          {"pflops", {{"bf16", q.peak_flops[0] / 1e15}, {"fp8", q.peak_flops[1] / 1e15}, {"fp4", q.peak_flops[2] / 1e15}}},
          {"it_power_installed_mw", q.installed_it_watts / 1e6},
          {"it_power_energized_mw", q.energized_it_watts / 1e6},
          {"facility_power_mw", q.facility_watts / 1e6},
          {"budget_released_usd", q.budget_released},
          {"spent_usd", q.spent},
          {"capex_it_usd", q.capex_it},
          {"capex_facility_usd", q.capex_facility},
          {"opex_energy_usd", q.opex_energy},
          {"depreciation_usd", q.depreciation},
          {"capital_charge_usd", q.capital_charge},
          {"hbm_stacks_supply", q.hbm_stacks_supply},
          {"cowos_gpus_supply", q.cowos_gpus_supply},
          {"usd_per_gpu_hour", q.usd_per_gpu_hour},
          {"capital_usd_per_gpu_hour", q.gpu_hour_cost.capital_usd},
          {"facility_usd_per_gpu_hour", q.gpu_hour_cost.facility_usd},
          {"energy_usd_per_gpu_hour", q.gpu_hour_cost.energy_usd},
          {"largest_cluster_gpus", d.largest_cluster_gpus},
          {"largest_cluster_site", d.largest_cluster_site},
          {"training_plan", d.training_plan},
          {"training_gpus_used", d.training_gpus_used},
          {"training_mfu", d.training_mfu},
          {"training_goodput", d.training_goodput},
          {"training_days", d.training_days},
          {"tokens_per_day", d.tokens_per_day},
          {"concurrent_streams", d.concurrent_streams},
          {"users", d.users},
          {"usd_per_million_tokens", d.usd_per_million_tokens}};
}

nlohmann::json serving_by_generation_json(const FleetPlan& p) {
  nlohmann::json serving = nlohmann::json::array();
  for (size_t g = 0; g < p.scenario.generations.size(); ++g) {
    const ServingRate& r = p.delivery.serving_by_generation[g];
    serving.push_back({{"generation", p.scenario.generations[g].name}, {"batch", r.batch},
                       {"step_seconds", r.step_seconds}, {"tokens_per_s_per_gpu", r.tokens_per_s_per_gpu},
                       {"limited_by", r.limited_by}});
  }
  return serving;
}

nlohmann::json sensitivity_json(const Tornado& tornado) {
  nlohmann::json rows = nlohmann::json::array();
  for (const TornadoRow& r : tornado.rows) {
    rows.push_back({{"field", r.vary.field}, {"low", r.vary.low}, {"high", r.vary.high},
                    {"at_low", metrics_json(r.low)}, {"at_high", metrics_json(r.high)}});
  }
  return {{"base", metrics_json(tornado.base)}, {"rows", rows}};
}

}  // namespace

std::string fleet_to_text(const FleetPlan& p) {
  const FleetScenario& s = p.scenario;
  std::string out = fmt::format("{}\n  budget {} from {} over {} quarters; {} sites; {}\n\n", s.name,
                                money(s.budget_total_usd), quarter_name(s.start), s.quarters, s.sites.size(),
                                report_detail::generations_headline(p));
  out += quarters_table(p) + end_state_text(p);
  if (p.tornado) out += tornado_text(*p.tornado);
  out += report_detail::tenants_text(p);
  if (p.monte_carlo) out += report_detail::monte_carlo_text(*p.monte_carlo);
  return out;
}

std::string fleet_to_json(const FleetPlan& p) {
  nlohmann::json j;
  j["name"] = p.scenario.name;
  j["budget_total_usd"] = p.scenario.budget_total_usd;
  nlohmann::json quarters = nlohmann::json::array();
  for (size_t i = 0; i < p.result.quarters.size(); ++i) {
    quarters.push_back(quarter_json(p.scenario, p.result.quarters[i], p.delivery.quarters[i]));
  }
  j["quarters"] = quarters;
  j["serving_by_generation"] = serving_by_generation_json(p);
  if (p.tornado) j["sensitivity"] = sensitivity_json(*p.tornado);
  if (p.tenants) j["tenants"] = report_detail::tenants_json(p);
  if (p.monte_carlo) j["monte_carlo"] = report_detail::monte_carlo_json(*p.monte_carlo);
  return report_detail::indented_json(j);
}

std::string fleet_to_csv(const FleetPlan& p) {
  if (p.monte_carlo) return report_detail::monte_carlo_csv(*p.monte_carlo);
  std::string out =
      "quarter,gpus_installed,gpus_bought,binding_limit,pflops_bf16,pflops_fp8,it_power_installed_mw,"
      "it_power_energized_mw,facility_power_mw,budget_released_usd,spent_usd,capex_it_usd,capex_facility_usd,"
      "opex_energy_usd,depreciation_usd,usd_per_gpu_hour,largest_cluster_gpus,training_days,tokens_per_day,"
      "usd_per_million_tokens\n";
  for (size_t i = 0; i < p.result.quarters.size(); ++i) {
    const FleetQuarter& q = p.result.quarters[i];
    const QuarterDelivery& d = p.delivery.quarters[i];
    out += fmt::format("{},{:.0f},{:.0f},{},{:.1f},{:.1f},{:.3f},{:.3f},{:.3f},{:.0f},{:.0f},{:.0f},{:.0f},{:.0f},{:.0f},"
                       "{:.4f},{},{:.3f},{:.6g},{:.5f}\n",
                       quarter_name(q.quarter), q.gpus_installed, q.gpus_bought, limit_name(q.binding),
                       q.peak_flops[0] / 1e15, q.peak_flops[1] / 1e15, q.installed_it_watts / 1e6,
                       q.energized_it_watts / 1e6, q.facility_watts / 1e6, q.budget_released, q.spent, q.capex_it,
                       q.capex_facility, q.opex_energy, q.depreciation, q.usd_per_gpu_hour, d.largest_cluster_gpus,
                       d.training_days, d.tokens_per_day, d.usd_per_million_tokens);
  }
  return out;
}

}  // namespace stargate
