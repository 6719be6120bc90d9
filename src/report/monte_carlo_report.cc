// Text, JSON and CSV of the Monte Carlo percentiles (monte_carlo_report.h).
#include "monte_carlo_report.h"

#include <fmt/format.h>

#include <algorithm>

#include "text_format.h"

namespace stargate::report_detail {
namespace {

constexpr size_t kDriversShown = 10;

// How each metric is shown in the text table: its column title and its scale.
struct MetricColumn {
  McMetric metric;
  const char* title;
  double scale;  // value / scale is printed
  int decimals;
};
constexpr MetricColumn kColumns[] = {
    {McMetric::gpus, "GPUs installed (k)", 1e3, 0},       {McMetric::it_gw, "IT GW installed", 1, 2},
    {McMetric::bf16_flops, "bf16 EFLOP/s", 1e18, 0},      {McMetric::spent_usd, "spent to date $B", 1e9, 1},
    {McMetric::usd_per_million_tokens, "$/M tokens", 1, 3},
};

const Percentiles& at(const MonteCarloSummary& s, McMetric m, size_t q) { return s.by_quarter[static_cast<int>(m)][q]; }

std::string percentiles_table(const MonteCarloSummary& s) {
  std::string out = fmt::format("{:<7}", "");
  for (const MetricColumn& c : kColumns) out += fmt::format(" | {:^26}", c.title);
  while (out.back() == ' ') out.pop_back();  // no trailing blanks after the last centred title
  out += fmt::format("\n{:<7}", "quarter");
  for (size_t k = 0; k < std::size(kColumns); ++k) out += fmt::format(" | {:>8}{:>9}{:>9}", "P10", "P50", "P90");
  out += "\n";
  for (size_t q = 0; q < s.quarters.size(); ++q) {
    out += fmt::format("{:<7}", quarter_name(s.quarters[q]));
    for (const MetricColumn& c : kColumns) {
      const Percentiles& p = at(s, c.metric, q);
      out += fmt::format(" | {:>8}{:>9}{:>9}", thousands(p.p10 / c.scale, c.decimals),
                         thousands(p.p50 / c.scale, c.decimals), thousands(p.p90 / c.scale, c.decimals));
    }
    out += "\n";
  }
  return out;
}

std::string drivers_table(const MonteCarloSummary& s) {
  std::string out = fmt::format("{:<50} {:>6} {:>6} {:>6} {:>6} {:>6}  {}\n", "uncertain input", "GPUs", "GW",
                                "FLOP/s", "spend", "$/Mtok", "distribution");
  for (size_t i = 0; i < s.drivers.size() && i < kDriversShown; ++i) {
    const SpreadDriver& d = s.drivers[i];
    std::string name = d.fields.front();
    if (d.fields.size() > 1) name += fmt::format(" (+{} aliased)", d.fields.size() - 1);
    out += fmt::format("{:<50}", name);
    for (double rho : d.rank_correlation) out += fmt::format(" {:>+6.2f}", rho);
    out += "  " + d.description + "\n";
  }
  if (s.drivers.size() > kDriversShown) out += fmt::format("({} more in --json)\n", s.drivers.size() - kDriversShown);
  return out;
}

}  // namespace

std::string monte_carlo_text(const MonteCarloSummary& s) {
  std::string out = fmt::format(
      "\nMonte Carlo: {} draws (seed {}) of {} uncertain inputs; P10/P50/P90 of each quarter across draws\n", s.draws,
      s.seed, s.drivers.size());
  out += percentiles_table(s);
  if (s.drivers.empty()) return out + "(the scenario has no distributions: every draw is the point plan)\n";
  out += fmt::format("\nWhat drives the spread at {}: Spearman rank correlation of each input with the final "
                     "quarter (strongest first)\n",
                     quarter_name(s.quarters.back()));
  return out + drivers_table(s);
}

nlohmann::json monte_carlo_json(const MonteCarloSummary& s) {
  nlohmann::json quarters = nlohmann::json::array();
  for (size_t q = 0; q < s.quarters.size(); ++q) {
    nlohmann::json row = {{"quarter", quarter_name(s.quarters[q])}};
    for (int m = 0; m < kMcMetrics; ++m) {
      const Percentiles& p = s.by_quarter[m][q];
      row[std::string(mc_metric_name(static_cast<McMetric>(m)))] = {{"p10", p.p10}, {"p50", p.p50}, {"p90", p.p90}};
    }
    quarters.push_back(row);
  }
  nlohmann::json drivers = nlohmann::json::array();
  for (const SpreadDriver& d : s.drivers) {
    nlohmann::json rho;
    for (int m = 0; m < kMcMetrics; ++m) rho[std::string(mc_metric_name(static_cast<McMetric>(m)))] = d.rank_correlation[m];
    drivers.push_back({{"fields", d.fields}, {"distribution", d.description}, {"rank_correlation_final_quarter", rho}});
  }
  return {{"draws", s.draws}, {"seed", s.seed}, {"quarters", quarters}, {"drivers", drivers}};
}

std::string monte_carlo_csv(const MonteCarloSummary& s) {
  std::string out = "quarter";
  for (int m = 0; m < kMcMetrics; ++m) {
    const std::string name(mc_metric_name(static_cast<McMetric>(m)));
    out += fmt::format(",{0}_p10,{0}_p50,{0}_p90", name);
  }
  out += "\n";
  for (size_t q = 0; q < s.quarters.size(); ++q) {
    out += quarter_name(s.quarters[q]);
    for (int m = 0; m < kMcMetrics; ++m) {
      const Percentiles& p = s.by_quarter[m][q];
      out += fmt::format(",{:.10g},{:.10g},{:.10g}", p.p10, p.p50, p.p90);
    }
    out += "\n";
  }
  return out;
}

}  // namespace stargate::report_detail
