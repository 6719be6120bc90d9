#pragma once
// What each low-precision training recipe launches and keeps, for one linear layer Y[m,n] = X[m,k]·W[k,n]:
// forward (fprop) Y = X·W, dgrad dX = dY·Wᵀ, wgrad dW = Xᵀ·dY. All three GEMMs run in the recipe's format; the
// recipe decides the cast kernels that make the low-precision copies each GEMM reads (one layout for fprop, the
// transposed or other-axis-scaled layout for the backward GEMM), whether the weight's copies are cached across
// micro-batches, and what is kept for backward. Byte counts are per element of the bf16 tensor being cast, read
// plus written, amax passes included. Sources (framework code paths): docs/training-model.md, "Low-precision
// recipes".
#include <optional>
#include <string>
#include <vector>

#include "stargate/catalog/accelerator.h"
#include "stargate/mapping/parallel_plan.h"

namespace stargate {

struct Fp8RecipeCosts {
  Dtype gemm_dtype = Dtype::fp8;                 // input format of fprop, dgrad and wgrad GEMMs (fp8 or fp4)
  double activation_cast_bytes_per_element = 0;  // casts of the GEMM input X (forward)
  double gradient_cast_bytes_per_element = 0;    // casts of the incoming gradient dY (backward)
  double weight_cast_bytes_per_element = 0;      // casts of the weight W (forward)
  // Kernels those casts launch per tensor (each pays the kernel's fixed cost; the bytes split evenly over them).
  int activation_cast_kernels = 1;
  int gradient_cast_kernels = 1;
  int weight_cast_kernels = 1;
  bool weight_cast_per_micro_batch = false;      // false: once per step (the framework caches the cast weight)
  double saved_input_bytes_per_element = 2;      // a GEMM input kept for wgrad: 2 = bf16, 1 = its fp8 copy
  double cached_weight_bytes_per_parameter = 0;  // low-precision weight copies held across micro-batches
  // Bytes per output element of a separate scaling pass after each backward GEMM (dgrad, wgrad): torchao's
  // rowwise recipe runs its slow-accumulation backward GEMMs as the tensorwise cuBLAS kernel and multiplies the
  // bf16 output by the row and column scales afterwards (read + write); 0 = the scales are applied in the GEMM.
  double backward_rescale_bytes_per_output_element = 0;
  // The GEMM kernel, and whether the calibration measured it (gemm.json's fp8 rows are torch._scaled_mm with one
  // scale per tensor): block-scaled and row-scaled kernels run at that measured tensorwise rate (same tensor-core
  // instructions, scales applied in the epilogue or overlapped promotion), fp4 at the datasheet fp4 peak.
  const char* gemm_kernel = "";
  bool gemm_kernel_calibrated = false;
};

const Fp8RecipeCosts& fp8_recipe_costs(Fp8Recipe recipe);

// The GEMM format of a plan's low-precision GEMMs (bf16/fp16 plans: their own precision).
Dtype low_precision_gemm_dtype(Dtype precision, Fp8Recipe recipe);

// Why `device` cannot run `recipe`, or nullopt when it can: blockwise needs NVIDIA Hopper or later (the
// block-scaled GEMMs are sm_90 kernels), MXFP8 needs Blackwell-class block-scaled tensor cores (NVIDIA Blackwell or
// later, AMD CDNA4), NVFP4 NVIDIA Blackwell or later. Tensorwise and rowwise need fp8 tensor cores.
std::optional<std::string> fp8_recipe_unsupported(Fp8Recipe recipe, const AcceleratorSpec& device);

// The recipes `device` runs at `precision` (fp8: every fp8 recipe it supports; fp4: nvfp4; else none), in enum order.
std::vector<Fp8Recipe> fp8_recipes_for(Dtype precision, const AcceleratorSpec& device);

}  // namespace stargate
