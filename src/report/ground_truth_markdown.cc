// The fleet section of docs/validation.md (see validation_report.h).
#include <fmt/core.h>

#include "stargate/report/validation_report.h"

namespace stargate {

std::string ground_truth_to_markdown(const std::vector<GroundTruthRun>& runs) {
  std::string out =
      "\n## Whole training runs from first principles (training model + reliability)\n\n"
      "GPU-hours of published runs predicted from the model, the hardware, the plan and failure rates "
      "(`include/stargate/fleet/ground_truth.h` states every assumption).\n\n"
      "| run | hardware | plan | MFU (of the bf16 peak) | goodput | predicted GPU-hours | reported | error |\n|---|---|---|---|---|---|---|---|\n";
  for (const GroundTruthRun& r : runs) {
    out += fmt::format("| {} | {} | {} | {:.1f}% | {:.1f}% | {:.3g}M | {:.4g}M | {:+.1f}% |\n", r.name, r.hardware,
                       r.plan, 100 * r.mfu, 100 * r.goodput, r.predicted_gpu_hours / 1e6, r.reported_gpu_hours / 1e6,
                       100 * r.error());
    if (r.predicted_ep_hidden_gpu_hours > 0 && r.predicted_ep_hidden_gpu_hours < r.predicted_gpu_hours) {
      out += fmt::format("| {} (bound: every expert all-to-all hidden) | | | | | {:.3g}M | {:.4g}M | {:+.1f}% |\n",
                         r.name, r.predicted_ep_hidden_gpu_hours / 1e6, r.reported_gpu_hours / 1e6,
                         100 * (r.predicted_ep_hidden_gpu_hours / r.reported_gpu_hours - 1));
    }
  }
  for (const GroundTruthRun& r : runs) {
    if (!r.note.empty()) out += "\n- " + r.name + ": " + r.note;
  }
  return out + "\n";
}

}  // namespace stargate
