#include "clusterscope/core/diagnostics.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace clusterscope {

std::string format_diagnostic(const Diagnostic& diagnostic) {
  std::string text = "clusterscope: ";
  text += diagnostic.severity == Severity::error     ? "error: "
          : diagnostic.severity == Severity::warning ? "warning: "
                                                     : "note: ";
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

void Diagnostics::note(Location where, std::string message) {
  add({Severity::note, std::move(where), std::move(message)});
}

void Diagnostics::add(Diagnostic diagnostic) {
  if (diagnostic.severity == Severity::error) error_count_ += 1 + diagnostic.more;
  if (diagnostic.severity == Severity::warning) warning_count_ += 1 + diagnostic.more;
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

std::vector<Diagnostic> Diagnostics::notes() const {
  std::vector<Diagnostic> out;
  std::copy_if(entries_.begin(), entries_.end(), std::back_inserter(out),
               [](const Diagnostic& d) { return d.severity == Severity::note; });
  return out;
}

std::string diagnostic_kind(std::string_view message) {
  std::size_t end = 0;
  std::size_t words = 0;
  while (end < message.size()) {
    const char c = message[end];
    if (c == ' ' && ++words == 2) break;  // at most two words: names follow ("duplicate tie a -- b")
    if (c == '\'' || c == '"' || c == '(' || c == ';' || c == ':' || c == ',' || (c >= '0' && c <= '9'))
      break;
    ++end;
  }
  std::string_view kind = message.substr(0, end);
  while (!kind.empty() && kind.back() == ' ')
    kind.remove_suffix(1);
  return std::string(kind.empty() ? message.substr(0, std::min<std::size_t>(message.size(), 40)) : kind);
}

std::vector<Diagnostic> condensed(const std::vector<Diagnostic>& diagnostics, std::size_t per_kind) {
  struct Seen {
    std::size_t count = 0;        // every diagnostic of the kind, with the ones each stands for
    std::size_t listed = 0;       // how many are in `out`
    std::size_t last_listed = 0;  // index in `out` after which the "and N more" line goes
    Diagnostic first;
  };
  std::map<std::pair<int, std::string>, Seen> kinds;
  std::vector<Diagnostic> out;
  std::vector<std::pair<int, std::string>> order;
  for (const Diagnostic& d : diagnostics) {
    auto key = std::pair{static_cast<int>(d.severity), diagnostic_kind(d.message)};
    auto [it, inserted] = kinds.try_emplace(key);
    if (inserted) order.push_back(key);
    Seen& seen = it->second;
    if (seen.count == 0) seen.first = d;
    const bool list = seen.listed < per_kind;
    seen.count += 1 + d.more;
    if (list) {
      ++seen.listed;
      out.push_back(d);
      seen.last_listed = out.size();
    }
  }
  // Insert the "and N more" lines from the back so earlier positions stay valid.
  std::vector<std::pair<std::size_t, Diagnostic>> more;
  for (const auto& key : order) {
    const Seen& seen = kinds.at(key);
    if (seen.count <= seen.listed) continue;
    Diagnostic line;
    line.severity = seen.first.severity;
    line.where.file = seen.first.where.file;
    line.message =
        "… and " + std::to_string(seen.count - seen.listed) + " more of this kind (" + key.second + ")";
    more.emplace_back(seen.last_listed, std::move(line));
  }
  std::stable_sort(more.begin(), more.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (auto& [at, line] : more)
    out.insert(out.begin() + static_cast<std::ptrdiff_t>(at), std::move(line));
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
