#include "core/yaml_map.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <yaml-cpp/depthguard.h>

#include "stargate/core/edit_distance.h"

namespace stargate {
namespace {

SourceLocation location_of(const YAML::Mark& mark, const std::shared_ptr<const std::string>& file) {
  SourceLocation loc;
  loc.file = file ? *file : std::string();
  if (mark.line >= 0) loc.line = mark.line + 1;
  if (mark.column >= 0) loc.column = mark.column + 1;
  return loc;
}

std::string child_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

constexpr size_t kMaxInputBytes = 16u << 20;  // scenario files are small; refuse anything absurd

}  // namespace

std::string join_choices(const std::vector<std::string>& choices) {
  std::string out;
  for (size_t i = 0; i < choices.size(); ++i) {
    if (i > 0) out += (i + 1 == choices.size()) ? " or " : ", ";
    out += choices[i];
  }
  return out;
}

std::string yaml_error_text(const YAML::Exception& error) {
  if (dynamic_cast<const YAML::DeepRecursion*>(&error) != nullptr) {
    return "nested too deeply (the parser allows fewer than 2000 levels)";
  }
  return error.msg;
}

YamlDocument parse_yaml_document(std::string_view text, const std::string& file) {
  auto name = std::make_shared<const std::string>(file);
  if (text.size() > kMaxInputBytes) throw InputError({file, 0, 0}, "", "file is larger than 16 MiB");
  if (text.find('\0') != std::string_view::npos) {
    throw InputError({file, 0, 0}, "", "not a text file (contains NUL bytes)");
  }
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    throw InputError(location_of(e.mark, name), "", "invalid YAML: " + yaml_error_text(e));
  }
  if (!root || root.IsNull()) throw InputError({file, 0, 0}, "", "empty document: expected a YAML mapping");
  if (!root.IsMap()) {
    throw InputError(location_of(root.Mark(), name), "", "expected a YAML mapping (key: value) at the top level");
  }
  return {name, root};
}

std::string read_text_file(const std::string& path) {
  // Every failure says why, in the operating system's words where it has them ("No such file or directory").
  auto fail = [&](const std::string& why) { throw InputError({path, 0, 0}, "", why); };
  std::error_code error;
  const std::filesystem::file_status status = std::filesystem::status(path, error);
  if (!std::filesystem::exists(status)) {
    fail("cannot open file: " + (error ? error.message() : std::string(std::strerror(ENOENT))));
  }
  if (error) fail("cannot open file: " + error.message());
  if (std::filesystem::is_directory(status)) fail("is a directory, not a regular file: give a YAML file");
  if (!std::filesystem::is_regular_file(status)) {
    fail("not a regular file (a device or pipe cannot be read as input)");
  }
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (error) fail("cannot read file: " + error.message());
  if (size > kMaxInputBytes) fail("file is larger than 16 MiB");
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot open file" + (errno != 0 ? ": " + std::string(std::strerror(errno)) : std::string()));
  std::string text(static_cast<size_t>(size) + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) throw InputError({path, 0, 0}, "", "cannot read file");
  text.resize(static_cast<size_t>(in.gcount()));
  // The file may have grown between the size check and the read: still never more than the cap.
  if (text.size() > kMaxInputBytes) throw InputError({path, 0, 0}, "", "file is larger than 16 MiB");
  return text;
}

YamlDocument load_yaml_file(const std::string& path) { return parse_yaml_document(read_text_file(path), path); }

YamlValue::YamlValue(YAML::Node node, std::shared_ptr<const std::string> file, std::string path)
    : node_(std::move(node)), file_(std::move(file)), path_(std::move(path)) {}

SourceLocation YamlValue::location() const { return location_of(node_.Mark(), file_); }

void YamlValue::fail(const std::string& message) const { throw InputError(location(), path_, message); }

std::string YamlValue::as_string() const {
  if (!node_.IsScalar()) fail("expected a text value");
  return node_.Scalar();
}

double YamlValue::as_quantity(Dimension dimension) const {
  if (!node_.IsScalar()) {
    fail("expected a " + std::string(dimension_name(dimension)) + " such as " +
         std::string(dimension_units_help(dimension)));
  }
  Result<double> parsed = parse_quantity(node_.Scalar(), dimension);
  if (!parsed.ok()) fail(parsed.error().message);
  if (parsed.value() < 0) fail("must not be negative, got '" + node_.Scalar() + "'");
  return parsed.value();
}

double YamlValue::as_positive_quantity(Dimension dimension) const {
  const double value = as_quantity(dimension);
  if (!(value > 0)) fail("must be positive, got '" + node_.Scalar() + "'");
  return value;
}

double YamlValue::as_number_in(double min, double max) const {
  const double value = as_number();
  if (!(value >= min && value <= max)) {
    char range[96];
    std::snprintf(range, sizeof range, "must be between %g and %g", min, max);
    fail(std::string(range) + ", got '" + node_.Scalar() + "'");
  }
  return value;
}

double YamlValue::as_number() const {
  if (!node_.IsScalar()) fail("expected a number");
  Result<double> parsed = parse_quantity(node_.Scalar(), Dimension::count);
  if (!parsed.ok()) fail("expected a number, got '" + node_.Scalar() + "'");
  return parsed.value();
}

int64_t YamlValue::as_integer(int64_t min, int64_t max) const {
  if (!node_.IsScalar()) fail("expected a whole number");
  Result<double> parsed = parse_quantity(node_.Scalar(), Dimension::count);
  if (!parsed.ok()) fail("expected a whole number, got '" + node_.Scalar() + "'");
  const double v = parsed.value();
  if (v != std::floor(v)) fail("expected a whole number, got '" + node_.Scalar() + "'");
  // 2^63 is the first double past int64_t: compared before narrowing (static_cast of it is undefined).
  constexpr double kPastInt64 = 9223372036854775808.0;
  if (v < static_cast<double>(min) || v > static_cast<double>(max) || v >= kPastInt64) {
    fail("must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got '" + node_.Scalar() +
         "'");
  }
  return static_cast<int64_t>(v);
}

bool YamlValue::as_bool() const {
  if (node_.IsScalar()) {
    const std::string& s = node_.Scalar();
    if (s == "true" || s == "yes" || s == "on") return true;
    if (s == "false" || s == "no" || s == "off") return false;
  }
  fail("expected true or false");
}

std::string YamlValue::as_choice(const std::vector<std::string>& allowed) const {
  std::string value = as_string();
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return value;
  std::string hint;
  if (auto near = closest_match(value, allowed)) hint = " (did you mean '" + *near + "'?)";
  fail("'" + value + "' is not one of " + join_choices(allowed) + hint);
}

std::vector<YamlValue> YamlValue::as_sequence() const {
  if (!node_.IsSequence()) fail("expected a list");
  std::vector<YamlValue> items;
  size_t index = 0;
  for (const YAML::Node& item : node_) {
    items.emplace_back(item, file_, path_ + "[" + std::to_string(index++) + "]");
  }
  return items;
}

YamlMap::YamlMap(const YamlValue& value) : self_(value) {
  if (!value.is_map()) value.fail("expected a mapping (key: value)");
  std::set<std::string> seen;
  for (auto it = value.node().begin(); it != value.node().end(); ++it) {
    if (!it->first.IsScalar()) YamlValue(it->first, value.file(), value.path()).fail("keys must be plain text");
    const std::string& key = it->first.Scalar();
    if (!seen.insert(key).second) {
      YamlValue(it->first, value.file(), child_path(value.path(), key)).fail("duplicate key");
    }
    entries_.emplace_back(it->first, it->second);
  }
}

bool YamlMap::has(const std::string& key) {
  allowed_.insert(key);
  for (const auto& [k, v] : entries_) {
    if (k.Scalar() == key) return true;
  }
  return false;
}

std::optional<YamlValue> YamlMap::get(const std::string& key) {
  allowed_.insert(key);
  for (const auto& [k, v] : entries_) {
    if (k.Scalar() != key) continue;
    // A key with nothing after it ("tp:") is reported at the key, where the user will look.
    if (v.IsNull()) YamlValue(k, self_.file(), child_path(self_.path(), key)).fail("has no value");
    return YamlValue(v, self_.file(), child_path(self_.path(), key));
  }
  return std::nullopt;
}

YamlValue YamlMap::require(const std::string& key) {
  if (auto value = get(key)) return *value;
  // A misspelling of the missing key is the likely cause: say so, at the misspelled key.
  for (const auto& [k, v] : entries_) {
    if (allowed_.count(k.Scalar()) || edit_distance(k.Scalar(), key) > std::max<size_t>(2, key.size() / 3)) continue;
    YamlValue(k, self_.file(), child_path(self_.path(), k.Scalar()))
        .fail("unknown field; did you mean '" + key + "'? ('" + key + "' is required)");
  }
  throw InputError(self_.location(), child_path(self_.path(), key), "missing required field");
}

std::vector<std::string> YamlMap::keys() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : entries_) out.push_back(k.Scalar());
  return out;
}

std::optional<std::string> YamlMap::optional_string(const std::string& key) {
  if (auto v = get(key)) return v->as_string();
  return std::nullopt;
}
std::optional<double> YamlMap::optional_quantity(const std::string& key, Dimension d) {
  if (auto v = get(key)) return v->as_quantity(d);
  return std::nullopt;
}
std::optional<double> YamlMap::optional_positive_quantity(const std::string& key, Dimension d) {
  if (auto v = get(key)) return v->as_positive_quantity(d);
  return std::nullopt;
}
std::optional<int64_t> YamlMap::optional_integer(const std::string& key, int64_t min, int64_t max) {
  if (auto v = get(key)) return v->as_integer(min, max);
  return std::nullopt;
}
std::optional<bool> YamlMap::optional_boolean(const std::string& key) {
  if (auto v = get(key)) return v->as_bool();
  return std::nullopt;
}
std::optional<std::string> YamlMap::optional_choice(const std::string& key, const std::vector<std::string>& allowed) {
  if (auto v = get(key)) return v->as_choice(allowed);
  return std::nullopt;
}
std::optional<YamlMap> YamlMap::optional_map(const std::string& key) {
  if (auto v = get(key)) return YamlMap(*v);
  return std::nullopt;
}

void YamlMap::allow(const std::vector<std::string>& keys) { allowed_.insert(keys.begin(), keys.end()); }

void YamlMap::finish() const {
  for (const auto& [k, v] : entries_) {
    const std::string& key = k.Scalar();
    if (allowed_.count(key)) continue;
    std::vector<std::string> allowed(allowed_.begin(), allowed_.end());
    std::string hint;
    if (auto near = closest_match(key, allowed)) hint = "did you mean '" + *near + "'? ";
    YamlValue(k, self_.file(), child_path(self_.path(), key))
        .fail("unknown field; " + hint + "allowed fields: " + join_choices(allowed));
  }
}

}  // namespace stargate
