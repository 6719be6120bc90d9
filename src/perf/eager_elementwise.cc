#include "stargate/perf/eager_elementwise.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include "reference_cards.h"
#include "stargate/core/embedded_files.h"

namespace stargate {

namespace {

std::mutex cache_mutex;
std::map<std::string, std::unique_ptr<EagerElementwiseModel>>& cache() {
  static std::map<std::string, std::unique_ptr<EagerElementwiseModel>> models;
  return models;
}

}  // namespace

const EagerElementwiseModel& EagerElementwiseModel::for_device(const AcceleratorSpec& device) {
  const std::string folder = perf_detail::calibration_source(device).folder;
  std::lock_guard<std::mutex> lock(cache_mutex);
  auto& slot = cache()[folder];
  if (!slot) slot = std::make_unique<EagerElementwiseModel>(load(folder));
  return *slot;
}

EagerElementwiseModel EagerElementwiseModel::load(const std::string& folder) {
  EagerElementwiseModel model;
  model.folder_ = folder;
  const auto text = embedded_file("calibration/" + model.folder_ + "/membw.json");
  if (!text) return model;  // no data: every slowdown is 1 (fused)
  const nlohmann::json rows = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!rows.is_array()) return model;
  // bytes -> op -> seconds
  std::map<double, std::map<std::string, double>> by_size;
  for (const auto& r : rows) {
    if (r.contains("op") && r.contains("bytes") && r.contains("s") && r["bytes"].is_number() && r["s"].is_number()) {
      by_size[r["bytes"].get<double>()][r["op"].get<std::string>()] = r["s"].get<double>();
    }
  }
  const std::pair<EagerKernel, const char*> ops[] = {
      {EagerKernel::norm, "rmsnorm_eager"}, {EagerKernel::gated_activation, "silu_mul_eager"}, {EagerKernel::softmax, "softmax"}};
  for (const auto& [bytes, times] : by_size) {
    auto copy = times.find("copy");
    if (copy == times.end() || copy->second <= 0) continue;
    for (const auto& [kind, op] : ops) {
      auto t = times.find(op);
      if (t == times.end()) continue;
      Curve& c = model.curves_[static_cast<int>(kind)];
      c.log_bytes.push_back(std::log(bytes));
      c.ratio.push_back(std::max(1.0, t->second / copy->second));
    }
  }
  return model;
}

// Rotary embedding in eager PyTorch moves 20 B per bf16 element where one fused kernel moves 4 (read, write):
// rotate-half form q·cos (2+2), neg of one half (1+1), cat (2+2), ·sin (2+2), add (4+2); complex form (torchtitan,
// Llama reference) .float() (2+4), complex multiply (4+4), back to bf16 (4+2). Both are 5 passes' worth.
constexpr double kEagerRotaryBytesRatio = 20.0 / 4.0;

namespace {
// Forward: `.float()` reads the bf16 logit and writes fp32 (2 + 4); log_softmax over a row too long for the
// shared-memory kernel (`cunn_SoftMaxForward`, aten/src/ATen/native/cuda/SoftMax.cu) reads the row for its max, again
// for the sum of exponentials, and a third time to write the fp32 result (3·4 + 4); nll_loss reads one value per row.
constexpr double kCrossEntropyForward[] = {2 + 4, 3 * 4 + 4};
// Backward: nll_loss_backward fills a zero fp32 gradient and scatters one value per row (4); log_softmax_backward
// (`cunn_SoftMaxBackward`) reads the gradient for the row sum, then the gradient and the saved output, and writes
// the fp32 input gradient (3·4 + 4); the upcast's backward reads fp32 and writes bf16 (4 + 2).
constexpr double kCrossEntropyBackward[] = {4, 3 * 4 + 4, 4 + 2};
}  // namespace

EagerCrossEntropyKernels eager_cross_entropy_kernels() {
  return EagerCrossEntropyKernels{.forward_bytes_per_logit = kCrossEntropyForward,
                                  .backward_bytes_per_logit = kCrossEntropyBackward};
}

double EagerElementwiseModel::slowdown(EagerKernel kind, double bytes) const {
  if (kind == EagerKernel::rotary) return bytes > 0 ? kEagerRotaryBytesRatio : 1;
  if (kind == EagerKernel::cross_entropy) return 1;
  const Curve& c = curves_[static_cast<int>(kind)];
  if (kind == EagerKernel::none || c.ratio.empty() || bytes <= 0) return 1;
  const double x = std::log(bytes);
  if (x <= c.log_bytes.front()) return c.ratio.front();
  if (x >= c.log_bytes.back()) return c.ratio.back();
  const size_t i = static_cast<size_t>(std::upper_bound(c.log_bytes.begin(), c.log_bytes.end(), x) - c.log_bytes.begin());
  const double f = (x - c.log_bytes[i - 1]) / (c.log_bytes[i] - c.log_bytes[i - 1]);
  return c.ratio[i - 1] + f * (c.ratio[i] - c.ratio[i - 1]);
}

}  // namespace stargate
