#pragma once
// A transformer language model's architecture (data/models/*.yaml or inline in a scenario): dense or
// mixture-of-experts, multi-head / grouped-query / multi-head-latent attention.
#include <algorithm>
#include <optional>
#include <string>

namespace stargate {

enum class Activation { swiglu, gelu, relu, squared_relu };
enum class NormKind { rmsnorm, layernorm };
enum class PositionKind { rope, learned, alibi };

// The names model files use for these ("squared-relu", "alibi"): the one spelling every reader and writer shares.
const char* activation_name(Activation activation);
const char* position_name(PositionKind position);

struct MoeSpec {
  int routed_experts = 0;      // experts per MoE layer
  int top_k = 0;               // routed experts per token
  int expert_ffn = 0;          // intermediate size of one expert
  int shared_experts = 0;      // always-active experts (DeepSeek), each of size expert_ffn
  int first_dense_layers = 0;  // leading layers that use the dense FFN instead of experts
};

// Multi-head latent attention (DeepSeek-V2/V3): low-rank compressed queries and keys/values.
struct MlaSpec {
  int q_lora_rank = 0;
  int kv_lora_rank = 0;
  int qk_nope_head_dim = 0;
  int qk_rope_head_dim = 0;
  int v_head_dim = 0;
};

// Attention limited to a window of recent tokens on some layers; the model's other layers attend to the whole
// context. `sliding`: each query sees the `window` tokens before it (Mistral, Gemma 2/3, gpt-oss's 128-token
// layers); `chunked`: each query sees the tokens of its own `window`-token chunk (Llama 4's chunked attention).
struct LocalAttention {
  enum class Kind { sliding, chunked } kind = Kind::sliding;
  int window = 0;  // tokens
  int layers = 0;  // how many of the model's layers use the window (1 .. layers)
  // Keys a decoding sequence with `context` cached tokens reads on a local layer: min(context, window) when
  // sliding; chunked, the tokens of its own chunk: all of them within the first chunk, and past it window / 2 on
  // average over the positions the batch's sequences are at.
  double attended(double context) const {
    if (kind == Kind::sliding || context <= window) return std::min(context, double(window));
    return window / 2.0;
  }
  // Query-key pairs of prefill work (`queries` queries, `pairs` pairs with full attention) on a local layer: each
  // query sees at most `window` keys (sliding) or its chunk, window / 2 on average (chunked). For one prompt of
  // q ≥ 2·window tokens from position 0 this is q·window (sliding; exact: q·window − window²/2) and q·window/2
  // (chunked, whole chunks: exact).
  double prefill_pairs(double queries, double pairs) const {
    return std::min(pairs, queries * (kind == Kind::sliding ? window : window / 2.0));
  }
};
const char* local_attention_kind_name(LocalAttention::Kind kind);

struct ModelSpec {
  std::string id;
  std::string name;
  int layers = 0;
  int hidden = 0;
  int heads = 0;
  int kv_heads = 0;
  int head_dim = 0;  // per-head dimension; hidden / heads unless stated
  int ffn = 0;       // dense FFN intermediate size
  int vocab = 0;
  int seq_len = 0;   // pre-training context length, tokens
  Activation activation = Activation::swiglu;
  NormKind norm = NormKind::rmsnorm;
  PositionKind position = PositionKind::rope;
  bool tied_embeddings = false;
  bool dropout = false;  // hidden/attention dropout in training (GPT-3, Megatron GPT); adds masks and traffic
  double published_params = 0;         // as stated by the source; 0 if unknown
  double published_active_params = 0; // MoE: activated per token
  std::optional<MoeSpec> moe;
  std::optional<MlaSpec> mla;
  std::optional<LocalAttention> local_attention;
  int mtp_depth = 0;  // DeepSeek-V3 multi-token-prediction modules
  std::string source;
  // Hugging Face repository of the checkpoint ("meta-llama/Llama-3.1-8B"): the model the engine launch files of
  // `serve --search --emit` load. Empty when unknown (those files then carry a placeholder).
  std::string hf_repo;

  bool is_moe() const { return moe.has_value(); }
  // True when layer `index` (0-based) uses experts.
  bool layer_is_moe(int index) const { return moe && index >= moe->first_dense_layers; }
  int moe_layers() const { return moe ? layers - moe->first_dense_layers : 0; }
  // Layers attending to the whole context: all but local_attention's.
  int global_attention_layers() const { return local_attention ? layers - local_attention->layers : layers; }
  // Windowed layers among the first `index` layers. A model states how many of its layers attend within the window,
  // not which; they are taken as spread evenly (gpt-oss alternates sliding and full layers, Llama 4 keeps every
  // fourth layer global), so a run of n layers holds n·local/layers of them, rounded down at each end.
  int local_attention_layers_before(int index) const {
    return local_attention && layers > 0 ? static_cast<int>(static_cast<long long>(index) * local_attention->layers / layers) : 0;
  }
};

// Parameter counts computed from the shapes (weights only; biases and norms included where the
// architecture has them). Embedding and output layers are counted once when tied.
struct ParameterCount {
  double embedding = 0;      // input embedding (and output projection when untied)
  double attention = 0;      // all layers
  double dense_ffn = 0;      // all dense-FFN layers
  double experts = 0;        // all routed experts, all layers
  double shared_experts = 0; // all shared experts, all layers
  double router = 0;
  double norms = 0;
  double total() const { return embedding + attention + dense_ffn + experts + shared_experts + router + norms; }
  // Parameters touched by one token: routed experts scaled by top_k / routed_experts.
  double active(const ModelSpec& model) const;
};

ParameterCount count_parameters(const ModelSpec& model);

// Per-layer pieces used by the operator list and memory model.
double attention_params_per_layer(const ModelSpec& model);
double ffn_params(int hidden, int ffn, Activation activation);  // one FFN block (SwiGLU has three matrices)

}  // namespace stargate
