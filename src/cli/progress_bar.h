#pragma once
// A one-line progress bar with rate and ETA on a terminal's stderr; silent when stderr is not a terminal.
#include <chrono>
#include <cstdio>
#include <string>

namespace stargate::cli {

// Work that ends sooner than this draws no bar (a flash of a bar on a short run is noise).
inline constexpr std::chrono::milliseconds kProgressShowAfter{500};

class ProgressBar {
 public:
  // `enabled` false: never draws (pass stderr_is_terminal() && !json). `show_after`: the bar is drawn only once
  // this much time has passed since construction. `out`: where it draws (stderr; a test may pass a file).
  ProgressBar(std::string unit, bool enabled, std::chrono::milliseconds show_after = {}, std::FILE* out = stderr);
  void update(size_t done, size_t total);
  // Ends the bar's line when one was drawn.
  void finish();

 private:
  std::string unit_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  std::chrono::milliseconds show_after_;
  std::FILE* out_;
  bool drawn_ = false;
};

// True when stderr is a terminal.
bool stderr_is_terminal();

}  // namespace stargate::cli
