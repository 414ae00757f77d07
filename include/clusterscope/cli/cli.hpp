#pragma once
// The command line: parses arguments, runs one command, maps every exception to its exit status
// (docs/CLI.md). This is the single place that catches.

#include <iosfwd>
#include <string>
#include <vector>

namespace clusterscope::cli {

/// Runs `clusterscope <command> …`; returns the exit status.
int run(int argc, const char* const* argv);
int run(int argc, char** argv);
/// Same, with explicit streams (for tests).
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace clusterscope::cli
