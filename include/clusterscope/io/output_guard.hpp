#pragma once
// What clusterscope may write, and what it never touches (docs/CLI.md, "What clusterscope writes").
// clusterscope writes only the path it was given; it replaces an existing path only when that
// path is a previous clusterscope output of the same kind (or with --force); it never writes
// into, over or above its input; and every write is all-or-nothing, also on signals.

#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace clusterscope::io {

/// What a command is about to write at its -o path.
enum class OutputKind {
  file,    ///< one file (convert, metrics, communities, render)
  folder,  ///< analyze's folder, replaced as a whole
  files,   ///< a folder that receives named files (candidates): other files in it stay
};

/// A request to write `target`, checked against what is there and what was read.
struct OutputRequest {
  std::filesystem::path target;  ///< as normalised by output_path()
  OutputKind kind = OutputKind::file;
  std::vector<std::filesystem::path> inputs;  ///< every file and folder the command reads
  bool force = false;                         ///< --force: replace what is not recognised
};

/// The -o text as a path: trailing separators dropped ("out/" is the folder "out"); a file kind
/// whose text names a folder ("x/", ".", "..") is a UsageError.
std::filesystem::path output_path(const std::string& text, OutputKind kind);

/// The inputs of a command for containment checks: the input itself, and, for a dataset folder or
/// its dataset.json, the folder (which holds the files the manifest names).
std::vector<std::filesystem::path> input_paths(const std::string& input);

/// Throws OutputError (exit 4) unless `request.target` may be written: it must not be an input,
/// lie inside an input folder or hold an input; an existing path must be of the right kind (a
/// regular file for files, a folder for folders) and, unless `force`, a previous clusterscope
/// output (a folder: empty, or an analyze folder whose manifest.json lists every file in it).
/// For files, recognition needs `content`, the bytes about to be written (see is_own_file());
/// with no content, only the other checks run (a check before the work starts).
void check_output(const OutputRequest& request, std::string_view content = {});

/// True when the existing file at `path` is one clusterscope wrote in the format `content` is in:
/// the creator mark of GraphML, GEXF, GML, Pajek, SVG, PDF and PNG files, or, for CSV, Markdown
/// and JSON, which carry none, the same first line (JSON: first two lines) as `content`.
bool is_own_file(const std::filesystem::path& path, std::string_view content);

/// Writes one file after check_output(): atomically, through a temporary beside it.
void write_checked_file(const OutputRequest& request, std::string_view content);

/// Writes several files after check_output() as one all-or-nothing step: every file goes to a
/// temporary name first and all are renamed into place only when all were written.
void write_checked_files(const std::vector<OutputRequest>& requests,
                         const std::vector<std::string>& contents);

/// Writes analyze's folder after check_output(): every file into a temporary folder beside the
/// target (`more` adds the rest there), then the temporary renamed into place, replacing the old
/// folder in one step. The current folder cannot be renamed: there the old output's files are
/// removed and the new ones moved in. Folders created for the target are removed on failure.
void write_checked_folder(const OutputRequest& request,
                          const std::vector<std::pair<std::string, std::string>>& files,
                          const std::function<void(const std::filesystem::path&)>& more = {});

/// A name from data (a dataset's name) as one safe path component: no separators, no control
/// characters, not "." or "..", not starting with '.', at most 100 bytes (whole UTF-8 sequences);
/// "dataset" when nothing is left.
std::string safe_component(std::string_view name);

/// Temporaries in progress, removed when the process is interrupted (SIGINT, SIGTERM, SIGHUP).
/// A write registers its temporary while it exists; the final rename happens under the lock so
/// an interruption never removes a finished output.
class TemporaryPath {
 public:
  explicit TemporaryPath(std::filesystem::path path);
  ~TemporaryPath();
  TemporaryPath(const TemporaryPath&) = delete;
  TemporaryPath& operator=(const TemporaryPath&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::filesystem::path path_;
};

/// The lock held while temporaries are renamed into place or removed.
std::mutex& temporaries_mutex();

/// Removes every registered temporary (the caller holds temporaries_mutex()). Used on signals.
void remove_temporaries() noexcept;

/// Blocks SIGINT, SIGTERM and SIGHUP in every thread and starts a thread that waits for them,
/// removes the temporaries and ends the process with status 128 + signal; ignores SIGXFSZ, so a
/// write past a file-size limit (ulimit -f) fails as an output error instead of killing the
/// process. Call once, before any other thread starts.
void install_interrupt_cleanup();

}  // namespace clusterscope::io
