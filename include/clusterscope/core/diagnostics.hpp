#pragma once
// Diagnostics with file:line:column, collected so that every problem in an input is reported at
// once, and the exception types that carry them to the single catch in the command-line layer.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace clusterscope {

/// Documented exit statuses (docs/CLI.md).
enum class ExitCode : int { ok = 0, internal = 1, usage = 2, input_data = 3, output = 4 };

/// A place in an input file. Lines and columns count from 1; column counts characters (UTF-8
/// code points), 0 means "the whole line" and line 0 "the whole file".
struct Location {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;
};

/// A note is information for the summary (missing values read as empty): never fails --strict.
enum class Severity { note, warning, error };

struct Diagnostic {
  Severity severity = Severity::error;
  Location where;
  std::string message;
  /// Further diagnostics of the same kind this one stands for, left unlisted by the check that
  /// reported them (a million duplicate rows keep one entry, not a million); counted everywhere.
  std::size_t more = 0;
};

/// "clusterscope: error: file:line:col: message" (line and column left out when unknown).
std::string format_diagnostic(const Diagnostic& diagnostic);

/// Collects problems while a file is read; loaders keep going after an error so that a user
/// sees every problem in one run.
class Diagnostics {
 public:
  void error(Location where, std::string message);
  void warning(Location where, std::string message);
  void note(Location where, std::string message);
  void add(Diagnostic diagnostic);

  [[nodiscard]] bool has_errors() const noexcept { return error_count_ > 0; }
  [[nodiscard]] std::size_t error_count() const noexcept { return error_count_; }
  [[nodiscard]] std::size_t warning_count() const noexcept { return warning_count_; }
  [[nodiscard]] const std::vector<Diagnostic>& entries() const noexcept { return entries_; }
  /// Errors only, in the order reported.
  [[nodiscard]] std::vector<Diagnostic> errors() const;
  /// Warnings only, in the order reported.
  [[nodiscard]] std::vector<Diagnostic> warnings() const;
  /// Notes only, in the order reported.
  [[nodiscard]] std::vector<Diagnostic> notes() const;

  /// Throws InputError holding every diagnostic when any error was reported.
  void throw_if_errors() const;

 private:
  std::vector<Diagnostic> entries_;
  std::size_t error_count_ = 0;
  std::size_t warning_count_ = 0;
};

/// How many diagnostics of one kind are listed before the rest are counted
/// (docs/CLI.md, "Warnings").
inline constexpr std::size_t kListedPerKind = 5;

/// The kind of a diagnostic: at most the first two words of its message, stopping before the
/// first value it quotes or counts ("duplicate tie 12 -- 7 (project) …" → "duplicate tie"), so one check's
/// reports group together whatever stakeholders they name.
std::string diagnostic_kind(std::string_view message);

/// Per severity and kind, the first `per_kind` diagnostics in their order, each kind with more
/// followed by one line "… and N more of this kind (kind)". What stderr and the summaries list.
std::vector<Diagnostic> condensed(const std::vector<Diagnostic>& diagnostics,
                                  std::size_t per_kind = kListedPerKind);

/// Bad input data: exit status 3. Carries every diagnostic (errors and warnings) found.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  InputError(Location where, const std::string& message);
  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

/// Wrong command-line use: exit status 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A file or folder could not be written: exit status 4.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// An algorithm or library failure (igraph error, broken invariant): exit status 1.
class InternalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace clusterscope
