// The deployment front of `serve --search` as text, CSV and SVG (see deployment_front_report.h).
#include "stargate/report/deployment_front_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "deployment_front_svg.h"
#include "stargate/search/deployment_front.h"

namespace stargate {
namespace {

// "whole": the deployment simulated whole at the demand (the top k); "unit": the run of one unit that confirmed
// its size.
const char* figures_source(const DeploymentOption& o) { return o.whole_deployment_simulated ? "whole" : "unit"; }

// `equal`: how many more deployments on the front have the same tokens/s per GPU and per user (listed in the CSV
// and JSON, folded into this row here).
std::string front_row(const DeploymentFrontPoint& p, size_t equal) {
  const DeploymentOption& o = p.option;
  const DeploymentCandidate& c = o.candidate;
  return fmt::format("  {:<15} {:>2} {:>2} {:>2} {:>2} {:>5} {:>6} {:>5} {:>5} {:>10.0f} {:>10.1f} {:>7.0f}ms {:>7.1f}ms "
                     "{:>6.1f}% {:>8.3f} {:>5}{}\n",
                     c.accelerator, c.tp, c.attention_dp, c.pp, c.ep, c.max_batch_sequences, c.max_batch_tokens, c.split(), o.gpus,
                     p.output_tokens_per_s_per_gpu, p.output_tokens_per_s_per_user, o.p99_ttft * 1e3,
                     o.p99_tpot * 1e3, 100 * o.slo_attainment, o.usd_per_million_output_tokens, figures_source(o),
                     equal > 0 ? fmt::format(" {:>5}", fmt::format("+{}", equal)) : "");
}

}  // namespace

std::string deployment_front_to_text(const DeploymentSearchResult& result) {
  const std::vector<DeploymentFrontPoint> points = deployment_front_points(result);
  const size_t meeting = std::count_if(points.begin(), points.end(), [](const auto& p) { return p.meets_slo; });
  std::string s = fmt::format("Pareto front, output tokens/s per GPU vs per user: {} deployments sized, {} meet the "
                              "SLO attainment target ({:.1f}%)\n",
                              points.size(), meeting, 100 * result.slo_attainment_target);
  for (const bool disaggregated : {false, true}) {
    const std::vector<DeploymentFrontPoint> front = front_of_kind(points, disaggregated);
    const char* kind = disaggregated ? "disaggregated" : "aggregated";
    if (front.empty()) {
      s += fmt::format("{}: none on the front (no deployment of this kind was sized within the SLOs; --top N sizes "
                       "more)\n", kind);
      continue;
    }
    s += fmt::format("{}: {} on the front\n", kind, front.size());
    s += fmt::format("  {:<15} {:>2} {:>2} {:>2} {:>2} {:>5} {:>6} {:>5} {:>5} {:>10} {:>10} {:>9} {:>9} {:>7} {:>8} {:>5} {:>5}\n",
                     "accelerator", "tp", "dp", "pp", "ep", "seqs", "tokens", "P:D", "GPUs", "tok/s/GPU", "tok/s/user",
                     "p99 TTFT", "p99 TPOT", "SLO", "$/M out", "sim", "same");
    for (size_t i = 0; i < front.size();) {
      size_t next = i + 1;  // past the deployments equal to front[i] on both figures (adjacent along the front)
      while (next < front.size() &&
             front[next].output_tokens_per_s_per_gpu == front[i].output_tokens_per_s_per_gpu &&
             front[next].output_tokens_per_s_per_user == front[i].output_tokens_per_s_per_user) {
        ++next;
      }
      s += front_row(front[i], next - i - 1);
      i = next;
    }
  }
  return s + "sim: whole = the deployment simulated at the demand (the top N), unit = one unit at demand / units "
             "(the run that confirmed its size); same: more deployments with equal figures (--csv and --json list "
             "them)\n";
}

std::string deployment_front_to_csv(const DeploymentSearchResult& result) {
  std::string out =
      "kind,accelerator,tp,pp,ep,max_batch_sequences,max_batch_tokens,split,units,replicas,gpus,"
      "output_tokens_per_s_per_gpu,output_tokens_per_s_per_user,p99_ttft_s,p99_tpot_s,mean_tpot_s,slo_attainment,"
      "meets_slo,usd_per_hour,usd_per_million_output_tokens,figures_from,on_front\n";
  for (const DeploymentFrontPoint& p : deployment_front_points(result)) {
    const DeploymentOption& o = p.option;
    const DeploymentCandidate& c = o.candidate;
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
                       c.disaggregated() ? "disaggregated" : "aggregated", c.accelerator, c.tp, c.pp, c.ep,
                       c.max_batch_sequences, c.max_batch_tokens, c.split(), o.units, o.replicas, o.gpus,
                       p.output_tokens_per_s_per_gpu, p.output_tokens_per_s_per_user, o.p99_ttft, o.p99_tpot,
                       o.mean_tpot, o.slo_attainment, p.meets_slo, o.usd_per_hour, o.usd_per_million_output_tokens,
                       figures_source(o), p.on_front);
  }
  return out;
}

std::string deployment_front_to_svg(const DeploymentSearchResult& result) {
  return html_detail::deployment_front_svg(deployment_front_points(result), true);
}

}  // namespace stargate
