#pragma once
// Strict reading of YAML mappings: every key a reader does not ask for is an error that lists the allowed keys;
// quantities must carry their units; errors carry file, line, column and the dotted field path.
// Readers throw InputError; public loaders turn it into a Result with capture_errors().
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "stargate/core/input_error.h"
#include "stargate/core/units.h"
#include "stargate/core/value_limits.h"

namespace stargate {

// A parsed YAML document with the name of the file it came from.
struct YamlDocument {
  std::shared_ptr<const std::string> file;
  YAML::Node root;
};

// Parses `text`; invalid YAML, an empty document and a non-mapping top level are InputErrors naming `file`.
YamlDocument parse_yaml_document(std::string_view text, const std::string& file);
// Reads a whole regular file of at most 16 MiB (checked before reading: never a device, pipe or directory); a
// missing, unreadable, special or oversized file is an InputError.
std::string read_text_file(const std::string& path);
// Reads and parses a file from disk; a missing or unreadable file is an InputError.
YamlDocument load_yaml_file(const std::string& path);

// A view of one YAML node at a field path ("training.plan"), with error helpers.
class YamlValue {
 public:
  YamlValue(YAML::Node node, std::shared_ptr<const std::string> file, std::string path);

  const std::string& path() const { return path_; }
  const std::shared_ptr<const std::string>& file() const { return file_; }
  SourceLocation location() const;
  [[noreturn]] void fail(const std::string& message) const;

  bool is_map() const { return node_.IsMap(); }
  bool is_sequence() const { return node_.IsSequence(); }
  bool is_scalar() const { return node_.IsScalar(); }
  const YAML::Node& node() const { return node_; }

  std::string as_string() const;
  double as_quantity(Dimension dimension) const;
  // Integer in [min, max]; "16Mi" style suffixes are accepted.
  int64_t as_integer(int64_t min, int64_t max) const;
  int64_t as_integer(const IntegerLimit& limit) const { return as_integer(limit.min, limit.max); }
  // A quantity that must be greater than zero: a rate, bandwidth, peak, capacity or duration used as a divisor.
  double as_positive_quantity(Dimension dimension) const;
  double as_number() const;  // a plain finite number without unit
  double as_number_in(double min, double max) const;  // a plain number in [min, max]
  bool as_bool() const;
  std::string as_choice(const std::vector<std::string>& allowed) const;
  std::vector<YamlValue> as_sequence() const;

 private:
  YAML::Node node_;
  std::shared_ptr<const std::string> file_;
  std::string path_;
};

// A mapping whose keys are checked: call finish() after reading; any key not asked for is an error.
class YamlMap {
 public:
  explicit YamlMap(const YamlValue& value);  // fails unless the value is a mapping; duplicate keys are errors

  const YamlValue& self() const { return self_; }
  bool has(const std::string& key);  // also marks `key` as allowed
  std::optional<YamlValue> get(const std::string& key);
  YamlValue require(const std::string& key);
  std::vector<std::string> keys() const;  // in file order

  // Shorthands for the common field kinds.
  std::string string(const std::string& key) { return require(key).as_string(); }
  std::optional<std::string> optional_string(const std::string& key);
  double quantity(const std::string& key, Dimension d) { return require(key).as_quantity(d); }
  std::optional<double> optional_quantity(const std::string& key, Dimension d);
  double positive_quantity(const std::string& key, Dimension d) { return require(key).as_positive_quantity(d); }
  std::optional<double> optional_positive_quantity(const std::string& key, Dimension d);
  int64_t integer(const std::string& key, const IntegerLimit& limit) { return require(key).as_integer(limit); }
  std::optional<int64_t> optional_integer(const std::string& key, const IntegerLimit& limit) {
    return optional_integer(key, limit.min, limit.max);
  }
  int64_t integer(const std::string& key, int64_t min, int64_t max) { return require(key).as_integer(min, max); }
  std::optional<int64_t> optional_integer(const std::string& key, int64_t min, int64_t max);
  bool boolean(const std::string& key) { return require(key).as_bool(); }
  std::optional<bool> optional_boolean(const std::string& key);
  std::string choice(const std::string& key, const std::vector<std::string>& allowed) {
    return require(key).as_choice(allowed);
  }
  std::optional<std::string> optional_choice(const std::string& key, const std::vector<std::string>& allowed);
  YamlMap map(const std::string& key) { return YamlMap(require(key)); }
  std::optional<YamlMap> optional_map(const std::string& key);

  // Marks keys as allowed without reading them (e.g. documentation-only fields).
  void allow(const std::vector<std::string>& keys);
  // Throws for the first key that was never asked for, naming the allowed keys.
  void finish() const;

 private:
  YamlValue self_;
  std::vector<std::pair<YAML::Node, YAML::Node>> entries_;  // key node, value node
  std::set<std::string> allowed_;
};

// The message of a YAML parse error, saying plainly when the document is nested too deeply for the parser.
std::string yaml_error_text(const YAML::Exception& error);

// "a, b or c"
std::string join_choices(const std::vector<std::string>& choices);

}  // namespace stargate
