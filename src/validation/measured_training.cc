// measured-h100/train.json and train_compiled.json: training steps of Llama-style models measured on one
// H100 80GB HBM3 (eager PyTorch, or under torch.compile), predicted as tp = pp = dp = 1 plans.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "case_fields.h"
#include "case_helpers.h"
#include "stargate/core/units.h"
#include "stargate/validation/case_result.h"
#include "stargate/validation/prediction_confidence.h"

namespace stargate {
namespace {

using namespace validation_detail;
using nlohmann::json;

// Model sizes from data/validation/README.md ("measured-h100/"), used when a row carries no `cfg`.
struct LlamaSize {
  const char* name;
  int layers, hidden, heads, kv_heads, ffn;
};
constexpr LlamaSize kSizes[] = {{"llama-1b", 16, 2048, 32, 8, 8192},
                                {"llama-3b", 28, 3072, 24, 8, 8192},
                                {"llama-8b", 32, 4096, 32, 8, 14336},
                                {"llama-70b-10L", 10, 8192, 64, 8, 28672}};
constexpr int kVocab = 128256;


int line_at(const std::string& text, size_t byte) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + std::min(byte, text.size()), '\n'));
}

// The row's model shape: its `cfg` where given, else the documented size of its `model` name; nullopt when
// neither names a shape. Values outside the shared limits are errors naming the entry and field.
std::optional<ModelSpec> row_model(const json& row, int entry, const std::string& model_name) {
  const LlamaSize* size = nullptr;
  for (const LlamaSize& s : kSizes) {
    if (model_name == s.name) size = &s;
  }
  if (row.contains("cfg") && !row["cfg"].is_object()) {
    throw CaseFieldError{"[" + std::to_string(entry) + "].cfg", "expected an object of model sizes", 0};
  }
  const json cfg = row.contains("cfg") ? row["cfg"] : json::object();
  ModelSpec m;
  m.name = model_name;
  // json_integer names "[entry].<key>": look the sizes up under "cfg."-prefixed keys so errors say "cfg.hidden".
  json prefixed = json::object();
  for (const auto& [key, value] : cfg.items()) prefixed["cfg." + key] = value;
  auto shape = [&](const char* key, const IntegerLimit& limit, int fallback) {
    return json_integer(prefixed, entry, std::string("cfg.") + key, limit).value_or(fallback);
  };
  m.layers = shape("layers", limits::layers, size ? size->layers : 0);
  m.hidden = shape("hidden", limits::hidden, size ? size->hidden : 0);
  m.heads = shape("heads", limits::heads, size ? size->heads : 0);
  m.kv_heads = shape("kv_heads", limits::heads, size ? size->kv_heads : 0);
  m.ffn = shape("ffn", limits::ffn, size ? size->ffn : 0);
  m.vocab = shape("vocab", limits::vocab, kVocab);
  if (m.layers <= 0 || m.hidden <= 0 || m.heads <= 0 || m.kv_heads <= 0) return std::nullopt;
  if (m.heads % m.kv_heads != 0) {
    throw CaseFieldError{"[" + std::to_string(entry) + "].cfg.kv_heads",
                         std::to_string(m.kv_heads) + " KV heads do not divide " + std::to_string(m.heads) +
                             " attention heads", 0};
  }
  m.head_dim = m.hidden / m.heads;
  std::string why;
  apply_arch_rule(m, "llama", why);  // README: RMSNorm, RoPE, GQA, SwiGLU, untied embeddings
  return m;
}

// One step of `micro` sequences of `seq` tokens on one GPU, ZeRO 0, bf16.
TrainingJob row_job(int micro, int seq, bool recompute) {
  TrainingJob job;
  job.seq_len = seq;
  job.global_batch_sequences = micro;
  job.plan.micro_batch = micro;
  job.plan.zero_stage = 0;
  job.plan.sequence_parallel = false;
  job.plan.recompute = recompute ? Recompute::full : Recompute::none;
  job.plan.precision = Dtype::bf16;
  return job;
}

// The measured step against the predicted one, with the measured parts in the notes.
void compare_step(const json& row, int entry, const TrainingEstimate& e, CaseResult& r,
                  std::vector<std::string>& notes) {
  r.measured = *json_positive(row, entry, "step_s", kMaxMeasuredSeconds);
  r.predicted = e.step_seconds;
  if (!e.stage_forward_seconds.empty()) {
    r.breakdown_seconds = {{"forward", e.stage_forward_seconds[0]}, {"backward", e.stage_backward_seconds[0]},
                           {"optimizer", e.breakdown.optimizer_seconds}, {"step", e.step_seconds}};
  }
  for (const char* part : {"fwd_s", "bwd_s", "opt_s"}) {
    if (row.contains(part) && row[part].is_number()) {
      notes.push_back(std::string("measured ") + part + " " + fmt_num(row[part].get<double>()));
    }
  }
  if (!e.fits) notes.push_back("memory model says it does not fit, but it ran");
  if (row.contains("peak_mem_bytes") && row["peak_mem_bytes"].is_number()) {
    notes.push_back("measured peak " + fmt_num(row["peak_mem_bytes"].get<double>() / kBytesPerGiB) + " GiB");
  }
}

CaseResult read_row(const json& row, const std::string& file, int index) {
  CaseResult r;
  r.file = file;
  if (!row["model"].is_string()) throw CaseFieldError{"[" + std::to_string(index) + "].model", "expected a name", 0};
  const std::string model_name = row["model"].get<std::string>();
  const bool compiled = json_boolean(row, index, "compiled", false);
  const bool recompute = json_boolean(row, index, "recompute_full", false);
  const int micro = json_integer(row, index, "micro_batch", limits::micro_batch).value_or(0);
  const int seq = json_integer(row, index, "seq", limits::seq_len).value_or(0);
  if (row.contains("step_s")) json_positive(row, index, "step_s", kMaxMeasuredSeconds);
  r.id = model_name + "-mb" + std::to_string(micro) + "-s" + std::to_string(seq) + (recompute ? "-recompute" : "") +
         (compiled ? "-compiled" : "") + "#" + std::to_string(index);
  const MeasuredDevice card = measured_device(file, row.contains("gpu") && row["gpu"].is_string() ? row["gpu"].get<std::string>() : "");
  r.source = "measured " + card.label + (compiled ? " (torch.compile)" : " (eager)");
  r.metric = "step_s";
  std::vector<std::string> notes{"one " + card.device.accelerator + ", tp=pp=dp=1, ZeRO 0, bf16, FlashAttention (SDPA)"};
  auto skip = [&](const std::string& why) {
    r.skipped = true;
    r.skip_reason = why;
    r.note = join_notes(notes);
    return r;
  };
  std::optional<ModelSpec> m = row_model(row, index, model_name);
  if (!m || micro <= 0 || seq <= 0) {
    return skip("model '" + model_name + "' has no known shape or the row lacks micro_batch/seq");
  }
  m->seq_len = seq;
  Result<Cluster> cluster = build_cluster(card.device, 1);
  if (!cluster.ok()) return skip(cluster.error().message);
  TrainingOptions options;
  options.eager_elementwise = !compiled;  // eager PyTorch runs RMSNorm and SwiGLU as separate ops
  const Prediction p = predict_step(*m, cluster.value(), row_job(micro, seq, recompute), options);
  if (!p.skip.empty()) return skip(p.skip);
  const TrainingEstimate& e = p.estimate;
  notes.push_back("memory model " + fmt_num(e.memory.total_bytes() / kBytesPerGiB) + " GiB (fp32 master + Adam states; the "
                  "run kept bf16 AdamW states)");
  notes.push_back(compiled ? "torch.compile: fused elementwise kernels" : "eager: elementwise ops priced unfused");
  if (row.contains("error")) {
    const std::string verdict = e.fits ? "our memory model says it fits (disagrees)" : "our memory model agrees";
    return skip("ran out of memory on the " + card.label + "; " + verdict + " (" + fmt_num(e.memory.total_bytes() / kBytesPerGiB) +
                " GiB predicted)");
  }
  if (!row.contains("step_s") || !row["step_s"].is_number()) return skip("row has neither step_s nor error");
  r.prediction_class = prediction_class(cluster.value().accelerator, Dtype::bf16, false);
  compare_step(row, index, e, r, notes);
  r.note = join_notes(notes);
  return r;
}

}  // namespace

CaseResults validate_measured_training_steps(const std::string& text, const std::string& file) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    return Error{ErrorKind::invalid_input, std::string("not valid JSON: ") + e.what(), "",
                 {file, line_at(text, e.byte), 0}};
  } catch (const json::exception& e) {  // a number past a double ("1e999") is out_of_range, not parse_error
    return Error{ErrorKind::invalid_input, std::string("not valid JSON: ") + e.what(), "", {file, 0, 0}};
  }
  if (!doc.is_array()) {
    return Error{ErrorKind::invalid_input, "not a measured training file: expected a JSON array of steps", "",
                 {file, 1, 0}};
  }
  std::vector<CaseResult> out;
  int index = 0;
  for (const json& row : doc) {
    ++index;
    if (!row.is_object() || !row.contains("model") || !(row.contains("step_s") || row.contains("error"))) {
      return Error{ErrorKind::invalid_input, "entry " + std::to_string(index) +
                   " is not a training step (needs model and step_s or error)", "", {file, 0, 0}};
    }
    try {
      out.push_back(read_row(row, file, index));
    } catch (const CaseFieldError& e) {
      return e.to_error(file);
    }
  }
  return out;
}

}  // namespace stargate
