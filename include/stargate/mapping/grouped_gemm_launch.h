#pragma once
// How a framework launches the GEMMs of a MoE layer's local experts (a software setting, like FlashAttention):
//   one_kernel — one grouped kernel for all experts (CUTLASS grouped GEMM, torch._grouped_mm in torchtitan,
//                DeepGEMM);
//   per_expert — one GEMM per local expert issued from a host loop: Transformer Engine's GroupedLinear, the path of
//                Megatron-Core, NeMo and Megatron-Bridge (general_grouped_gemm → multi_stream_cublas_gemm, one
//                cuBLASLt call per expert over its compute streams; TE's CUTLASS grouped GEMM is opt-in,
//                NVTE_USE_CUTLASS_GROUPED_GEMM, and Hopper-only). In eager mode each launch pays the host floor.
namespace stargate {

enum class GroupedGemmLaunch { one_kernel, per_expert };

}  // namespace stargate
