#include "stargate/net/cluster_collectives.h"
#include "case_helpers.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "stargate/catalog/catalog.h"
#include "stargate/mapping/plan_validation.h"
#include "stargate/perf/collective_model.h"
#include "stargate/perf/kernel_cost_model.h"

namespace stargate::validation_detail {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return lower(haystack).find(lower(needle)) != std::string::npos;
}

std::optional<long long> first_integer(const std::string& text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(text[i]))) {
      // Saturates past 10^15 (far beyond every limit) instead of overflowing.
      long long v = 0;
      for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
        v = v > 1'000'000'000'000'000LL ? v : v * 10 + (text[i] - '0');
      }
      return v;
    }
  }
  return std::nullopt;
}

std::optional<double> first_quantity(const std::string& text, double kilo) {
  auto digit = [&](size_t i) { return i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); };
  size_t i = 0;
  while (i < text.size() && !digit(i) && !(text[i] == '.' && digit(i + 1))) ++i;
  if (i == text.size()) return std::nullopt;
  std::string number;
  for (; digit(i); ++i) {
    number += text[i];
    // A thousands separator: a comma followed by exactly three digits ("16,384"; "2,4,8" is a list).
    while (i + 4 < text.size() && text[i + 1] == ',' && digit(i + 2) && digit(i + 3) && digit(i + 4) && !digit(i + 5)) {
      number += text.substr(i + 2, 3);
      i += 4;
    }
  }
  if (i < text.size() && text[i] == '.' && digit(i + 1)) {
    number += '.';
    for (++i; digit(i); ++i) number += text[i];
  }
  if (number.size() > 30) number.resize(30);  // far beyond every limit; keeps stod finite
  double value = std::stod(number);
  const bool word_follows = i + 1 < text.size() && std::isalpha(static_cast<unsigned char>(text[i + 1]));
  if (i < text.size() && !word_follows) {
    if (text[i] == 'k' || text[i] == 'K') value *= kilo;
    if (text[i] == 'M') value *= kilo * kilo;
  }
  return value;
}

std::optional<long long> nodes_times_gpus(const std::string& text) {
  const std::string t = lower(text);
  const size_t first = t.find_first_of("0123456789");
  if (first == std::string::npos) return std::nullopt;
  size_t end = first;
  while (end < t.size() && std::isdigit(static_cast<unsigned char>(t[end]))) ++end;
  if (end - first > 9) return std::nullopt;  // beyond every GPU count
  for (const std::string times : {"x", "\u00d7", "*"}) {
    const size_t at = t.find(times, end);
    if (at == std::string::npos) continue;
    const std::string between = t.substr(end, at - end);
    if (!contains(between, "node") || between.find_first_of("0123456789") != std::string::npos) continue;
    const size_t second = t.find_first_not_of(" ", at + times.size());
    if (second == std::string::npos || !std::isdigit(static_cast<unsigned char>(t[second]))) continue;
    return std::stoll(t.substr(first, end - first)) * std::min(*first_integer(t.substr(second)), 1'000'000'000LL);
  }
  return std::nullopt;
}

std::optional<bool> first_word_yes_or_no(const std::string& text) {
  const std::string t = lower(text);
  const std::string word = t.substr(0, t.find_first_of(" ,;(:"));
  if (word == "true" || word == "yes" || word == "on" || word == "enabled" || word == "1") return true;
  if (word == "false" || word == "no" || word == "off" || word == "disabled" || word == "none" || word == "0") {
    return false;
  }
  return std::nullopt;
}

std::optional<long long> integer_after(const std::string& text, const std::string& key) {
  const std::string l = lower(text);
  const size_t at = l.find(lower(key));
  if (at == std::string::npos) return std::nullopt;
  return first_integer(text.substr(at + key.size()));
}

// Rule table (docs/validation.md): the part named in the case, its usual node, and the fabric of its era
// (InfiniBand HDR for V100/A100 systems, NDR for H100 systems).

std::optional<Recompute> parse_recompute(const std::string& text) {
  const std::string t = lower(text);
  // torchtitan's operator-level selective checkpointing ("op-level SAC", selective_ac_option = "op").
  if (t.find("op-level") != std::string::npos || t.find("op sac") != std::string::npos) return Recompute::selective_ops;
  if (t.find("selective") != std::string::npos || t == "attention" || t == "core attention") {
    return Recompute::selective;
  }
  if (t.find("full") != std::string::npos || t == "true" || t == "yes" || t == "on" || t == "enabled" ||
      t == "block" || t == "layer" || t == "every layer") {
    return Recompute::full;
  }
  if (t == "none" || t == "no" || t == "off" || t == "false" || t == "disabled" || t == "0" ||
      t.find("no-recompute") != std::string::npos || t.find("no recompute") != std::string::npos ||
      t.find("baseline") != std::string::npos || t == "sequence-parallel") {
    return Recompute::none;
  }
  return std::nullopt;
}

Dtype parse_precision(const std::string& text, std::string& note) {
  if (contains(text, "fp4")) return Dtype::fp4;  // NVFP4 / MXFP4 recipes
  if (contains(text, "fp8") || contains(text, "float8")) return Dtype::fp8;
  const bool bf16 = contains(text, "bf16") || contains(text, "bfloat16");
  const bool fp16 = contains(text, "fp16") || (contains(text, "float16") && !contains(text, "bfloat16")) ||
                    contains(text, "half precision");
  if (fp16 && !bf16) return Dtype::fp16;
  if (!bf16 || fp16) note = "precision '" + text + "' not stated: bf16 assumed";  // neither, or both named
  return Dtype::bf16;
}

bool apply_arch_rule(ModelSpec& m, const std::string& arch, std::string& why) {
  const std::string a = lower(arch + " " + m.name);
  auto set = [&](Activation act, NormKind norm, PositionKind pos, bool tied, bool dropout) {
    m.activation = act, m.norm = norm, m.position = pos, m.tied_embeddings = tied, m.dropout = dropout;
  };
  if (a.find("nemotron") != std::string::npos) {
    set(Activation::squared_relu, NormKind::layernorm, PositionKind::rope, false, false);
  } else if (a.find("mpt") != std::string::npos) {
    set(Activation::gelu, NormKind::layernorm, PositionKind::alibi, true, false);
  } else if (a.find("bloom") != std::string::npos) {
    set(Activation::gelu, NormKind::layernorm, PositionKind::alibi, true, false);
  } else if (a.find("llama") != std::string::npos || a.find("mixtral") != std::string::npos ||
             a.find("mistral") != std::string::npos || a.find("qwen") != std::string::npos ||
             a.find("moe") != std::string::npos || a.find("deepseek") != std::string::npos ||
             a.find("gemma") != std::string::npos || a.find("phi") != std::string::npos ||
             a.find("olmo") != std::string::npos || a.find("granite") != std::string::npos ||
             a.find("gpt-oss") != std::string::npos) {
    set(Activation::swiglu, NormKind::rmsnorm, PositionKind::rope, false, false);
  } else if (a.find("gpt") != std::string::npos || a.rfind("opt", 0) == 0 || a.find(" opt") != std::string::npos) {
    // Megatron-style GPT: GeLU MLP, LayerNorm, learned positions, shared input/output embedding, dropout 0.1.
    set(Activation::gelu, NormKind::layernorm, PositionKind::learned, true, true);
  } else {
    // No rule for this family: grouped-query attention or an FFN near 8/3 of the width marks a modern decoder
    // (SwiGLU, RMSNorm, RoPE); otherwise a GPT-style one. Said in the case's note.
    const bool modern = m.kv_heads < m.heads || (m.ffn > 0 && m.ffn < 3.2 * m.hidden);
    if (modern) set(Activation::swiglu, NormKind::rmsnorm, PositionKind::rope, false, false);
    else set(Activation::gelu, NormKind::layernorm, PositionKind::learned, false, false);
    why = "no architecture rule for '" + arch + "': " + (modern ? "SwiGLU/RMSNorm/RoPE" : "GeLU/LayerNorm") +
          " decoder assumed from its shape";
  }
  return true;
}

double megatron_flops(double B, double s, double l, double h, double V) {
  return 96.0 * B * s * l * h * h * (1 + s / (6 * h) + V / (16 * l * h));
}

double megatron_model_flops(double B, double s, double l, double h, double V) {
  return 72.0 * B * s * l * h * h * (1 + s / (6 * h)) + 6.0 * B * s * h * V;
}

double nemo_model_flops(const ModelSpec& m, double B, double s) {
  const double h = m.hidden, L = m.layers, V = m.vocab;
  if (m.activation == Activation::gelu) {  // gpt3 family
    return (24 * B * s * h * h + 4 * B * s * s * h) * (3 * L) + 6 * B * s * h * V;
  }
  const double groups = static_cast<double>(m.kv_heads) / m.heads;
  double ffn_term = 0;
  if (m.moe) {
    ffn_term = 18.0 * m.moe->top_k * m.moe->expert_ffn / h;  // mixtral family
  } else {
    ffn_term = (m.activation == Activation::swiglu ? 18.0 : 12.0) * m.ffn / h;  // llama : nemotron
  }
  return B * s * L * h * h * (12 + 12 * groups + ffn_term + 12 * s / h + 6 * V / (L * h));
}

double mosaic_model_flops(double params, const ModelSpec& m, double B, double s) {
  return 3.0 * (2 * params * s + 4.0 * m.layers * m.hidden * s * s) * B;
}

Prediction predict_step(const ModelSpec& model, const Cluster& cluster, const TrainingJob& job,
                        const TrainingOptions& options, const KernelCostOptions& kernel_options) {
  Prediction p;
  const PlanContext context{cluster.gpus, job.seq_len, job.global_batch_sequences};
  if (auto problem = check_plan(model, cluster.accelerator, job.plan, context)) {
    p.skip = "plan rejected: " + problem->field + ": " + problem->message;
    return p;
  }
  const KernelCostModel kernels = KernelCostModel::for_device(cluster.accelerator, kernel_options);
  const auto collectives = make_cluster_collectives(cluster);
  p.estimate = estimate_training_step(model, cluster, job, kernels, *collectives, options);
  if (kernels.attention_capped_at_flash_attention_2()) {
    p.estimate.notes.push_back("FlashAttention-2 kernel on Hopper: attention at most at its published H100 rates");
  }
  if (!(p.estimate.step_seconds > 0)) p.skip = "the model returned no step time";
  return p;
}

std::string fmt_num(double v, int digits) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.*g", digits, v);
  return buffer;
}

std::string join_notes(const std::vector<std::string>& notes) {
  std::string out;
  for (const std::string& n : notes) {
    if (n.empty()) continue;
    if (!out.empty()) out += "; ";
    out += n;
  }
  return out;
}

}  // namespace stargate::validation_detail
