#pragma once
// Typed, range-checked reads of a Hugging Face config.json that collect every problem instead of stopping at the
// first, so one error can name each key that cannot be mapped. Internal to the workload layer.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "stargate/core/value_limits.h"

namespace stargate::detail {

class HfConfigKeys {
 public:
  // `text` is the language model's section (text_config when present, else the whole file); `top` the whole file.
  // A key is looked up in `text` first, then in `top`. JSON null counts as absent.
  HfConfigKeys(const nlohmann::json& text, const nlohmann::json& top) : text_(text), top_(top) {}

  bool has(const std::string& key) const { return find(key) != nullptr; }
  // An integer in `limit`; a missing, non-integer or out-of-range value is recorded as a problem and 0 returned.
  int required_int(const std::string& key, const IntegerLimit& limit);
  std::optional<int> optional_int(const std::string& key, const IntegerLimit& limit);
  // The first of `keys` that is present, as required_int; a problem naming all of them when none is.
  int required_int_of(const std::vector<std::string>& keys, const IntegerLimit& limit);
  std::optional<std::string> optional_string(const std::string& key);
  std::optional<bool> optional_bool(const std::string& key);
  // A list of integers (e.g. mlp_only_layers); a problem when it is not one.
  std::vector<int> optional_int_list(const std::string& key);
  // A list of strings (e.g. layer_types); a problem when it is not one.
  std::vector<std::string> optional_string_list(const std::string& key);
  // A sub-object's integer, e.g. rope_scaling.original_max_position_embeddings.
  std::optional<int> optional_nested_int(const std::string& object, const std::string& key, const IntegerLimit& limit);

  void problem(const std::string& key, const std::string& message) { problems_.push_back(key + ": " + message); }
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  const nlohmann::json* find(const std::string& key) const;
  // The key's array; nullptr when absent, or (recording "expected a list of `what`") when not an array.
  const nlohmann::json* find_list(const std::string& key, const std::string& what);
  std::optional<int> to_int(const std::string& key, const nlohmann::json& value, const IntegerLimit& limit);

  const nlohmann::json& text_;
  const nlohmann::json& top_;
  std::vector<std::string> problems_;
};

}  // namespace stargate::detail
