#pragma once
// Progress of analyze's stages on standard error: a bar per stage on a terminal, one plain line
// per finished stage when standard error is a pipe or file, nothing with --quiet. The stages and
// their times for manifest.json are the pipeline's (pipeline::AnalysisProgress drives this).

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <ostream>
#include <string>
#include <vector>

namespace clusterscope::cli {

class Progress {
 public:
  enum class Mode { bar, lines, quiet };
  /// `stages`: how many stages will run (for "[3/8]").
  Progress(std::ostream& err, Mode mode, std::size_t stages);
  /// Starts a stage; ends the previous one if it is still open.
  void begin(const std::string& stage);
  /// Fraction done of the current stage, 0–1 (a bar redraws at most ten times a second). Safe to
  /// call from worker threads.
  void update(double fraction);
  /// A callback for update, to hand to long-running steps.
  std::function<void(double)> reporter();
  /// Ends the current stage (a line, or the bar completed).
  void end();
  /// Corrects the number of stages once it is known (compare learns its periods from the data).
  void set_stages(std::size_t stages);

  /// bar when `err` is the process's standard error and that is a terminal, else lines.
  static Mode mode_for(const std::ostream& err, bool quiet);

 private:
  void draw(double fraction, bool final);
  std::ostream& err_;
  Mode mode_;
  std::size_t stages_;
  std::size_t index_ = 0;
  bool open_ = false;
  std::string stage_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point drawn_;
  std::mutex mutex_;
};

}  // namespace clusterscope::cli
