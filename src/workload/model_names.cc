// Spellings of the model enums, as data/models/*.yaml writes them (see model.h).
#include "stargate/workload/model.h"

namespace stargate {

const char* local_attention_kind_name(LocalAttention::Kind kind) {
  return kind == LocalAttention::Kind::sliding ? "sliding" : "chunked";
}

const char* activation_name(Activation a) {
  switch (a) {
    case Activation::swiglu: return "swiglu";
    case Activation::gelu: return "gelu";
    case Activation::relu: return "relu";
    case Activation::squared_relu: return "squared-relu";
  }
  return "swiglu";
}

const char* position_name(PositionKind p) {
  switch (p) {
    case PositionKind::rope: return "rope";
    case PositionKind::learned: return "learned";
    case PositionKind::alibi: return "alibi";
  }
  return "rope";
}

}  // namespace stargate
