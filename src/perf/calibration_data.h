#pragma once
// Rows of the microbenchmark files in data/calibration/<folder>/ (see data/calibration/README.md), parsed
// without exceptions. Units: seconds, bytes, element counts.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stargate::perf_detail {

enum class GemmSource { grid, model_layer, fine_sweep };

// C[m,n] = A[m,k]·B[k,n], one call took `seconds`.
struct GemmSample {
  double m = 0, n = 0, k = 0, seconds = 0;
  GemmSource source = GemmSource::grid;
};

// Causal flash attention prefill, batch b, sequence s (queries = keys), forward and forward+backward times.
struct AttentionSample {
  double b = 0, s = 0, heads = 0, kv_heads = 0, head_dim = 0, fwd_seconds = 0, fwdbwd_seconds = 0;
};

// One query token per sequence over ctx cached tokens; kv_bytes = K and V bytes read.
struct DecodeSample {
  double b = 0, ctx = 0, heads = 0, kv_heads = 0, head_dim = 0, seconds = 0, kv_bytes = 0;
};

// Device-to-device copy moving `bytes` (read + written).
struct CopySample {
  double bytes = 0, seconds = 0;
};

// Batched expert GEMM: `experts` × [tokens_per_expert, hidden] · [hidden, expert_ffn].
struct MoeSample {
  double hidden = 0, expert_ffn = 0, experts = 0, tokens_per_expert = 0, seconds = 0;
};

struct CalibrationData {
  std::string folder;
  std::vector<GemmSample> gemm_bf16;  // gemm.json bf16 (grid + model layers) and gemm_fine.json
  std::vector<GemmSample> gemm_fp8;   // gemm.json fp8
  std::vector<AttentionSample> prefill;
  std::vector<DecodeSample> decode;
  std::vector<CopySample> copy;
  std::vector<MoeSample> moe;
};

// Parses calibration/<folder>/*.json from the embedded data files. Rows with missing or non-positive fields
// are skipped. Returns nullopt when gemm.json or membw.json is missing or has no usable row.
std::optional<CalibrationData> load_calibration(std::string_view folder);

// Same, from JSON texts (for tests); empty texts mean "file absent".
std::optional<CalibrationData> parse_calibration(std::string folder, std::string_view gemm_json,
                                                 std::string_view gemm_fine_json, std::string_view attn_json,
                                                 std::string_view membw_json, std::string_view moe_json);

}  // namespace stargate::perf_detail
