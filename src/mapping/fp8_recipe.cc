#include "stargate/mapping/fp8_recipe.h"

#include <array>

namespace stargate {
namespace {

// Bytes per element: bf16 read 2, fp8 written 1, fp4 written 0.5; scales per block as stated.
constexpr double kBf16 = 2, kFp8 = 1, kFp4 = 0.5;
constexpr double kFp32Scale = 4, kE8m0Scale = 1, kE4m3Scale = 1;

constexpr std::array<Fp8RecipeCosts, kFp8RecipeCount> kRecipes{{
    // delayed: TE cast_transpose (transformer_engine/common/transpose/cast_transpose.cu) reads bf16 once and writes
    // the fp8 copy and its transpose, the amax found in the same pass (scale from the history). Megatron passes
    // is_first_microbatch, so TE casts each weight once per step and caches both copies; the input is kept for
    // wgrad as its fp8 transpose.
    {.gemm_dtype = Dtype::fp8,
     .activation_cast_bytes_per_element = kBf16 + 2 * kFp8,
     .gradient_cast_bytes_per_element = kBf16 + 2 * kFp8,
     .weight_cast_bytes_per_element = kBf16 + 2 * kFp8,
     .activation_cast_kernels = 1,
     .gradient_cast_kernels = 1,
     .weight_cast_kernels = 1,
     .weight_cast_per_micro_batch = false,
     .saved_input_bytes_per_element = kFp8,
     .cached_weight_bytes_per_parameter = 2 * kFp8,
     .gemm_kernel = "cuBLASLt fp8 GEMM, one scale per tensor (calibrated: gemm.json fp8 rows)",
     .gemm_kernel_calibrated = true},
    // current: torchao tensorwise (torchao/float8/float8_linear.py; byte counts of torchao/testing/training/
    // roofline_utils.py, "tensorwise", unfused): a two-stage amax reduction (read 2; the second stage tiny), then one
    // cast writing both layouts; the weight, re-cast every forward, is cast twice (fprop and dgrad layouts). The bf16
    // input is saved for backward (ctx.save_for_backward(input_hp, weight_hp_t)).
    {.gemm_dtype = Dtype::fp8,
     .activation_cast_bytes_per_element = kBf16 + kBf16 + 2 * kFp8,
     .gradient_cast_bytes_per_element = kBf16 + kBf16 + 2 * kFp8,
     .weight_cast_bytes_per_element = kBf16 + 2 * (kBf16 + kFp8),
     .activation_cast_kernels = 3,
     .gradient_cast_kernels = 3,
     .weight_cast_kernels = 4,
     .weight_cast_per_micro_batch = true,
     .saved_input_bytes_per_element = kBf16,
     .cached_weight_bytes_per_parameter = 0,
     .gemm_kernel = "cuBLASLt fp8 GEMM, one scale per tensor (calibrated: gemm.json fp8 rows)",
     .gemm_kernel_calibrated = true},
    // rowwise: torchao "rowwise" (roofline_utils.py, "rowwise", unfused): the row scales of one GEMM are the column
    // scales of the other, so each tensor is cast along both axes from bf16: cast dim0 writing fp8 and a bf16
    // transposed copy, then cast that copy (2 + 1 + 2, 2 + 1); the weight also transposes in bf16 (2 + 1, 2 + 2,
    // 2 + 1). Amax along a row fuses into its cast. Every forward; the bf16 input is saved. The forward GEMM is
    // PyTorch's CUTLASS rowwise kernel with fast accumulation (gemm_config_output), within 90-100% of tensorwise
    // for most shapes (pytorch/pytorch#147971); the backward GEMMs accumulate slowly (gemm_config_grad_input,
    // gemm_config_grad_weight defaults), where that kernel is so slow that torchao runs the tensorwise cuBLAS GEMM
    // with unit scales and multiplies the bf16 output by the row × column scales afterwards
    // (float8/float8_ops.py addmm_float8_unwrapped, post_inverse_scale; pytorch/ao#1325): 2 + 2 bytes per output
    // element of each dgrad and wgrad.
    {.gemm_dtype = Dtype::fp8,
     .activation_cast_bytes_per_element = (kBf16 + kFp8 + kBf16) + (kBf16 + kFp8),
     .gradient_cast_bytes_per_element = (kBf16 + kFp8 + kBf16) + (kBf16 + kFp8),
     .weight_cast_bytes_per_element = (kBf16 + kFp8) + 2 * kBf16 + (kBf16 + kFp8),
     .activation_cast_kernels = 2,
     .gradient_cast_kernels = 2,
     .weight_cast_kernels = 3,
     .weight_cast_per_micro_batch = true,
     .saved_input_bytes_per_element = kBf16,
     .cached_weight_bytes_per_parameter = 0,
     .backward_rescale_bytes_per_output_element = kBf16 + kBf16,
     .gemm_kernel = "CUTLASS rowwise-scaled fp8 GEMM forward (not calibrated: the tensorwise rate); backward: "
                    "tensorwise cuBLAS GEMMs plus a rescale pass over their output",
     .gemm_kernel_calibrated = false},
    // blockwise: TE Float8BlockScaling. Activations and gradients 1x128 (transpose/
    // quantize_transpose_vector_blockwise.cu: one read, both layouts with their own fp32 scale per 128), weights
    // 128x128 (quantize_transpose_square_blockwise.cu: one scale serves both layouts), amax per block inside the
    // kernel; weights cached per step, the input kept as its fp8 columnwise copy.
    {.gemm_dtype = Dtype::fp8,
     .activation_cast_bytes_per_element = kBf16 + 2 * (kFp8 + kFp32Scale / 128),
     .gradient_cast_bytes_per_element = kBf16 + 2 * (kFp8 + kFp32Scale / 128),
     .weight_cast_bytes_per_element = kBf16 + 2 * kFp8 + kFp32Scale / (128 * 128),
     .activation_cast_kernels = 1,
     .gradient_cast_kernels = 1,
     .weight_cast_kernels = 1,
     .weight_cast_per_micro_batch = false,
     .saved_input_bytes_per_element = kFp8 + kFp32Scale / 128,
     .cached_weight_bytes_per_parameter = 2 * kFp8 + kFp32Scale / (128 * 128),
     .gemm_kernel = "block-scaled fp8 GEMM, cuBLASLt / DeepGEMM (not calibrated: the tensorwise rate)",
     .gemm_kernel_calibrated = false},
    // mxfp8: TE MXFP8BlockScaling (common/cast/mxfp8/quantize_mxfp8.cuh): one read, rowwise and columnwise copies
    // each with an E8M0 scale per 32 elements, amax per block in the kernel; weights cached per step.
    {.gemm_dtype = Dtype::fp8,
     .activation_cast_bytes_per_element = kBf16 + 2 * (kFp8 + kE8m0Scale / 32),
     .gradient_cast_bytes_per_element = kBf16 + 2 * (kFp8 + kE8m0Scale / 32),
     .weight_cast_bytes_per_element = kBf16 + 2 * (kFp8 + kE8m0Scale / 32),
     .activation_cast_kernels = 1,
     .gradient_cast_kernels = 1,
     .weight_cast_kernels = 1,
     .weight_cast_per_micro_batch = false,
     .saved_input_bytes_per_element = kFp8 + kE8m0Scale / 32,
     .cached_weight_bytes_per_parameter = 2 * (kFp8 + kE8m0Scale / 32),
     .gemm_kernel = "MXFP8 block-scaled tensor-core GEMM (datasheet fp8 peak, efficiency of the calibrated card)",
     .gemm_kernel_calibrated = false},
    // nvfp4: TE NVFP4BlockScaling (pytorch/csrc/quantizer.cpp, NVFP4Quantizer): a per-tensor amax pass (with RHT
    // also the transformed amax, nvte_hadamard_transform_amax), then one fused kernel writing the rowwise copy and
    // the Hadamard-transformed columnwise copy (nvte_quantize_with_hadamard_transform), an E4M3 scale per 16. Weights
    // 16x16 2-D blocks, no RHT, cached per step; the input kept as its columnwise fp4 copy.
    {.gemm_dtype = Dtype::fp4,
     .activation_cast_bytes_per_element = kBf16 + kBf16 + 2 * (kFp4 + kE4m3Scale / 16),
     .gradient_cast_bytes_per_element = kBf16 + kBf16 + 2 * (kFp4 + kE4m3Scale / 16),
     .weight_cast_bytes_per_element = kBf16 + kBf16 + 2 * kFp4 + kE4m3Scale / 256,
     .activation_cast_kernels = 2,
     .gradient_cast_kernels = 2,
     .weight_cast_kernels = 2,
     .weight_cast_per_micro_batch = false,
     .saved_input_bytes_per_element = kFp4 + kE4m3Scale / 16,
     .cached_weight_bytes_per_parameter = 2 * kFp4 + kE4m3Scale / 256,
     .gemm_kernel = "NVFP4 block-scaled tensor-core GEMM (datasheet fp4 peak, efficiency of the calibrated card)",
     .gemm_kernel_calibrated = false},
    // te_current: TE Float8CurrentScaling (pytorch/csrc/quantizer.cpp Float8CurrentScalingQuantizer::quantize_impl):
    // zero the amax (1 thread), an amax pass reading the bf16 tensor (common/recipe/current_scaling.cu), the
    // scale from it (1 thread), then the same fused cast_transpose as delayed writing both fp8 layouts: 2 + 2 + 1
    // + 1 bytes, four kernels. Weights: TE caches the quantized weight with both layouts whatever the recipe
    // (module/base.py quantize_weight, linear.py update_workspace from Megatron's is_first_microbatch), so once
    // per step; the input is kept for wgrad as its fp8 columnwise copy (linear.py update_usage(rowwise=False)).
    // Not modelled: norms and TE's SwiGLU fuse the amax into their kernel (the QKV/FC1 inputs skip the 2-byte pass
    // but write bf16 first), Megatron keeps linear_proj's bf16 input for non-delayed recipes and re-casts it in
    // backward, and under sequence parallelism each gathered input's amax is all-reduced over the TP group.
    {.gemm_dtype = Dtype::fp8,
     .activation_cast_bytes_per_element = kBf16 + kBf16 + 2 * kFp8,
     .gradient_cast_bytes_per_element = kBf16 + kBf16 + 2 * kFp8,
     .weight_cast_bytes_per_element = kBf16 + kBf16 + 2 * kFp8,
     .activation_cast_kernels = 4,
     .gradient_cast_kernels = 4,
     .weight_cast_kernels = 4,
     .weight_cast_per_micro_batch = false,
     .saved_input_bytes_per_element = kFp8,
     .cached_weight_bytes_per_parameter = 2 * kFp8,
     .gemm_kernel = "cuBLASLt fp8 GEMM, one scale per tensor (calibrated: gemm.json fp8 rows)",
     .gemm_kernel_calibrated = true},
}};

// NVIDIA compute generation of an architecture family (hopper 9, blackwell 10, rubin 11); 0 for other vendors.
int nvidia_generation(const std::string& architecture) {
  if (architecture == "volta") return 7;
  if (architecture == "ampere") return 8;
  if (architecture == "hopper") return 9;
  if (architecture == "blackwell") return 10;
  if (architecture == "rubin") return 11;
  return 0;
}

bool has_peak(const AcceleratorSpec& device, Dtype d) {
  auto p = device.peak(d);
  return p && *p > 0;
}

}  // namespace

const Fp8RecipeCosts& fp8_recipe_costs(Fp8Recipe recipe) {
  const int i = static_cast<int>(recipe);
  return kRecipes[static_cast<size_t>(i >= 0 && i < kFp8RecipeCount ? i : 0)];
}

Dtype low_precision_gemm_dtype(Dtype precision, Fp8Recipe recipe) {
  if (precision != Dtype::fp8 && precision != Dtype::fp4) return precision;
  return fp8_recipe_costs(recipe).gemm_dtype;
}

std::optional<std::string> fp8_recipe_unsupported(Fp8Recipe recipe, const AcceleratorSpec& device) {
  const Dtype format = fp8_recipe_costs(recipe).gemm_dtype;
  const std::string name = fp8_recipe_name(recipe);
  if (!has_peak(device, format)) {
    return device.id + " has no " + std::string(dtype_name(format)) + " tensor cores for the " + name + " recipe";
  }
  const int generation = nvidia_generation(device.architecture);
  const std::string arch = device.architecture.empty() ? "an unnamed architecture" : device.architecture;
  switch (recipe) {
    case Fp8Recipe::blockwise:
      if (generation < 9) return name + " fp8 needs NVIDIA Hopper or later (block-scaled GEMMs); " + device.id + " is " + arch;
      break;
    case Fp8Recipe::mxfp8:
      if (generation < 10 && device.architecture != "cdna4") {
        return name + " needs Blackwell-class block-scaled tensor cores (NVIDIA Blackwell or later, AMD CDNA4); " +
               device.id + " is " + arch;
      }
      break;
    case Fp8Recipe::nvfp4:
      if (generation < 10) return name + " needs NVIDIA Blackwell or later; " + device.id + " is " + arch;
      break;
    default: break;
  }
  return std::nullopt;
}

std::vector<Fp8Recipe> fp8_recipes_for(Dtype precision, const AcceleratorSpec& device) {
  std::vector<Fp8Recipe> out;
  if (precision != Dtype::fp8 && precision != Dtype::fp4) return out;
  for (int i = 0; i < kFp8RecipeCount; ++i) {
    const auto recipe = static_cast<Fp8Recipe>(i);
    if (fp8_recipe_costs(recipe).gemm_dtype == precision && !fp8_recipe_unsupported(recipe, device)) out.push_back(recipe);
  }
  return out;
}

}  // namespace stargate
