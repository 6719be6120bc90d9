#include "case_fields.h"

#include <cctype>
#include <cmath>
#include <cstdio>

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
  if (auto d = yaml_number(n, key)) {
    value = *d;
  } else if (auto i = first_integer(v.Scalar())) {
    value = static_cast<double>(*i);
  } else {
    const std::string& s = v.Scalar();
    // Written as a number but not a finite one ("nan", "1e999"): an error, not free text.
    if (!s.empty() && (std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '-' || s[0] == '.' ||
                       s == "nan" || s == "inf")) {
      throw CaseFieldError{joined(path, key), "expected a whole number, got '" + s + "'", line_of(v)};
    }
    return std::nullopt;
  }
  if (auto problem = integer_limit_violation(value, limit, v.Scalar())) {
    throw CaseFieldError{joined(path, key), *problem, line_of(v)};
  }
  return static_cast<int>(value);
}

std::optional<double> yaml_positive(const YAML::Node& n, const std::string& path, const std::string& key,
                                    double max) {
  const YAML::Node v = n[key];
  if (!v) return std::nullopt;
  const std::optional<double> d = yaml_number(n, key);
  if (!d) throw CaseFieldError{joined(path, key), "expected a number, got '" + (v.IsScalar() ? v.Scalar() : "") + "'", line_of(v)};
  if (!(*d > 0 && *d <= max)) throw CaseFieldError{joined(path, key), positive_problem(*d, max), line_of(v)};
  return d;
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

bool case_is_unverified(const YAML::Node& case_node) {
  const YAML::Node v = case_node["unverified"];
  if (!v || !v.IsScalar()) return false;
  std::string t = v.as<std::string>("");
  for (char& ch : t) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return t.rfind("true", 0) == 0 || t.rfind("yes", 0) == 0;
}

}  // namespace stargate::validation_detail
