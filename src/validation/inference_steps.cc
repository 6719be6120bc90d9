// measured-h100/infer.json and decode_graph.json: one prefill forward or one decode step of a plain PyTorch
// Llama on one H100, predicted as the serving simulator prices an iteration of the plain PyTorch engines
// (engine_step.h, engine_defaults.h): `s` and `s_eager` on engine pytorch_eager, `s_graph` on engine
// pytorch_cuda_graphs (whose prefills run eagerly too, so `s` is its prefill as well).
// Assumptions (stated per case in `note`): bf16 weights and KV cache; flash attention through SDPA; the prefill
// forward computes logits for every position (a plain forward without logits_to_keep); decode attention reads
// the whole KV cache of `ctx` tokens; s_eager = every kernel launched from Python (host floor per kernel),
// s_graph = the same kernels replayed as one CUDA graph.
#include <nlohmann/json.hpp>

#include "case_fields.h"
#include "case_helpers.h"
#include "stargate/catalog/catalog.h"
#include "stargate/serving/engine_defaults.h"
#include "stargate/serving/engine_step.h"
#include "stargate/serving/step_time.h"
#include "stargate/validation/case_result.h"

namespace stargate {
namespace {

using nlohmann::json;

// Shapes of the measured models (validation/README.md, measured-h100/).
std::optional<ModelSpec> measured_model(const std::string& name) {
  auto make = [&](int layers, int hidden, int heads, int kv, int ffn) {
    ModelSpec m;
    m.id = m.name = name;
    m.layers = layers, m.hidden = hidden, m.heads = heads, m.kv_heads = kv, m.ffn = ffn, m.vocab = 128256;
    m.head_dim = hidden / heads;
    m.seq_len = 8192;
    return m;
  };
  if (name == "llama-1b") return make(16, 2048, 32, 8, 8192);
  if (name == "llama-3b") return make(28, 3072, 24, 8, 8192);
  if (name == "llama-8b") return make(32, 4096, 32, 8, 14336);
  if (name == "llama-70b-10L") return make(10, 8192, 64, 8, 28672);
  return std::nullopt;
}

// One GPU of the card the file was measured on (measured-<card>/, default the H100 SXM).
Cluster one_gpu(const validation_detail::MeasuredDevice& card) {
  Result<Cluster> c = validation_detail::build_cluster(card.device, 1);
  if (c.ok()) return c.value();
  return validation_detail::build_cluster(*validation_detail::map_gpu("H100-SXM5-80GB"), 1).value();
}

int line_of(const std::string& text, size_t byte) {
  int line = 1;
  for (size_t i = 0; i < std::min(byte, text.size()); ++i) line += text[i] == '\n';
  return line;
}

}  // namespace

CaseResults validate_measured_inference_steps(const std::string& text, const std::string& file) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    return Error{ErrorKind::invalid_input, std::string("invalid JSON: ") + e.what(), "",
                 {file, line_of(text, e.byte), 0}};
  } catch (const nlohmann::json::exception& e) {  // a number past a double ("1e999") is out_of_range
    return Error{ErrorKind::invalid_input, std::string("invalid JSON: ") + e.what(), "", {file, 0, 0}};
  }
  if (!doc.is_array()) return Error{ErrorKind::invalid_input, "expected a JSON list of measured steps", "", {file, 1, 0}};
  try {
    const validation_detail::MeasuredDevice card = validation_detail::measured_device(file, "");
    const Cluster cluster = one_gpu(card);
    std::vector<CaseResult> out;
    int entry = 0;
    for (const auto& row : doc) {
      ++entry;
      if (!row.is_object()) continue;
      const std::string model_name = row.contains("model") && row["model"].is_string() ? row["model"].get<std::string>() : "";
      const std::string phase = row.contains("phase") && row["phase"].is_string() ? row["phase"].get<std::string>() : "";
      if (phase != "prefill" && phase != "decode") {
        throw validation_detail::CaseFieldError{"[" + std::to_string(entry) + "].phase",
                                                "expected \"prefill\" or \"decode\", got " + row.value("phase", json()).dump(), 0};
      }
      const int batch = validation_detail::json_integer(row, entry, "batch", limits::batch_sequences).value_or(0);
      const int length =
          validation_detail::json_integer(row, entry, phase == "prefill" ? "prompt" : "ctx", limits::seq_len).value_or(0);
      for (const char* time : {"s", "s_eager", "s_graph"}) {
        validation_detail::json_positive(row, entry, time, validation_detail::kMaxMeasuredSeconds);
      }
      const std::string id = model_name + "-" + phase + "-b" + std::to_string(batch) +
                             (phase == "prefill" ? "-p" : "-ctx") + std::to_string(length);
      auto base = [&](const std::string& suffix, const std::string& metric) {
        CaseResult r;
        r.file = file, r.id = id + suffix, r.source = "measured " + card.label + " " + phase, r.metric = metric;
        return r;
      };
      std::optional<ModelSpec> model = measured_model(model_name);
      if (row.contains("error") || !model || batch <= 0 || length <= 0 || (phase != "prefill" && phase != "decode")) {
        CaseResult r = base("", phase == "prefill" ? "prefill_s" : "decode_s");
        r.skipped = true;
        r.skip_reason = row.contains("error") ? "the measurement failed (out of memory)"
                                              : "unknown model, phase or shape";
        out.push_back(r);
        continue;
      }
      for (bool graphs : {false, true}) {
        const char* field = phase == "prefill" ? (graphs ? "" : "s") : (graphs ? "s_graph" : "s_eager");
        if (!*field || !row.contains(field) || !row[field].is_number()) continue;
        ServingDeployment engine;
        apply_engine_execution(graphs ? EnginePreset::pytorch_cuda_graphs : EnginePreset::pytorch_eager, engine);
        StepTimeModel steps(*model, cluster, engine_step_options(engine, PoolConfig{.tp = 1}, phase == "prefill"));
        BatchShape b{.logit_rows = batch};  // the rows that sample; the engine computes logits for every position
        if (phase == "prefill") {
          b.prefill_tokens = batch * length;
          b.prefill_pairs = double(batch) * length * length / 2;
        } else {
          b.decode_seqs = batch;
          b.decode_context = double(batch) * length;
        }
        CaseResult r = base(phase == "prefill" ? "" : (graphs ? "-graph" : "-eager"), field);
        r.predicted = steps.seconds(engine_batch(b, engine.engine));
        r.measured = row[field].get<double>();
        r.note = std::string("pytorch_eager kernel list, bf16, ") + (graphs ? "CUDA graph" : "eager launches") +
                 (phase == "prefill" ? ", logits for all positions" : "");
        out.push_back(r);
      }
    }
    return out;
  } catch (const validation_detail::CaseFieldError& e) {
    return e.to_error(file);
  } catch (const std::exception& e) {
    return Error{ErrorKind::internal, e.what(), "", {file, 0, 0}};
  }
}

}  // namespace stargate
