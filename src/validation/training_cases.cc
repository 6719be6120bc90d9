// training.yaml: published training throughput, each case turned into a model, cluster and plan by the
// documented rules (case_helpers*.cc) and predicted from first principles.
#include <yaml-cpp/yaml.h>

#include <cmath>

#include "case_fields.h"
#include "core/yaml_map.h"
#include "case_helpers_training.h"
#include "stargate/validation/case_result.h"
#include "stargate/validation/prediction_confidence.h"

namespace stargate {
namespace {

using namespace validation_detail;

int line_of(const YAML::Node& n) { return n.Mark().line >= 0 ? n.Mark().line + 1 : 0; }

std::string text(const YAML::Node& n, const std::string& key) {
  const YAML::Node v = n[key];
  return v && v.IsScalar() ? v.Scalar() : std::string();
}

std::optional<double> number(const YAML::Node& n, const std::string& key) { return yaml_number(n, key); }

struct CaseError {
  std::string reason;
};

ModelSpec read_model(const YAML::Node& node, const YAML::Node& case_node, std::vector<std::string>& notes,
                     double& published_params) {
  if (!node || !node.IsMap()) throw CaseError{"no model mapping"};
  ModelSpec m;
  m.name = text(node, "name");
  auto need = [&](const char* key, const IntegerLimit& limit) {
    auto v = yaml_integer(node, "model", key, limit);
    if (!v || *v <= 0) throw CaseError{std::string("model.") + key + " missing"};
    return *v;
  };
  m.layers = need("layers", limits::layers);
  m.hidden = need("hidden", limits::hidden);
  m.heads = need("heads", limits::heads);
  m.vocab = need("vocab", limits::vocab);
  // The sequence length may sit with the model or with the case (seq_len, sequence_length).
  if (auto s = yaml_integer(node, "model", "seq_len", limits::seq_len)) m.seq_len = *s;
  else if (auto s2 = yaml_integer(case_node, "", "seq_len", limits::seq_len)) m.seq_len = *s2;
  else if (auto s3 = yaml_integer(case_node, "", "sequence_length", limits::seq_len)) m.seq_len = *s3;
  else throw CaseError{"model.seq_len missing"};
  m.kv_heads = yaml_integer(node, "model", "kv_heads", limits::heads).value_or(m.heads);
  m.head_dim = yaml_integer(node, "model", "head_dim", limits::head_dim).value_or(m.hidden / m.heads);
  m.ffn = yaml_integer(node, "model", "ffn", limits::ffn).value_or(4 * m.hidden);
  if (m.heads % m.kv_heads != 0) {
    throw CaseFieldError{"model.kv_heads", std::to_string(m.kv_heads) + " KV heads do not divide " +
                         std::to_string(m.heads) + " attention heads", line_of(node["kv_heads"])};
  }
  std::string why;
  if (!apply_arch_rule(m, text(node, "arch"), why)) throw CaseError{why};
  if (!why.empty()) notes.push_back(why);
  if (std::string why_not = read_moe_and_mla(node, m); !why_not.empty()) throw CaseError{why_not};
  if (std::string local = read_local_attention(node, m); !local.empty()) notes.push_back(local);
  if (auto n = number(node, "num_params")) published_params = *n;
  else if (auto b = number(node, "params_b")) published_params = *b * 1e9;
  m.published_params = published_params;
  notes.push_back("arch rule: " + std::string(m.activation == Activation::gelu ? "gelu" :
                  m.activation == Activation::swiglu ? "swiglu" : "squared-relu") +
                  (m.norm == NormKind::layernorm ? "+layernorm" : "+rmsnorm") + (m.dropout ? "+dropout" : ""));
  return m;
}

// vpp: a number; unknown / not stated / "likely N" → left to the completion; "interleaved ... >1" → 2.
void read_vpp(const YAML::Node& p, TrainingSetup& s, ParallelPlan& plan) {
  const std::string vpp = text(p, "vpp");
  if (number(p, "vpp")) {
    plan.vpp = *yaml_integer(p, "parallelism", "vpp", limits::virtual_stages);
  } else if (says_unknown(vpp)) {
    const bool interleaved = contains(vpp, "interleaved");
    plan.vpp = static_cast<int>(likely_value(vpp).value_or(interleaved ? 2 : 1));
    s.job.open_fields.add(PlanField::vpp);
    note_reading(s.notes, "parallelism.vpp", vpp, "auto, seed " + std::to_string(plan.vpp), "not stated");
  } else if (contains(vpp, "interleaved") && contains(vpp, ">1")) {
    plan.vpp = 2;
    note_reading(s.notes, "parallelism.vpp", vpp, "2", "interleaved, degree not stated");
  } else if (auto n = yaml_integer(p, "parallelism", "vpp", limits::virtual_stages)) {
    plan.vpp = *n;  // text around the degree ("8 (interleaved 1F1B)")
    note_reading(s.notes, "parallelism.vpp", vpp, std::to_string(plan.vpp));
  } else if (contains(vpp, "interleaved")) {
    plan.vpp = 2;
    s.job.open_fields.add(PlanField::vpp);
    note_reading(s.notes, "parallelism.vpp", vpp, "auto, seed 2", "interleaved, degree not stated");
  } else {
    plan.vpp = 1;
    if (!vpp.empty()) note_reading(s.notes, "parallelism.vpp", vpp, "1");
  }
  // Megatron may count the embedding and the loss as pipeline slots (account_for_embedding/loss_in_pipeline_
  // split), so pp·vpp can exceed the transformer layers by up to two; chunks are whole layers here.
  if (plan.vpp > 1 && plan.pp * plan.vpp > s.model.layers) {
    const int fitted = std::max(1, s.model.layers / std::max(1, plan.pp));
    s.notes.push_back("vpp " + std::to_string(plan.vpp) + ": pp·vpp exceeds the " + std::to_string(s.model.layers) +
                      " layers (embedding and loss counted as pipeline slots), modeled as vpp " + std::to_string(fitted));
    plan.vpp = fitted;
  }
}

// ZeRO stage: an explicit zero_stage number, then an explicit fsdp field (number or boolean), then the prose of
// zero_stage. The prose is read only up to "unless" (a condition, not the setting), and an explicit fsdp: 0
// overrides any FSDP words in it. Unknown / not stated → left to the completion.
void read_zero(const YAML::Node& p, const SourceRule& rule, TrainingSetup& s, ParallelPlan& plan) {
  const std::string zero = text(p, "zero_stage");
  const std::string stated = lower(zero).substr(0, lower(zero).find("unless"));
  std::optional<double> fsdp = number(p, "fsdp");
  if (!fsdp && (text(p, "fsdp") == "true" || text(p, "fsdp") == "false")) fsdp = text(p, "fsdp") == "true" ? 1 : 0;
  const bool fsdp_words = contains(stated, "fsdp") || contains(stated, "full_shard") || contains(stated, "full shard") ||
                          contains(stated, "zero-3") || contains(stated, "hsdp") || contains(stated, "hybrid shard") ||
                          contains(stated, "hybrid_shard");
  // "ZeRO-2", "ZeRO stage 2", "stage 1": the stage written in words.
  long long stage_in_words = -1;
  for (const char* words : {"zero-", "zero stage", "stage"}) {
    if (auto n = integer_after(stated, words); n && *n >= 0 && *n <= 3) {
      stage_in_words = *n;
      break;
    }
  }
  if (fsdp && *fsdp != 0) {
    plan.zero_stage = 3;
    note_reading(s.notes, "parallelism.fsdp", text(p, "fsdp"), "ZeRO-3", "explicit field beats zero_stage text");
  } else if (number(p, "zero_stage")) {
    plan.zero_stage = *yaml_integer(p, "parallelism", "zero_stage", limits::zero_stage);
    note_reading(s.notes, "parallelism.zero_stage", zero, "ZeRO-" + zero, "explicit number");
  } else if (contains(stated, "distributed optimizer") || (fsdp_words && fsdp)) {
    plan.zero_stage = 1;
    note_reading(s.notes, "parallelism.zero_stage", zero, "ZeRO-1",
                 fsdp ? "distributed optimizer; explicit fsdp: " + text(p, "fsdp") + " beats FSDP words"
                      : "distributed optimizer");
  } else if (fsdp_words) {
    plan.zero_stage = 3;
    note_reading(s.notes, "parallelism.zero_stage", zero, "ZeRO-3",
                 contains(stated, "hsdp") || contains(stated, "hybrid") ? "HSDP / hybrid shard: sharded as FSDP over the DP ranks"
                                                                        : "FSDP / full shard");
  } else if (stage_in_words >= 0 && !says_unknown(zero)) {
    plan.zero_stage = static_cast<int>(stage_in_words);
    note_reading(s.notes, "parallelism.zero_stage", zero, "ZeRO-" + std::to_string(plan.zero_stage), "stage in words");
  } else if (says_unknown(zero)) {
    plan.zero_stage = static_cast<int>(likely_value(zero).value_or(rule.default_zero));
    s.job.open_fields.add(PlanField::zero);
    note_reading(s.notes, "parallelism.zero_stage", zero, "auto, seed " + std::to_string(plan.zero_stage), "not stated");
  } else {
    plan.zero_stage = rule.default_zero;
    note_reading(s.notes, "parallelism.zero_stage", zero, std::to_string(rule.default_zero), "source default");
  }
}

// Recompute: a named policy; unknown / not stated / "recipe default" → the source's documented default (the
// framework's default of that version, source rule table), which is what the run used, not a free knob; left
// to the completion only where the source has no documented default.
void read_recompute(const YAML::Node& p, const SourceRule& rule, TrainingSetup& s, ParallelPlan& plan) {
  const std::string rc = text(p, "activation_recompute");
  if (auto r = parse_recompute(rc)) {
    plan.recompute = *r;
    if (!rc.empty()) note_reading(s.notes, "parallelism.activation_recompute", rc, recompute_name(*r));
  } else if (rule.default_recompute) {
    plan.recompute = *rule.default_recompute;
    if (rc.empty()) {
      s.notes.push_back("recompute not stated: " + recompute_name(plan.recompute) + " (" + rule.recompute_why + ")");
    } else {
      note_reading(s.notes, "parallelism.activation_recompute", rc, recompute_name(plan.recompute),
                   "source default: " + rule.recompute_why);
    }
  } else if (says_unknown(rc)) {
    plan.recompute = Recompute::selective;
    s.job.open_fields.add(PlanField::recompute);
    note_reading(s.notes, "parallelism.activation_recompute", rc, "auto, seed selective",
                 "not stated, no source default");
  } else {
    throw CaseError{"activation_recompute '" + rc + "' not stated and the source has no default rule"};
  }
}

ParallelPlan read_plan(const YAML::Node& stated, const SourceRule& rule, const YAML::Node& c, TrainingSetup& s) {
  auto& notes = s.notes;
  if (stated && !stated.IsMap()) throw CaseError{"parallelism is not a mapping"};
  const YAML::Node p = stated ? stated : YAML::Node(YAML::NodeType::Map);
  if (!stated) notes.push_back("parallelism not stated: data parallelism over all GPUs assumed");
  ParallelPlan plan;
  plan.tp = yaml_integer(p, "parallelism", "tp", limits::tensor_parallel).value_or(1);
  plan.pp = yaml_integer(p, "parallelism", "pp", limits::pipeline_parallel).value_or(1);
  plan.cp = yaml_integer(p, "parallelism", "cp", limits::context_parallel).value_or(1);
  if (auto dp = yaml_integer(p, "parallelism", "dp", limits::data_parallel)) {
    plan.dp = *dp;
  } else {
    // Not stated: the GPUs left over by the model-parallel degrees.
    const int model_parallel = std::max(1, plan.tp * plan.pp * plan.cp);
    plan.dp = std::max(1, s.cluster.gpus / model_parallel);
    notes.push_back("dp not stated: " + std::to_string(plan.dp) + " = GPUs / (tp·pp·cp)");
  }
  plan.ep = yaml_integer(p, "parallelism", "ep", limits::expert_parallel).value_or(1);
  read_token_drop(p, c, s, plan);
  read_vpp(p, s, plan);
  const std::string sp = text(p, "sp");
  plan.sequence_parallel = first_word_yes_or_no(sp).value_or(false);
  if (!sp.empty() && lower(sp) != "true" && lower(sp) != "false") {
    note_reading(s.notes, "parallelism.sp", sp, plan.sequence_parallel ? "on" : "off");
  }
  read_zero(p, rule, s, plan);
  read_recompute(p, rule, s, plan);
  std::string precision_note;
  plan.precision = parse_precision(text(c, "precision"), precision_note);
  notes.push_back(precision_note);
  read_fp8_recipe(c, rule, s, plan);
  plan.dp_overlap = plan.dp_param_gather_overlap = rule.dp_overlap;
  read_overlap_modes(p, rule, c, s, plan);
  return plan;
}

// Batch fields may be numbers or text ("256 local batch 32 per DP rank", "unknown (local batch size 8)").
void read_batch(const YAML::Node& c, TrainingSetup& s) {
  ParallelPlan& plan = s.job.plan;
  const std::string mbs_text = text(c, "micro_batch_size"), gbs_text = text(c, "global_batch_size");
  std::optional<long long> local = integer_after(mbs_text, "local batch");
  if (!local) local = integer_after(gbs_text, "local batch");
  if (number(c, "micro_batch_size")) {
    plan.micro_batch = *yaml_integer(c, "", "micro_batch_size", limits::micro_batch);
  } else if (local) {
    // torchtitan default: as many micro-batches as pipeline stages; "split not stated": left to the completion.
    plan.micro_batch = static_cast<int>(std::max(1LL, *local / plan.pp));
    if (says_unknown(mbs_text)) s.job.open_fields.add(PlanField::micro_batch);
    note_reading(s.notes, "micro_batch_size", mbs_text,
                 std::string(says_unknown(mbs_text) ? "auto, seed " : "") + std::to_string(plan.micro_batch),
                 "local batch " + std::to_string(*local) + " / pp");
  } else if (says_unknown(mbs_text)) {
    s.job.open_fields.add(PlanField::micro_batch);
    note_reading(s.notes, "micro_batch_size", mbs_text, "auto, seed 1", "not stated");
  } else {
    throw CaseError{"micro_batch_size '" + mbs_text + "' not a number"};
  }
  // A count written in the text is of sequences unless the text says tokens.
  auto sequences = [&](double count) { return contains(gbs_text, "token") ? count / s.job.seq_len : count; };
  double global = 0;
  if (auto v = number(c, "global_batch_size")) {
    global = *v;
  } else if (!gbs_text.empty() && std::isdigit(static_cast<unsigned char>(gbs_text[0]))) {
    global = sequences(*first_quantity(gbs_text, 1024));  // "16M tokens" = 2^24 tokens, "4K" = 4096
    note_reading(s.notes, "global_batch_size", gbs_text, fmt_num(global) + " sequences");
  } else if (local) {
    global = static_cast<double>(*local) * plan.dp, s.notes.push_back("global batch = local batch × dp");
  } else if (auto likely = likely_value(gbs_text)) {
    global = sequences(static_cast<double>(*likely));
    note_reading(s.notes, "global_batch_size", gbs_text, fmt_num(global) + " sequences", "the stated likely value");
  } else if (gbs_text.empty() || says_unknown(gbs_text)) {
    // Not stated: one micro-batch per pipeline stage on every DP rank, the smallest batch that keeps each
    // stage busy (a throughput per GPU depends on it only through the bubble and the DP traffic per step).
    global = static_cast<double>(plan.micro_batch) * plan.dp * plan.pp;
    note_reading(s.notes, "global_batch_size", gbs_text.empty() ? "(absent)" : gbs_text,
                 fmt_num(global) + " sequences", "not stated: micro_batch · dp · pp");
  } else {
    throw CaseError{"global_batch_size '" + gbs_text + "' not a number"};
  }
  if (!(global > 0 && global <= static_cast<double>(limits::global_batch_sequences.max))) {
    throw CaseFieldError{"global_batch_size", "must be between 1 and " +
                         std::to_string(limits::global_batch_sequences.max) + " sequences, got '" + gbs_text + "'",
                         c["global_batch_size"] ? line_of(c["global_batch_size"]) : line_of(c)};
  }
  s.job.global_batch_sequences = global;
}

CaseResult read_case(const YAML::Node& c, const std::string& file) {
  CaseResult r;
  r.file = file;
  r.id = text(c, "id");
  const SourceRule& rule = source_rule(r.id, text(c, "source"));
  r.source = rule.label;
  r.unverified = case_is_unverified(c);
  TrainingSetup s;
  try {
    if (r.id.empty()) throw CaseError{"case without id (line " + std::to_string(line_of(c)) + ")"};
    if (contains(text(c, "task"), "lora")) throw CaseError{"LoRA fine-tuning (frozen base weights) is not modeled"};
    const YAML::Node measured = c["measured"];
    if (!measured || !measured.IsMap()) throw CaseError{"no measured mapping"};
    s.run_tokens = first_number(c, measured, {"train_tokens", "training_tokens", "total_tokens"});
    s.block_tokens = first_number(c, measured, {"block_tokens"});
    const ChosenMetric chosen = choose_metric(rule, published_numbers(measured), s.run_tokens, s.block_tokens);
    if (!chosen.skip.empty()) throw CaseError{chosen.skip};
    r.metric = chosen.name;
    r.measured = chosen.measured;
    s.model = read_model(c["model"], c, s.notes, s.params_published);
    const std::string gpu = text(c, "gpu");
    const auto device = map_gpu(gpu);
    if (!device) throw CaseError{"unknown gpu '" + gpu + "'"};
    s.notes.push_back(device->note);
    std::string gpu_reading;
    const auto gpus = yaml_gpu_count(c, gpu_reading);
    if (!gpus) throw CaseError{"num_gpus missing"};
    if (!gpu_reading.empty()) s.notes.push_back(gpu_reading);
    Result<Cluster> cluster = build_cluster(*device, *gpus);
    if (!cluster.ok()) throw CaseError{cluster.error().message};
    s.cluster = cluster.value();
    s.job.seq_len = s.model.seq_len;
    s.job.plan = read_plan(c["parallelism"], rule, c, s);
    read_batch(c, s);
    if (std::string none_fits = complete_case_plan(rule, s); !none_fits.empty()) throw CaseError{none_fits};
    if (!rule.flash_attention) s.notes.push_back("no FlashAttention (source predates it)");
    s.compiled = contains(r.id, "compile") || contains(text(c, "notes"), "torch.compile");
    if (rule.eager_elementwise) {
      s.notes.push_back(s.compiled ? "torch.compile: fused elementwise kernels"
                                   : "PyTorch eager: norms and activations priced unfused");
    }
    if (s.model.moe && rule.moe_grouped_gemm == GroupedGemmLaunch::per_expert) {
      s.notes.push_back("expert GEMMs: Transformer Engine GroupedLinear, one GEMM launch per local expert");
    }
    if (contains(text(c, "task"), "sft")) s.notes.push_back("SFT priced as pre-training (same step)");
    r.prediction_class = prediction_class(s.cluster.accelerator, s.job.plan.precision, s.model.moe.has_value());
    std::string skip;
    r.predicted = predict_metric(rule, r.metric, s, skip, s.notes, &r.breakdown_seconds);
    if (!skip.empty()) throw CaseError{skip};
  } catch (const CaseError& e) {
    r.skipped = true;
    r.skip_reason = e.reason;
  }
  r.note = join_notes(s.notes);
  return r;
}

}  // namespace

CaseResults validate_training_cases(const std::string& text_in, const std::string& file,
                                    const ProgressCallback& progress) {
  YAML::Node root;
  try {
    root = YAML::Load(text_in);
  } catch (const YAML::Exception& e) {
    return Error{ErrorKind::invalid_input, "not valid YAML: " + yaml_error_text(e), "", {file, e.mark.line + 1, e.mark.column + 1}};
  }
  if (!root || !root.IsMap() || !root["cases"] || !root["cases"].IsSequence()) {
    return Error{ErrorKind::invalid_input, "not a training validation file: no `cases:` list", "cases",
                 {file, root ? line_of(root) : 1, 0}};
  }
  std::vector<CaseResult> out;
  const size_t total = root["cases"].size();
  for (const YAML::Node& c : root["cases"]) {
    if (!c.IsMap()) {
      return Error{ErrorKind::invalid_input, "each case must be a mapping", "cases", {file, line_of(c), 0}};
    }
    // One case's impossible value skips that case (with the located error), not the file.
    auto input_error = [&](const Error& error) {
      CaseResult r;
      r.file = file;
      r.id = text(c, "id").empty() ? "?" : text(c, "id");
      r.source = source_rule(r.id, text(c, "source")).label;
      r.unverified = case_is_unverified(c);
      r.skipped = r.input_error = true;
      r.skip_reason = "input error: " + error.to_string();
      out.push_back(r);
    };
    try {
      out.push_back(read_case(c, file));
    } catch (const CaseFieldError& e) {
      input_error(e.to_error(file));
    } catch (const std::exception& e) {
      input_error(Error{ErrorKind::invalid_input, e.what(), "", {file, line_of(c), 0}});
    }
    if (progress) progress(out.size(), total);
  }
  return out;
}

CaseResults validate_training_cases(const std::string& text, const std::string& file) {
  return validate_training_cases(text, file, ProgressCallback());
}

}  // namespace stargate
