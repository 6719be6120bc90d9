#include "stargate/sim/ring_attention.h"

#include <algorithm>

namespace stargate {

double ring_exchange_exposed_seconds(double transfer_seconds, double attention_seconds, int cp) {
  if (cp <= 1) return 0;
  const double attention_per_step = attention_seconds / cp;
  return (cp - 1) * std::max(0.0, transfer_seconds - attention_per_step);
}

double ring_forward_step_bytes(double micro_batch, double seq_len, int cp, double kv_width, double bytes_per_element) {
  return 2 * micro_batch * (seq_len / cp) * kv_width * bytes_per_element;  // K and V
}

}  // namespace stargate
