#pragma once
// Helpers shared by the tests: fixture paths, per-test temporary folders, loading from text.

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/model/network.hpp"
#include "clusterscope/pipeline/report.hpp"
#include "clusterscope/render/scene.hpp"

namespace clusterscope::test {

/// tests/fixtures/<relative>.
std::filesystem::path fixture(const std::string& relative);
/// ../shared/datasets/<relative> (the shared third-party data, read in place).
std::filesystem::path shared_dataset(const std::string& relative);
/// A manifest that names shared data by a relative path ("…/shared/datasets/…", as the ones in
/// docs/manifests do for a checkout beside ../shared), copied into a temporary folder with that
/// path replaced by CLUSTERSCOPE_SHARED_DATASETS, so the tests run wherever the checkout is.
std::filesystem::path shared_manifest(const std::filesystem::path& manifest);
/// The project's own folder (for datasets/ and docs/).
std::filesystem::path project_dir();
/// The bundled example dataset, datasets/vistula-bend.
std::filesystem::path example_dataset();
/// A path in single quotes, for run_cli's shell-quoted arguments.
std::string quote(const std::filesystem::path& path);
/// Number of newline characters in `text` (rows of a table with a header: lines − 1).
std::size_t count_lines(const std::string& text);

/// A seeded planted-partition network (bench/planted_partition.hpp, mixing μ) and the planted
/// community of every stakeholder; written once per parameter set into a temporary folder.
struct Planted {
  Network network;
  std::vector<std::int32_t> truth;
};
Planted planted(double mixing, std::int64_t stakeholders = 1000, std::int64_t ties = 10000,
                std::int64_t communities = 20);

/// A hand-made report for the renderers' tests: every block kind, text with HTML/Markdown special
/// characters and Polish letters, three small charts, and — with `large_figure` — a network figure
/// of 30,000 primitives. The scenes live in the struct, so keep it alive while using `report`.
struct SampleReport {
  std::vector<render::Scene> scenes;
  pipeline::Report report;
};
std::unique_ptr<SampleReport> sample_report(const render::TextMeasure& measure, bool large_figure = false);

/// Runs `command` through the shell; returns its standard output and error together. `status`
/// receives the exit status. When the first word of the command is not on PATH, the test FAILs
/// with "apt-get install -y <package>".
std::string shell(const std::string& command, const std::string& package, int* status = nullptr);
/// Pages of a PDF (pdfinfo) and its text laid out as on the page (pdftotext -layout).
int pdf_pages(const std::filesystem::path& pdf);
std::string pdf_text(const std::filesystem::path& pdf);

/// Every primitive of `scene` lies inside its page (bounds(), strokes included).
void require_unclipped(const render::Scene& scene);
/// Every primitive of `scene` lies inside its page margins.
void require_inside_margins(const render::Scene& scene);
/// The pixel size a PNG file's header gives.
std::pair<int, int> png_header_size(const std::filesystem::path& png);
/// Draws `scene` to <folder>/<stem>.svg, .pdf and .png and checks each file: the SVG parses and
/// carries `title`, the PDF has one page, the PNG has the size png_size gives.
void require_all_formats(const render::Scene& scene, const std::string& title,
                         const std::filesystem::path& folder, const std::string& stem);
/// Compares `actual` with tests/fixtures/render/<name>; CLUSTERSCOPE_UPDATE_GOLDEN=1 rewrites the
/// file instead. On a mismatch the first differing lines are shown with their numbers.
void check_golden(const std::string& name, const std::string& actual);

/// A headless run of Debian's chromium on a local page (fresh profile in `dir`; network closed).
struct BrowserRun {
  int status = -1;
  std::string out;  ///< with --dump-dom: the DOM after load
  std::string err;  ///< chromium's log (--enable-logging=stderr)
};
class TempDir;
BrowserRun run_chromium(const std::filesystem::path& page, const std::string& extra, const TempDir& dir);
/// The lines of chromium's log that report a page problem. Chromium 156 logs every console message
/// — errors, Content-Security-Policy violations, uncaught exceptions — at INFO as
///   [pid:tid:date/time:INFO:CONSOLE:line] "message", source: file:///… (line)
/// with no level of its own, and a CSP violation reads "… violates the following Content Security
/// Policy directive …" (older versions: "Refused to load …"). A page without scripts has no
/// business on the console, so every CONSOLE line counts.
std::vector<std::string> console_problems(const std::string& log);

/// A fresh temporary folder, removed when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
  /// Writes `content` to <dir>/<name> and returns its path.
  std::filesystem::path write(const std::string& name, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

/// Loads `path` with default options; throws InputError on errors.
Network load(const std::filesystem::path& path, Diagnostics& diagnostics);
/// Loads `path` expecting failure; returns the diagnostics of the InputError (fails the test if
/// loading succeeds).
Diagnostics load_failing(const std::filesystem::path& path);
/// True when some error diagnostic has the given line and column and its message contains
/// `needle`.
bool has_error(const Diagnostics& diagnostics, std::size_t line, std::size_t column,
               const std::string& needle);
/// All diagnostics joined with newlines (for failure messages).
std::string dump(const Diagnostics& diagnostics);

/// Runs the built clusterscope binary with `args` (shell-quoted here); returns its exit status
/// and fills `out`/`err`.
int run_cli(const std::string& args, std::string& out, std::string& err);
std::string read_file(const std::filesystem::path& path);

/// What a round trip through a format must keep.
struct SameAs {
  bool names = true;      ///< stakeholder names
  bool fields = true;     ///< canonical fields and extra attributes of stakeholders
  bool tie_dates = true;  ///< tie start/end
  bool tie_attributes = true;
};
/// Checks (with Catch2 REQUIREs) that `b` holds the same stakeholders (same order and ids), the
/// same ties (same order: ids, kind name, weight exactly, dates) and directedness as `a`.
void require_same_network(const Network& a, const Network& b, SameAs what = {});
/// A small network holding every hostile name, every canonical field, extra attributes, several
/// kinds, dates and fractional weights — the input of every round-trip test.
Network hostile_network(bool directed = false);

/// Hostile stakeholder names used in round-trip tests.
const std::vector<std::string>& hostile_names();

}  // namespace clusterscope::test
