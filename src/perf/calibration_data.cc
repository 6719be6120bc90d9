#include "calibration_data.h"

#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "stargate/core/embedded_files.h"

namespace stargate::perf_detail {
namespace {

using nlohmann::json;

json parse_or_null(std::string_view text) {
  if (text.empty()) return json();
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  return j.is_discarded() ? json() : j;
}

// Reads a positive finite number field; false when absent, not a number, or not positive.
bool positive(const json& row, const char* key, double& out) {
  if (!row.is_object()) return false;
  auto it = row.find(key);
  if (it == row.end() || !it->is_number()) return false;
  out = it->get<double>();
  return std::isfinite(out) && out > 0;
}

bool is_string(const json& row, const char* key, std::string_view value) {
  auto it = row.find(key);
  return it != row.end() && it->is_string() && it->get_ref<const std::string&>() == value;
}

const json* array_at(const json& doc, const char* key) {
  if (!doc.is_object()) return nullptr;
  auto it = doc.find(key);
  return (it != doc.end() && it->is_array()) ? &*it : nullptr;
}

void read_gemm(const json* rows, GemmSource default_source, std::vector<GemmSample>& out) {
  if (rows == nullptr) return;
  for (const json& row : *rows) {
    GemmSample s;
    if (!positive(row, "M", s.m) || !positive(row, "N", s.n) || !positive(row, "K", s.k) ||
        !positive(row, "s", s.seconds))
      continue;
    s.source = row.contains("model") ? GemmSource::model_layer : default_source;
    out.push_back(s);
  }
}

}  // namespace

std::optional<CalibrationData> parse_calibration(std::string folder, std::string_view gemm_json,
                                                 std::string_view gemm_fine_json, std::string_view attn_json,
                                                 std::string_view membw_json, std::string_view moe_json) {
  CalibrationData data;
  data.folder = std::move(folder);

  const json gemm = parse_or_null(gemm_json);
  read_gemm(array_at(gemm, "bf16"), GemmSource::grid, data.gemm_bf16);
  read_gemm(array_at(gemm, "fp8"), GemmSource::grid, data.gemm_fp8);
  const json fine = parse_or_null(gemm_fine_json);
  if (fine.is_array()) read_gemm(&fine, GemmSource::fine_sweep, data.gemm_bf16);

  const json attn = parse_or_null(attn_json);
  if (attn.is_array()) {
    for (const json& row : attn) {
      if (!row.is_object()) continue;
      if (is_string(row, "kind", "prefill")) {
        AttentionSample a;
        if (positive(row, "B", a.b) && positive(row, "S", a.s) && positive(row, "H", a.heads) &&
            positive(row, "HKV", a.kv_heads) && positive(row, "D", a.head_dim) &&
            positive(row, "fwd_s", a.fwd_seconds) && positive(row, "fwdbwd_s", a.fwdbwd_seconds) &&
            a.fwdbwd_seconds > a.fwd_seconds)
          data.prefill.push_back(a);
      } else if (is_string(row, "kind", "decode")) {
        DecodeSample d;
        if (positive(row, "B", d.b) && positive(row, "ctx", d.ctx) && positive(row, "H", d.heads) &&
            positive(row, "HKV", d.kv_heads) && positive(row, "D", d.head_dim) && positive(row, "s", d.seconds) &&
            positive(row, "kv_bytes", d.kv_bytes))
          data.decode.push_back(d);
      }
    }
  }

  const json membw = parse_or_null(membw_json);
  if (membw.is_array()) {
    for (const json& row : membw) {
      CopySample c;
      if (row.is_object() && is_string(row, "op", "copy") && positive(row, "bytes", c.bytes) &&
          positive(row, "s", c.seconds))
        data.copy.push_back(c);
    }
  }

  const json moe = parse_or_null(moe_json);
  if (moe.is_array()) {
    for (const json& row : moe) {
      MoeSample m;
      if (positive(row, "hidden", m.hidden) && positive(row, "expert_ffn", m.expert_ffn) &&
          positive(row, "experts", m.experts) && positive(row, "tokens_per_expert", m.tokens_per_expert) &&
          positive(row, "s", m.seconds))
        data.moe.push_back(m);
    }
  }

  if (data.gemm_bf16.empty() || data.copy.empty()) return std::nullopt;
  return data;
}

std::optional<CalibrationData> load_calibration(std::string_view folder) {
  const std::string base = "calibration/" + std::string(folder) + "/";
  auto text = [&](const char* file) {
    auto contents = embedded_file(base + file);
    return contents ? *contents : std::string_view();
  };
  return parse_calibration(std::string(folder), text("gemm.json"), text("gemm_fine.json"), text("attn.json"),
                           text("membw.json"), text("moe_bmm.json"));
}

}  // namespace stargate::perf_detail
