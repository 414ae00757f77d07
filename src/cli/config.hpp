#pragma once
// The JSON config file (--config) and the record of every option's effective value and source
// (docs/CLI.md, "Config files"). A config mirrors the command line: top-level keys for the
// command's own options ("input", "output", "seed"), one object per option group ("filters",
// "measures", "communities", "figures"), keys named as the long flags, and the "candidates"
// object of docs/candidates.md. Flags given on the command line win over the config; the config
// wins over defaults.

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>
#include "clusterscope/candidates/candidates.hpp"
#include "clusterscope/recommend/recommend.hpp"

namespace clusterscope::cli {

/// An option group and the config section that holds it ("" = top level).
struct ConfigSection {
  std::string name;
  const boost::program_options::options_description* options = nullptr;
};

/// One option's effective value and where it came from: "default", "config" or "flag".
struct OptionRecord {
  std::string section;
  std::string name;
  nlohmann::ordered_json value;
  std::string source;
};

/// Reads the config file at `path` and stores its values into `values` (which already holds the
/// command line, so flags keep precedence). Unknown sections or keys, values of the wrong JSON
/// type and values an option rejects are InputErrors at the file:line:column of the value. The
/// "candidates" object becomes the candidate settings (an error in it is an InputError at the
/// object). So that one config
/// serves every command, the groups of `other_groups` and the top-level keys of `other_keys`
/// (options of other commands) are skipped, a group's keys still checked against its options.
/// A relative path in the file (input, output, filters.nodes, figures.initial) is read from the
/// config file's folder. The file is read once: the document and the candidate settings are returned.
struct AppliedConfig {
  nlohmann::ordered_json document;
  std::optional<candidates::CandidateConfig> candidates;  ///< the "candidates" object, when present
  std::optional<recommend::RecommendConfig> recommend;    ///< the "recommend" object, when present
};
AppliedConfig apply_config(const std::string& path, const std::vector<ConfigSection>& sections,
                           boost::program_options::variables_map& values,
                           const std::vector<ConfigSection>& other_groups = {},
                           const std::set<std::string>& other_keys = {});

/// True for the options whose value is a path (input, output, nodes, initial).
bool is_path_option(const std::string& name);

/// Every option of `sections` (but help, config and print-config) with its effective value and
/// source. `typed` names the options the user typed; `config` the applied document (or null).
std::vector<OptionRecord> option_records(const std::vector<ConfigSection>& sections,
                                         const boost::program_options::variables_map& values,
                                         const std::set<std::string>& typed,
                                         const nlohmann::ordered_json& config);

/// The records as a config document (sections as objects, values only) — what --print-config
/// prints and what a later --config reads back to the same run.
nlohmann::ordered_json config_document(const std::vector<OptionRecord>& records);

/// The records for the manifest: {"section": {"name": {"value": …, "source": …}}}.
nlohmann::ordered_json option_sources(const std::vector<OptionRecord>& records);

}  // namespace clusterscope::cli
