// The metric table of the training validation and its one conversion function (see the header).
#include "training_metric_conversion.h"

#include <regex>

#include "stargate/core/units.h"

namespace stargate::validation_detail {
namespace {

constexpr double kSecondsPerMinute = 60;
constexpr double kSecondsPerHour = 3600;
constexpr double kSecondsPerDay = 86400;
constexpr double kTrillionTokens = 1e12;
constexpr std::string_view kDerivedPrefix = "derived_";

std::vector<MetricSpec> make_table() {
  using K = MetricKind;
  return {
      {"iteration_time_s", K::step_seconds, 1},
      {"iteration_time_ms", K::step_seconds, 1e3},
      {"step_time_s", K::step_seconds, 1},
      {"step_time_ms", K::step_seconds, 1e3},
      {"tokens_per_s_per_gpu", K::tokens_per_second_per_gpu, 1},
      {"tokens_per_s", K::tokens_per_second, 1},
      {"samples_per_s", K::samples_per_second, 1},
      {"model_tflops_per_gpu", K::model_flops_per_second_per_gpu, 1e-12},
      {"mfu_pct", K::model_flops_utilization, 100},
      {"model_flops_mfu_pct", K::model_flops_utilization, 100},
      {"mfu_pct_check", K::model_flops_utilization, 100},
      {"hfu_pct", K::hardware_flops_utilization, 100},
      {"tflops_per_gpu", K::source_flops_per_second_per_gpu, 1e-12},
      {"tflops_per_gpu_hfu", K::hardware_flops_per_second_per_gpu, 1e-12},
      {"hardware_tflops_per_gpu", K::hardware_flops_per_second_per_gpu, 1e-12},
      {"aggregate_pflops", K::source_flops_per_second_total, 1e-15},
      {"pct_of_peak", K::source_flops_utilization, 100},
      {"gpu_hours_per_trillion_tokens", K::gpu_seconds_per_token, kTrillionTokens / kSecondsPerHour},
      {"days_per_trillion_tokens", K::seconds_per_token, kTrillionTokens / kSecondsPerDay},
      {"block_time_s", K::block_seconds, 1},
      {"total_gpu_hours", K::run_gpu_seconds, 1 / kSecondsPerHour},
      {"pretrain_gpu_hours", K::run_gpu_seconds, 1 / kSecondsPerHour},
      {"time_to_train_min", K::run_seconds, 1 / kSecondsPerMinute},
      {"time_to_train_h", K::run_seconds, 1 / kSecondsPerHour},
      {"time_to_train_days", K::run_seconds, 1 / kSecondsPerDay},
      {"peak_mem_gib", K::peak_memory_bytes, 1 / kBytesPerGiB},
  };
}

// "days_300B_tokens" style names: a time unit, an optional "per", a token count with its scale letter, "tokens".
std::optional<MetricSpec> time_per_stated_tokens(std::string_view name) {
  static const std::regex pattern(R"(^(?:est_)?(days|hours|gpu_hours)_(?:per_)?(\d+(?:\.\d+)?)([KMBT])_tokens$)");
  std::match_results<std::string_view::const_iterator> match;
  if (!std::regex_match(name.begin(), name.end(), match, pattern)) return std::nullopt;
  const std::string unit = match[1].str();
  const double scale = match[3].str() == "K" ? 1e3 : match[3].str() == "M" ? 1e6 : match[3].str() == "B" ? 1e9 : 1e12;
  const double tokens = std::stod(match[2].str()) * scale;
  if (unit == "gpu_hours") return MetricSpec{std::string(name), MetricKind::gpu_seconds_per_token, tokens / kSecondsPerHour};
  return MetricSpec{std::string(name), MetricKind::seconds_per_token,
                    tokens / (unit == "days" ? kSecondsPerDay : kSecondsPerHour)};
}

}  // namespace

const std::vector<MetricSpec>& metric_table() {
  static const std::vector<MetricSpec> table = make_table();
  return table;
}

std::optional<MetricSpec> find_metric(std::string_view name) {
  if (name.substr(0, kDerivedPrefix.size()) == kDerivedPrefix) name.remove_prefix(kDerivedPrefix.size());
  for (const MetricSpec& m : metric_table()) {
    if (m.name == name) return m;
  }
  return time_per_stated_tokens(name);
}

std::optional<double> convert_metric(const MetricSpec& metric, const CaseRunQuantities& run, std::string& missing) {
  const double t = run.step_seconds;
  const double tokens_per_s = run.global_batch_sequences * run.seq_len / t;
  const double source_flops = run.source_tflops_are_model ? run.model_flops_per_step : run.hardware_flops_per_step;
  const double peak_total = run.utilization_peak_flops_per_s * run.gpus;
  double si = 0;
  switch (metric.kind) {
    case MetricKind::step_seconds: si = t; break;
    case MetricKind::tokens_per_second: si = tokens_per_s; break;
    case MetricKind::tokens_per_second_per_gpu: si = tokens_per_s / run.gpus; break;
    case MetricKind::samples_per_second: si = run.global_batch_sequences / t; break;
    case MetricKind::source_flops_per_second_per_gpu: si = source_flops / t / run.gpus; break;
    case MetricKind::model_flops_per_second_per_gpu: si = run.model_flops_per_step / t / run.gpus; break;
    case MetricKind::hardware_flops_per_second_per_gpu: si = run.hardware_flops_per_step / t / run.gpus; break;
    case MetricKind::source_flops_per_second_total: si = source_flops / t; break;
    case MetricKind::model_flops_utilization: si = run.model_flops_per_step / (t * peak_total); break;
    case MetricKind::hardware_flops_utilization: si = run.hardware_flops_per_step / (t * peak_total); break;
    case MetricKind::source_flops_utilization: si = source_flops / (t * peak_total); break;
    case MetricKind::gpu_seconds_per_token: si = run.gpus / tokens_per_s; break;
    case MetricKind::seconds_per_token: si = 1 / tokens_per_s; break;
    case MetricKind::run_gpu_seconds:
    case MetricKind::run_seconds:
      if (!(run.run_tokens > 0)) {
        missing = "the run's total tokens (train_tokens)";
        return std::nullopt;
      }
      si = run.run_tokens / tokens_per_s * (metric.kind == MetricKind::run_gpu_seconds ? run.gpus : 1);
      break;
    case MetricKind::block_seconds:
      if (!(run.block_tokens > 0)) {
        missing = "the tokens per block (block_tokens)";
        return std::nullopt;
      }
      si = run.block_tokens / tokens_per_s;
      break;
    case MetricKind::peak_memory_bytes: si = run.peak_memory_bytes; break;
  }
  return si * metric.unit_per_si;
}

}  // namespace stargate::validation_detail
