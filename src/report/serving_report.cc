// The `stargate serve` outputs (see serving_report.h).
#include "stargate/report/serving_report.h"

#include <fmt/format.h>

#include <algorithm>

#include "gpu_hour_cost_output.h"
#include "json_text.h"
#include "stargate/core/units.h"

namespace stargate {
namespace {

nlohmann::json latency(const LatencyStats& s) {
  return {{"mean_s", s.mean}, {"p50_s", s.p50}, {"p90_s", s.p90}, {"p99_s", s.p99}};
}

nlohmann::json option_json(const CapacityOption& o) {
  nlohmann::json j = {{"accelerator", o.accelerator}, {"tp", o.tp}, {"feasible", o.feasible},
          {"max_rate_per_replica_rps", o.max_rate_per_replica}, {"replicas", o.replicas}, {"gpus", o.gpus},
          {"usd_per_hour", o.usd_per_hour}, {"usd_per_million_output_tokens", o.usd_per_million_output_tokens},
          {"reason", o.reason}};
  if (!o.role.empty()) j["pool"] = o.role;
  return j;
}

nlohmann::json disaggregated_capacity_json(const DisaggregatedCapacity& d) {
  nlohmann::json options = nlohmann::json::array();
  for (const CapacityOption& o : d.options) options.push_back(option_json(o));
  return {{"options", options}, {"prefill", option_json(d.prefill)}, {"decode", option_json(d.decode)},
          {"gpus", d.gpus}, {"usd_per_hour", d.usd_per_hour},
          {"usd_per_million_output_tokens", d.usd_per_million_output_tokens}};
}

std::string capacity_row(const CapacityOption& o) {
  return fmt::format("{:<16} {:>3} {:>10.2f} {:>9} {:>6} {:>10.2f} {:>10.3f}\n", o.accelerator, o.tp,
                     o.max_rate_per_replica, o.replicas, o.gpus, o.usd_per_hour, o.usd_per_million_output_tokens);
}

// A disaggregated scenario's pools sized apart: the cheapest option of each pool, then the deployment.
std::string disaggregated_capacity_text(const DisaggregatedCapacity& d) {
  std::string s = "disaggregated, pools sized apart (cheapest per pool):\n";
  for (const CapacityOption* o : {&d.prefill, &d.decode}) {
    s += o->feasible ? o->role + " pool\n" + capacity_row(*o) : o->role + " pool: " + o->reason + "\n";
  }
  if (d.prefill.feasible && d.decode.feasible) {
    s += fmt::format("deployment: {} GPUs ({} prefill on {}, {} decode on {}), ${:.2f}/h, ${:.3f} per million output "
                     "tokens\n",
                     d.gpus, d.prefill.gpus, d.prefill.accelerator, d.decode.gpus, d.decode.accelerator,
                     d.usd_per_hour, d.usd_per_million_output_tokens);
  }
  return s;
}

// Disaggregated: each pool's hardware, memory and cost, and the KV transfer between them.
void add_pools_json(nlohmann::json& j, const ServingResult& r) {
  if (r.pools.empty()) return;
  nlohmann::json pools = nlohmann::json::array();
  for (const ServingPoolResult& p : r.pools) {
    nlohmann::json pj = {{"role", p.role}, {"accelerator", p.accelerator}, {"node", p.node},
                         {"replicas", p.replicas}, {"tp", p.tp}, {"attention_dp", p.attention_dp}, {"ep", p.ep}, {"gpus", p.gpus}, {"busy_fraction", p.busy_fraction},
                         {"kv_blocks_per_replica", p.kv_blocks_per_replica},
                         {"weight_bytes_per_gpu", p.weight_bytes_per_gpu},
                         {"kv_bytes_per_token_per_gpu", p.kv_bytes_per_token_per_gpu}, {"cost_usd", p.cost_usd}};
    add_gpu_hour_cost_fields(pj, p.gpu_hour_cost);
    pools.push_back(std::move(pj));
  }
  j["pools"] = std::move(pools);
  j["kv_transfer"] = {{"bandwidth_bytes_per_s_per_gpu", r.kv_transfer_bandwidth},
                      {"bytes_per_token_per_gpu", r.kv_transfer_bytes_per_token_per_gpu}};
}

// One line per pool of a disaggregated deployment, then the KV transfer.
std::string pools_text(const ServingResult& r) {
  std::string s;
  for (const ServingPoolResult& p : r.pools) {
    // Data-parallel attention: the KV blocks are per attention rank (each rank is an engine with its own cache).
    const std::string layout = (p.attention_dp > 1 ? fmt::format(" ({} attention ranks", p.attention_dp) : std::string()) +
                               (p.ep > 1 ? fmt::format("{}EP{}", p.attention_dp > 1 ? ", " : " (", p.ep) : std::string()) +
                               (p.attention_dp > 1 || p.ep > 1 ? ")" : "");
    s += fmt::format("{:<17}{} × tp{}{} on {} ({}), {} GPUs, busy {:.1f}%, {} blocks per {}; {}, ${:.2f}\n",
                     p.role + " pool", p.replicas, p.tp, layout, p.accelerator, p.node, p.gpus, 100 * p.busy_fraction,
                     p.kv_blocks_per_replica, p.attention_dp > 1 ? "attention rank" : "replica",
                     gpu_hour_cost_text(p.gpu_hour_cost), p.cost_usd);
  }
  if (!r.pools.empty()) {
    s += fmt::format("KV transfer      {:.0f} KiB per token per GPU at {} per GPU\n",
                     r.kv_transfer_bytes_per_token_per_gpu / 1024,
                     format_quantity(r.kv_transfer_bandwidth, Dimension::bandwidth));
  }
  return s;
}

nlohmann::json serving_json(const ServingResult& r) {
  nlohmann::json j = {
      {"requests", r.requests}, {"completed", r.completed}, {"rejected", r.rejected},
      {"preemptions", r.preemptions}, {"iterations", r.iterations}, {"events", r.events},
      {"duration_s", r.duration}, {"input_tokens", r.input_tokens}, {"output_tokens", r.output_tokens},
      {"throughput", {{"requests_per_s", r.requests_per_s}, {"output_tokens_per_s", r.output_tokens_per_s},
                      {"total_tokens_per_s", r.total_tokens_per_s}}},
      {"ttft", latency(r.ttft)}, {"tpot", latency(r.tpot)}, {"e2e", latency(r.e2e)},
      {"goodput_requests_per_s", r.goodput_requests_per_s}, {"slo_attainment", r.slo_attainment},
      {"mean_requests_in_system", r.mean_in_system}, {"mean_batch_sequences", r.mean_batch_sequences},
      {"mean_batch_tokens", r.mean_batch_tokens}, {"gpu_utilization", r.gpu_utilization},
      {"utilization",
       {{"busy_fraction", r.busy_fraction},
        {"compute_fraction_of_peak", r.compute_utilization},
        {"hbm_bandwidth_fraction_of_peak", r.hbm_bandwidth_utilization},
        {"compute_peak_flops_per_s", r.compute_peak_flops_per_s},
        {"definitions",
         {{"busy_fraction", "share of GPU time with an iteration running (gpu_utilization is this figure; power "
                            "scales with it)"},
          {"compute_fraction_of_peak", "model FLOPs of all iterations / (GPUs x duration x compute_peak_flops_per_s)"},
          {"hbm_bandwidth_fraction_of_peak",
           "weight, KV-cache read and KV-write bytes of all iterations / (GPUs x duration x HBM bandwidth)"}}}}},
      {"gpus", r.gpus}, {"average_power_w", r.average_power_watts}, {"energy_j", r.energy_joules},
      {"price_per_gpu_hour_usd", r.price_per_gpu_hour}, {"cost_usd", r.cost_usd},
      {"usd_per_million_output_tokens", r.usd_per_million_output_tokens},
      {"kv_cache", {{"blocks_per_replica", r.kv_blocks_per_replica}, {"max_blocks_used", r.max_kv_blocks_used},
                    {"bytes_per_token_per_gpu", r.kv_bytes_per_token_per_gpu}}},
      {"weight_bytes_per_gpu", r.weight_bytes_per_gpu}};
  add_gpu_hour_cost_fields(j, r.gpu_hour_cost);
  if (r.prefix_queried_tokens > 0) {  // prefix caching on
    j["prefix_cache"] = {{"hit_rate_tokens", r.prefix_hit_rate}, {"hit_tokens", r.prefix_hit_tokens},
                         {"queried_tokens", r.prefix_queried_tokens}, {"evicted_blocks", r.prefix_evicted_blocks}};
  }
  add_pools_json(j, r);
  nlohmann::json samples = nlohmann::json::array();
  for (const ServingSample& s : r.samples) {
    samples.push_back({{"time_s", s.time}, {"kv_used_fraction", s.kv_used_fraction}, {"running", s.running},
                       {"waiting", s.waiting}});
  }
  j["time_series"] = samples;
  return j;
}

}  // namespace

std::string serving_to_json(const ServingResult& r) { return report_detail::indented_json(serving_json(r)); }

std::string serving_to_text(const ServingResult& r) {
  std::string s;
  s += fmt::format("requests         {} completed, {} rejected, {} preemptions, {} iterations\n", r.completed,
                   r.rejected, r.preemptions, r.iterations);
  s += fmt::format("duration         {:.2f} s simulated ({} events)\n", r.duration, r.events);
  s += fmt::format("throughput       {:.2f} req/s, {:.0f} output tok/s, {:.0f} total tok/s\n", r.requests_per_s,
                   r.output_tokens_per_s, r.total_tokens_per_s);
  auto row = [&](const char* name, const LatencyStats& l, double scale, const char* unit) {
    s += fmt::format("{:<16} p50 {:.1f} {}, p90 {:.1f} {}, p99 {:.1f} {}, mean {:.1f} {}\n", name, l.p50 * scale,
                     unit, l.p90 * scale, unit, l.p99 * scale, unit, l.mean * scale, unit);
  };
  row("TTFT", r.ttft, 1e3, "ms");
  row("TPOT", r.tpot, 1e3, "ms");
  row("end-to-end", r.e2e, 1, "s");
  s += fmt::format("goodput          {:.2f} req/s within SLOs ({:.1f}% of requests)\n", r.goodput_requests_per_s,
                   100 * r.slo_attainment);
  s += fmt::format("batch            {:.1f} sequences, {:.0f} tokens per iteration; {:.1f} requests in system\n",
                   r.mean_batch_sequences, r.mean_batch_tokens, r.mean_in_system);
  s += fmt::format("KV cache         {} blocks per replica, peak {} used; {:.0f} KiB per token per GPU\n",
                   r.kv_blocks_per_replica, r.max_kv_blocks_used, r.kv_bytes_per_token_per_gpu / 1024);
  if (r.prefix_queried_tokens > 0) {
    s += fmt::format("prefix cache     {:.1f}% of prompt tokens found cached ({} of {}); {} blocks evicted\n",
                     100 * r.prefix_hit_rate, r.prefix_hit_tokens, r.prefix_queried_tokens, r.prefix_evicted_blocks);
  }
  s += fmt::format("GPUs             {}, busy {:.1f}% of the time (an iteration running); {:.1f} kW average "
                   "(scales with busy time)\n",
                   r.gpus, 100 * r.busy_fraction, r.average_power_watts / 1e3);
  s += fmt::format("capacity used    compute {:.1f}% of peak {} (model FLOPs), HBM bandwidth {:.1f}% of peak\n",
                   100 * r.compute_utilization, format_quantity(r.compute_peak_flops_per_s, Dimension::flop_rate),
                   100 * r.hbm_bandwidth_utilization);
  s += pools_text(r);
  const bool one_price = r.pools.empty() || std::all_of(r.pools.begin(), r.pools.end(), [&](const ServingPoolResult& p) {
    return p.gpu_hour_cost.total_usd() == r.pools[0].gpu_hour_cost.total_usd();
  });
  s += fmt::format("cost             {}{}, ${:.2f} total, ${:.3f} per million output tokens\n",
                   one_price ? "" : "GPU-weighted mean ", gpu_hour_cost_text(r.gpu_hour_cost), r.cost_usd,
                   r.usd_per_million_output_tokens);
  return s;
}

std::string offline_batch_to_text(const ServingResult& r) {
  return fmt::format("offline run      static batch of {} requests queued at t = 0, no arrivals: throughput over the "
                     "time to finish the batch, latencies from t = 0\n",
                     r.requests) +
         serving_to_text(r);
}

std::string offline_batch_to_json(const ServingResult& r) {
  nlohmann::json j = serving_json(r);
  j["mode"] = "offline";
  j["offline"] = {{"requests", r.requests},
                  {"definition", "a static batch queued at t = 0, no arrivals (trtllm-bench, vLLM "
                                 "benchmark_throughput): throughput = tokens or requests / duration_s (t = 0 to the "
                                 "last completion); ttft, tpot and e2e per request, measured from t = 0"}};
  return report_detail::indented_json(j);
}

std::string serving_trace(const ServingResult& r) {
  nlohmann::json events = nlohmann::json::array();
  for (const ServingTraceEvent& e : r.trace) {
    const bool iteration = e.replica >= 0;
    nlohmann::json ev = {{"name", iteration ? "iteration" : "request"}, {"ph", "X"}, {"ts", e.start * 1e6},
                         {"dur", e.duration * 1e6}, {"pid", iteration ? 1 : 2},
                         {"tid", iteration ? e.replica : static_cast<int>(e.request % 64)}};
    if (iteration) {
      ev["args"] = {{"prefill_tokens", e.prefill_tokens}, {"decode_seqs", e.decode_seqs}};
    } else {
      ev["args"] = {{"request", e.request}, {"input_tokens", e.prefill_tokens}, {"output_tokens", e.decode_seqs}};
    }
    events.push_back(std::move(ev));
  }
  return report_detail::chrome_trace_text(std::move(events));
}

std::string capacity_to_json(const CapacityPlan& plan) {
  nlohmann::json j = {{"demand_rps", plan.demand_rate}};
  for (const char* key : {"options", "fewest_gpus", "cheapest"}) {
    const auto& list = key[0] == 'o' ? plan.options : key[0] == 'f' ? plan.fewest : plan.cheapest;
    nlohmann::json a = nlohmann::json::array();
    for (const CapacityOption& o : list) a.push_back(option_json(o));
    j[key] = a;
  }
  if (plan.disaggregated) j["disaggregated"] = disaggregated_capacity_json(*plan.disaggregated);
  return report_detail::indented_json(j);
}

std::string capacity_to_text(const CapacityPlan& plan) {
  std::string s = fmt::format("demand {:.2f} req/s\n{:<16} {:>3} {:>10} {:>9} {:>6} {:>10} {:>10}\n", plan.demand_rate,
                              "accelerator", "tp", "rps/replica", "replicas", "GPUs", "$/h", "$/M out");
  auto rows = [&](const char* title, const std::vector<CapacityOption>& list) {
    s += std::string(title) + "\n";
    for (const CapacityOption& o : list) s += capacity_row(o);
  };
  rows("fewest GPUs per accelerator:", plan.fewest);
  rows("cheapest per accelerator:", plan.cheapest);
  if (plan.disaggregated) s += disaggregated_capacity_text(*plan.disaggregated);
  return s;
}

}  // namespace stargate
