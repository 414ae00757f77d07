#pragma once
// The help text (docs/CLI.md has the same in full): the general usage, and each command's --help —
// what it does, its options, the exit statuses and examples.

#include <boost/program_options.hpp>
#include <ostream>
#include <string>

namespace clusterscope::cli {

/// `clusterscope` with no command, --help or help: the commands and the conventions.
extern const char* const kUsage;

/// A command's --help: `usage_line`, its description, the options of `visible`, the exit
/// statuses and its examples.
void print_help(std::ostream& out, const std::string& usage_line,
                const boost::program_options::options_description& visible);

}  // namespace clusterscope::cli
