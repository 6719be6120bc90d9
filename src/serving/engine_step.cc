#include "stargate/serving/engine_step.h"

namespace stargate {

StepTimeOptions engine_step_options(const ServingDeployment& d, const PoolConfig& pool, bool prefills) {
  return StepTimeOptions{.tp = pool.tp, .pp = pool.pp, .attention_dp = pool.attention_dp, .ep = pool.ep,
                         .moe = d.moe, .weights = d.weights, .kv_bytes_per_element = d.kv_bytes_per_element,
                         .cuda_graphs = d.cuda_graphs && !(prefills && d.eager_prefill), .engine = d.engine};
}

BatchShape engine_batch(BatchShape batch, EngineKind kernels, const std::vector<int>& captured) {
  if (batch.prefill_tokens == 0 && batch.decode_seqs > 0 && !captured.empty()) {
    const int dummies = padded_decode_batch(captured, batch.decode_seqs) - batch.decode_seqs;
    const int rows_per_sequence = 1 + batch.draft_tokens / batch.decode_seqs;
    batch.padding_rows = dummies * rows_per_sequence;
    batch.logit_rows += batch.padding_rows;
  }
  if (kernels == EngineKind::pytorch_eager) batch.logit_rows = batch.tokens();
  return batch;
}

}  // namespace stargate
