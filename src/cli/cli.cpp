#include "clusterscope/cli/cli.hpp"

#include <algorithm>
#include <boost/program_options.hpp>
#include <cmath>
#include <filesystem>
#include <functional>
#include <iostream>
#include <limits>
#include <set>
#include <sstream>

#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/graph/graph.hpp"
#include "clusterscope/io/csv.hpp"
#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/json_locate.hpp"
#include "clusterscope/io/load.hpp"
#include "clusterscope/io/output_guard.hpp"
#include "clusterscope/io/text.hpp"
#include "clusterscope/layout/layout.hpp"
#include "clusterscope/metrics/metrics.hpp"
#include "clusterscope/render/scene.hpp"
#include "commands.hpp"
#include "config.hpp"
#include "help.hpp"
#include "support.hpp"

namespace clusterscope::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

using Command = int (*)(const std::vector<std::string>&, std::ostream&, std::ostream&);

/// The commands by name, in the order the usage lists them.
const std::vector<std::pair<std::string, Command>>& commands() {
  static const std::vector<std::pair<std::string, Command>> all = {
      {"validate", cmd_validate},       {"convert", cmd_convert},       {"metrics", cmd_metrics},
      {"communities", cmd_communities}, {"candidates", cmd_candidates}, {"render", cmd_render},
      {"recommend", cmd_recommend},     {"visits", cmd_visits},         {"analyze", cmd_analyze},
      {"compare", cmd_compare}};
  return all;
}

Command find_command(const std::string& name) {
  for (const auto& [command, function] : commands())
    if (command == name) return function;
  return nullptr;
}

constexpr const char* kCommandList =
    "validate, convert, metrics, communities, candidates, render, recommend, visits, analyze or compare";

/// After a usage error: where the command's own help is (the general one for no or an unknown command).
std::string help_hint(const std::vector<std::string>& args) {
  if (!args.empty() && find_command(args.front()) != nullptr)
    return "(run 'clusterscope help " + args.front() + "')";
  return "(run 'clusterscope --help')";
}

}  // namespace

namespace {

/// igraph's warnings, collected by the graph module while a command ran, each once with how many
/// times it came (a warning of one algorithm repeats over the ensemble's runs).
void report_igraph_warnings(std::ostream& err) {
  std::vector<std::pair<std::string, std::size_t>> seen;
  for (std::string& warning : graph::take_warnings()) {
    const auto it = std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return s.first == warning; });
    if (it == seen.end()) {
      seen.emplace_back(std::move(warning), 1);
    } else {
      ++it->second;
    }
  }
  for (const auto& [warning, count] : seen)
    err << "clusterscope: warning: igraph: " << warning
        << (count > 1 ? " (" + std::to_string(count) + " times)" : "") << '\n';
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  try {
    if (args.empty()) {
      err << kUsage;
      return static_cast<int>(ExitCode::usage);
    }
    const std::string& command = args.front();
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "help" && !rest.empty()) {
      // clusterscope help <command>: the command's own help, as <command> --help prints it.
      const Command function = find_command(rest.front());
      if (function == nullptr || rest.size() > 1)
        throw UsageError(rest.size() > 1
                             ? "help: one command expected, got '" + rest[1] + "' too"
                             : "help: unknown command '" + rest.front() + "'; expected " + kCommandList);
      return function({"--help"}, out, err);
    }
    if (command == "--help" || command == "-h" || command == "help") {
      out << kUsage;
      return 0;
    }
    if (command == "--version") {
      out << "clusterscope " << CLUSTERSCOPE_VERSION << '\n';
      return 0;
    }
    if (const Command function = find_command(command); function != nullptr) {
      const int status = function(rest, out, err);
      report_igraph_warnings(err);
      return status;
    }
    throw UsageError("unknown command '" + command + "'; expected " + kCommandList);
  } catch (const InputError& e) {
    std::size_t listed = 0;
    print_diagnostics(e.diagnostics(), err);
    for (const Diagnostic& d : e.diagnostics()) {
      if (d.severity == Severity::error) listed += 1 + d.more;
    }
    err << "clusterscope: " << listed << (listed == 1 ? " error" : " errors")
        << " in the input; nothing written\n";
    return static_cast<int>(ExitCode::input_data);
  } catch (const po::error& e) {
    err << "clusterscope: error: " << e.what() << '\n' << help_hint(args) << '\n';
    return static_cast<int>(ExitCode::usage);
  } catch (const UsageError& e) {
    err << "clusterscope: error: " << e.what() << '\n' << help_hint(args) << '\n';
    return static_cast<int>(ExitCode::usage);
  } catch (const OutputError& e) {
    err << "clusterscope: error: " << e.what() << '\n';
    return static_cast<int>(ExitCode::output);
  } catch (const std::exception& e) {
    err << "clusterscope: internal error: " << e.what() << '\n';
    return static_cast<int>(ExitCode::internal);
  }
}

int run(int argc, const char* const* argv) {
  io::install_interrupt_cleanup();  // temporaries removed on SIGINT/SIGTERM; no death by SIGXFSZ
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i)
    args.emplace_back(argv[i]);
  return run(args, std::cout, std::cerr);
}

int run(int argc, char** argv) {
  return run(argc, const_cast<const char* const*>(argv));
}

}  // namespace clusterscope::cli
