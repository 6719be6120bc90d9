#include "stargate/core/edit_distance.h"

#include <algorithm>
#include <numeric>

namespace stargate {

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), size_t{0});
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;
  for (const std::string& candidate : candidates) {
    size_t d = edit_distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

namespace {

std::string_view family_of(std::string_view name) { return name.substr(0, name.find('-')); }

}  // namespace

std::vector<std::string> suggest_names(std::string_view word, const std::vector<std::string>& candidates) {
  std::vector<std::string> found;
  if (word.empty()) return found;
  for (const std::string& candidate : candidates) {
    if (candidate.size() > word.size() && std::string_view(candidate).substr(0, word.size()) == word) {
      found.push_back(candidate);
    }
  }
  if (!found.empty()) return found;
  for (const std::string& candidate : candidates) {
    if (family_of(candidate) == family_of(word)) found.push_back(candidate);
  }
  if (!found.empty()) {
    // A plain typo of one family member ("h100-sxn") is that member; otherwise the whole family.
    if (auto near = closest_match(word, found)) return {*near};
    return found;
  }
  if (auto near = closest_match(word, candidates)) found.push_back(*near);
  return found;
}

std::string quoted_alternatives(const std::vector<std::string>& names) {
  std::string text;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += i + 1 == names.size() ? " or " : ", ";
    text += "'" + names[i] + "'";
  }
  return text;
}

}  // namespace stargate
