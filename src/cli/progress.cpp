#include "progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace clusterscope::cli {

Progress::Mode Progress::mode_for(const std::ostream& err, bool quiet) {
  if (quiet) return Mode::quiet;
  return &err == &std::cerr && isatty(STDERR_FILENO) != 0 ? Mode::bar : Mode::lines;
}

Progress::Progress(std::ostream& err, Mode mode, std::size_t stages)
    : err_(err), mode_(mode), stages_(stages) {}

void Progress::begin(const std::string& stage) {
  if (open_) end();
  const std::lock_guard<std::mutex> lock(mutex_);
  ++index_;
  stage_ = stage;
  open_ = true;
  start_ = std::chrono::steady_clock::now();
  drawn_ = start_;
  if (mode_ == Mode::bar) draw(0, false);
}

void Progress::update(double fraction) {
  if (mode_ != Mode::bar) return;
  const std::lock_guard<std::mutex> lock(mutex_);
  if (!open_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - drawn_ < std::chrono::milliseconds(100)) return;
  drawn_ = now;
  draw(std::clamp(fraction, 0.0, 1.0), false);
}

std::function<void(double)> Progress::reporter() {
  return [this](double fraction) { update(fraction); };
}

void Progress::end() {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (!open_) return;
  open_ = false;
  if (mode_ != Mode::quiet) draw(1, true);
}

void Progress::draw(double fraction, bool final) {
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  char line[160];
  if (mode_ == Mode::lines) {
    std::snprintf(line, sizeof line, "[%zu/%zu] %-12s %7.2f s\n", index_, stages_, stage_.c_str(), seconds);
    err_ << line << std::flush;
    return;
  }
  constexpr int width = 24;
  const int filled = static_cast<int>(std::lround(fraction * width));
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.append(static_cast<std::size_t>(width - filled), '.');
  std::snprintf(line, sizeof line, "\r[%zu/%zu] %-12s [%s] %3d%% %7.1f s", index_, stages_, stage_.c_str(),
                bar.c_str(), static_cast<int>(std::lround(fraction * 100)), seconds);
  err_ << line << (final ? "\n" : "") << std::flush;
}

void Progress::set_stages(std::size_t stages) {
  const std::lock_guard<std::mutex> lock(mutex_);
  stages_ = stages;
}

}  // namespace clusterscope::cli
