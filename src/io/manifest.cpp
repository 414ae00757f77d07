// dataset.json manifests (docs/DATA_FORMATS.md, "Manifest"). Every problem in the manifest is
// reported at its line and column in dataset.json; every problem in a data file at its own.

#include "clusterscope/io/manifest.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <variant>

#include "clusterscope/io/csv.hpp"
#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/json_locate.hpp"
#include "clusterscope/io/text.hpp"

namespace clusterscope::io {

namespace {

using Json = nlohmann::ordered_json;
using Path = std::vector<JsonPathStep>;

/// The manifest being read: its text (for positions), parsed JSON and folder.
struct Manifest {
  SourceText source;
  Json json;
  std::filesystem::path folder;
  Diagnostics* diagnostics = nullptr;
  std::vector<std::string>* input_files = nullptr;  ///< every file read, for the run manifest
  std::uint64_t max_input_bytes = kDefaultMaxInputBytes;
  NetworkBuilder* builder = nullptr;  ///< for the CSV settings (delimiter, decimal, missing)

  [[nodiscard]] Location at(const Path& path) const {
    const auto offset = json_value_offset(source.bytes, path);
    return offset ? location_of(source, *offset) : Location{source.name, 0, 0};
  }
  void error(const Path& path, const std::string& message) const { diagnostics->error(at(path), message); }
  void warning(const Path& path, const std::string& message) const {
    diagnostics->warning(at(path), message);
  }
};

Path operator/(Path path, JsonPathStep step) {
  path.push_back(std::move(step));
  return path;
}

/// Reads an optional string member; reports a value of another type.
std::string string_member(const Manifest& m, const Json& object, const Path& path, const std::string& key,
                          const std::string& fallback = {}) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return fallback;
  if (!it->is_string()) {
    m.error(path / key, "\"" + key + "\" is " + json_type_name(*it) + "; expected a string");
    return fallback;
  }
  return it->get<std::string>();
}

bool bool_member(const Manifest& m, const Json& object, const Path& path, const std::string& key,
                 bool fallback) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return fallback;
  if (!it->is_boolean()) {
    m.error(path / key, "\"" + key + "\" is " + json_type_name(*it) + "; expected true or false");
    return fallback;
  }
  return it->get<bool>();
}

/// A string or an array of strings, as a list.
std::vector<std::string> string_list(const Manifest& m, const Json& value, const Path& path) {
  std::vector<std::string> out;
  if (value.is_string()) {
    out.push_back(value.get<std::string>());
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (value[i].is_string()) {
        out.push_back(value[i].get<std::string>());
      } else {
        m.error(path / i, std::string("value is ") + json_type_name(value[i]) + "; expected a string");
      }
    }
  } else if (!value.is_null()) {
    m.error(path,
            std::string("value is ") + json_type_name(value) + "; expected a string or an array of strings");
  }
  return out;
}

void check_keys(const Manifest& m, const Json& object, const Path& path,
                std::initializer_list<const char*> known) {
  for (const auto& item : object.items()) {
    if (std::none_of(known.begin(), known.end(), [&](const char* k) { return item.key() == k; })) {
      std::string list;
      for (const char* k : known)
        list += (list.empty() ? "" : ", ") + std::string(k);
      m.warning(path / item.key(), "unknown key \"" + item.key() + "\" ignored; expected one of " + list);
    }
  }
}

/// Objects given either as one object or as an array of objects.
std::vector<std::pair<const Json*, Path>> objects(const Manifest& m, const std::string& key) {
  std::vector<std::pair<const Json*, Path>> out;
  const auto it = m.json.find(key);
  if (it == m.json.end() || it->is_null()) return out;
  if (it->is_object()) {
    out.emplace_back(&*it, Path{key});
  } else if (it->is_array()) {
    for (std::size_t i = 0; i < it->size(); ++i) {
      if ((*it)[i].is_object()) {
        out.emplace_back(&(*it)[i], Path{key, i});
      } else {
        m.error(Path{key, i},
                std::string("entry is ") + json_type_name((*it)[i]) + "; expected an object with \"file\"");
      }
    }
  } else {
    m.error(Path{key},
            "\"" + key + "\" is " + json_type_name(*it) + "; expected an object or an array of objects");
  }
  return out;
}

/// A CSV table named by a manifest entry, with its column mapping, value mapping and row filter.
class Table {
 public:
  Table(const Manifest& m, const Json& entry, const Path& path, std::vector<std::string> canonical)
      : m_(m), path_(path), canonical_(std::move(canonical)) {
    const std::string file = string_member(m, entry, path, "file");
    if (file.empty()) {
      m.error(path, "missing \"file\"; expected the data file's name, relative to dataset.json");
      return;
    }
    const CsvSettings& settings = m.builder->csv_settings();
    const std::string delimiter = string_member(m, entry, path, "delimiter");
    if (delimiter.size() > 1 && delimiter != "tab")
      m.error(path / "delimiter", "expected a single-character delimiter such as \",\" or \";\", or \"tab\"");
    const std::string decimal = string_member(m, entry, path, "decimal");
    if (!decimal.empty() && decimal != "." && decimal != ",")
      m.error(path / "decimal", "unknown decimal separator '" + decimal + "'; expected \".\" or \",\"");
    missing_ = settings.missing;
    if (entry.contains("missing")) missing_ = string_list(m, entry["missing"], path / "missing");
    date_layout_ = string_member(m, entry, path, "date_format", "YYYY-MM-DD");
    if (!is_known_date_layout(date_layout_)) {
      m.error(path / "date_format", "unknown date format '" + date_layout_ +
                                        "'; expected YYYY-MM-DD, DD/MM/YYYY, DD.MM.YYYY or MM/DD/YYYY");
    }
    source_ = read_source(m.folder / file, *m.diagnostics, m.max_input_bytes);
    if (m.input_files != nullptr) m.input_files->push_back((m.folder / file).string());
    if (source_.bytes.empty()) return;
    delimiter_ = delimiter == "tab"        ? '\t'
                 : !delimiter.empty()      ? delimiter.front()
                 : settings.delimiter != 0 ? settings.delimiter
                                           : detect_delimiter(source_.bytes);
    decimal_ = !decimal.empty()        ? decimal.front()
               : settings.decimal != 0 ? settings.decimal
               : delimiter_ == ','     ? '.'
                                       : ',';
    if (delimiter_ != ',' || decimal_ != '.') {
      m.diagnostics->note(
          Location{source_.name, 1, 0},
          "read with " + delimiter_name(delimiter_) + " as the delimiter" +
              (delimiter.empty() && settings.delimiter == 0 ? " (detected from the header)" : "") + " and '" +
              decimal_ + "' as the decimal separator");
    }
    m.builder->set_decimal(decimal_);
    reader_.emplace(source_, *m.diagnostics, delimiter_);
    if (!reader_->next(row_) || !reader_->row_ok()) {
      reader_.reset();
      return;
    }
    for (std::size_t i = 0; i < row_.size; ++i) {
      header_.emplace_back(trim(row_[i].text));
      header_index_.try_emplace(header_.back(), i);  // of repeated names, the first
    }
    reader_->treat_as_missing(&missing_);
    map_columns(entry);
    map_values(entry);
    map_where(entry);
    std::vector<bool> numeric(header_.size());
    for (const char* field : {"weight", "lat", "lon", "employees"}) {
      const std::ptrdiff_t c = column(field);
      if (c >= 0) numeric[static_cast<std::size_t>(c)] = true;
    }
    reader_->set_numeric_columns(std::move(numeric));
  }

  [[nodiscard]] bool ok() const { return reader_.has_value() && !failed_; }
  [[nodiscard]] const std::string& date_layout() const { return date_layout_; }

  /// Next data row that passes the width check and the "where" filter.
  bool next() {
    while (reader_->next(row_)) {
      if (!reader_->row_ok()) continue;
      if (row_.size != header_.size()) {
        const CsvField& f = row_[std::min(row_.size, header_.size()) - (row_.size > header_.size() ? 0 : 1)];
        m_.diagnostics->error(reader_->where(f.line, f.column),
                              "row has " + std::to_string(row_.size) + " fields; expected " +
                                  std::to_string(header_.size()) + " as in the header");
        continue;
      }
      const bool keep = std::all_of(where_.begin(), where_.end(), [&](const auto& rule) {
        return rule.second.count(std::string(trim(row_[rule.first].text))) > 0;
      });
      if (keep) return true;
    }
    reader_->report_missing(header_);
    m_.builder->set_decimal('.');
    return false;
  }

  /// Index of the column mapped to canonical `field`, or -1.
  [[nodiscard]] std::ptrdiff_t column(const std::string& field) const {
    const auto it = mapped_.find(field);
    return it == mapped_.end() ? -1 : static_cast<std::ptrdiff_t>(it->second);
  }
  [[nodiscard]] bool has(const std::string& field) const { return column(field) >= 0; }
  /// The value of canonical `field` in the current row, after value mapping ("" when unmapped).
  [[nodiscard]] std::string value(const std::string& field) const {
    const std::ptrdiff_t c = column(field);
    if (c < 0) return {};
    std::string text = row_[static_cast<std::size_t>(c)].text;
    const auto mapping = values_.find(field);
    if (mapping != values_.end()) {
      const auto it = mapping->second.find(std::string(trim(text)));
      if (it != mapping->second.end()) text = it->second;
    }
    return text;
  }
  /// The text of an extra (unmapped) column `name` at `index`, after value mapping.
  [[nodiscard]] std::string extra_value(const std::string& name, std::size_t index) const {
    const std::string& text = row_[index].text;
    const auto mapping = values_.find(name);
    if (mapping != values_.end()) {
      const auto it = mapping->second.find(std::string(trim(text)));
      if (it != mapping->second.end()) return it->second;
    }
    return text;
  }
  [[nodiscard]] Location at(const std::string& field) const {
    const std::ptrdiff_t c = column(field);
    const CsvField& f = row_[c < 0 ? 0 : static_cast<std::size_t>(c)];
    return reader_->where(f.line, f.column);
  }
  [[nodiscard]] Location row_at() const { return reader_->where(row_.line, 1); }
  /// Columns that are not mapped to a canonical field, as (header name, index).
  [[nodiscard]] const std::vector<std::pair<std::string, std::size_t>>& extra() const { return extra_; }
  [[nodiscard]] const CsvField& field(std::size_t index) const { return row_[index]; }
  [[nodiscard]] Location where(const CsvField& f) const { return reader_->where(f.line, f.column); }

 private:
  std::ptrdiff_t header_index(const std::string& name) const {
    const auto it = header_index_.find(name);
    return it == header_index_.end() ? -1 : static_cast<std::ptrdiff_t>(it->second);
  }

  void map_columns(const Json& entry) {
    const auto columns = entry.find("columns");
    std::set<std::size_t> used;
    if (columns != entry.end() && !columns->is_null()) {
      if (!columns->is_object()) {
        m_.error(path_ / "columns", "\"columns\" is " + std::string(json_type_name(*columns)) +
                                        "; expected an object mapping fields to column names");
        failed_ = true;
        return;
      }
      for (const auto& item : columns->items()) {
        if (std::find(canonical_.begin(), canonical_.end(), item.key()) == canonical_.end()) {
          std::string list;
          for (const auto& c : canonical_)
            list += (list.empty() ? "" : ", ") + c;
          m_.error(path_ / "columns" / item.key(),
                   "unknown field \"" + item.key() + "\"; expected one of " + list);
          continue;
        }
        if (!item.value().is_string()) {
          m_.error(path_ / "columns" / item.key(), "expected the name of a column as a string");
          continue;
        }
        const std::string name = item.value().get<std::string>();
        const std::ptrdiff_t index = header_index(name);
        if (index < 0) {
          m_.error(path_ / "columns" / item.key(), "column '" + name + "' is not in the header of " +
                                                       source_.name + "; expected one of its columns");
          failed_ = true;
          continue;
        }
        mapped_[item.key()] = static_cast<std::size_t>(index);
        used.insert(static_cast<std::size_t>(index));
      }
    }
    // Columns already named as a canonical field map to it unless that field is mapped elsewhere.
    for (std::size_t i = 0; i < header_.size(); ++i) {
      if (used.count(i) > 0) continue;
      if (std::find(canonical_.begin(), canonical_.end(), header_[i]) != canonical_.end() &&
          mapped_.count(header_[i]) == 0) {
        mapped_[header_[i]] = i;
        used.insert(i);
      }
    }
    const auto attributes = entry.find("attributes");
    std::unordered_set<std::string> keep;
    const bool restrict = attributes != entry.end() && !attributes->is_null();
    if (restrict) {
      for (std::string& name : string_list(m_, *attributes, path_ / "attributes")) {
        if (header_index(name) < 0)
          m_.error(path_ / "attributes", "column '" + name + "' is not in the header");
        keep.insert(std::move(name));
      }
    }
    for (std::size_t i = 0; i < header_.size(); ++i) {
      if (used.count(i) > 0) continue;
      if (restrict && keep.count(header_[i]) == 0) continue;
      extra_.emplace_back(header_[i], i);
    }
  }

  void map_values(const Json& entry) {
    const auto values = entry.find("values");
    if (values == entry.end() || values->is_null()) return;
    if (!values->is_object()) {
      m_.error(path_ / "values", "expected an object: field → {source value → value}");
      return;
    }
    for (const auto& item : values->items()) {
      if (!item.value().is_object()) {
        m_.error(path_ / "values" / item.key(), "expected an object mapping source values to values");
        continue;
      }
      for (const auto& pair : item.value().items()) {
        if (!pair.value().is_string()) {
          m_.error(path_ / "values" / item.key() / pair.key(), "expected a string value");
          continue;
        }
        values_[item.key()][pair.key()] = pair.value().get<std::string>();
      }
    }
  }

  void map_where(const Json& entry) {
    const auto where = entry.find("where");
    if (where == entry.end() || where->is_null()) return;
    if (!where->is_object()) {
      m_.error(path_ / "where", "expected an object: column → value or [values]");
      return;
    }
    for (const auto& item : where->items()) {
      const std::ptrdiff_t index = header_index(item.key());
      if (index < 0) {
        m_.error(path_ / "where" / item.key(),
                 "column '" + item.key() + "' is not in the header of " + source_.name);
        failed_ = true;
        continue;
      }
      const auto list = string_list(m_, item.value(), path_ / "where" / item.key());
      where_.emplace_back(static_cast<std::size_t>(index), std::set<std::string>(list.begin(), list.end()));
    }
  }

  const Manifest& m_;
  Path path_;
  std::vector<std::string> canonical_;
  SourceText source_;
  std::optional<CsvReader> reader_;
  CsvRow row_;
  char delimiter_ = ',';
  char decimal_ = '.';
  std::vector<std::string> missing_;
  std::string date_layout_;
  std::vector<std::string> header_;
  std::unordered_map<std::string, std::size_t> header_index_;
  std::map<std::string, std::size_t> mapped_;
  std::map<std::string, std::map<std::string, std::string>> values_;
  std::vector<std::pair<std::size_t, std::set<std::string>>> where_;
  std::vector<std::pair<std::string, std::size_t>> extra_;
  bool failed_ = false;
};

std::vector<std::string> stakeholder_columns() {
  std::vector<std::string> fields = stakeholder_fields();
  fields.emplace_back("location");  // one "lat,lon" column
  return fields;
}

void read_stakeholders(const Manifest& m, const Json& entry, const Path& path, NetworkBuilder& builder) {
  check_keys(m, entry, path,
             {"file", "columns", "values", "where", "duplicates", "attributes", "delimiter", "date_format",
              "decimal", "missing"});
  const std::string duplicates = string_member(m, entry, path, "duplicates", "error");
  if (duplicates != "error" && duplicates != "first") {
    m.error(path / "duplicates", "unknown policy '" + duplicates + "'; expected \"error\" or \"first\"");
  }
  Table table(m, entry, path, stakeholder_columns());
  if (!table.ok()) return;
  if (!table.has("id")) {
    m.error(path / "columns",
            "no column for \"id\"; expected \"columns\": {\"id\": \"<column>\"} or a column named id");
    return;
  }
  std::size_t repeated = 0;
  Location first_repeat;
  while (table.next()) {
    const std::string id(trim(table.value("id")));
    if (duplicates == "first" && builder.network().find(id)) {
      if (repeated++ == 0) first_repeat = table.at("id");
      continue;
    }
    Stakeholder s;
    for (const std::string& field : stakeholder_fields()) {
      if (table.has(field)) builder.set_field(s, field, table.value(field), table.at(field));
    }
    if (table.has("location")) {
      const std::string text(trim(table.value("location")));
      const auto comma = text.find(',');
      if (!text.empty() && comma == std::string::npos) {
        builder.diagnostics().error(table.at("location"), "location '" + text + "' is not \"lat,lon\"");
      } else if (!text.empty()) {
        builder.set_field(s, "lat", text.substr(0, comma), table.at("location"));
        builder.set_field(s, "lon", text.substr(comma + 1), table.at("location"));
      }
    }
    for (const auto& [name, index] : table.extra()) {
      builder.set_field(s, name, table.extra_value(name, index), table.where(table.field(index)));
    }
    builder.add_stakeholder(std::move(s), table.at("id"));
  }
  if (repeated > 0) {
    // Asked for by "duplicates": "first" (a participation file used as the stakeholder table):
    // information, not a problem.
    builder.diagnostics().note(first_repeat, std::to_string(repeated) +
                                                 " rows repeat an earlier stakeholder id; the first row of "
                                                 "each id is kept (\"duplicates\": \"first\")");
  }
}

void read_ties(const Manifest& m, const Json& entry, const Path& path, NetworkBuilder& builder) {
  check_keys(
      m, entry, path,
      {"file", "columns", "values", "where", "kind", "delimiter", "date_format", "decimal", "missing"});
  const std::string default_kind = string_member(m, entry, path, "kind");
  Table table(m, entry, path, {"source", "target", "weight", "kind", "date", "start", "end"});
  if (!table.ok()) return;
  for (const char* required : {"source", "target"}) {
    if (!table.has(required)) {
      m.error(path, std::string("no column for \"") + required + "\"; expected a column named " + required +
                        " or a \"columns\" mapping");
      return;
    }
  }
  while (table.next()) {
    const auto s = builder.resolve(table.value("source"), table.at("source"));
    const auto t = builder.resolve(table.value("target"), table.at("target"));
    bool ok = s.has_value() && t.has_value();
    double weight = 1.0;
    if (table.has("weight") && !trim(table.value("weight")).empty()) {
      const auto w = builder.parse_weight(table.value("weight"), table.at("weight"));
      ok = ok && w.has_value();
      if (w) weight = *w;
    }
    Date start;
    Date end;
    for (const auto& [field, slot] :
         {std::pair{"date", &start}, std::pair{"start", &start}, std::pair{"end", &end}}) {
      if (!table.has(field) || trim(table.value(field)).empty()) continue;
      const auto d = builder.parse_date(table.value(field), table.at(field), table.date_layout());
      ok = ok && d.has_value();
      if (d) *slot = *d;
    }
    if (!ok) continue;
    std::map<std::string, std::string> attributes;
    for (const auto& [name, index] : table.extra()) {
      if (!table.field(index).text.empty()) attributes[name] = table.extra_value(name, index);
    }
    std::string kind(trim(table.value("kind")));
    if (kind.empty()) kind = default_kind;
    builder.add_tie(*s, *t, kind, weight, start, end, table.row_at(), std::move(attributes));
  }
}

ProjectionOptions projection_options(const Manifest& m, const Json& entry, const Path& path) {
  ProjectionOptions options;
  const auto max_ties = entry.find("max_ties");
  if (max_ties != entry.end() && !max_ties->is_null()) {
    if (!max_ties->is_number_unsigned() || max_ties->get<std::uint64_t>() == 0) {
      m.error(path / "max_ties",
              "expected a whole number of ties ≥ 1 (the most ties this file's projection "
              "may give; default " +
                  std::to_string(kDefaultMaxProjectedTies) + ")");
    } else {
      options.max_ties = static_cast<std::size_t>(
          std::min<std::uint64_t>(max_ties->get<std::uint64_t>(), std::numeric_limits<std::size_t>::max()));
    }
  }
  const std::string weighting = string_member(m, entry, path, "weighting", "count");
  if (const auto named = core::find_name(kProjectionNames, weighting)) {
    options.weighting = *named;
  } else {
    m.error(path / "weighting", "unknown weighting '" + weighting + "'; expected " +
                                    core::choices(kProjectionNames, " or ", "\""));
  }
  const auto large = entry.find("large_activity");
  if (large != entry.end() && !large->is_null()) {
    const Path lpath = path / "large_activity";
    if (!large->is_object()) {
      m.error(lpath, "expected an object {\"threshold\": N, \"rule\": \"" +
                         core::choices(kLargeActivityRuleNames, "|", {}, "|") + "\"}");
      return options;
    }
    check_keys(m, *large, lpath, {"threshold", "rule"});
    const auto threshold = large->find("threshold");
    if (threshold != large->end()) {
      if (!threshold->is_number_integer() || threshold->get<long long>() < 2) {
        m.error(lpath / "threshold", "expected a whole number of participants ≥ 2");
      } else {
        options.large_threshold = threshold->get<std::size_t>();
      }
    }
    const std::string rule = string_member(m, *large, lpath, "rule", "downweight");
    if (const auto named = core::find_name(kLargeActivityRuleNames, rule)) {
      options.large_rule = *named;
    } else {
      m.error(lpath / "rule", "unknown rule '" + rule + "'; expected " +
                                  core::choices(kLargeActivityRuleNames, " or ", "\""));
    }
  }
  return options;
}

void read_activities(const Manifest& m, const Json& entry, const Path& path, NetworkBuilder& builder) {
  check_keys(m, entry, path,
             {"file", "columns", "values", "where", "kind", "weighting", "large_activity", "max_ties",
              "delimiter", "date_format", "decimal", "missing"});
  const std::string default_kind = string_member(m, entry, path, "kind", "project");
  const ProjectionOptions options = projection_options(m, entry, path);
  Table table(m, entry, path, {"stakeholder", "activity", "kind", "role", "date", "start", "end"});
  if (!table.ok()) return;
  for (const char* required : {"stakeholder", "activity"}) {
    if (!table.has(required)) {
      m.error(path, std::string("no column for \"") + required + "\"; expected a column named " + required +
                        " or a \"columns\" mapping");
      return;
    }
  }
  std::map<std::string, std::vector<Participation>> by_kind;
  std::vector<std::string> kind_order;
  while (table.next()) {
    const auto s = builder.resolve(table.value("stakeholder"), table.at("stakeholder"));
    const std::string activity(trim(table.value("activity")));
    bool ok = s.has_value();
    if (activity.empty()) {
      builder.diagnostics().error(table.at("activity"), "empty activity id; expected the project/event id");
      ok = false;
    }
    Date start;
    Date end;
    for (const auto& [field, slot] :
         {std::pair{"date", &start}, std::pair{"start", &start}, std::pair{"end", &end}}) {
      if (!table.has(field) || trim(table.value(field)).empty()) continue;
      const auto d = builder.parse_date(table.value(field), table.at(field), table.date_layout());
      ok = ok && d.has_value();
      if (d) *slot = *d;
    }
    if (!ok) continue;
    std::string kind(trim(table.value("kind")));
    if (kind.empty()) kind = default_kind;
    if (by_kind.count(kind) == 0) kind_order.push_back(kind);
    by_kind[kind].push_back({*s, activity, start, end, table.row_at()});
  }
  for (const std::string& kind : kind_order) {
    project_participations(std::move(by_kind[kind]), kind, options, builder);
  }
}

/// A "referrals" entry (docs/DATA_FORMATS.md, "Referrals"): date,by,firm,partner[,note], or a
/// recommendations.csv (id,partner,…) whose rows are the tool's own suggestions, dated
/// `default_date` and attributed to "clusterscope". Ids must name stakeholders already read.
void read_referrals(const Manifest& m, const Json& entry, const Path& path, NetworkBuilder& builder,
                    const Date& default_date) {
  check_keys(m, entry, path, {"file", "columns", "values", "where", "delimiter", "date_format", "missing"});
  Table table(m, entry, path, {"date", "by", "firm", "partner", "note", "id"});
  if (!table.ok()) return;
  const bool suggestions = !table.has("firm") && table.has("id") && table.has("partner");
  const std::vector<const char*> required = suggestions
                                                ? std::vector<const char*>{"id", "partner"}
                                                : std::vector<const char*>{"date", "by", "firm", "partner"};
  for (const char* field : required) {
    if (!table.has(field)) {
      m.error(path, std::string("no column for \"") + field +
                        "\"; expected a header date,by,firm,partner[,note] (or a recommendations.csv: "
                        "id,partner,…) or a \"columns\" mapping");
      return;
    }
  }
  if (suggestions && default_date.empty()) {
    m.error(path,
            "a recommendations table has no dates; expected --referral-date DATE (the date the "
            "recommendations were made)");
    return;
  }
  Network& network = builder.network();
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  while (table.next()) {
    Referral r;
    bool ok = true;
    const auto id = [&](const char* field, std::string& slot) {
      slot = std::string(trim(table.value(field)));
      if (network.find(slot)) return;
      builder.diagnostics().error(
          table.at(field), (slot.empty() ? std::string("empty ") + field
                                         : std::string(field) + " '" + slot + "' is not a stakeholder") +
                               "; expected the id of a stakeholder of the network");
      ok = false;
    };
    id(suggestions ? "id" : "firm", r.firm);
    id("partner", r.partner);
    if (suggestions) {
      r.by = "clusterscope";
      r.date = default_date;
    } else {
      id("by", r.by);
      const auto d = builder.parse_date(table.value("date"), table.at("date"), table.date_layout());
      ok = ok && d.has_value();
      if (d) r.date = *d;
    }
    if (table.has("note")) r.note = table.value("note");
    if (ok && r.firm == r.partner) {
      builder.diagnostics().error(
          table.at("partner"),
          "partner '" + r.partner + "' is the firm itself; expected another stakeholder");
      ok = false;
    }
    if (!ok) continue;
    const Location at = table.row_at();
    if (!seen.emplace(r.date.to_string(), r.firm, r.partner).second) {
      builder.diagnostics().warning(at, "referral of " + r.firm + " to " + r.partner + " on " +
                                            r.date.to_string() + " is listed twice; counted once");
      continue;
    }
    r.file = at.file;
    r.line = at.line;
    network.referrals.push_back(std::move(r));
  }
}

void read_vocabulary(const Manifest& m, Network& network) {
  const auto it = m.json.find("vocabulary");
  if (it == m.json.end() || it->is_null()) return;
  if (!it->is_array()) {
    m.error({"vocabulary"}, "expected an array of {\"type\", \"colour\", \"label\"}");
    return;
  }
  std::vector<TypeTerm> terms;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const Json& term = (*it)[i];
    const Path path{"vocabulary", i};
    if (!term.is_object()) {
      m.error(path, "expected an object {\"type\", \"colour\", \"label\"}");
      continue;
    }
    check_keys(m, term, path, {"type", "colour", "label"});
    TypeTerm t{string_member(m, term, path, "type"), string_member(m, term, path, "colour", "#999999"),
               string_member(m, term, path, "label")};
    if (t.name.empty()) m.error(path, "missing \"type\"; expected the type's name");
    for (std::size_t j = 0; j < terms.size(); ++j)
      if (!t.name.empty() && terms[j].name == t.name)
        m.error(path / "type", "type '" + t.name + "' is listed twice (also vocabulary[" + std::to_string(j) +
                                   "]); expected each type once");
    const bool hex = t.colour.size() == 7 && t.colour[0] == '#' &&
                     std::all_of(t.colour.begin() + 1, t.colour.end(),
                                 [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
    if (!hex) m.error(path / "colour", "colour '" + t.colour + "' is not #rrggbb");
    if (t.label.empty()) t.label = t.name;
    terms.push_back(std::move(t));
  }
  network.vocabulary = std::move(terms);
}

void read_kind_weights(const Manifest& m, Network& network) {
  const auto it = m.json.find("kind_weights");
  if (it == m.json.end() || it->is_null()) return;
  if (!it->is_object()) {
    m.error({"kind_weights"}, "expected an object: kind → weight");
    return;
  }
  for (const auto& item : it->items()) {
    if (!item.value().is_number() || !(item.value().get<double>() > 0.0)) {
      m.error({"kind_weights", item.key()},
              "weight of kind '" + item.key() + "' must be a number greater than 0");
      continue;
    }
    network.kind_weights[item.key()] = item.value().get<double>();
  }
}

void read_filters(const Manifest& m, Filters& filters) {
  const auto it = m.json.find("filters");
  if (it == m.json.end() || it->is_null()) return;
  if (!it->is_object()) {
    m.error({"filters"}, "expected an object");
    return;
  }
  const Path path{"filters"};
  check_keys(m, *it, path, {"region_prefix", "keep_partners", "types", "kinds", "from", "to"});
  if (it->contains("region_prefix"))
    filters.region_prefixes = string_list(m, (*it)["region_prefix"], path / "region_prefix");
  if (it->contains("types")) filters.types = string_list(m, (*it)["types"], path / "types");
  if (it->contains("kinds")) filters.kinds = string_list(m, (*it)["kinds"], path / "kinds");
  filters.keep_partners = bool_member(m, *it, path, "keep_partners", false);
  for (const auto& [key, slot] : {std::pair{"from", &filters.from}, std::pair{"to", &filters.to}}) {
    const std::string text = string_member(m, *it, path, key);
    if (text.empty()) continue;
    const auto date = parse_iso_date(text);
    if (!date) {
      m.error(path / key, "bad date '" + text + "'; expected YYYY, YYYY-MM or YYYY-MM-DD");
    } else {
      *slot = *date;
    }
  }
  if (const std::string inverted = check_date_window(filters); !inverted.empty())
    m.error(path / "to", inverted);
}

/// "overrides": {"<id>": {"type": "support", "name": "…", "<any field>": value}} — per-id
/// corrections applied after every table is read, each said in a note.
void read_overrides(const Manifest& m, NetworkBuilder& builder) {
  const auto it = m.json.find("overrides");
  if (it == m.json.end() || it->is_null()) return;
  if (!it->is_object()) {
    m.error({"overrides"}, "expected an object {\"<stakeholder id>\": {\"type\": …}}");
    return;
  }
  Network& network = builder.network();
  for (const auto& [id, fields] : it->items()) {
    const Path path = Path{"overrides"} / id;
    if (!fields.is_object()) {
      m.error(path, "expected an object of fields, such as {\"type\": \"support\"}");
      continue;
    }
    const auto vertex = network.find(id);
    if (!vertex) {
      m.warning(path, "override for '" + id + "', which is not a stakeholder; left out");
      continue;
    }
    Stakeholder& s = network.stakeholders[static_cast<std::size_t>(*vertex)];
    std::string changed;
    for (const auto& [field, value] : fields.items()) {
      if (field == "id") {
        m.error(path / field, "an override cannot change the id; expected other fields");
        continue;
      }
      std::string text;
      if (value.is_string()) {
        text = value.get<std::string>();
      } else if (value.is_number() || value.is_boolean()) {
        text = value.dump();
      } else if (!value.is_null()) {
        m.error(path / field, "expected a string or a number");
        continue;
      }
      const std::string previous = stakeholder_values(s, {field}).front();
      builder.set_field(s, field, text, m.at(path / field));
      network.overrides.push_back({id, field, previous, stakeholder_values(s, {field}).front()});
      changed += (changed.empty() ? "" : ", ") + field + " = " + (text.empty() ? "(missing)" : text);
    }
    if (!changed.empty()) m.diagnostics->note(m.at(path), "override for '" + id + "': " + changed);
  }
}

}  // namespace

void project_participations(std::vector<Participation> participations, const std::string& kind,
                            const ProjectionOptions& options, NetworkBuilder& builder) {
  // Group by activity in order of first appearance; each stakeholder counts once per activity.
  std::unordered_map<std::string, std::size_t> activity_index;
  std::vector<std::vector<std::size_t>> members;
  for (std::size_t i = 0; i < participations.size(); ++i) {
    const auto [it, inserted] = activity_index.try_emplace(participations[i].activity, members.size());
    if (inserted) members.emplace_back();
    members[it->second].push_back(i);
  }
  std::size_t repeated = 0;
  Location first_repeat;
  std::size_t projected = 0;  // ties given so far, against options.max_ties
  // seen[v] is the number of the last activity that listed stakeholder v (numbered from 1).
  std::vector<std::size_t> seen(builder.network().stakeholders.size(), 0);
  std::vector<VertexId> people;
  for (std::size_t activity = 0; activity < members.size(); ++activity) {
    const std::vector<std::size_t>& rows = members[activity];
    people.clear();
    Date start;
    Date end;
    for (std::size_t r : rows) {
      const Participation& p = participations[r];
      std::size_t& listed = seen[static_cast<std::size_t>(p.stakeholder)];
      if (listed == activity + 1) {
        if (repeated++ == 0) first_repeat = p.at;
        continue;
      }
      listed = activity + 1;
      people.push_back(p.stakeholder);
      if (!p.date.empty() && (start.empty() || p.date < start)) start = p.date;
      const Date last = p.end.empty() ? p.date : p.end;
      if (!last.empty() && (end.empty() || end < last)) end = last;
    }
    const std::size_t k = people.size();
    if (k < 2) continue;
    const Participation& head = participations[rows.front()];
    double weight = options.weighting == Projection::newman ? 1.0 / static_cast<double>(k - 1) : 1.0;
    if (k > options.large_threshold) {
      if (options.large_rule == LargeActivityRule::skip) {
        builder.diagnostics().warning(head.at, kind + " '" + head.activity + "' has " + std::to_string(k) +
                                                   " participants, more than the threshold of " +
                                                   std::to_string(options.large_threshold) +
                                                   "; left out (rule: skip)");
        continue;
      }
      if (options.large_rule == LargeActivityRule::downweight) {
        weight *= static_cast<double>(options.large_threshold - 1) / static_cast<double>(k - 1);
      }
    }
    // Every pair is one tie: check the count before building any of them (k(k−1)/2 cannot
    // overflow for k below 2^32, and a file cannot hold that many rows within the size limit).
    const std::size_t pairs = k * (k - 1) / 2;
    if (pairs > options.max_ties - projected) {
      builder.diagnostics().error(
          head.at,
          kind + " '" + head.activity + "' has " + std::to_string(k) + " participants and would give " +
              std::to_string(pairs) + " ties, more than the limit of " + std::to_string(options.max_ties) +
              " projected ties for this file" +
              (projected > 0 ? " (" + std::to_string(projected) + " given already)" : std::string()) +
              "; expected fewer — leave such activities out with \"large_activity\": {\"rule\": "
              "\"skip\"}, or raise \"max_ties\" in this \"activities\" entry of dataset.json");
      return;
    }
    projected += pairs;
    const std::map<std::string, std::string> attributes{{"activity", head.activity}};
    for (std::size_t a = 0; a < k; ++a) {
      for (std::size_t b = a + 1; b < k; ++b) {
        builder.add_tie(people[a], people[b], kind, weight, start, end, head.at, attributes);
      }
    }
  }
  if (repeated > 0) {
    builder.diagnostics().warning(first_repeat, std::to_string(repeated) +
                                                    " repeated participations of a stakeholder in one " +
                                                    kind + " counted once");
  }
}

void read_manifest(const std::filesystem::path& manifest_path, NetworkBuilder& builder, Filters& filters,
                   Level& level, std::uint64_t max_input_bytes) {
  Diagnostics& diagnostics = builder.diagnostics();
  Manifest m;
  m.diagnostics = &diagnostics;
  m.folder = manifest_path.parent_path();
  m.builder = &builder;
  m.max_input_bytes = max_input_bytes;
  m.source = read_source(manifest_path, diagnostics, max_input_bytes);
  m.input_files = &builder.network().input_files;
  m.input_files->push_back(manifest_path.string());
  if (m.source.bytes.empty()) return;
  auto parsed = parse_json(m.source, diagnostics);
  if (!parsed) return;
  // nlohmann keeps the last of repeated keys; a manifest means one of them, so say which.
  if (!check_duplicate_keys(m.source, diagnostics)) return;
  m.json = std::move(*parsed);
  if (!m.json.is_object()) {
    m.error({}, "dataset.json holds " + std::string(json_type_name(m.json)) + "; expected an object");
    return;
  }
  check_keys(m, m.json, {},
             {"name", "description", "area", "source", "sources", "licence", "license", "directed", "level",
              "stakeholders", "ties", "activities", "referrals", "vocabulary", "kind_weights", "filters",
              "missing", "overrides"});
  Network& network = builder.network();
  network.name = string_member(m, m.json, {}, "name", manifest_path.parent_path().filename().string());
  network.description = string_member(m, m.json, {}, "description");
  network.area = string_member(m, m.json, {}, "area");
  network.source = string_member(m, m.json, {}, "source");
  network.licence = string_member(m, m.json, {}, "licence");
  network.directed = bool_member(m, m.json, {}, "directed", false);
  const std::string level_text = string_member(m, m.json, {}, "level", "as-loaded");
  if (const auto named = core::find_name(kLevelNames, level_text)) {
    if (*named == Level::institution) level = *named;  // "as-loaded" leaves the loader's (--level) as it is
  } else {
    m.error({"level"},
            "unknown level '" + level_text + "'; expected " + core::choices(kLevelNames, " or ", "\""));
  }
  if (m.json.contains("missing")) {
    CsvSettings settings = builder.csv_settings();
    settings.missing = string_list(m, m.json["missing"], {"missing"});
    builder.set_csv_settings(std::move(settings));
  }
  read_vocabulary(m, network);
  read_kind_weights(m, network);
  read_filters(m, filters);

  const auto stakeholders = m.json.find("stakeholders");
  const bool has_table = stakeholders != m.json.end() && !stakeholders->is_null();
  if (has_table) {
    if (stakeholders->is_object()) {
      read_stakeholders(m, *stakeholders, {"stakeholders"}, builder);
    } else {
      m.error({"stakeholders"}, "expected an object {\"file\": …}");
    }
  }
  builder.set_implicit_stakeholders(!has_table);
  const auto ties = objects(m, "ties");
  const auto activities = objects(m, "activities");
  if (ties.empty() && activities.empty() && !has_table) {
    m.error({}, "the manifest names no data; expected \"stakeholders\", \"ties\" or \"activities\"");
  }
  for (const auto& [entry, path] : ties)
    read_ties(m, *entry, path, builder);
  for (const auto& [entry, path] : activities)
    read_activities(m, *entry, path, builder);
  for (const auto& [entry, path] : objects(m, "referrals"))
    read_referrals(m, *entry, path, builder, Date{});
  read_overrides(m, builder);
}

void read_referral_file(const std::filesystem::path& file, NetworkBuilder& builder, const Date& default_date,
                        std::uint64_t max_input_bytes) {
  Manifest m;
  m.diagnostics = &builder.diagnostics();
  m.folder = file.parent_path();
  m.builder = &builder;
  m.max_input_bytes = max_input_bytes;
  m.input_files = &builder.network().input_files;
  m.source.name = file.string();
  const Json entry = {{"file", file.filename().string()}};
  read_referrals(m, entry, {}, builder, default_date);
}

}  // namespace clusterscope::io
