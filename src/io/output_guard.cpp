#include "clusterscope/io/output_guard.hpp"

#include <pthread.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <set>
#include <thread>
#include <utility>

#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/io/text.hpp"

namespace clusterscope::io {

namespace fs = std::filesystem;

namespace {

/// The absolute path with symbolic links of its existing part resolved, so "a/../b", "./b" and a
/// link to b compare equal.
fs::path resolved(const fs::path& p) {
  std::error_code ec;
  fs::path r = fs::weakly_canonical(fs::absolute(p, ec), ec);
  if (ec) r = fs::absolute(p, ec).lexically_normal();
  // weakly_canonical keeps a trailing separator for "x/": drop it so components compare.
  if (!r.has_filename() && r.has_parent_path() && r != r.root_path()) r = r.parent_path();
  return r;
}

/// True when `inner` is `outer` or lies inside it (both resolved).
bool within(const fs::path& inner, const fs::path& outer) {
  auto i = inner.begin();
  for (auto o = outer.begin(); o != outer.end(); ++o, ++i) {
    if (o->empty()) continue;  // a trailing separator
    if (i == inner.end() || *i != *o) return false;
  }
  return true;
}

std::string read_prefix(const fs::path& path, std::size_t bytes) {
  std::ifstream in(path, std::ios::binary);
  std::string out(bytes, '\0');
  in.read(out.data(), static_cast<std::streamsize>(bytes));
  out.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, in.gcount())));
  return out;
}

std::string read_all(const fs::path& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  return ec ? std::string() : read_prefix(path, static_cast<std::size_t>(size));
}

/// The first `count` lines of `text` (without the last line break).
std::string_view first_lines(std::string_view text, int count) {
  std::size_t end = 0;
  for (int i = 0; i < count; ++i) {
    const std::size_t next = text.find('\n', end);
    if (next == std::string_view::npos) return text;
    end = next + 1;
  }
  return text.substr(0, end == 0 ? 0 : end - 1);
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

constexpr std::string_view kPngSignature = "\x89PNG\r\n\x1a\n";

/// Why `folder` is not a previous analyze or compare output (empty when it is one, or empty).
std::string foreign_content(const fs::path& folder) {
  std::error_code ec;
  if (fs::is_empty(folder, ec)) return {};
  const fs::path manifest = folder / "manifest.json";
  if (!fs::is_regular_file(manifest, ec)) {
    std::string first;
    for (const auto& entry : fs::directory_iterator(folder, ec))
      if (first.empty() || entry.path().filename().string() < first) first = entry.path().filename().string();
    return "it holds '" + first +
           "', which clusterscope did not write there (no manifest.json of a previous run)";
  }
  std::set<fs::path> listed = {fs::path("manifest.json")};
  try {
    const nlohmann::json m = nlohmann::json::parse(read_all(manifest));
    const std::string command = m.is_object() ? m.value("command", std::string()) : std::string();
    if (!m.is_object() || !m.contains("clusterscope") || (command != "analyze" && command != "compare"))
      return "its manifest.json is not one that clusterscope analyze or compare wrote";
    for (const nlohmann::json& entry : m.at("outputs"))
      listed.insert(fs::path(entry.at("file").get<std::string>()).lexically_normal());
  } catch (const std::exception&) {
    return "its manifest.json is not one that clusterscope analyze or compare wrote";
  }
  std::set<fs::path> parents;
  for (const fs::path& file : listed)
    for (fs::path p = file.parent_path(); !p.empty(); p = p.parent_path())
      parents.insert(p);
  for (auto it = fs::recursive_directory_iterator(folder, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path relative = it->path().lexically_relative(folder);
    const bool known = it->is_directory(ec) && !it->is_symlink(ec) ? parents.count(relative) != 0
                                                                   : listed.count(relative) != 0;
    if (!known) return "it holds '" + relative.generic_string() + "', which clusterscope did not write there";
  }
  if (ec) return "it cannot be read: " + ec.message();
  return {};
}

std::string random_suffix() {
  std::random_device device;
  return std::to_string(device());
}

/// Creates the missing folders above `path`, returning those it created (outermost first).
std::vector<fs::path> create_parents(const fs::path& path) {
  std::vector<fs::path> missing;
  std::error_code ec;
  for (fs::path p = path.parent_path(); !p.empty() && !fs::exists(p, ec); p = p.parent_path())
    missing.push_back(p);
  std::reverse(missing.begin(), missing.end());
  for (const fs::path& p : missing) {
    fs::create_directory(p, ec);
    if (ec) throw OutputError(p.string() + ": cannot create folder: " + ec.message());
  }
  return missing;
}

void remove_created(const std::vector<fs::path>& created) noexcept {
  std::error_code ec;
  for (auto it = created.rbegin(); it != created.rend(); ++it)
    fs::remove(*it, ec);  // only when still empty
}

std::vector<fs::path>& registered() {
  static std::vector<fs::path> paths;
  return paths;
}

}  // namespace

fs::path output_path(const std::string& text, OutputKind kind) {
  if (text.empty()) throw UsageError("-o: expected a path, got an empty string");
  fs::path p(text);
  const bool names_folder = !p.has_filename() || p.filename() == "." || p.filename() == "..";
  if (kind == OutputKind::file && names_folder)
    throw UsageError("-o '" + text + "': expected a file name, got a folder");
  while (!p.has_filename() && p.has_parent_path() && p != p.root_path())
    p = p.parent_path();  // "out/" is the folder "out"
  return p;
}

std::vector<fs::path> input_paths(const std::string& input) {
  std::vector<fs::path> out;
  if (input.empty()) return out;
  const fs::path p(input);
  out.push_back(p);
  std::error_code ec;
  if (p.filename() == "dataset.json" && fs::is_regular_file(p, ec))
    out.push_back(p.has_parent_path() ? p.parent_path() : fs::path("."));
  return out;
}

bool is_own_file(const fs::path& path, std::string_view content) {
  const std::string head = read_prefix(path, 4096);
  if (starts_with(content, kPngSignature)) {
    return starts_with(head, kPngSignature) &&
           head.find(std::string("tEXtSoftware\0clusterscope", 25)) != std::string::npos;
  }
  if (starts_with(content, "%PDF")) {
    return starts_with(head, "%PDF") && read_all(path).find("/Creator (clusterscope") != std::string::npos;
  }
  if (starts_with(content, "Creator \"clusterscope")) return starts_with(head, "Creator \"clusterscope");
  if (starts_with(content, "% clusterscope")) return starts_with(head, "% clusterscope");
  if (content.find("<creator>clusterscope") != std::string_view::npos &&
      content.find("<gexf") != std::string_view::npos)
    return head.find("<creator>clusterscope") != std::string::npos;
  if (starts_with(content, "<?xml")) return head.find("<!-- clusterscope") != std::string::npos;
  // CSV, Markdown, JSON: no room for a mark that other tools would not read as data.
  const int lines = starts_with(content, "{") || starts_with(content, "[") ? 2 : 1;
  const std::string_view ours = first_lines(content, lines);
  return !ours.empty() && first_lines(head, lines) == ours;
}

void check_output(const OutputRequest& request, std::string_view content) {
  const fs::path target = resolved(request.target);
  const std::string shown = request.target.string();
  for (const fs::path& input : request.inputs) {
    if (input.empty()) continue;
    const fs::path in = resolved(input);
    if (in == target)
      throw OutputError(shown + ": this is the input (" + input.string() +
                        "); clusterscope never writes over its input: give another -o");
    if (within(in, target))
      throw OutputError(shown + ": this folder holds the input (" + input.string() +
                        "); clusterscope never replaces a folder above its input: give another -o");
    std::error_code ec;
    if (fs::is_directory(in, ec) && within(target, in))
      throw OutputError(shown + ": this is inside the input folder " + input.string() +
                        "; clusterscope never writes into its input: give -o outside it");
  }
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(request.target, ec);
  if (!fs::exists(status)) return;
  if (request.kind == OutputKind::file) {
    if (fs::is_directory(fs::status(request.target, ec)))
      throw OutputError(shown + ": is a folder; expected a file name");
    if (!fs::is_regular_file(fs::status(request.target, ec)))
      throw OutputError(shown +
                        ": exists and is not a regular file; clusterscope replaces only its own files");
    if (!request.force && !content.empty() && !is_own_file(request.target, content))
      throw OutputError(shown +
                        ": exists and is not a file clusterscope wrote; give another -o, or --force to "
                        "replace it");
    return;
  }
  if (!fs::is_directory(fs::status(request.target, ec)))
    throw OutputError(shown + ": exists and is not a folder; give another -o (a folder name)");
  if (request.kind == OutputKind::folder && !request.force) {
    const std::string why = foreign_content(request.target);
    if (!why.empty())
      throw OutputError(
          shown + ": not replaced: " + why +
          ". clusterscope replaces only an empty folder or a previous analyze or compare output; give "
          "another -o, or --force to replace it");
  }
}

void write_checked_file(const OutputRequest& request, std::string_view content) {
  check_output(request, content);
  write_file_atomically(request.target, content);
}

void write_checked_files(const std::vector<OutputRequest>& requests,
                         const std::vector<std::string>& contents) {
  for (std::size_t i = 0; i < requests.size(); ++i)
    check_output(requests[i], contents[i]);
  const std::string suffix = ".tmp-" + random_suffix();
  std::vector<std::unique_ptr<TemporaryPath>> written;
  std::vector<fs::path> created;
  try {
    for (std::size_t i = 0; i < requests.size(); ++i) {
      const fs::path& target = requests[i].target;
      for (const fs::path& p : create_parents(target))
        created.push_back(p);
      const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
      const fs::path temporary = folder / ("." + target.filename().string() + suffix);
      written.push_back(std::make_unique<TemporaryPath>(temporary));
      write_file_atomically(temporary, contents[i]);
    }
    std::lock_guard<std::mutex> lock(temporaries_mutex());
    for (std::size_t i = 0; i < requests.size(); ++i)
      fs::rename(written[i]->path(), requests[i].target);
  } catch (const fs::filesystem_error& e) {
    std::error_code ec;
    for (const auto& t : written)
      fs::remove(t->path(), ec);
    remove_created(created);
    throw OutputError(e.path1().string() + ": " + e.code().message());
  } catch (...) {
    std::error_code ec;
    for (const auto& t : written)
      fs::remove(t->path(), ec);
    remove_created(created);
    throw;
  }
}

namespace {

void rename_step(const RenameStep& rename, const fs::path& from, const fs::path& to) {
  if (rename) {
    rename(from, to);
  } else {
    fs::rename(from, to);
  }
}

/// The entries of `folder` but `skip`, sorted (so a retry moves them in the same order).
std::vector<fs::path> entries_but(const fs::path& folder, const std::set<fs::path>& skip) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(folder))
    if (skip.count(entry.path()) == 0) out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

/// Moves each of `entries` into `to` (same file name); on a failure moves the moved ones back and
/// rethrows. Returns the moved paths (in `to`).
std::vector<fs::path> move_entries(const std::vector<fs::path>& entries, const fs::path& to,
                                   const RenameStep& rename) {
  std::vector<std::pair<fs::path, fs::path>> moved;
  try {
    for (const fs::path& entry : entries) {
      const fs::path destination = to / entry.filename();
      rename_step(rename, entry, destination);
      moved.emplace_back(entry, destination);
    }
  } catch (...) {
    std::error_code ec;
    for (auto it = moved.rbegin(); it != moved.rend(); ++it)
      fs::rename(it->second, it->first, ec);  // best effort: the same renames, backwards
    throw;
  }
  std::vector<fs::path> out;
  for (const auto& m : moved)
    out.push_back(m.second);
  return out;
}

/// Puts the new output (the entries of `temporary`) in place of the old one in `folder`, the
/// folder the process runs in, which cannot be renamed: the old entries are moved aside into
/// `aside` (a hidden folder inside it), the new ones moved in, and on any failure every move is
/// undone. Runs under temporaries_mutex(), so no signal cleanup interleaves.
void replace_in_place(const fs::path& folder, const fs::path& temporary, const fs::path& aside,
                      const RenameStep& rename) {
  fs::create_directory(aside);
  const std::vector<fs::path> old = entries_but(folder, {temporary, aside});
  std::vector<fs::path> moved_aside;
  try {
    moved_aside = move_entries(old, aside, rename);
  } catch (...) {
    std::error_code ec;
    fs::remove(aside, ec);  // empty again: the moves were undone
    throw;
  }
  try {
    move_entries(entries_but(temporary, {}), folder, rename);
  } catch (...) {
    bool restored = true;
    for (const fs::path& entry : moved_aside) {
      std::error_code ec;
      fs::rename(entry, folder / entry.filename(), ec);
      restored = restored && !ec;
    }
    if (!restored)
      throw OutputError(folder.string() +
                        ": the new output could not be moved in, and part of the previous " +
                        "output could not be put back: it is kept in " + aside.string());
    std::error_code ec;
    fs::remove(aside, ec);
    throw;
  }
  std::error_code ec;
  fs::remove(temporary, ec);  // emptied by the moves
}

/// Renames the new output `temporary` to `folder`, replacing the old folder: the old one is
/// renamed aside to `aside` first and renamed back when the second rename fails. Runs under
/// temporaries_mutex().
void replace_folder(const fs::path& folder, const fs::path& temporary, const fs::path& aside,
                    const RenameStep& rename) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(folder, ec))) {
    rename_step(rename, temporary, folder);
    return;
  }
  rename_step(rename, folder, aside);
  try {
    rename_step(rename, temporary, folder);
  } catch (const fs::filesystem_error& e) {
    fs::rename(aside, folder, ec);
    if (ec)
      throw OutputError(folder.string() + ": " + e.code().message() +
                        "; the previous output could not be put " + "back and is kept as " + aside.string());
    throw;
  } catch (...) {
    fs::rename(aside, folder, ec);
    throw;
  }
}

}  // namespace

void write_checked_folder(const OutputRequest& request,
                          const std::vector<std::pair<std::string, std::string>>& files,
                          const std::function<void(const fs::path&)>& more, const RenameStep& rename) {
  check_output(request);
  std::error_code ec;
  const fs::path folder = resolved(request.target);
  const bool in_place = folder == resolved(fs::current_path(ec));
  const std::vector<fs::path> created = in_place ? std::vector<fs::path>{} : create_parents(folder);
  const fs::path parent = in_place ? folder : folder.parent_path();
  const std::string stem = in_place ? std::string(".clusterscope") : "." + folder.filename().string();
  const std::string suffix = random_suffix();
  const fs::path temporary = parent / (stem + ".tmp-" + suffix);
  const fs::path aside = parent / (stem + ".old-" + suffix);
  std::optional<TemporaryPath> guard(std::in_place, temporary);
  try {
    fs::create_directory(temporary);
    for (const auto& [name, content] : files) {
      fs::create_directories((temporary / name).parent_path());
      write_file_atomically(temporary / name, content);
    }
    if (more) more(temporary);
    std::lock_guard<std::mutex> lock(temporaries_mutex());
    if (in_place) {
      replace_in_place(folder, temporary, aside, rename);
    } else {
      replace_folder(folder, temporary, aside, rename);
    }
    // The new output is in place: what is left aside is removed from now on, also on a signal.
    registered().push_back(aside);
  } catch (const fs::filesystem_error& e) {
    fs::remove_all(temporary, ec);
    remove_created(created);
    throw OutputError(request.target.string() + ": " + e.code().message());
  } catch (...) {
    fs::remove_all(temporary, ec);
    remove_created(created);
    throw;
  }
  guard.reset();
  fs::remove_all(aside, ec);
  const std::lock_guard<std::mutex> lock(temporaries_mutex());
  auto& paths = registered();
  if (const auto it = std::find(paths.begin(), paths.end(), aside); it != paths.end()) paths.erase(it);
}

std::string safe_component(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size();) {
    const std::size_t length = utf8_sequence(name, i);
    if (length == 0) {  // not UTF-8: one replacement per byte
      out += '_';
      ++i;
      continue;
    }
    const auto c = static_cast<unsigned char>(name[i]);
    const bool unsafe = length == 1 && (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == ':' ||
                                        c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|');
    if (out.size() + (unsafe ? 1 : length) > 100) break;
    if (unsafe) {
      out += '_';
    } else {
      out.append(name.substr(i, length));
    }
    i += length;
  }
  const std::size_t first = out.find_first_not_of(". ");
  out = first == std::string::npos ? std::string() : out.substr(first);
  while (!out.empty() && (out.back() == ' ' || out.back() == '.'))
    out.pop_back();
  return out.empty() ? "dataset" : out;
}

TemporaryPath::TemporaryPath(fs::path path) : path_(std::move(path)) {
  std::lock_guard<std::mutex> lock(temporaries_mutex());
  registered().push_back(path_);
}

TemporaryPath::~TemporaryPath() {
  std::lock_guard<std::mutex> lock(temporaries_mutex());
  auto& paths = registered();
  const auto it = std::find(paths.begin(), paths.end(), path_);
  if (it != paths.end()) paths.erase(it);
}

std::mutex& temporaries_mutex() {
  static std::mutex mutex;
  return mutex;
}

void remove_temporaries() noexcept {
  std::error_code ec;
  for (const fs::path& p : registered())
    fs::remove_all(p, ec);
}

void install_interrupt_cleanup() {
  std::signal(SIGXFSZ, SIG_IGN);
  static sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGHUP);
  if (pthread_sigmask(SIG_BLOCK, &signals, nullptr) != 0) return;
  std::thread([] {
    int signal = 0;
    if (sigwait(&signals, &signal) != 0) return;
    temporaries_mutex().lock();  // held until the end: no rename starts after this point
    remove_temporaries();
    std::_Exit(128 + signal);
  }).detach();
}

}  // namespace clusterscope::io
