#include "stargate/report/training_report.h"

#include <fmt/core.h>

#include "stargate/core/units.h"

namespace stargate {
namespace {

std::string plan_summary(const ParallelPlan& p) {
  return fmt::format("tp {} · pp {} · dp {} · cp {} · ep {} · vpp {} · micro-batch {} · ZeRO-{} · recompute {} · {}{}",
                     p.tp, p.pp, p.dp, p.cp, p.ep, p.vpp, p.micro_batch, p.zero_stage, recompute_name(p.recompute),
                     dtype_name(p.precision), p.sequence_parallel && p.tp > 1 ? " · sequence parallel" : "");
}

std::string pct(double part, double whole) { return whole > 0 ? fmt::format("{:5.1f}%", 100 * part / whole) : ""; }

}  // namespace

nlohmann::json plan_to_json(const ParallelPlan& p) {
  return {{"tp", p.tp}, {"pp", p.pp}, {"dp", p.dp}, {"cp", p.cp}, {"ep", p.ep}, {"vpp", p.vpp},
          {"micro_batch", p.micro_batch}, {"zero", p.zero_stage}, {"recompute", recompute_name(p.recompute)},
          {"precision", dtype_name(p.precision)}, {"sequence_parallel", p.sequence_parallel},
          {"tp_comm_overlap", p.tp_comm_overlap}, {"fp8_scaling", fp8_scaling_name(p.fp8_scaling)}};
}

std::string training_to_text(const Scenario& s, const TrainingEstimate& e, const TrainingRunTotals& run) {
  const TrainingJob& job = *s.training;
  std::string out;
  out += fmt::format("{} on {} × {} ({})\n", s.model.name, s.cluster.gpus, s.cluster.accelerator.name, s.cluster.node.id);
  out += fmt::format("plan: {}\n", plan_summary(job.plan));
  out += fmt::format("batch: {} sequences × {} tokens = {} tokens, {} micro-batches per step\n\n",
                     job.global_batch_sequences, job.seq_len, format_quantity(e.tokens_per_step, Dimension::count),
                     e.micro_batches);
  const double step = e.step_seconds;
  out += fmt::format("step time          {}\n", format_quantity(step, Dimension::time));
  const StepBreakdown& b = e.breakdown;
  for (int i = 0; i < kOpClassCount; ++i) {
    if (b.compute_seconds[i] <= 0) continue;
    out += fmt::format("  compute {:<20} {:>10}  {}\n", op_class_name(static_cast<OpClass>(i)),
                       format_quantity(b.compute_seconds[i], Dimension::time), pct(b.compute_seconds[i], step));
  }
  auto line = [&](const char* name, double v) {
    if (v > 0) out += fmt::format("  {:<28} {:>10}  {}\n", name, format_quantity(v, Dimension::time), pct(v, step));
  };
  line("recompute", b.recompute_seconds);
  line("TP communication (exposed)", b.tp_comm_seconds);
  line("CP communication (exposed)", b.cp_comm_seconds);
  line("EP all-to-all (exposed)", b.ep_comm_seconds);
  line("PP send/recv", b.pp_comm_seconds);
  line("DP communication (exposed)", b.dp_comm_seconds);
  line("pipeline bubble", b.bubble_seconds);
  line("optimizer step", b.optimizer_seconds);
  out += fmt::format("\nMFU {:.1f}%   HFU {:.1f}%   {} tokens/s ({} tokens/s per GPU)\n", 100 * e.mfu, 100 * e.hfu,
                     format_quantity(e.tokens_per_second, Dimension::count),
                     format_quantity(e.tokens_per_second / s.cluster.gpus, Dimension::count));
  const MemoryBreakdown& m = e.memory;
  out += fmt::format("\nmemory per GPU (stage {}): {} of {} {}\n", m.stage, format_quantity(m.total_bytes(), Dimension::bytes),
                     format_quantity(e.hbm_capacity_bytes, Dimension::bytes), e.fits ? "— fits" : "— DOES NOT FIT");
  out += fmt::format("  weights {} · gradients {} · optimizer {} · activations {} · logits {} · buffers {}\n",
                     format_quantity(m.weights_bytes, Dimension::bytes), format_quantity(m.gradients_bytes, Dimension::bytes),
                     format_quantity(m.optimizer_bytes, Dimension::bytes), format_quantity(m.activations_bytes, Dimension::bytes),
                     format_quantity(m.logits_bytes, Dimension::bytes), format_quantity(m.buffers_bytes, Dimension::bytes));
  if (run.steps > 0) {
    out += fmt::format("\n{} tokens: {} steps, {} wall clock, {} GPU-hours, {} IT energy\n",
                       format_quantity(job.tokens_total, Dimension::count), run.steps,
                       format_quantity(run.wall_seconds, Dimension::time), format_quantity(run.gpu_hours, Dimension::count),
                       format_quantity(run.it_energy_joules, Dimension::energy));
  }
  out += "\noverlap: DP gradient reduction overlaps the last micro-batch's backward (ZeRO weight gathers the first forward)";
  out += job.plan.tp_comm_overlap
             ? "; TP collectives overlap GEMMs by decomposition (1/tp of them exposed, the GEMMs beside a "
               "reduce-scatter slowed by its SMs)\n"
             : "; TP collectives are exposed\n";
  out += "compute beside an overlapped collective loses the SMs its kernels take (24 of an H100's 132)\n";
  for (const std::string& note : e.notes) out += "note: " + note + "\n";
  return out;
}

nlohmann::json training_to_json(const Scenario& s, const TrainingEstimate& e, const TrainingRunTotals& run) {
  const ParallelPlan& p = s.training->plan;
  const StepBreakdown& b = e.breakdown;
  nlohmann::json compute = nlohmann::json::object();
  for (int i = 0; i < kOpClassCount; ++i) compute[op_class_name(static_cast<OpClass>(i))] = b.compute_seconds[i];
  return {
      {"scenario", s.file},
      {"model", s.model.id},
      {"accelerator", s.cluster.accelerator.id},
      {"gpus", s.cluster.gpus},
      {"plan", plan_to_json(p)},
      {"micro_batches", e.micro_batches},
      {"step_seconds", e.step_seconds},
      {"breakdown_seconds",
       {{"compute", compute}, {"recompute", b.recompute_seconds}, {"tp_comm", b.tp_comm_seconds},
        {"cp_comm", b.cp_comm_seconds}, {"ep_comm", b.ep_comm_seconds}, {"pp_comm", b.pp_comm_seconds},
        {"dp_comm", b.dp_comm_seconds}, {"bubble", b.bubble_seconds}, {"optimizer", b.optimizer_seconds}}},
      {"mfu", e.mfu},
      {"hfu", e.hfu},
      {"tokens_per_step", e.tokens_per_step},
      {"tokens_per_second", e.tokens_per_second},
      {"model_flops_per_step", e.model_flops_per_step},
      {"hardware_flops_per_step", e.hardware_flops_per_step},
      {"memory_bytes",
       {{"stage", e.memory.stage}, {"weights", e.memory.weights_bytes}, {"gradients", e.memory.gradients_bytes},
        {"optimizer", e.memory.optimizer_bytes}, {"activations", e.memory.activations_bytes},
        {"logits", e.memory.logits_bytes}, {"buffers", e.memory.buffers_bytes}, {"total", e.memory.total_bytes()},
        {"capacity", e.hbm_capacity_bytes}}},
      {"fits", e.fits},
      {"run",
       {{"tokens", s.training->tokens_total}, {"steps", run.steps}, {"wall_seconds", run.wall_seconds},
        {"gpu_hours", run.gpu_hours}, {"it_energy_joules", run.it_energy_joules}}},
      {"notes", e.notes},
  };
}

}  // namespace stargate
