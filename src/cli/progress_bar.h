#pragma once
// A one-line progress bar with rate and ETA on a terminal's stderr; silent when stderr is not a terminal.
#include <chrono>
#include <string>

namespace stargate::cli {

class ProgressBar {
 public:
  ProgressBar(std::string unit, bool enabled);
  void update(size_t done, size_t total);
  void finish();

 private:
  std::string unit_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  bool drawn_ = false;
};

// True when stderr is a terminal.
bool stderr_is_terminal();

}  // namespace stargate::cli
