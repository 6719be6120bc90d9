// The `stargate serve --search` table and JSON (see deployment_search_report.h).
#include "stargate/report/deployment_search_report.h"

#include <fmt/format.h>

#include <algorithm>

#include "gpu_hour_cost_output.h"
#include "json_text.h"
#include "stargate/search/deployment_front.h"

namespace stargate {
namespace {

nlohmann::json option_json(const DeploymentOption& o) {
  const DeploymentCandidate& c = o.candidate;
  nlohmann::json j = {{"accelerator", c.accelerator}, {"tp", c.tp}, {"pp", c.pp}, {"ep", c.ep},
          {"attention_dp", c.attention_dp}, {"max_batch_sequences", c.max_batch_sequences}, {"max_batch_tokens", c.max_batch_tokens},
          {"split", c.split()}, {"prefill_replicas_per_unit", c.prefill_replicas},
          {"decode_replicas_per_unit", c.decode_replicas}, {"units", o.units}, {"replicas", o.replicas},
          {"gpus", o.gpus}, {"rate_per_unit_requests_per_s", o.rate_per_unit},
          {"price_per_gpu_hour_usd", o.price_per_gpu_hour}, {"usd_per_hour", o.usd_per_hour},
          {"usd_per_million_output_tokens", o.usd_per_million_output_tokens},
          {"p99_ttft_s", o.p99_ttft}, {"p99_tpot_s", o.p99_tpot}, {"slo_attainment", o.slo_attainment}};
  add_gpu_hour_cost_fields(j, o.gpu_hour_cost);
  if (!c.decode_accelerator.empty()) {  // mixed hardware: the decode pool's accelerator and price
    j["decode_accelerator"] = c.decode_accelerator;
    j["decode_gpu_hour_cost"] = gpu_hour_cost_json(o.decode_gpu_hour_cost);
  }
  return j;
}

// Each kind's front (deployment_front.h), in order of tokens/s per user, and the counts it was taken from.
nlohmann::json pareto_json(const DeploymentSearchResult& r) {
  const std::vector<DeploymentFrontPoint> points = deployment_front_points(r);
  nlohmann::json j = {{"x", "output_tokens_per_s_per_user"}, {"y", "output_tokens_per_s_per_gpu"},
                      {"slo_attainment_target", r.slo_attainment_target}, {"deployments_sized", points.size()},
                      {"deployments_meeting_slo", std::count_if(points.begin(), points.end(),
                                                                [](const auto& p) { return p.meets_slo; })}};
  for (const bool disaggregated : {false, true}) {
    nlohmann::json list = nlohmann::json::array();
    for (const DeploymentFrontPoint& p : front_of_kind(points, disaggregated)) {
      nlohmann::json point = option_json(p.option);
      point["output_tokens_per_s_per_gpu"] = p.output_tokens_per_s_per_gpu;
      point["output_tokens_per_s_per_user"] = p.output_tokens_per_s_per_user;
      point["mean_tpot_s"] = p.option.mean_tpot;
      point["meets_slo"] = p.meets_slo;
      point["figures_from"] = p.option.whole_deployment_simulated ? "whole" : "unit";
      list.push_back(point);
    }
    j[disaggregated ? "disaggregated" : "aggregated"] = list;
  }
  return j;
}

std::string option_row(size_t rank, const DeploymentOption& o) {
  const DeploymentCandidate& c = o.candidate;
  return fmt::format(
      "{:>2} {:<15} {:>2} {:>2} {:>2} {:>2} {:>5} {:>6} {:>5} {:>8} {:>5} {:>9.2f} {:>8.3f} {:>8.2f} {:>7.0f}ms {:>7.1f}ms\n",
      rank, c.accelerators(), c.tp, c.attention_dp, c.pp, c.ep, c.max_batch_sequences, c.max_batch_tokens, c.split(), o.replicas,
      o.gpus, o.usd_per_hour, o.usd_per_million_output_tokens, o.rate_per_unit, o.p99_ttft * 1e3, o.p99_tpot * 1e3);
}

}  // namespace

std::string deployment_search_to_json(const DeploymentSearchResult& r, double search_seconds) {
  nlohmann::json j;
  j["demand_requests_per_s"] = r.demand_rate;
  j["candidates"] = r.candidates;
  j["candidates_simulated"] = r.simulated;
  j["simulations"] = r.simulations;
  j["search_seconds"] = search_seconds;
  nlohmann::json top = nlohmann::json::array();
  for (const DeploymentOption& o : r.top) top.push_back(option_json(o));
  j["top"] = top;
  nlohmann::json rejections = nlohmann::json::object();
  for (int i = 1; i < kDeploymentRejectCount; ++i) {
    rejections[deployment_reject_name(static_cast<DeploymentReject>(i))] = r.rejections[i];
  }
  j["feasible"] = r.rejections[0];
  j["rejections"] = rejections;
  j["pareto"] = pareto_json(r);
  return report_detail::indented_json(j);
}

std::string deployment_search_to_text(const DeploymentSearchResult& r, double search_seconds) {
  std::string s = fmt::format("demand {:.2f} req/s; {} candidates, {} simulated ({} simulations) in {:.1f} s\n",
                              r.demand_rate, r.candidates, r.simulated, r.simulations, search_seconds);
  s += fmt::format("{:>2} {:<15} {:>2} {:>2} {:>2} {:>2} {:>5} {:>6} {:>5} {:>8} {:>5} {:>9} {:>8} {:>8} {:>9} {:>9}\n",
                   "#", "accelerator", "tp", "dp", "pp", "ep", "seqs", "tokens", "P:D", "replicas", "GPUs", "$/hour",
                   "$/M out", "rps/unit", "p99 TTFT", "p99 TPOT");
  for (size_t i = 0; i < r.top.size(); ++i) s += option_row(i + 1, r.top[i]);
  if (r.top.empty()) s += "no deployment meets the SLOs\n";
  std::vector<std::string> priced;  // each accelerator's $/GPU-hour once, in table order
  auto price_row = [&](const std::string& accelerator, const GpuHourCost& cost) {
    if (std::find(priced.begin(), priced.end(), accelerator) != priced.end()) return;
    priced.push_back(accelerator);
    s += fmt::format("{:<15} {}\n", accelerator, gpu_hour_cost_text(cost));
  };
  for (const DeploymentOption& o : r.top) {
    price_row(o.candidate.accelerator, o.gpu_hour_cost);
    if (!o.candidate.decode_accelerator.empty()) price_row(o.candidate.decode_accelerator, o.decode_gpu_hour_cost);
  }
  // The table lists at most --top deployments: say so when more were feasible than it shows.
  const size_t feasible = r.rejections[0];
  s += feasible > r.top.size() ? fmt::format("feasible: {}, top {} shown; rejected:", feasible, r.top.size())
                               : fmt::format("feasible: {}; rejected:", feasible);
  for (int i = 1; i < kDeploymentRejectCount; ++i) {
    s += fmt::format(" {} {}{}", deployment_reject_name(static_cast<DeploymentReject>(i)), r.rejections[i],
                     i + 1 < kDeploymentRejectCount ? "," : "\n");
  }
  return s;
}

}  // namespace stargate
