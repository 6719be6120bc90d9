#include "serve_search_output.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iostream>

#include "exit_codes.h"
#include "stargate/report/gpu_hour_cost_output.h"
#include "stargate/scenario/scenario.h"

namespace stargate::cli {

nlohmann::json deployment_search_to_json(const DeploymentSearchResult& r, double seconds) {
  nlohmann::json j;
  j["demand_requests_per_s"] = r.demand_rate;
  j["candidates"] = r.candidates;
  j["candidates_simulated"] = r.simulated;
  j["simulations"] = r.simulations;
  j["search_seconds"] = seconds;
  nlohmann::json top = nlohmann::json::array();
  for (const DeploymentOption& o : r.top) {
    const DeploymentCandidate& c = o.candidate;
    top.push_back({{"accelerator", c.accelerator}, {"tp", c.tp}, {"pp", c.pp}, {"ep", c.ep},
                   {"max_batch_sequences", c.max_batch_sequences}, {"max_batch_tokens", c.max_batch_tokens},
                   {"split", c.split()}, {"prefill_replicas_per_unit", c.prefill_replicas},
                   {"decode_replicas_per_unit", c.decode_replicas}, {"units", o.units}, {"replicas", o.replicas},
                   {"gpus", o.gpus}, {"rate_per_unit_requests_per_s", o.rate_per_unit},
                   {"price_per_gpu_hour_usd", o.price_per_gpu_hour}, {"usd_per_hour", o.usd_per_hour},
                   {"usd_per_million_output_tokens", o.usd_per_million_output_tokens},
                   {"p99_ttft_s", o.p99_ttft}, {"p99_tpot_s", o.p99_tpot}, {"slo_attainment", o.slo_attainment}});
    add_gpu_hour_cost_fields(top.back(), o.gpu_hour_cost);
  }
  j["top"] = top;
  nlohmann::json rej = nlohmann::json::object();
  for (int i = 1; i < kDeploymentRejectCount; ++i) {
    rej[deployment_reject_name(static_cast<DeploymentReject>(i))] = r.rejections[i];
  }
  j["feasible"] = r.rejections[0];
  j["rejections"] = rej;
  return j;
}

std::string deployment_search_to_text(const DeploymentSearchResult& r, double seconds) {
  std::string s = fmt::format("demand {:.2f} req/s; {} candidates, {} simulated ({} simulations) in {:.1f} s\n",
                              r.demand_rate, r.candidates, r.simulated, r.simulations, seconds);
  s += fmt::format("{:>2} {:<15} {:>2} {:>2} {:>2} {:>5} {:>6} {:>5} {:>8} {:>5} {:>9} {:>8} {:>8} {:>9} {:>9}\n",
                   "#", "accelerator", "tp", "pp", "ep", "seqs", "tokens", "P:D", "replicas", "GPUs", "$/hour",
                   "$/M out", "rps/unit", "p99 TTFT", "p99 TPOT");
  for (size_t i = 0; i < r.top.size(); ++i) {
    const DeploymentOption& o = r.top[i];
    const DeploymentCandidate& c = o.candidate;
    s += fmt::format(
        "{:>2} {:<15} {:>2} {:>2} {:>2} {:>5} {:>6} {:>5} {:>8} {:>5} {:>9.2f} {:>8.3f} {:>8.2f} {:>7.0f}ms {:>7.1f}ms\n",
        i + 1, c.accelerator, c.tp, c.pp, c.ep, c.max_batch_sequences, c.max_batch_tokens, c.split(), o.replicas,
        o.gpus, o.usd_per_hour, o.usd_per_million_output_tokens, o.rate_per_unit, o.p99_ttft * 1e3,
        o.p99_tpot * 1e3);
  }
  if (r.top.empty()) s += "no deployment meets the SLOs\n";
  std::vector<std::string> priced;  // each accelerator's $/GPU-hour once, in table order
  for (const DeploymentOption& o : r.top) {
    if (std::find(priced.begin(), priced.end(), o.candidate.accelerator) != priced.end()) continue;
    priced.push_back(o.candidate.accelerator);
    s += fmt::format("{:<15} {}\n", o.candidate.accelerator, gpu_hour_cost_text(o.gpu_hour_cost));
  }
  s += fmt::format("feasible: {}; rejected:", r.rejections[0]);
  for (int i = 1; i < kDeploymentRejectCount; ++i) {
    s += fmt::format(" {} {}{}", deployment_reject_name(static_cast<DeploymentReject>(i)), r.rejections[i],
                     i + 1 < kDeploymentRejectCount ? "," : "\n");
  }
  return s;
}

int run_serving_search_cli(const std::string& scenario_path, const std::vector<std::string>& accelerators,
                           size_t top, bool json) {
  DeploymentSearchOptions options;
  options.accelerators = accelerators;
  options.top = top;
  return run_serving_search(scenario_path, options, json);
}

int run_serving_search(const std::string& scenario_path, const DeploymentSearchOptions& options, bool json) {
  Result<Scenario> loaded = load_scenario_file(scenario_path);
  if (!loaded.ok()) return report_error(loaded.error());
  const Scenario& s = loaded.value();
  if (!s.serving) {
    return report_error(
        Error{ErrorKind::invalid_input, "the scenario has no serving: section", "serving", {s.file, 0, 0}});
  }
  const auto start = std::chrono::steady_clock::now();
  Result<DeploymentSearchResult> result = search_deployments(s.model, s.cluster, *s.serving, options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!result.ok()) {
    Error e = result.error();
    if (e.location.file.empty()) e.location.file = s.file;
    return report_error(e);
  }
  if (json) {
    std::cout << deployment_search_to_json(result.value(), seconds).dump(2) << "\n";
  } else {
    std::cout << deployment_search_to_text(result.value(), seconds);
  }
  return kExitOk;
}

}  // namespace stargate::cli
