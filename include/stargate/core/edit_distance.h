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

// Every plausible meaning of a name the user wrote, best first: the candidates it is a prefix of ("h100" →
// "h100-sxm", "h100-96gb-500w"), else those of its family (the same text before the first '-': "h100-pcie" →
// the h100 cards; just the one when it is a closest_match() typo of it, "h100-sxn" → "h100-sxm"), else the
// closest_match() typo fix; empty when nothing is plausible. Candidate order is kept within a group.
std::vector<std::string> suggest_names(std::string_view word, const std::vector<std::string>& candidates);

// "'a', 'b' or 'c'": suggestions quoted and joined for a "did you mean ...?" message.
std::string quoted_alternatives(const std::vector<std::string>& names);

}  // namespace stargate
