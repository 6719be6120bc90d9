#pragma once
// Suggestions for misspelled names ("did you mean 'h100-sxm'?").
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stargate {

// Levenshtein distance between two strings (insertions, deletions, substitutions each cost 1).
size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a plausible typo (distance ≤ max(2, |word|/3)).
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace stargate
