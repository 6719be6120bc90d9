// The `stargate train` table (see training_report.h).
#include "stargate/report/training_report.h"

#include <fmt/core.h>

#include "completion_json.h"
#include "confidence_json.h"
#include "json_text.h"
#include "mfu_format.h"
#include "plan_format.h"
#include "stargate/core/units.h"
#include "stargate/report/confidence_report.h"
#include "stargate/sim/collective_sm_share.h"
#include "text_format.h"
#include "training_json.h"

namespace stargate {
namespace {

// "24 of the card's 108 SMs", or the H100 reference where the preset has no SM count.
std::string collective_sm_text(const AcceleratorSpec& accelerator) {
  if (accelerator.sm_count > kCollectiveKernelSms) {
    return fmt::format("{} of the {}'s {} SMs", kCollectiveKernelSms, accelerator.id, accelerator.sm_count);
  }
  return fmt::format("{} of {} SMs, the H100's: {} has no SM count", kCollectiveKernelSms, kReferenceSmCount,
                     accelerator.id);
}

using report_detail::share_of;

std::string header_text(const Scenario& s, const TrainingEstimate& e) {
  const TrainingJob& job = *s.training;
  std::string out;
  out += fmt::format("{} on {} × {} ({})\n", s.model.name, s.cluster.gpus, s.cluster.accelerator.name, s.cluster.node.id);
  out += fmt::format("plan: {}\n", report_detail::plan_summary(job.plan));
  out += fmt::format("batch: {} sequences × {} tokens = {} tokens, {} micro-batches per step\n\n",
                     job.global_batch_sequences, job.seq_len, format_quantity(e.tokens_per_step, Dimension::count),
                     e.micro_batches);
  return out;
}

// Exposed and overlapped seconds of each communication kind.
std::string communication_text(const StepBreakdown& b) {
  auto time = [](double seconds) { return seconds > 0 ? format_quantity(seconds, Dimension::time) : std::string("0"); };
  return fmt::format("communication exposed / overlapped: TP {} / {} · CP {} / {} · EP {} / {} · PP {} / {} · DP {} / {}\n",
                     time(b.tp_comm_seconds), time(b.tp_comm_overlapped_seconds), time(b.cp_comm_seconds),
                     time(b.cp_comm_overlapped_seconds), time(b.ep_comm_seconds), time(b.ep_comm_overlapped_seconds),
                     time(b.pp_comm_seconds), time(b.pp_comm_overlapped_seconds), time(b.dp_comm_seconds),
                     time(b.dp_comm_overlapped_seconds));
}

// Step time and its parts, each with its share of the step.
std::string breakdown_text(const TrainingEstimate& e) {
  const double step = e.step_seconds;
  std::string out = fmt::format("step time          {}\n", format_quantity(step, Dimension::time));
  const StepBreakdown& b = e.breakdown;
  for (int i = 0; i < kOpClassCount; ++i) {
    if (b.compute_seconds[i] <= 0) continue;
    out += fmt::format("  compute {:<20} {:>10}  {}\n", op_class_name(static_cast<OpClass>(i)),
                       format_quantity(b.compute_seconds[i], Dimension::time), share_of(b.compute_seconds[i], step));
  }
  auto line = [&](const char* name, double seconds) {
    if (seconds > 0) {
      out += fmt::format("  {:<28} {:>10}  {}\n", name, format_quantity(seconds, Dimension::time), share_of(seconds, step));
    }
  };
  line("recompute", b.recompute_seconds);
  line("TP communication (exposed)", b.tp_comm_seconds);
  line("CP communication (exposed)", b.cp_comm_seconds);
  line("EP all-to-all (exposed)", b.ep_comm_seconds);
  line("PP send/recv", b.pp_comm_seconds);
  line("DP communication (exposed)", b.dp_comm_seconds);
  line("pipeline bubble", b.bubble_seconds);
  line("optimizer step", b.optimizer_seconds);
  line("host offload (exposed)", b.offload_seconds);
  return out + communication_text(b);
}

std::string throughput_and_memory_text(const Scenario& s, const TrainingEstimate& e) {
  std::string out = fmt::format("\n{}   HFU {:.1f}%   {} tokens/s ({} tokens/s per GPU)\n",
                                report_detail::mfu_text(e.mfu, s.cluster.accelerator, s.training->plan.precision),
                                100 * e.hfu, format_quantity(e.tokens_per_second, Dimension::count),
                                format_quantity(e.tokens_per_second / s.cluster.gpus, Dimension::count));
  const MemoryBreakdown& m = e.memory;
  auto bytes = [](double value) { return format_quantity(value, Dimension::bytes); };
  out += fmt::format("\nmemory per GPU (stage {}): {} of {} usable ({} HBM less {} headroom) {}\n", m.stage,
                     bytes(m.total_bytes()), bytes(e.hbm_capacity_bytes - e.memory_headroom_bytes),
                     bytes(e.hbm_capacity_bytes), bytes(e.memory_headroom_bytes), e.fits ? "— fits" : "— DOES NOT FIT");
  out += fmt::format("  weights {} · gradients {} · optimizer {} · activations {} · logits {} · buffers {}\n",
                     bytes(m.weights_bytes), bytes(m.gradients_bytes), bytes(m.optimizer_bytes),
                     bytes(m.activations_bytes), bytes(m.logits_bytes), bytes(m.buffers_bytes));
  if (m.host_bytes() > 0) {
    out += fmt::format("  in host memory: weights {} · activations {} · optimizer {} ({} of {} per GPU)\n",
                       bytes(m.host_weights_bytes), bytes(m.host_activations_bytes), bytes(m.host_optimizer_bytes),
                       bytes(m.host_bytes()), bytes(e.host_memory_capacity_bytes));
  }
  return out;
}

std::string run_text(const TrainingJob& job, const TrainingRunTotals& run) {
  if (run.steps <= 0) return "";
  return fmt::format("\n{} tokens: {} steps, {} wall clock, {} GPU-hours, {} IT energy\n",
                     format_quantity(job.tokens_total, Dimension::count), run.steps,
                     format_quantity(run.wall_seconds, Dimension::time), format_quantity(run.gpu_hours, Dimension::count),
                     format_quantity(run.it_energy_joules, Dimension::energy));
}

// How the DP collectives meet the compute.
std::string dp_overlap_text(const ParallelPlan& plan) {
  std::string out = plan.dp_overlap ? "DP gradient reduction overlaps the last micro-batch's backward"
                                    : "DP gradient reduction runs after the backward";
  if (plan.zero_stage == 3 && plan.zero3_gather == Zero3Gather::per_micro_batch) {
    return out + " (ZeRO-3 gathers and scatters each layer per micro-batch, beside the neighbouring layer)";
  }
  if (plan.zero_stage == 3 && plan.zero3_gather == Zero3Gather::per_module) {
    return out + " (ZeRO-3 gathers each module's weights before it runs, the recompute forward included, and "
                 "scatters per micro-batch over a flat ring, beside the neighbouring layer)";
  }
  if (plan.zero_stage >= 1) {
    out += plan.zero_stage == 3 ? " (ZeRO-3 gathers the stage's weights once per step" : " (ZeRO weight gathers";
    out += plan.dp_param_gather_overlap ? ", overlapping the first forward)" : ", before the first forward)";
  }
  return out;
}

// What the step model assumes overlaps, then the estimate's own notes.
std::string overlap_and_notes_text(const TrainingJob& job, const AcceleratorSpec& accelerator, const TrainingEstimate& e) {
  const ParallelPlan& plan = job.plan;
  std::string out = "\noverlap: " + dp_overlap_text(plan);
  switch (plan.tp_comm_overlap) {
    case TpCommOverlap::none: out += "; TP collectives are exposed\n"; break;
    case TpCommOverlap::wgrad:
      out += "; forward TP collectives are exposed, backward input-gradient collectives run beside the wgrad GEMMs "
             "(Megatron's asynchronous all-reduce / reduce-scatter)\n";
      break;
    case TpCommOverlap::decomposed:
      out += "; TP collectives overlap GEMMs by decomposition (1/tp of them exposed, the GEMMs beside a "
             "reduce-scatter slowed by its SMs)\n";
      break;
    case TpCommOverlap::bulk:
      out += "; TP collectives overlap GEMMs as userbuffers do (forward and gradient all-gathers decomposed, "
             "backward reduce-scatters in bulk beside the wgrad GEMMs)\n";
      break;
  }
  out += "compute beside an overlapped collective loses the SMs its kernels take (" + collective_sm_text(accelerator) + ")\n";
  for (const std::string& note : e.notes) out += "note: " + note + "\n";
  return out;
}

}  // namespace

std::string training_to_text(const Scenario& s, const TrainingEstimate& e, const TrainingRunTotals& run,
                             const PredictionConfidence* confidence) {
  return header_text(s, e) + breakdown_text(e) + throughput_and_memory_text(s, e) + run_text(*s.training, run) +
         overlap_and_notes_text(*s.training, s.cluster.accelerator, e) +
         (confidence ? confidence_to_text(*confidence) : "");
}

std::string training_to_json(const Scenario& s, const TrainingEstimate& e, const TrainingRunTotals& run,
                             const std::optional<ReliabilityEstimate>& reliability, const PlanCompletion* completion,
                             const PredictionConfidence* confidence) {
  nlohmann::json out = report_detail::training_json(s, e, run);
  if (confidence) out["confidence"] = report_detail::confidence_json(*confidence);
  if (completion) out["completion"] = report_detail::completion_json(*completion);
  if (reliability) out["reliability"] = report_detail::reliability_json(*reliability, run);
  return report_detail::indented_json(out);
}

}  // namespace stargate
