#pragma once
// A preset or spec as rows of (field, value with unit, citation): one structure behind both the text and the JSON
// form of `stargate catalog show` (rendered by report/spec_report.h).
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "stargate/core/units.h"

namespace stargate {

// SI value (a quantity), an integer count, text or a flag.
using SpecValue = std::variant<double, long long, std::string, bool>;

struct SpecRow {
  std::string field;     // "hbm.bandwidth"
  SpecValue value;       // SI value (number), count, flag or text
  std::string unit;      // SI unit of `value`: "B/s", "W", ... ; empty for text and counts
  std::string text;      // human form: "3.35 TB/s"
  std::string source;    // citation, may be empty
};

struct SpecDescription {
  std::string kind;  // "accelerator", "node", "fabric" or "model"
  std::string id;
  std::vector<SpecRow> rows;
};

// Appends rows; `group` names the citation key in a `sources:` map.
class SpecRowBuilder {
 public:
  explicit SpecRowBuilder(const std::map<std::string, std::string>& sources) : sources_(sources) {}
  void quantity(const std::string& field, const std::string& group, double value, Dimension d);
  void integer(const std::string& field, const std::string& group, long long value);
  void text(const std::string& field, const std::string& group, const std::string& value);  // skipped when empty
  void flag(const std::string& field, const std::string& group, bool value);
  std::vector<SpecRow> rows;

 private:
  std::string source(const std::string& group) const;
  const std::map<std::string, std::string>& sources_;
};

}  // namespace stargate
