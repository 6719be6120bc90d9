#pragma once
// The KV-cache transfer prefill → decode of a disaggregated deployment (docs/serving.md, "Mixed hardware").
//
// Each GPU of the prefill replica holds a shard of the request's KV (its KV heads; an MLA latent is whole on every
// rank) and each GPU of the decode replica receives the shard of its own layout. The GPUs move their shards in
// parallel, GPU-direct over their NICs (NIXL in Dynamo, vLLM's NixlConnector and TensorRT-LLM; the Mooncake
// Transfer Engine in SGLang): the transfer takes the largest per-GPU shard of the two layouts over the slower
// endpoint's NIC bandwidth per GPU. With equal TP the shards match. When the TPs differ (vLLM's NixlConnector
// "heterogeneous TP", its compatibility matrix: dense and MoE models supported, MLA partly; SGLang PD
// disaggregation likewise lets the decode TP differ from the prefill TP) a decode GPU with a larger TP reads the
// slice of its heads from one prefill GPU, and one with a smaller TP gathers the shards of several prefill GPUs.
// The re-layout on arrival is a copy in HBM (TB/s against a NIC's tens of GB/s) and is left out; so is the
// overlap of the transfer with the prefill of later layers (it starts when the prompt's prefill ends).
#include "stargate/catalog/cluster.h"
#include "stargate/serving/serving_config.h"

namespace stargate {

// Bytes/s per GPU of the transfer: the deployment's kv_transfer_bandwidth when > 0, else the lower NIC bandwidth
// per GPU of the prefill and decode pools' nodes (pool_cluster). 0 when neither endpoint has a NIC.
double kv_transfer_bandwidth(const ServingDeployment& deployment, const Cluster& cluster);

// Bytes each GPU moves per token of context: the larger per-GPU KV shard of the two layouts.
inline double kv_transfer_bytes_per_token_per_gpu(double prefill_kv_bytes_per_token_per_gpu,
                                                  double decode_kv_bytes_per_token_per_gpu) {
  return prefill_kv_bytes_per_token_per_gpu > decode_kv_bytes_per_token_per_gpu ? prefill_kv_bytes_per_token_per_gpu
                                                                                : decode_kv_bytes_per_token_per_gpu;
}

}  // namespace stargate
