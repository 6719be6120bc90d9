#include "stargate/serving/cuda_graph_batches.h"

#include <algorithm>

namespace stargate {
namespace {

void add_range(std::vector<int>& sizes, long long first, long long last, long long step) {
  for (long long b = first; b <= last; b += step) sizes.push_back(static_cast<int>(b));
}

void keep_at_most(std::vector<int>& sizes, int max) {
  std::erase_if(sizes, [&](int b) { return b > max; });
}

std::vector<int> trtllm_sizes(int max_batch, bool powers_of_two) {
  std::vector<int> sizes{1, 2, 4};
  add_range(sizes, 8, 128, 8);
  if (powers_of_two) {
    for (long long b = 256; b < max_batch; b *= 2) sizes.push_back(static_cast<int>(b));  // 2^8 .. below max
  } else {
    add_range(sizes, 192, max_batch, 64);
  }
  keep_at_most(sizes, max_batch);
  if (sizes.empty() || sizes.back() != max_batch) sizes.push_back(max_batch);
  return sizes;
}

std::vector<int> vllm_sizes(int max_capture) {
  std::vector<int> sizes{1, 2, 4};
  add_range(sizes, 8, std::min(max_capture, 255), 8);
  add_range(sizes, 256, max_capture, 16);
  keep_at_most(sizes, max_capture);
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

std::vector<int> sglang_sizes(const CudaGraphLimits& l) {
  const int max_bs = sglang_max_batch(l);
  std::vector<int> sizes;
  if (l.decode_query_tokens > 1) {
    add_range(sizes, 1, 8, 1);
    add_range(sizes, 10, 32, 2);
    add_range(sizes, 40, 64, 4);
    add_range(sizes, 72, 256, 8);
    add_range(sizes, 272, max_bs, 16);
  } else {
    sizes = {1, 2, 4, 8, 12};
    add_range(sizes, 16, 256, 8);
    add_range(sizes, 272, 511, 16);
    add_range(sizes, 512, max_bs, 32);
  }
  keep_at_most(sizes, max_bs);
  // No graph larger than the running requests the engine admits; that count itself is captured.
  if (l.max_batch_sequences > 0 && l.max_batch_sequences < max_bs) {
    keep_at_most(sizes, l.max_batch_sequences);
    if (sizes.empty() || sizes.back() != l.max_batch_sequences) sizes.push_back(l.max_batch_sequences);
  }
  return sizes;
}

}  // namespace

CudaGraphPadding cuda_graph_padding(CudaGraphBatches rule, const CudaGraphLimits& l) {
  CudaGraphPadding p;
  switch (rule) {
    case CudaGraphBatches::exact: return p;
    case CudaGraphBatches::trtllm:
    case CudaGraphBatches::trtllm_1_0:
      if (l.max_batch_sequences > 0) p.sizes = trtllm_sizes(l.max_batch_sequences, rule == CudaGraphBatches::trtllm_1_0);
      return p;
    case CudaGraphBatches::vllm: {
      long long max_capture = std::min<long long>(2LL * l.max_batch_sequences * std::max(1, l.decode_query_tokens), 512);
      if (l.max_batch_tokens > 0) max_capture = std::min<long long>(max_capture, l.max_batch_tokens);
      if (max_capture > 0) p.sizes = vllm_sizes(static_cast<int>(max_capture));
      p.by_tokens = true;
      p.pads_mixed = true;
      p.dummy_logits = false;
      return p;
    }
    case CudaGraphBatches::sglang: p.sizes = sglang_sizes(l); return p;
  }
  return p;
}

std::optional<int> captured_size(const std::vector<int>& sizes, int n) {
  const auto it = std::lower_bound(sizes.begin(), sizes.end(), n);
  if (it == sizes.end()) return std::nullopt;
  return *it;
}

}  // namespace stargate
