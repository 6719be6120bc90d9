#pragma once
// Internal helpers shared by the validation readers: mapping a case's free-text fields (GPU, precision,
// recompute, batch) onto catalog presets and plan fields by documented rules, building the model from its
// architecture string, and the FLOP formulas each source uses for its published metric.
// Every rule here is stated in docs/validation.md ("Rules that turn a case into a plan"); none is fitted.
#include <optional>
#include <string>
#include <vector>

#include "stargate/catalog/cluster.h"
#include "stargate/sim/training_step.h"
#include "stargate/validation/case_result.h"

namespace stargate::validation_detail {

// Lower-cased copy.
std::string lower(std::string s);
bool contains(const std::string& haystack, const std::string& needle);  // case-insensitive
// The first non-negative integer written in `text` ("8 (attention DP; experts EP=8)" -> 8).
std::optional<long long> first_integer(const std::string& text);
// The first quantity written in `text` the way publications write one: "~256 (per rank)" -> 256, "16,384" -> 16384,
// "2.5x" -> 2.5, and an attached K or M suffix times `kilo` or `kilo`² ("8K" -> 8192 with kilo 1024, the convention
// of sequence lengths, batch tokens and GPU counts: "16M tokens", "16K GPUs"; "22.3k" -> 22300 with kilo 1000, the
// convention of throughputs). A sign is not read ("2-4" -> 2). Nullopt when `text` has no digit.
std::optional<double> first_quantity(const std::string& text, double kilo);
// A GPU count written as nodes times GPUs per node ("9 decode nodes x 8 H100", "4 nodes × 8"): the product;
// nullopt when the text is not written that way.
std::optional<long long> nodes_times_gpus(const std::string& text);
// A yes or a no in the first word of `text` (true/yes/on/enabled/1, false/no/off/disabled/none/0, any case);
// nullopt for anything else.
std::optional<bool> first_word_yes_or_no(const std::string& text);
// The integer following `key` in `text` ("local batch size 8", key "local batch" -> 8).
std::optional<long long> integer_after(const std::string& text, const std::string& key);

// Catalog presets for a case's `gpu` string (rule table in the .cc file); nullopt for an unknown part.
struct DeviceChoice {
  std::string accelerator;
  std::string node;
  std::string fabric;
  std::string note;  // what was assumed ("V100-SXM3 (DGX-2H, 450 W) mapped to v100-sxm2 (300 W)")
};
std::optional<DeviceChoice> map_gpu(const std::string& gpu);
// The one GPU a measured-steps file (measured-<card>/*.json) was recorded on: the row's `gpu` field when it has
// one, else the card in the file's folder name ("measured-h200/train.json" → H200), else the H100 SXM of
// validation/measured-h100. `label` is the short card name for source labels ("H100", "H200").
struct MeasuredDevice {
  DeviceChoice device;
  std::string label;
};
MeasuredDevice measured_device(const std::string& file, const std::string& row_gpu);

// A cluster of `gpus` GPUs from the built-in catalog; an Error when a preset is missing.
Result<Cluster> build_cluster(const DeviceChoice& device, int gpus);

// 'full...' -> full, 'selective...' -> selective, 'none' / 'no-recompute' / 'baseline' / a technique without
// recompute ('sequence-parallel') -> none; nullopt when not stated ("unknown", "recipe default").
std::optional<Recompute> parse_recompute(const std::string& text);
// fp16 -> fp16; anything naming FP8/Float8 -> fp8; bf16 / "mixed" (unstated) -> bf16.
Dtype parse_precision(const std::string& text, std::string& note);

// Architecture rule: activation, norm, position, tied embeddings and dropout from the `arch` string or the
// model name. Returns false (and says why) for an architecture no rule covers.
// Sets activation, norm, positions, tying and dropout from the architecture name. Never fails: a family without
// a rule is judged from its shape, and `why` says what was assumed (empty when a rule matched).
bool apply_arch_rule(ModelSpec& model, const std::string& arch, std::string& why);

// FLOPs of one optimizer step by each source's own published definition.
// Narayanan et al. 2021 eq. (3): 96·B·s·l·h²·(1 + s/6h + V/16lh), recompute forward included.
double megatron_flops(double batch, double seq, double layers, double hidden, double vocab);
// The same count without the recompute forward (model FLOPs): the layers' three passes of four,
// 72·B·s·l·h²·(1 + s/6h), plus the logits' 6·B·s·h·V (never recomputed).
double megatron_model_flops(double batch, double seq, double layers, double hidden, double vocab);
// NeMo's flops calculator (nemo/utils/flops_formulas.py): gpt3, llama2/3, nemotron families by activation.
double nemo_model_flops(const ModelSpec& model, double batch, double seq);
// llm-foundry's MFU callback: 3·(2·N·s + 4·l·h·s²) per sequence, N = all parameters (embeddings included).
double mosaic_model_flops(double params, const ModelSpec& model, double batch, double seq);

// check_plan() then estimate_training_step(); a plan that fails the check returns its problem in `skip`.
struct Prediction {
  TrainingEstimate estimate;
  std::string skip;  // empty when predicted
};
Prediction predict_step(const ModelSpec& model, const Cluster& cluster, const TrainingJob& job,
                        const TrainingOptions& options, const KernelCostOptions& kernel_options = {});

// "12.3 ms" style short numbers for notes.
std::string fmt_num(double v, int digits = 3);
// Joins notes with "; ".
std::string join_notes(const std::vector<std::string>& notes);

}  // namespace stargate::validation_detail
