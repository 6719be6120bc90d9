// The `stargate serve` outputs (see serving_report.h).
#include "stargate/report/serving_report.h"

#include <fmt/format.h>

#include "gpu_hour_cost_output.h"
#include "json_text.h"
#include "stargate/core/units.h"

namespace stargate {
namespace {

nlohmann::json latency(const LatencyStats& s) {
  return {{"mean_s", s.mean}, {"p50_s", s.p50}, {"p90_s", s.p90}, {"p99_s", s.p99}};
}

nlohmann::json option_json(const CapacityOption& o) {
  return {{"accelerator", o.accelerator}, {"tp", o.tp}, {"feasible", o.feasible},
          {"max_rate_per_replica_rps", o.max_rate_per_replica}, {"replicas", o.replicas}, {"gpus", o.gpus},
          {"usd_per_hour", o.usd_per_hour}, {"usd_per_million_output_tokens", o.usd_per_million_output_tokens},
          {"reason", o.reason}};
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
  s += fmt::format("cost             {}, ${:.2f} total, ${:.3f} per million output tokens\n",
                   gpu_hour_cost_text(r.gpu_hour_cost), r.cost_usd, r.usd_per_million_output_tokens);
  return s;
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
  return report_detail::indented_json(j);
}

std::string capacity_to_text(const CapacityPlan& plan) {
  std::string s = fmt::format("demand {:.2f} req/s\n{:<16} {:>3} {:>10} {:>9} {:>6} {:>10} {:>10}\n", plan.demand_rate,
                              "accelerator", "tp", "rps/replica", "replicas", "GPUs", "$/h", "$/M out");
  auto rows = [&](const char* title, const std::vector<CapacityOption>& list) {
    s += std::string(title) + "\n";
    for (const CapacityOption& o : list) {
      s += fmt::format("{:<16} {:>3} {:>10.2f} {:>9} {:>6} {:>10.2f} {:>10.3f}\n", o.accelerator, o.tp,
                       o.max_rate_per_replica, o.replicas, o.gpus, o.usd_per_hour, o.usd_per_million_output_tokens);
    }
  };
  rows("fewest GPUs per accelerator:", plan.fewest);
  rows("cheapest per accelerator:", plan.cheapest);
  return s;
}

}  // namespace stargate
