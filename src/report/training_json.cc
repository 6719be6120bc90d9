// JSON objects of a training estimate and of its run's reliability (see training_json.h).
#include "training_json.h"

#include "mfu_format.h"
#include "plan_format.h"

namespace stargate::report_detail {
namespace {

nlohmann::json breakdown_json(const StepBreakdown& b) {
  nlohmann::json compute = nlohmann::json::object();
  for (int i = 0; i < kOpClassCount; ++i) compute[op_class_name(static_cast<OpClass>(i))] = b.compute_seconds[i];
  return {{"compute", compute}, {"recompute", b.recompute_seconds}, {"tp_comm", b.tp_comm_seconds},
          {"cp_comm", b.cp_comm_seconds}, {"ep_comm", b.ep_comm_seconds}, {"pp_comm", b.pp_comm_seconds},
          {"dp_comm", b.dp_comm_seconds}, {"bubble", b.bubble_seconds}, {"optimizer", b.optimizer_seconds},
          {"offload", b.offload_seconds}};
}

// Exposed (in the step) and overlapped (hidden under compute) seconds per communication kind.
nlohmann::json communication_json(const StepBreakdown& b) {
  auto kind = [](double exposed, double overlapped) { return nlohmann::json{{"exposed", exposed}, {"overlapped", overlapped}}; };
  return {{"tp", kind(b.tp_comm_seconds, b.tp_comm_overlapped_seconds)},
          {"cp", kind(b.cp_comm_seconds, b.cp_comm_overlapped_seconds)},
          {"ep", kind(b.ep_comm_seconds, b.ep_comm_overlapped_seconds)},
          {"pp", kind(b.pp_comm_seconds, b.pp_comm_overlapped_seconds)},
          {"dp", kind(b.dp_comm_seconds, b.dp_comm_overlapped_seconds)},
          {"offload", kind(b.offload_seconds, b.offload_overlapped_seconds)}};
}

nlohmann::json memory_json(const TrainingEstimate& e) {
  const MemoryBreakdown& m = e.memory;
  return {{"stage", m.stage}, {"weights", m.weights_bytes}, {"gradients", m.gradients_bytes},
          {"optimizer", m.optimizer_bytes}, {"activations", m.activations_bytes}, {"logits", m.logits_bytes},
          {"buffers", m.buffers_bytes}, {"total", m.total_bytes()}, {"capacity", e.hbm_capacity_bytes},
          {"headroom", e.memory_headroom_bytes}, {"usable", e.hbm_capacity_bytes - e.memory_headroom_bytes},
          {"host", {{"weights", m.host_weights_bytes}, {"activations", m.host_activations_bytes},
                    {"optimizer", m.host_optimizer_bytes}, {"total", m.host_bytes()},
                    {"capacity", e.host_memory_capacity_bytes}}}};
}

}  // namespace

nlohmann::json training_json(const Scenario& s, const TrainingEstimate& e, const TrainingRunTotals& run) {
  nlohmann::json out = {
      {"scenario", s.file},
      {"model", s.model.id},
      {"accelerator", s.cluster.accelerator.id},
      {"gpus", s.cluster.gpus},
      {"plan", plan_to_json(s.training->plan)},
      {"micro_batches", e.micro_batches},
      {"step_seconds", e.step_seconds},
      {"breakdown_seconds", breakdown_json(e.breakdown)},
      {"communication_seconds", communication_json(e.breakdown)},
      {"mfu", e.mfu},
      {"hfu", e.hfu},
      {"tokens_per_step", e.tokens_per_step},
      {"tokens_per_second", e.tokens_per_second},
      {"model_flops_per_step", e.model_flops_per_step},
      {"hardware_flops_per_step", e.hardware_flops_per_step},
      {"memory_bytes", memory_json(e)},
      {"fits", e.fits},
      {"run",
       {{"tokens", s.training->tokens_total}, {"steps", run.steps}, {"wall_seconds", run.wall_seconds},
        {"gpu_hours", run.gpu_hours}, {"it_energy_joules", run.it_energy_joules}}},
      {"notes", e.notes},
  };
  report_detail::add_mfu_peaks(out, e.mfu, s.cluster.accelerator, s.training->plan.precision);
  return out;
}

nlohmann::json reliability_json(const ReliabilityEstimate& e, const TrainingRunTotals& run) {
  nlohmann::json by = nlohmann::json::object();
  for (int i = 0; i < kComponentCount; ++i) by[std::string(component_name(static_cast<Component>(i)))] = e.rate.per_hour[i] * 24;
  return {{"interruptions_per_day", e.interruptions_per_day},
          {"interruptions_per_day_by_component", by},
          {"mtbf_hours", e.mtbf_seconds / 3600},
          {"checkpoint_seconds", e.checkpoint_seconds},
          {"checkpoint_interval_seconds", e.interval_seconds},
          {"young_interval_seconds", young_interval_seconds(e.checkpoint_seconds, e.mtbf_seconds)},
          {"restart_seconds", e.restart_seconds},
          {"goodput", e.goodput},
          {"checkpoint_overhead", e.checkpoint_overhead},
          {"lost_work", e.lost_work},
          {"restart_overhead", e.restart_overhead},
          {"wall_seconds_with_failures", e.goodput > 0 ? run.wall_seconds / e.goodput : 0},
          {"gpu_hours_with_failures", e.goodput > 0 ? run.gpu_hours / e.goodput : 0}};
}

}  // namespace stargate::report_detail
