// The training estimate as one HTML page (see training_html.h).
#include "stargate/report/training_html.h"

#include <fmt/format.h>

#include "stargate/report/confidence_report.h"

#include "html_charts.h"
#include "html_page.h"
#include "html_xy_charts.h"
#include "mfu_format.h"
#include "plan_format.h"
#include "text_format.h"
#include "stargate/core/units.h"
#include "stargate/cost/gpu_hour_cost_model.h"
#include "gpu_hour_cost_output.h"

namespace stargate {
namespace {

using html_detail::Bar;
using html_detail::HeadlineFigure;

std::string seconds_text(double seconds) { return format_quantity(seconds, Dimension::time); }

std::vector<HeadlineFigure> headline(const Scenario& s, const TrainingEstimate& e, const TrainingRunTotals& run) {
  const AcceleratorSpec& card = s.cluster.accelerator;
  const GpuHourCost price = gpu_hour_cost(s.cluster, default_cost_assumptions());
  const double usd = usd_for_gpu_seconds(price, run.gpu_hours * 3600);
  std::vector<HeadlineFigure> f = {
      {"step_seconds", "step time", e.step_seconds, seconds_text(e.step_seconds)},
      {"mfu", "MFU", e.mfu, report_detail::mfu_text(e.mfu, card, s.training->plan.precision)},
      {"mfu_peak_flops_per_s", "MFU peak per GPU", card.bf16_peak_flops_per_s(), report_detail::mfu_peak_text(card)},
      {"hfu", "HFU", e.hfu, fmt::format("{:.1f}%", 100 * e.hfu)},
      {"tokens_per_second", "tokens/s", e.tokens_per_second,
       fmt::format("{} tokens/s ({} per GPU)", format_quantity(e.tokens_per_second, Dimension::count),
                   format_quantity(e.tokens_per_second / s.cluster.gpus, Dimension::count))},
      {"memory_bytes.total", "memory per GPU", e.memory.total_bytes(),
       fmt::format("{} of {} HBM less {} headroom{}", format_quantity(e.memory.total_bytes(), Dimension::bytes),
                   format_quantity(e.hbm_capacity_bytes, Dimension::bytes),
                   format_quantity(e.memory_headroom_bytes, Dimension::bytes), e.fits ? " (fits)" : " (DOES NOT FIT)")},
  };
  if (run.steps > 0) {
    f.push_back({"run.wall_seconds", "time to train", run.wall_seconds,
                 fmt::format("{} for {} tokens ({} steps), without failures", seconds_text(run.wall_seconds),
                             format_quantity(s.training->tokens_total, Dimension::count), run.steps)});
    f.push_back({"run.gpu_hours", "GPU-hours", run.gpu_hours, format_quantity(run.gpu_hours, Dimension::count)});
    f.push_back({"run.it_energy_joules", "IT energy", run.it_energy_joules,
                 format_quantity(run.it_energy_joules, Dimension::energy)});
    f.push_back({"run.cost_usd", "cost to train", usd,
                 fmt::format("{} at {}", report_detail::money(usd), gpu_hour_cost_text(price))});
  }
  return f;
}

std::string breakdown_chart(const TrainingEstimate& e) {
  const StepBreakdown& b = e.breakdown;
  std::vector<Bar> bars;
  for (int i = 0; i < kOpClassCount; ++i) {
    const double v = b.compute_seconds[i];
    if (v > 0) bars.push_back({.label = std::string("compute ") + op_class_name(static_cast<OpClass>(i)), .value = v,
                               .color = "#1f77b4", .text = seconds_text(v)});
  }
  const std::pair<const char*, double> parts[] = {
      {"recompute", b.recompute_seconds},       {"TP communication (exposed)", b.tp_comm_seconds},
      {"CP communication (exposed)", b.cp_comm_seconds}, {"EP all-to-all (exposed)", b.ep_comm_seconds},
      {"PP send/recv", b.pp_comm_seconds},      {"DP communication (exposed)", b.dp_comm_seconds},
      {"pipeline bubble", b.bubble_seconds},    {"optimizer step", b.optimizer_seconds},
      {"host offload (exposed)", b.offload_seconds}};
  for (const auto& [name, v] : parts) {
    if (v > 0) bars.push_back({.label = name, .value = v, .color = "#ff7f0e", .text = seconds_text(v)});
  }
  return html_detail::bar_chart("breakdown", "Step time by part (slowest pipeline stage)", "s", bars,
                                {{.label = "step " + seconds_text(e.step_seconds), .value = e.step_seconds}});
}

std::string memory_chart(const TrainingEstimate& e) {
  const MemoryBreakdown& m = e.memory;
  const std::pair<const char*, double> parts[] = {
      {"weights", m.weights_bytes},         {"gradients", m.gradients_bytes}, {"optimizer", m.optimizer_bytes},
      {"activations", m.activations_bytes}, {"logits", m.logits_bytes},       {"buffers", m.buffers_bytes},
      {"total", m.total_bytes()}};
  std::vector<Bar> bars;
  for (const auto& [name, bytes] : parts) {
    bars.push_back({.label = name, .value = bytes / kBytesPerGiB,
                    .color = std::string(name) == "total" ? "#d62728" : "#2ca02c",
                    .text = format_quantity(bytes, Dimension::bytes)});
  }
  return html_detail::bar_chart(
      "memory", fmt::format("Memory per GPU by part (pipeline stage {})", m.stage), "GiB", bars,
      {{.label = "HBM " + format_quantity(e.hbm_capacity_bytes, Dimension::bytes), .value = e.hbm_capacity_bytes / kBytesPerGiB},
       {.label = "usable (less headroom) " + format_quantity(e.hbm_capacity_bytes - e.memory_headroom_bytes, Dimension::bytes),
        .value = (e.hbm_capacity_bytes - e.memory_headroom_bytes) / kBytesPerGiB}});
}

std::string plan_table(const ParallelPlan& plan) {
  std::vector<std::vector<std::string>> rows;
  const nlohmann::json fields = report_detail::plan_to_json(plan);
  for (const auto& [field, value] : fields.items()) {
    rows.push_back({field, value.is_string() ? value.get<std::string>() : value.dump()});
  }
  return "<h2>Plan</h2>\n<p>" + html_detail::escape(report_detail::plan_summary(plan)) + "</p>\n" +
         html_detail::html_table({"training.plan field", "value"}, rows);
}

}  // namespace

std::string training_html_report(const Scenario& s, const TrainingEstimate& e, const TrainingRunTotals& run,
                                 const PredictionConfidence* confidence) {
  const TrainingJob& job = *s.training;
  const std::string title = fmt::format("{} on {} × {}", s.model.name, s.cluster.gpus, s.cluster.accelerator.name);
  std::string h = html_detail::page_open((s.name.empty() ? title : s.name) + " - training estimate", title);
  h += fmt::format("<p>{} sequences × {} tokens per step, {} micro-batches; scenario {}.</p>\n",
                   job.global_batch_sequences, job.seq_len, e.micro_batches, html_detail::escape(s.file));
  h += html_detail::figure_list(headline(s, e, run));
  if (confidence) h += "<p class=\"note\">" + html_detail::escape(confidence_to_text(*confidence)) + "</p>\n";
  h += breakdown_chart(e) + memory_chart(e) + plan_table(job.plan);
  if (!e.notes.empty()) {
    h += "<h2>Notes</h2>\n<ul>\n";
    for (const std::string& note : e.notes) h += "<li>" + html_detail::escape(note) + "</li>\n";
    h += "</ul>\n";
  }
  h += "<p class=\"note\">The same estimate as <code>stargate train --json</code>: MFU is model FLOP/s over the "
       "dense 16-bit peak; time to train excludes failures (<code>train --reliability</code> adds them); cost is "
       "GPU-hours at the cost model's $/GPU-hour (docs/cost.md). Pages: docs/report.md.</p>\n";
  return h + html_detail::page_close();
}

}  // namespace stargate
