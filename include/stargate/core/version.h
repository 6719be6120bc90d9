#pragma once
// The Stargate release: printed by `stargate --version` and cited in every file Stargate generates for others to
// run (the engine launch files of `serve --search --emit`).
#include <string_view>

namespace stargate {

inline constexpr std::string_view kStargateVersion = "0.1.0";

}  // namespace stargate
