#include "clusterscope/core/diagnostics.hpp"

#include <algorithm>
#include <utility>

namespace clusterscope {

std::string format_diagnostic(const Diagnostic& diagnostic) {
  std::string text = "clusterscope: ";
  text += diagnostic.severity == Severity::error ? "error: " : "warning: ";
  const Location& where = diagnostic.where;
  if (!where.file.empty()) {
    text += where.file;
    if (where.line > 0) {
      text += ':' + std::to_string(where.line);
      if (where.column > 0) text += ':' + std::to_string(where.column);
    }
    text += ": ";
  }
  text += diagnostic.message;
  return text;
}

void Diagnostics::error(Location where, std::string message) {
  add({Severity::error, std::move(where), std::move(message)});
}

void Diagnostics::warning(Location where, std::string message) {
  add({Severity::warning, std::move(where), std::move(message)});
}

void Diagnostics::add(Diagnostic diagnostic) {
  if (diagnostic.severity == Severity::error) ++error_count_;
  entries_.push_back(std::move(diagnostic));
}

std::vector<Diagnostic> Diagnostics::errors() const {
  std::vector<Diagnostic> out;
  std::copy_if(entries_.begin(), entries_.end(), std::back_inserter(out),
               [](const Diagnostic& d) { return d.severity == Severity::error; });
  return out;
}

std::vector<Diagnostic> Diagnostics::warnings() const {
  std::vector<Diagnostic> out;
  std::copy_if(entries_.begin(), entries_.end(), std::back_inserter(out),
               [](const Diagnostic& d) { return d.severity == Severity::warning; });
  return out;
}

void Diagnostics::throw_if_errors() const {
  if (has_errors()) throw InputError(entries_);
}

namespace {
std::string summary_of(const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& d : diagnostics) {
    if (d.severity == Severity::error) return format_diagnostic(d);
  }
  return "invalid input";
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(summary_of(diagnostics)), diagnostics_(std::move(diagnostics)) {}

InputError::InputError(Location where, const std::string& message)
    : InputError(std::vector<Diagnostic>{{Severity::error, std::move(where), message}}) {}

}  // namespace clusterscope
