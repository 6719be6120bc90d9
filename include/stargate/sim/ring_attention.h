#pragma once
// Context parallelism's ring attention (Megatron-Core / Transformer Engine `cp_comm_type: p2p`,
// transformer_engine/pytorch/attention/dot_product_attention/context_parallel.py, AttnFuncWithCPAndKVP2P):
// the sequence is cut into 2·cp chunks and rank r holds chunks r and 2·cp−1−r (causal load balancing), so each
// rank does s²/(2·cp) of the s²/2 causal query-key pairs. The attention runs in cp steps; before each of the
// first cp−1 steps finishes, the rank sends the K,V chunk it holds to the next rank and receives the previous
// rank's (forward: K and V; backward: K, V and their gradients dK, dV, twice the bytes). Each step's transfer
// runs beside that step's attention kernel, which with the load balancing is 1/cp of the rank's attention.

namespace stargate {

// Exposed seconds of one layer's ring exchange in one direction: (cp−1) · max(0, transfer − attention / cp),
// `transfer_seconds` being one step's K,V (and dK,dV) point-to-point transfer and `attention_seconds` the whole
// attention compute of this rank's sequence share in that direction. 0 for cp ≤ 1.
double ring_exchange_exposed_seconds(double transfer_seconds, double attention_seconds, int cp);

// Bytes one rank sends per ring step in the forward direction: K and V of its 2 chunks (seq_len/cp tokens) for
// `micro_batch` sequences, `kv_width` = kv heads per TP rank × head dim, in `bytes_per_element` (2 for bf16).
double ring_forward_step_bytes(double micro_batch, double seq_len, int cp, double kv_width, double bytes_per_element);

}  // namespace stargate
