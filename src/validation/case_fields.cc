#include "case_fields.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "case_helpers.h"

namespace stargate::validation_detail {
namespace {

int line_of(const YAML::Node& n) { return n.Mark().line >= 0 ? n.Mark().line + 1 : 0; }

std::string joined(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

std::string number_text(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.15g", v);
  return buffer;
}

std::string positive_problem(double v, double max) {
  if (!std::isfinite(v) || v <= 0) return "must be a positive number, got '" + number_text(v) + "'";
  return "must be at most " + number_text(max) + ", got '" + number_text(v) + "'";
}

// The whole text is a number that is not finite ("nan", "-inf", "1e999").
bool written_as_non_finite_number(const std::string& s) {
  try {
    size_t used = 0;
    const double d = std::stod(s, &used);
    return used == s.size() && !std::isfinite(d);
  } catch (const std::out_of_range&) {
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

std::optional<double> yaml_number(const YAML::Node& n, const std::string& key) {
  const YAML::Node v = n[key];
  if (!v || !v.IsScalar()) return std::nullopt;
  try {
    size_t used = 0;
    const double d = std::stod(v.Scalar(), &used);
    if (used == v.Scalar().size() && std::isfinite(d)) return d;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

std::optional<int> yaml_integer(const YAML::Node& n, const std::string& path, const std::string& key,
                                const IntegerLimit& limit) {
  const YAML::Node v = n[key];
  if (!v || !v.IsScalar()) return std::nullopt;
  double value = 0;
  const std::string& s = v.Scalar();
  if (auto d = yaml_number(n, key)) {
    value = *d;
  } else if (written_as_non_finite_number(s)) {
    // Written as a number but not a finite one ("nan", "inf", "1e999"): an error, not free text (the message does
    // not echo it: reports never print a non-finite figure).
    throw CaseFieldError{joined(path, key), "must be a finite whole number", line_of(v)};
  } else if (auto q = first_quantity(s, 1024)) {
    // Free text around the number ("8 (EP)", "16,384", "8K", "~256"): the number, rounded down.
    value = std::floor(*q);
  } else {
    return std::nullopt;  // no number at all ("-", "n/a", "not stated"): the field is left to the case's rules
  }
  if (auto problem = integer_limit_violation(value, limit, v.Scalar())) {
    throw CaseFieldError{joined(path, key), *problem, line_of(v)};
  }
  return static_cast<int>(value);
}

std::optional<double> yaml_positive(const YAML::Node& n, const std::string& path, const std::string& key,
                                    double max, double kilo, std::string* reading) {
  const YAML::Node v = n[key];
  if (!v) return std::nullopt;
  std::optional<double> d = yaml_number(n, key);
  if (!d && v.IsScalar() && !written_as_non_finite_number(v.Scalar())) {
    d = first_quantity(v.Scalar(), kilo);
    if (!d) return std::nullopt;  // text without a number ("not stated"): as if absent
    if (reading) *reading = joined(path, key) + ": read '" + v.Scalar() + "' → " + number_text(*d);
  }
  if (!d) throw CaseFieldError{joined(path, key), "must be a finite positive number", line_of(v)};
  if (!(*d > 0 && *d <= max)) throw CaseFieldError{joined(path, key), positive_problem(*d, max), line_of(v)};
  return d;
}

std::optional<int> yaml_gpu_count(const YAML::Node& n, std::string& reading) {
  const YAML::Node v = n["num_gpus"];
  const bool text = v && v.IsScalar() && !yaml_number(n, "num_gpus");
  if (text) {
    if (auto product = nodes_times_gpus(v.Scalar())) {
      if (auto problem = integer_limit_violation(static_cast<double>(*product), limits::gpus, v.Scalar())) {
        throw CaseFieldError{"num_gpus", *problem, line_of(v)};
      }
      reading = "num_gpus: read '" + v.Scalar() + "' → " + std::to_string(*product) + " (nodes × GPUs per node)";
      return static_cast<int>(*product);
    }
  }
  const std::optional<int> count = yaml_integer(n, "", "num_gpus", limits::gpus);
  if (text && count) reading = "num_gpus: read '" + v.Scalar() + "' → " + std::to_string(*count);
  return count;
}

std::optional<int> json_integer(const nlohmann::json& row, int entry, const std::string& key, const IntegerLimit& limit) {
  if (!row.contains(key)) return std::nullopt;
  const nlohmann::json& v = row[key];
  const std::string field = "[" + std::to_string(entry) + "]." + key;
  if (!v.is_number()) throw CaseFieldError{field, "expected a whole number, got " + v.dump(), 0};
  const double value = v.get<double>();
  if (auto problem = integer_limit_violation(value, limit, v.dump())) throw CaseFieldError{field, *problem, 0};
  return static_cast<int>(value);
}

std::optional<double> json_positive(const nlohmann::json& row, int entry, const std::string& key, double max) {
  if (!row.contains(key)) return std::nullopt;
  const nlohmann::json& v = row[key];
  const std::string field = "[" + std::to_string(entry) + "]." + key;
  if (!v.is_number()) throw CaseFieldError{field, "expected a number, got " + v.dump(), 0};
  const double value = v.get<double>();
  if (!(value > 0 && value <= max)) throw CaseFieldError{field, positive_problem(value, max), 0};
  return value;
}

bool json_boolean(const nlohmann::json& row, int entry, const std::string& key, bool fallback) {
  if (!row.contains(key) || row[key].is_null()) return fallback;
  const nlohmann::json& v = row[key];
  if (!v.is_boolean()) {
    throw CaseFieldError{"[" + std::to_string(entry) + "]." + key, "expected true or false, got " + v.dump(), 0};
  }
  return v.get<bool>();
}

}  // namespace stargate::validation_detail

namespace stargate::validation_detail {

std::string read_moe_and_mla(const YAML::Node& node, ModelSpec& m) {
  if (const YAML::Node moe = node["moe"]; moe && moe.IsMap()) {
    MoeSpec s;
    s.routed_experts = yaml_integer(moe, "model.moe", "routed_experts", limits::experts).value_or(0);
    s.top_k = yaml_integer(moe, "model.moe", "top_k", limits::experts).value_or(0);
    s.expert_ffn = yaml_integer(moe, "model.moe", "expert_ffn", limits::ffn).value_or(m.ffn);
    s.shared_experts = yaml_integer(moe, "model.moe", "shared_experts", {0, limits::experts.max}).value_or(0);
    s.first_dense_layers = yaml_integer(moe, "model.moe", "first_dense_layers", {0, m.layers}).value_or(0);
    // Interleaved dense and MoE layers (Llama 4 interleave_moe_layer_step, Qwen decoder_sparse_step, DeepSeek
    // moe_layer_freq: every k-th layer MoE), or a stated MoE layer count: the other layers as dense ones (the
    // order does not change the work).
    const auto moe_layers = yaml_integer(moe, "model.moe", "moe_layers", {1, m.layers});
    std::optional<long long> step;
    for (const char* key : {"interleave_moe_layer_step", "decoder_sparse_step", "moe_layer_freq"}) {
      if (!step) step = yaml_integer(moe, "model.moe", key, {1, m.layers});
    }
    if (moe_layers) {
      s.first_dense_layers = m.layers - static_cast<int>(*moe_layers);
    } else if (step && *step > 1) {
      s.first_dense_layers = std::max(s.first_dense_layers, m.layers - m.layers / static_cast<int>(*step));
    }
    if (s.routed_experts <= 0 || s.top_k <= 0 || s.top_k > s.routed_experts) return "model.moe incomplete";
    m.moe = s;
  }
  if (const YAML::Node mla = node["mla"]; mla && mla.IsMap()) {
    auto rank = [&](const char* key) { return yaml_integer(mla, "model.mla", key, {0, limits::hidden.max}).value_or(0); };
    m.mla = MlaSpec{rank("q_lora_rank"), rank("kv_lora_rank"), rank("qk_nope_head_dim"), rank("qk_rope_head_dim"),
                    rank("v_head_dim")};
    if (m.mla->kv_lora_rank <= 0 || m.mla->qk_nope_head_dim <= 0 || m.mla->v_head_dim <= 0) return "model.mla incomplete";
  }
  return "";
}

std::string read_local_attention(const YAML::Node& node, ModelSpec& m) {
  LocalAttention a;
  const IntegerLimit layers{1, m.layers};
  if (const YAML::Node local = node["local_attention"]; local && local.IsMap()) {
    const YAML::Node k = local["kind"];
    const std::string kind = k && k.IsScalar() ? k.Scalar() : "";
    if (kind != "sliding" && kind != "chunked") {
      throw CaseFieldError{"model.local_attention.kind", "must be sliding or chunked, got '" + kind + "'",
                           local.Mark().line + 1};
    }
    a.kind = kind == "sliding" ? LocalAttention::Kind::sliding : LocalAttention::Kind::chunked;
    a.window = static_cast<int>(yaml_integer(local, "model.local_attention", "window", limits::seq_len).value_or(0));
    a.layers = static_cast<int>(yaml_integer(local, "model.local_attention", "layers", layers).value_or(0));
  } else if (const auto chunk = yaml_integer(node, "model", "attention_chunk_size", limits::seq_len)) {
    a.kind = LocalAttention::Kind::chunked;
    a.window = static_cast<int>(*chunk);
    const int interval = static_cast<int>(yaml_integer(node, "model", "no_rope_layer_interval", layers).value_or(4));
    a.layers = m.layers - m.layers / interval;
  } else if (const auto window = yaml_integer(node, "model", "sliding_window", limits::seq_len)) {
    a.window = static_cast<int>(*window);
    a.layers = m.layers;
    if (const YAML::Node types = node["layer_types"]; types && types.IsSequence()) {
      a.layers = 0;
      for (const YAML::Node& t : types) a.layers += t.IsScalar() && t.Scalar() == "sliding_attention" ? 1 : 0;
    } else if (const auto n = yaml_integer(node, "model", "sliding_window_layers", layers)) {
      a.layers = static_cast<int>(*n);
    }
  } else {
    return "";
  }
  if (a.window <= 0 || a.layers <= 0) return "";
  m.local_attention = a;
  return "model: " + std::string(local_attention_kind_name(a.kind)) + " attention over " + std::to_string(a.window) +
         " tokens on " + std::to_string(a.layers) + " of " + std::to_string(m.layers) + " layers";
}

bool case_is_unverified(const YAML::Node& case_node) {
  const YAML::Node v = case_node["unverified"];
  if (!v || !v.IsScalar()) return false;
  std::string t = v.as<std::string>("");
  for (char& ch : t) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return t.rfind("true", 0) == 0 || t.rfind("yes", 0) == 0;
}

}  // namespace stargate::validation_detail
