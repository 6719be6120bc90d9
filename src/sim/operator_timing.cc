#include "operator_timing.h"

#include <algorithm>

#include "stargate/mapping/fp8_recipe.h"

namespace stargate::detail {

double cast_kernels_seconds(const KernelCostModel& kernels, double bytes, int kernel_count) {
  if (!(bytes > 0) || kernel_count < 1) return 0;
  return kernel_count * kernels.memory_bound_seconds(bytes / kernel_count);
}

namespace {

constexpr double kBf16Bytes = 2;

// PyTorch eager cross-entropy over `logits` logits: each kernel of eager_cross_entropy_kernels() priced on its own.
OpTimes eager_cross_entropy_times(const KernelCostModel& k, double logits) {
  const EagerCrossEntropyKernels kernels = eager_cross_entropy_kernels();
  OpTimes t;
  for (double bytes : kernels.forward_bytes_per_logit) t.forward += k.memory_bound_seconds(logits * bytes);
  for (double bytes : kernels.backward_bytes_per_logit) t.backward += k.memory_bound_seconds(logits * bytes);
  return t;
}

}  // namespace

OpTimes time_operator(const Operator& op, const KernelCostModel& k, Dtype precision, const EagerElementwiseModel* eager,
                      Fp8Recipe recipe, GroupedGemmLaunch grouped) {
  const Dtype dtype = op.low_precision ? low_precision_gemm_dtype(precision, recipe) : Dtype::bf16;
  const bool low_precision = dtype == Dtype::fp8 || dtype == Dtype::fp4;
  const Fp8RecipeCosts& r = fp8_recipe_costs(recipe);
  OpTimes t;
  // The recipe's casts of `groups` GEMMs' input (forward), weight (forward, when re-cast every micro-batch) and
  // incoming gradient (backward); `launches` of each cast (1, or one per group when the GEMMs are per group).
  auto add_casts = [&](double groups, int launches) {
    if (!low_precision) return;
    t.forward += cast_kernels_seconds(k, groups * op.m * op.k * r.activation_cast_bytes_per_element,
                                      r.activation_cast_kernels * launches);
    if (r.weight_cast_per_micro_batch) {
      t.forward += cast_kernels_seconds(k, groups * op.k * op.n * r.weight_cast_bytes_per_element,
                                        r.weight_cast_kernels * launches);
    }
    t.backward += cast_kernels_seconds(k, groups * op.m * op.n * r.gradient_cast_bytes_per_element,
                                       r.gradient_cast_kernels * launches);
  };
  // The recipe's scaling passes over a linear layer's backward GEMM outputs: dX (m×k) and dW (k×n). (torchao's
  // grouped expert GEMMs, _scaled_grouped_mm, scale inside the kernel.)
  auto add_rescales = [&]() {
    if (!low_precision || !(r.backward_rescale_bytes_per_output_element > 0)) return;
    t.backward += k.memory_bound_seconds(op.m * op.k * r.backward_rescale_bytes_per_output_element) +
                  k.memory_bound_seconds(op.k * op.n * r.backward_rescale_bytes_per_output_element);
  };
  switch (op.kind) {
    case OpKind::gemm:
      // Forward Y = X·W; dgrad dX = dY·Wᵀ (m×k over n); wgrad dW = Xᵀ·dY (k×n over m).
      t.forward = k.gemm_seconds(op.m, op.n, op.k, dtype);
      t.backward = k.gemm_seconds(op.m, op.k, op.n, dtype) + k.gemm_seconds(op.k, op.n, op.m, dtype);
      add_rescales();
      add_casts(1, 1);
      break;
    case OpKind::grouped_gemm:
      t.forward = k.grouped_gemm_seconds(op.groups, op.m, op.n, op.k, dtype, grouped);
      t.backward = k.grouped_gemm_seconds(op.groups, op.m, op.k, op.n, dtype, grouped) +
                   k.grouped_gemm_seconds(op.groups, op.k, op.n, op.m, dtype, grouped);
      // Per-expert launches quantize each expert's slice with its own kernels, except delayed scaling, which TE
      // quantizes for all experts in one fused multi-tensor kernel (csrc/extensions/cast.cpp).
      add_casts(op.groups, grouped == GroupedGemmLaunch::per_expert && recipe != Fp8Recipe::delayed
                               ? std::max(1, op.groups) : 1);
      break;
    case OpKind::attention:
      t.forward = k.attention_forward_seconds(op.batch, op.heads, op.kv_heads, op.head_dim, op.s_q, op.s_kv, op.causal);
      t.backward =
          k.attention_backward_seconds(op.batch, op.heads, op.kv_heads, op.head_dim, op.s_q, op.s_kv, op.causal);
      break;
    case OpKind::memory_bound:
      if (eager != nullptr && op.eager == EagerKernel::cross_entropy) {
        t = eager_cross_entropy_times(k, op.eager_bytes / kBf16Bytes);
      } else if (eager != nullptr && op.eager != EagerKernel::none) {
        // The eager expansion passes over the tensor several times: measured slowdown × one pass.
        const double pass = op.eager_bytes > 0 ? op.eager_bytes : op.bytes;
        const double slowdown = eager->slowdown(op.eager, pass);
        t.forward = slowdown * k.memory_bound_seconds(pass);
        t.backward = slowdown * k.memory_bound_seconds(2 * pass);
      } else {
        t.forward = k.memory_bound_seconds(op.bytes);
        // Default: reads the saved input and the incoming gradient; a copy states its own backward bytes.
        t.backward = k.memory_bound_seconds(op.backward_bytes > 0 ? op.backward_bytes : 2 * op.bytes);
      }
      break;
  }
  return t;
}

}  // namespace stargate::detail
