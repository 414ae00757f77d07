#pragma once
// The commands (docs/CLI.md): each parses its arguments, does its work and returns the exit
// status; errors are thrown and mapped to exit statuses by run() (cli.cpp).

#include <ostream>
#include <string>
#include <vector>

namespace clusterscope::cli {

int cmd_validate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_convert(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_metrics(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_communities(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_candidates(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_render(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_recommend(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_visits(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_analyze(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_compare(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace clusterscope::cli
