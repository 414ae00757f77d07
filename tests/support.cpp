#include "support.hpp"

#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include "clusterscope/io/load.hpp"

namespace clusterscope::test {

namespace fs = std::filesystem;

fs::path fixture(const std::string& relative) {
  return fs::path(CLUSTERSCOPE_FIXTURES) / relative;
}

fs::path shared_dataset(const std::string& relative) {
  const fs::path path = fs::path(CLUSTERSCOPE_SHARED_DATASETS) / relative;
  if (!fs::exists(path)) FAIL("shared dataset missing: " << path << " (set CLUSTERSCOPE_SHARED_DATASETS)");
  return path;
}

fs::path project_dir() {
  return fs::path(CLUSTERSCOPE_PROJECT_DIR);
}

TempDir::TempDir() {
  std::random_device device;
  path_ = fs::temp_directory_path() /
          ("clusterscope-test-" + std::to_string(device()) + std::to_string(device()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

fs::path TempDir::write(const std::string& name, const std::string& content) const {
  const fs::path p = path_ / name;
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
  return p;
}

Network load(const fs::path& path, Diagnostics& diagnostics) {
  return io::load_network(path, io::LoadOptions{}, diagnostics);
}

Diagnostics load_failing(const fs::path& path) {
  Diagnostics diagnostics;
  try {
    io::load_network(path, io::LoadOptions{}, diagnostics);
  } catch (const InputError& e) {
    Diagnostics out;
    for (const Diagnostic& d : e.diagnostics())
      out.add(d);
    return out;
  }
  FAIL("expected loading " << path << " to fail, but it succeeded");
  return diagnostics;
}

bool has_error(const Diagnostics& diagnostics, std::size_t line, std::size_t column,
               const std::string& needle) {
  for (const Diagnostic& d : diagnostics.entries()) {
    if (d.severity == Severity::error && d.where.line == line && d.where.column == column &&
        d.message.find(needle) != std::string::npos)
      return true;
  }
  return false;
}

std::string dump(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics.entries())
    out += format_diagnostic(d) + "\n";
  return out;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int run_cli(const std::string& args, std::string& out, std::string& err) {
  TempDir dir;
  const std::string command = std::string("'") + CLUSTERSCOPE_BINARY + "' " + args + " >'" +
                              (dir.path() / "out").string() + "' 2>'" + (dir.path() / "err").string() + "'";
  const int status = std::system(command.c_str());
  out = read_file(dir.path() / "out");
  err = read_file(dir.path() / "err");
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

const std::vector<std::string>& hostile_names() {
  static const std::vector<std::string> names = {
      "Toruńska Agencja Rozwoju Regionalnego S.A., Toruń",
      "Örebro universitet",
      "Firma \"Meble\" Sp. z o.o.",
      "Line one\nline two",
      "Ελληνικό Ινστιτούτο Έρευνας",
      "東京大学",
      "Заводы, «Урал»",
      "<b>Tags & 'quotes'</b>",
      "  leading and trailing blanks  ",
      "Tab\there; semi;colon",
  };
  return names;
}

}  // namespace clusterscope::test
