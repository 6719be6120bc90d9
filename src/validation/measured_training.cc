// measured-h100/train.json and train_compiled.json: training steps of Llama-style models measured on one
// H100 80GB HBM3 (eager PyTorch, or under torch.compile), predicted as tp = pp = dp = 1 plans.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "case_helpers.h"
#include "stargate/core/units.h"
#include "stargate/validation/case_result.h"

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

int get_int(const json& j, const char* key, int fallback) {
  return j.contains(key) && j[key].is_number() ? j[key].get<int>() : fallback;
}

CaseResult read_row(const json& row, const std::string& file, int index) {
  CaseResult r;
  r.file = file;
  const std::string model_name = row.value("model", std::string("?"));
  const bool compiled = row.value("compiled", false);
  const bool recompute = row.value("recompute_full", false);
  const int micro = get_int(row, "micro_batch", 0), seq = get_int(row, "seq", 0);
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
  ModelSpec m;
  m.name = model_name;
  m.vocab = kVocab;
  const LlamaSize* size = nullptr;
  for (const LlamaSize& s : kSizes) {
    if (model_name == s.name) size = &s;
  }
  const json cfg = row.contains("cfg") && row["cfg"].is_object() ? row["cfg"] : json::object();
  m.layers = get_int(cfg, "layers", size ? size->layers : 0);
  m.hidden = get_int(cfg, "hidden", size ? size->hidden : 0);
  m.heads = get_int(cfg, "heads", size ? size->heads : 0);
  m.kv_heads = get_int(cfg, "kv_heads", size ? size->kv_heads : 0);
  m.ffn = get_int(cfg, "ffn", size ? size->ffn : 0);
  m.vocab = get_int(cfg, "vocab", kVocab);
  if (m.layers <= 0 || m.hidden <= 0 || m.heads <= 0 || m.kv_heads <= 0 || micro <= 0 || seq <= 0) {
    return skip("model '" + model_name + "' has no known shape or the row lacks micro_batch/seq");
  }
  m.head_dim = m.hidden / m.heads;
  m.seq_len = seq;
  std::string why;
  apply_arch_rule(m, "llama", why);  // README: RMSNorm, RoPE, GQA, SwiGLU, untied embeddings

  Result<Cluster> cluster = build_cluster(card.device, 1);
  if (!cluster.ok()) return skip(cluster.error().message);
  TrainingJob job;
  job.seq_len = seq;
  job.global_batch_sequences = micro;
  job.plan.micro_batch = micro;
  job.plan.zero_stage = 0;
  job.plan.sequence_parallel = false;
  job.plan.recompute = recompute ? Recompute::full : Recompute::none;
  job.plan.precision = Dtype::bf16;
  TrainingOptions options;
  options.eager_elementwise = !compiled;  // eager PyTorch runs RMSNorm and SwiGLU as separate ops
  const Prediction p = predict_step(m, cluster.value(), job, options);
  if (!p.skip.empty()) return skip(p.skip);
  const TrainingEstimate& e = p.estimate;
  const double gib = kBytesPerGiB;
  notes.push_back("memory model " + fmt_num(e.memory.total_bytes() / gib) + " GiB (fp32 master + Adam states; the "
                  "run kept bf16 AdamW states)");
  notes.push_back(compiled ? "torch.compile: fused elementwise kernels" : "eager: elementwise ops priced unfused");
  if (row.contains("error")) {
    const std::string verdict = e.fits ? "our memory model says it fits (disagrees)" : "our memory model agrees";
    return skip("ran out of memory on the " + card.label + "; " + verdict + " (" + fmt_num(e.memory.total_bytes() / gib) +
                " GiB predicted)");
  }
  if (!row.contains("step_s") || !row["step_s"].is_number()) return skip("row has neither step_s nor error");
  r.measured = row["step_s"].get<double>();
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
    notes.push_back("measured peak " + fmt_num(row["peak_mem_bytes"].get<double>() / gib) + " GiB");
  }
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
    out.push_back(read_row(row, file, index));
  }
  return out;
}

}  // namespace stargate
