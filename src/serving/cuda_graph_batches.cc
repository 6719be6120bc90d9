#include "stargate/serving/cuda_graph_batches.h"

#include <algorithm>

namespace stargate {
namespace {

void add_range(std::vector<int>& sizes, int first, int last, int step) {
  for (long long b = first; b <= last; b += step) sizes.push_back(static_cast<int>(b));
}

std::vector<int> trtllm_sizes(int max_batch) {
  std::vector<int> sizes{1, 2, 4};
  add_range(sizes, 8, 128, 8);
  // Powers of two 2^8 .. 2^(ceil(log2 max) - 1): those below max_batch_size.
  for (long long b = 256; b < max_batch; b *= 2) sizes.push_back(static_cast<int>(b));
  std::erase_if(sizes, [&](int b) { return b > max_batch; });
  if (sizes.empty() || sizes.back() != max_batch) sizes.push_back(max_batch);
  return sizes;
}

std::vector<int> vllm_sizes(int max_capture) {
  std::vector<int> sizes{1, 2, 4};
  add_range(sizes, 8, std::min(max_capture, 255), 8);
  add_range(sizes, 256, max_capture, 16);
  std::erase_if(sizes, [&](int b) { return b > max_capture; });
  return sizes;
}

int sglang_max_batch(const CudaGraphLimits& l) {
  constexpr double kMiB = 1024.0 * 1024.0;
  const double mib = l.hbm_bytes / kMiB;
  if (mib < 20 * 1024) return 8;
  if (mib < 35 * 1024) return l.tp < 4 ? 24 : 80;
  if (mib < 60 * 1024) return l.tp < 4 ? 32 : 160;
  if (mib < 160 * 1024) return l.tp < 4 ? 256 : 512;
  return 512;
}

std::vector<int> sglang_sizes(int max_batch) {
  std::vector<int> sizes{1, 2, 4, 8, 12};
  add_range(sizes, 16, 256, 8);
  add_range(sizes, 272, 511, 16);
  add_range(sizes, 512, max_batch, 32);
  std::erase_if(sizes, [&](int b) { return b > max_batch; });
  return sizes;
}

}  // namespace

std::vector<int> captured_batch_sizes(CudaGraphBatches rule, const CudaGraphLimits& l) {
  switch (rule) {
    case CudaGraphBatches::exact: return {};
    case CudaGraphBatches::trtllm: return l.max_batch_sequences > 0 ? trtllm_sizes(l.max_batch_sequences) : std::vector<int>{};
    case CudaGraphBatches::vllm: {
      int max_capture = std::min(2 * l.max_batch_sequences, 512);
      if (l.max_batch_tokens > 0) max_capture = std::min(max_capture, l.max_batch_tokens);
      return max_capture > 0 ? vllm_sizes(max_capture) : std::vector<int>{};
    }
    case CudaGraphBatches::sglang: return sglang_sizes(sglang_max_batch(l));
  }
  return {};
}

int padded_decode_batch(const std::vector<int>& captured, int sequences) {
  const auto it = std::lower_bound(captured.begin(), captured.end(), sequences);
  return it == captured.end() ? sequences : *it;
}

}  // namespace stargate
