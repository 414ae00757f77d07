#include "config.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <set>

#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/io/json_locate.hpp"
#include "clusterscope/io/text.hpp"

namespace clusterscope::cli {

namespace po = boost::program_options;
using Json = nlohmann::ordered_json;

namespace {

/// Options that steer the command itself and never belong in a config.
bool command_only(const std::string& name) {
  return name == "help" || name == "config" || name == "print-config";
}

std::string known_keys(const ConfigSection& section, const std::vector<ConfigSection>& all) {
  std::string known;
  const auto add = [&](const std::string& key) { known += (known.empty() ? "" : ", ") + key; };
  for (const auto& option : section.options->options())
    if (!command_only(option->long_name())) add(option->long_name());
  if (section.name.empty()) {
    for (const ConfigSection& s : all)
      if (!s.name.empty()) add(s.name);
    add("candidates");
    add("recommend");
  }
  return known;
}

/// The tokens a command line would hold for this value.
std::vector<std::string> tokens_of(const Json& value, bool is_switch, bool multiple, const std::string& key,
                                   const Location& at) {
  const auto scalar = [&](const Json& v) -> std::string {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_unsigned()) return std::to_string(v.get<std::uint64_t>());
    if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
    if (v.is_number()) return io::format_number(v.get<double>());
    throw InputError(at, key + ": expected a string or a number, got " + io::json_type_name(v));
  };
  if (is_switch) {
    if (!value.is_boolean())
      throw InputError(at, key + ": expected true or false, got " + io::json_type_name(value));
    return {};
  }
  if (value.is_array()) {
    if (!multiple) throw InputError(at, key + ": expected a single value, got an array");
    std::vector<std::string> out;
    for (const Json& item : value)
      out.push_back(scalar(item));
    return out;
  }
  return {scalar(value)};
}

Json any_to_json(const boost::any& value) {
  if (value.empty()) return nullptr;
  if (const auto* s = boost::any_cast<std::string>(&value)) return *s;
  if (const auto* b = boost::any_cast<bool>(&value)) return *b;
  if (const auto* i = boost::any_cast<std::int32_t>(&value)) return *i;
  if (const auto* u = boost::any_cast<unsigned>(&value)) return *u;
  if (const auto* l = boost::any_cast<std::uint64_t>(&value)) return *l;
  if (const auto* l = boost::any_cast<std::int64_t>(&value)) return *l;
  if (const auto* d = boost::any_cast<double>(&value)) return *d;
  if (const auto* v = boost::any_cast<std::vector<std::string>>(&value)) return *v;
  return nullptr;
}

}  // namespace

bool is_path_option(const std::string& name) {
  return name == "input" || name == "output" || name == "nodes" || name == "initial" || name == "referrals";
}

AppliedConfig apply_config(const std::string& path, const std::vector<ConfigSection>& sections,
                           po::variables_map& values, const std::vector<ConfigSection>& other_groups,
                           const std::set<std::string>& other_keys) {
  Diagnostics diagnostics;
  const io::SourceText source = io::read_source(path, diagnostics);
  std::optional<Json> parsed;
  if (!diagnostics.has_errors()) parsed = io::parse_json(source, diagnostics);
  // A repeated key would silently keep the last value: an error at the repeat, like any other.
  if (parsed) io::check_duplicate_keys(source, diagnostics);
  if (!parsed || diagnostics.has_errors()) throw InputError(diagnostics.entries());
  const Json& root = *parsed;
  io::JsonLocator locator(source.bytes);
  const auto where = [&](const io::JsonPath& p) { return locator.location(source, p); };
  if (!root.is_object())
    throw InputError(where({}),
                     std::string("a config file holds a JSON object, got ") + io::json_type_name(root));

  const ConfigSection* top = nullptr;
  for (const ConfigSection& s : sections)
    if (s.name.empty()) top = &s;

  const auto store = [&](const ConfigSection& section, const std::string& key, const Json& value,
                         const io::JsonPath& at, bool check_only) {
    const po::option_description* option = section.options->find_nothrow(key, false, false, false);
    const std::string shown = section.name.empty() ? key : section.name + "." + key;
    if (option == nullptr || command_only(key)) {
      throw InputError(where(at),
                       "unknown key '" + shown + "' (known " +
                           (section.name.empty() ? std::string("top-level keys") : section.name + " keys") +
                           ": " + known_keys(section, sections) + ")");
    }
    const bool is_switch = option->semantic()->max_tokens() == 0;
    const bool multiple = option->semantic()->max_tokens() > 1 || option->semantic()->is_composing();
    std::vector<std::string> tokens = tokens_of(value, is_switch, multiple, shown, where(at));
    if (check_only) return;  // another command's group: checked, not used here
    // A path in the file is read from the file's folder, as a relative link in a document is;
    // absolute paths and "-" (standard input or output) stay as they are.
    if (is_path_option(key))
      for (std::string& token : tokens)
        if (!token.empty() && token != "-" && std::filesystem::path(token).is_relative())
          token = (std::filesystem::path(path).parent_path() / token).string();
    if (is_switch && !value.get<bool>()) return;                     // false: as if the flag was not given
    if (values.count(key) != 0 && !values[key].defaulted()) return;  // the command line wins
    po::parsed_options one(section.options);
    po::option o(key, tokens);
    o.original_tokens = tokens;
    one.options.push_back(o);
    try {
      po::store(one, values);
    } catch (const po::error& e) {
      // A value the option rejects is the same usage error as on the command line (exit 2), at
      // the value's place in the file.
      const Location l = where(at);
      throw UsageError(l.file + ":" + std::to_string(l.line) + ":" + std::to_string(l.column) + ": " + shown +
                       ": " + e.what());
    }
  };

  AppliedConfig applied;
  for (const auto& [key, value] : root.items()) {
    if (key == "recommend") {
      try {
        applied.recommend = recommend::recommend_config_from_json(nlohmann::json::parse(value.dump()));
      } catch (const std::invalid_argument& e) {
        throw InputError(where({key}), e.what());
      }
      continue;
    }
    if (key == "candidates") {
      try {
        applied.candidates = candidates::candidate_config_from_json(nlohmann::json::parse(value.dump()));
      } catch (const std::invalid_argument& e) {
        throw InputError(where({key}), e.what());
      }
      continue;
    }
    const auto section = std::find_if(sections.begin(), sections.end(), [&](const ConfigSection& s) {
      return !s.name.empty() && s.name == key;
    });
    if (section != sections.end()) {
      if (!value.is_object()) {
        throw InputError(where({key}), key + ": expected an object of options, got " +
                                           std::string(io::json_type_name(value)));
      }
      for (const auto& [name, inner] : value.items())
        store(*section, name, inner, {key, name}, false);
      continue;
    }
    const auto other = std::find_if(other_groups.begin(), other_groups.end(),
                                    [&](const ConfigSection& s) { return s.name == key; });
    if (other != other_groups.end()) {
      if (!value.is_object()) {
        throw InputError(where({key}), key + ": expected an object of options, got " +
                                           std::string(io::json_type_name(value)));
      }
      for (const auto& [name, inner] : value.items())
        store(*other, name, inner, {key, name}, true);
      continue;
    }
    if (top == nullptr) throw InputError(where({key}), "unknown key '" + key + "'");
    if (other_keys.count(key) != 0 && top->options->find_nothrow(key, false, false, false) == nullptr)
      continue;  // an option of another command
    store(*top, key, value, {key}, false);
  }
  applied.document = root;
  return applied;
}

std::vector<OptionRecord> option_records(const std::vector<ConfigSection>& sections,
                                         const po::variables_map& values, const std::set<std::string>& typed,
                                         const Json& config) {
  std::vector<OptionRecord> records;
  for (const ConfigSection& section : sections) {
    for (const auto& option : section.options->options()) {
      const std::string& name = option->long_name();
      if (command_only(name)) continue;
      OptionRecord r;
      r.section = section.name;
      r.name = name;
      const auto it = values.find(name);
      r.value = it == values.end() ? Json(nullptr) : any_to_json(it->second.value());
      const bool in_config =
          config.is_object() &&
          (section.name.empty() ? config.contains(name)
                                : config.contains(section.name) && config[section.name].is_object() &&
                                      config[section.name].contains(name));
      r.source = typed.count(name) != 0 ? "flag" : in_config ? "config" : "default";
      records.push_back(std::move(r));
    }
  }
  return records;
}

Json config_document(const std::vector<OptionRecord>& records) {
  Json out = Json::object();
  for (const OptionRecord& r : records) {
    if (r.value.is_null()) continue;  // not set and no default: leave it out
    if (r.section.empty()) {
      out[r.name] = r.value;
    } else {
      out[r.section][r.name] = r.value;
    }
  }
  return out;
}

Json option_sources(const std::vector<OptionRecord>& records) {
  Json out = Json::object();
  for (const OptionRecord& r : records) {
    Json entry = {{"value", r.value}, {"source", r.source}};
    if (r.section.empty()) {
      out[r.name] = entry;
    } else {
      out[r.section][r.name] = entry;
    }
  }
  return out;
}

}  // namespace clusterscope::cli
