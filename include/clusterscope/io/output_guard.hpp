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

/// How write_checked_folder moves a file or folder (std::filesystem::rename when empty). Tests pass
/// one that fails at a chosen step, to see that the previous output survives.
using RenameStep = std::function<void(const std::filesystem::path& from, const std::filesystem::path& to)>;

/// Writes analyze's folder after check_output(), all or nothing:
/// 1. every file goes into a temporary sibling folder ".<name>.tmp-N" (`more` adds the rest there);
/// 2. the previous output, if any (check_output() accepted it as clusterscope's), is renamed aside
///    to ".<name>.old-N", and the temporary renamed to the target; when that second rename fails
///    the previous output is renamed back, so the target holds the old output or the new one,
///    never a mix and never nothing;
/// 3. only then is the old folder removed.
/// A failure at any step removes the temporary and the folders created for the target, leaves the
/// previous output as it was and throws (an OutputError for file-system errors). The renames run
/// under temporaries_mutex(), so SIGINT/SIGTERM/SIGHUP wait until the target is consistent.
/// The current folder ("-o ." or its path) cannot be renamed: there the temporary is a hidden
/// ".clusterscope.tmp-N" inside it, the old entries are moved into a hidden ".clusterscope.old-N"
/// beside it, the new entries moved in, and a failed move undoes every move before it. That keeps
/// the guarantee for every error clusterscope sees and for those signals; unlike a folder rename it
/// is not one step for other processes reading the folder meanwhile, nor after a crash or power
/// loss halfway, which can leave both sets of entries (the old ones inside ".clusterscope.old-N").
void write_checked_folder(const OutputRequest& request,
                          const std::vector<std::pair<std::string, std::string>>& files,
                          const std::function<void(const std::filesystem::path&)>& more = {},
                          const RenameStep& rename = {});

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
