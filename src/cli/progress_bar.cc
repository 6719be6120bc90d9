#include "progress_bar.h"

#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace stargate::cli {

bool stderr_is_terminal() { return isatty(fileno(stderr)) != 0; }

ProgressBar::ProgressBar(std::string unit, bool enabled, std::chrono::milliseconds show_after, std::FILE* out)
    : unit_(std::move(unit)),
      enabled_(enabled),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_),
      show_after_(show_after),
      out_(out) {}

void ProgressBar::update(size_t done, size_t total) {
  if (!enabled_ || total == 0) return;
  done = std::min(done, total);
  const auto now = std::chrono::steady_clock::now();
  if (now - start_ < show_after_) return;
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100) && done < total) return;
  last_draw_ = now;
  drawn_ = true;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double rate = seconds > 0 ? done / seconds : 0;
  const double eta = rate > 0 ? (total - done) / rate : 0;
  const int width = 30;
  const int filled = static_cast<int>(width * static_cast<double>(done) / total);
  std::fprintf(out_, "\r[%s%s] %zu/%zu %s  %.0f %s/s  ETA %.1f s ", std::string(filled, '#').c_str(),
               std::string(width - filled, ' ').c_str(), done, total, unit_.c_str(), rate, unit_.c_str(), eta);
  std::fflush(out_);
}

void ProgressBar::finish() {
  if (enabled_ && drawn_) std::fprintf(out_, "\n");
}

}  // namespace stargate::cli
