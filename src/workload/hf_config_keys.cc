#include "hf_config_keys.h"

namespace stargate::detail {

const nlohmann::json* HfConfigKeys::find(const std::string& key) const {
  for (const nlohmann::json* object : {&text_, &top_}) {
    auto it = object->find(key);
    if (it != object->end() && !it->is_null()) return &*it;
  }
  return nullptr;
}

std::optional<int> HfConfigKeys::to_int(const std::string& key, const nlohmann::json& value,
                                        const IntegerLimit& limit) {
  if (!value.is_number_integer()) {
    problem(key, "expected an integer, got " + value.dump());
    return std::nullopt;
  }
  const int64_t v = value.get<int64_t>();
  if (v < limit.min || v > limit.max) {
    problem(key, std::to_string(v) + " is outside [" + std::to_string(limit.min) + ", " + std::to_string(limit.max) +
                     "]");
    return std::nullopt;
  }
  return static_cast<int>(v);
}

int HfConfigKeys::required_int(const std::string& key, const IntegerLimit& limit) {
  const nlohmann::json* value = find(key);
  if (!value) {
    problem(key, "missing");
    return 0;
  }
  return to_int(key, *value, limit).value_or(0);
}

std::optional<int> HfConfigKeys::optional_int(const std::string& key, const IntegerLimit& limit) {
  const nlohmann::json* value = find(key);
  return value ? to_int(key, *value, limit) : std::nullopt;
}

int HfConfigKeys::required_int_of(const std::vector<std::string>& keys, const IntegerLimit& limit) {
  for (const std::string& key : keys) {
    if (has(key)) return required_int(key, limit);
  }
  std::string names;
  for (const std::string& key : keys) names += (names.empty() ? "" : " or ") + key;
  problem(names, "missing");
  return 0;
}

std::optional<std::string> HfConfigKeys::optional_string(const std::string& key) {
  const nlohmann::json* value = find(key);
  if (!value) return std::nullopt;
  if (!value->is_string()) {
    problem(key, "expected a string, got " + value->dump());
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::optional<bool> HfConfigKeys::optional_bool(const std::string& key) {
  const nlohmann::json* value = find(key);
  if (!value) return std::nullopt;
  if (!value->is_boolean()) {
    problem(key, "expected true or false, got " + value->dump());
    return std::nullopt;
  }
  return value->get<bool>();
}

const nlohmann::json* HfConfigKeys::find_list(const std::string& key, const std::string& what) {
  const nlohmann::json* value = find(key);
  if (value && !value->is_array()) {
    problem(key, "expected a list of " + what);
    return nullptr;
  }
  return value;
}

std::vector<int> HfConfigKeys::optional_int_list(const std::string& key) {
  std::vector<int> out;
  if (const nlohmann::json* list = find_list(key, "layer indices")) {
    for (const nlohmann::json& item : *list) {
      if (auto v = to_int(key, item, limits::layers)) out.push_back(*v);
    }
  }
  return out;
}

std::vector<std::string> HfConfigKeys::optional_string_list(const std::string& key) {
  std::vector<std::string> out;
  if (const nlohmann::json* list = find_list(key, "strings")) {
    for (const nlohmann::json& item : *list) {
      if (!item.is_string()) {
        problem(key, "expected a list of strings");
        return {};
      }
      out.push_back(item.get<std::string>());
    }
  }
  return out;
}

std::optional<int> HfConfigKeys::optional_nested_int(const std::string& object, const std::string& key,
                                                     const IntegerLimit& limit) {
  const nlohmann::json* parent = find(object);
  if (!parent || !parent->is_object()) return std::nullopt;
  auto it = parent->find(key);
  if (it == parent->end() || it->is_null()) return std::nullopt;
  return to_int(object + "." + key, *it, limit);
}

}  // namespace stargate::detail
