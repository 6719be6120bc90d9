#include "trtllm_bench_settings.h"

#include <algorithm>
#include <cmath>

#include "stargate/core/units.h"

namespace stargate::validation_detail {
namespace {

int round_up(double value, int multiple) { return multiple * static_cast<int>(std::ceil(value / multiple)); }

int tuned_batch_size(double raw) {
  if (raw < 256) return std::max(64, round_up(raw, 32));
  if (raw < 1024) return round_up(raw, 128);
  return round_up(raw, 256);
}

int tuned_num_tokens(double raw) {
  if (raw < 4096) return std::max(2048, round_up(raw, 256));
  if (raw < 8192) return round_up(raw, 512);
  return round_up(raw, 1024);
}

}  // namespace

TrtllmBenchSettings trtllm_bench_settings(const TrtllmBenchInputs& in) {
  const ModelSpec& m = *in.model;
  const double kv_gib_per_token = 2.0 * m.layers * std::max(in.tp, m.kv_heads) * m.head_dim *
                                  in.kv_bytes_per_element / kBytesPerGiB;
  const double engine_gib = count_parameters(m).total() * in.weight_bytes_per_element / kBytesPerGiB;
  const double total_gib = in.device_memory_bytes / kBytesPerGiB * in.tp * in.pp;
  const double cache_gib = (total_gib - engine_gib) * in.kv_cache_free_gpu_mem_fraction;
  const double requests = cache_gib / (kv_gib_per_token * (in.mean_input_tokens + in.mean_output_tokens));
  const double raw_batch = std::min(requests, 4096.0) / in.pp;
  const double raw_tokens = std::min(raw_batch * (1 + in.mean_input_tokens / in.mean_output_tokens), 32768.0);
  TrtllmBenchSettings s{.max_batch_size = tuned_batch_size(raw_batch), .max_num_tokens = tuned_num_tokens(raw_tokens)};
  if (!in.chunked_prefill) s.max_num_tokens = std::max(s.max_num_tokens, in.max_input_tokens + s.max_batch_size);
  return s;
}

}  // namespace stargate::validation_detail
