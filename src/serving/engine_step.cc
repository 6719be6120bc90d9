#include "stargate/serving/engine_step.h"

#include <algorithm>

namespace stargate {

StepTimeOptions engine_step_options(const ServingDeployment& d, const PoolConfig& pool, bool prefills) {
  return StepTimeOptions{.tp = pool.tp, .pp = pool.pp, .attention_dp = pool.attention_dp, .ep = pool.ep,
                         .moe = d.moe, .weights = d.weights, .kv_bytes_per_element = d.kv_bytes_per_element,
                         .cuda_graphs = d.cuda_graphs && !(prefills && d.eager_prefill), .engine = d.engine};
}

BatchShape engine_batch(BatchShape batch, EngineKind kernels, const CudaGraphPadding& padding, int group_key) {
  const bool decode_only = batch.prefill_tokens == 0 && batch.decode_seqs > 0;
  if (!padding.sizes.empty() && batch.tokens() > 0 && (decode_only || padding.pads_mixed)) {
    const int own = cuda_graph_key(batch, padding);
    if (const auto size = captured_size(padding.sizes, std::max(own, group_key))) {
      const int rows_per_unit = padding.by_tokens ? 1 : 1 + batch.draft_tokens / batch.decode_seqs;
      batch.padding_rows = (*size - own) * rows_per_unit;
      if (padding.dummy_logits) batch.logit_rows += batch.padding_rows;
    }
  }
  if (kernels == EngineKind::pytorch_eager) batch.logit_rows = batch.tokens();
  return batch;
}

int cuda_graph_key(const BatchShape& batch, const CudaGraphPadding& padding) {
  return padding.by_tokens ? batch.tokens() : batch.decode_seqs;
}

}  // namespace stargate
