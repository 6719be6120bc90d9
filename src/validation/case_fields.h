#pragma once
// Internal: numeric fields of validation cases (YAML cases and measured JSON rows) read by the shared limits of
// value_limits.h, the same rules as scenarios. A value outside its limit is an input error naming the file, line
// (YAML) or entry (JSON) and the field: the case is skipped with that error, the file's other cases still run. A
// field that is absent or free text without a number is left to the case's own rules (a documented default or a
// skip); free text around a number is read as that number.
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "stargate/core/input_error.h"
#include "stargate/core/value_limits.h"
#include "stargate/workload/model.h"

namespace stargate::validation_detail {

// Thrown by the readers below; the file-level reader turns it into an Error at `line` of its file.
struct CaseFieldError {
  std::string field;    // "model.hidden", "[3].micro_batch"
  std::string message;  // "must be between 1 and 1048576, got '4294967297'"
  int line = 0;         // 1-based; 0 when unknown (JSON)
  Error to_error(const std::string& file) const { return Error{ErrorKind::invalid_input, message, field, {file, line, 0}}; }
};

// The value of `key` in `node` as a finite number (no text around it); nullopt when absent or not a number.
std::optional<double> yaml_number(const YAML::Node& node, const std::string& key);
// An integer field that may be written as free text ("8 (attention DP; experts EP=8)"), checked against `limit`;
// `path` is the field's parent in errors ("model", "parallelism"). Nullopt when absent or without a number.
std::optional<int> yaml_integer(const YAML::Node& node, const std::string& path, const std::string& key,
                                const IntegerLimit& limit);
// A positive finite number at most `max` (a measured time, throughput or length); nullopt when absent or text
// without a number. Text around a number is read as its first quantity (first_quantity: "~256 (per rank)" → 256,
// "1K" → 1·kilo) and `reading` (when given) says so; a value outside (0, max] is an error either way.
std::optional<double> yaml_positive(const YAML::Node& node, const std::string& path, const std::string& key,
                                    double max, double kilo = 1000, std::string* reading = nullptr);

// The case's num_gpus: a number, text around one, or nodes times GPUs per node ("9 decode nodes x 8 H100");
// `reading` says how text was read. Nullopt when absent.
std::optional<int> yaml_gpu_count(const YAML::Node& case_node, std::string& reading);

// The same for a measured JSON row; `entry` is the row's 1-based index, named in errors as "[entry].key".
std::optional<int> json_integer(const nlohmann::json& row, int entry, const std::string& key, const IntegerLimit& limit);
std::optional<double> json_positive(const nlohmann::json& row, int entry, const std::string& key, double max);
// A JSON boolean; `fallback` when absent or null, an error naming "[entry].key" for any other type.
bool json_boolean(const nlohmann::json& row, int entry, const std::string& key, bool fallback);

// The model's optional `moe:` and `mla:` mappings (validation README) into `m`; the reason when one is
// incomplete, empty when fine.
std::string read_moe_and_mla(const YAML::Node& model_node, ModelSpec& m);

// The model's windowed attention layers (ModelSpec::local_attention), as a case states them: a
// `local_attention: {kind: sliding|chunked, window, layers}` mapping, or the Hugging Face config keys copied from
// the checkpoint: `attention_chunk_size` (Llama 4: chunked on all but every `no_rope_layer_interval`-th layer,
// default 4) or `sliding_window` (on the `layer_types` entries that say sliding_attention, or
// `sliding_window_layers` of them, else on every layer). The interpretation applied, empty when the case states
// none.
std::string read_local_attention(const YAML::Node& model_node, ModelSpec& m);

// The case's `unverified: true` (a boolean, or text starting with "true"/"yes").
bool case_is_unverified(const YAML::Node& case_node);

// Largest measured step or forward time accepted (a day), seconds.
inline constexpr double kMaxMeasuredSeconds = 86400;

}  // namespace stargate::validation_detail
