#pragma once
// Internal: one table-driven conversion from a predicted training step to any metric a training case publishes
// (/work/shared/validation/README.md "Training metrics that occur"). A metric is a row of the table: its name,
// the quantity it measures (MetricKind) and the factor from that quantity in SI units to the published unit.
// The case supplies what the quantity needs (batch, sequence, GPUs, FLOPs per step as its source defines them,
// the run's tokens); a metric is unconvertible only when the case lacks such an input, and then says which.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stargate::validation_detail {

enum class MetricKind {
  step_seconds,                 // one optimizer step (iteration)
  tokens_per_second,            // whole job
  tokens_per_second_per_gpu,
  samples_per_second,           // sequences per second, whole job
  source_flops_per_second_per_gpu,    // "TFLOP/s": model or hardware FLOPs as the source's convention says
  model_flops_per_second_per_gpu,     // model FLOPs (no recompute) per second per GPU
  hardware_flops_per_second_per_gpu,  // FLOPs executed (recompute included) per second per GPU
  source_flops_per_second_total,      // aggregate FLOP/s of all GPUs, source convention
  model_flops_utilization,            // MFU, fraction of the source's peak
  hardware_flops_utilization,         // HFU
  source_flops_utilization,           // "% of peak": the source's plain TFLOP/s over its peak
  gpu_seconds_per_token,              // GPU time per trained token
  seconds_per_token,                  // wall-clock time per trained token
  run_gpu_seconds,                    // GPU time of the whole run (needs the run's tokens)
  run_seconds,                        // wall clock of the whole run (needs the run's tokens)
  block_seconds,                      // time of one block of `block_tokens` tokens (MLPerf)
  peak_memory_bytes,                  // per GPU
};

struct MetricSpec {
  std::string name;       // as published, without the `derived_` prefix
  MetricKind kind;
  double unit_per_si;     // published value = quantity in SI units × unit_per_si
};

// What the conversion needs from the case and its predicted step; SI units.
struct CaseRunQuantities {
  double step_seconds = 0;
  double global_batch_sequences = 0;
  double seq_len = 0;
  double gpus = 0;
  double model_flops_per_step = 0;     // model FLOPs as the source defines them
  double hardware_flops_per_step = 0;  // hardware FLOPs (recompute included) as the source defines them
  double utilization_peak_flops_per_s = 0;  // per GPU: the peak the source's MFU / HFU / % of peak divide by
  bool source_tflops_are_model = false;     // the source's plain "TFLOP/s" counts model FLOPs (NeMo)
  double run_tokens = 0;                    // tokens of the whole run, 0 when the case does not state them
  double block_tokens = 0;                  // tokens per block (MLPerf), 0 when not stated
  double peak_memory_bytes = 0;             // predicted per GPU
};

// The table row of `name` ("iteration_time_ms", "derived_mfu_pct"; a `derived_` prefix is accepted), or a
// time per stated token count written in the name ("est_days_300B_tokens", "gpu_hours_per_1T_tokens": days,
// hours or GPU-hours per N thousand (K), million (M), billion (B) or trillion (T) tokens); nullopt when neither
// converts it.
std::optional<MetricSpec> find_metric(std::string_view name);
// Every row, in the generic order of preference: times and throughputs, then FLOP-based figures, then run totals,
// then memory.
const std::vector<MetricSpec>& metric_table();

// The predicted value of `metric` in its published unit; nullopt with `missing` naming the absent case input
// (e.g. "the run's total tokens (train_tokens)") when the case lacks what the metric needs.
std::optional<double> convert_metric(const MetricSpec& metric, const CaseRunQuantities& run, std::string& missing);

}  // namespace stargate::validation_detail
