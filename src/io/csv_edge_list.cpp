// CSV edge list and node table (docs/DATA_FORMATS.md, "CSV edge list").

#include <algorithm>
#include <cctype>

#include "clusterscope/io/csv.hpp"
#include "clusterscope/io/formats.hpp"

namespace clusterscope::io {

namespace {

std::string lower(std::string_view text) {
  std::string out(trim(text));
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

/// Reads the header; returns the lower-cased column names or an empty vector on failure.
std::vector<std::string> read_header(CsvReader& reader, CsvRow& row) {
  std::vector<std::string> columns;
  if (!reader.next(row) || !reader.row_ok()) return columns;
  for (std::size_t i = 0; i < row.size; ++i)
    columns.push_back(lower(row[i].text));
  return columns;
}

std::ptrdiff_t column_index(const std::vector<std::string>& columns, std::string_view name) {
  const auto it = std::find(columns.begin(), columns.end(), name);
  return it == columns.end() ? -1 : it - columns.begin();
}

/// The delimiter and decimal separator of one file, from the settings or the header, said in a
/// note when they are not the usual ',' and '.'.
char file_delimiter(const SourceText& source, NetworkBuilder& builder) {
  const CsvSettings& settings = builder.csv_settings();
  const char delimiter = settings.delimiter != 0 ? settings.delimiter : detect_delimiter(source.bytes);
  const char decimal = settings.decimal != 0 ? settings.decimal : (delimiter == ',' ? '.' : ',');
  builder.set_decimal(decimal);
  if (delimiter != ',' || decimal != '.') {
    builder.diagnostics().note(Location{source.name, 1, 0},
                               "read with " + delimiter_name(delimiter) + " as the delimiter" +
                                   (settings.delimiter != 0 ? "" : " (detected from the header)") + " and '" +
                                   decimal + "' as the decimal separator");
  }
  return delimiter;
}

/// The hint for a missing column: another delimiter in the header suggests a wrong guess.
std::string delimiter_hint(const CsvReader& reader, const std::vector<std::string>& columns) {
  std::string header;
  for (const std::string& c : columns)
    header += (header.empty() ? "" : "|") + c;
  std::string hint = " (the header was read with " + delimiter_name(reader.delimiter()) + " as the delimiter";
  if (columns.size() == 1)
    hint += ", giving one column '" + header + "'; set --delimiter if the file uses another";
  return hint + ")";
}

bool check_width(const CsvRow& row, std::size_t expected, CsvReader& reader, Diagnostics& diagnostics) {
  if (row.size == expected) return true;
  if (row.size > expected) {
    const CsvField& extra = row[expected];
    diagnostics.error(reader.where(extra.line, extra.column),
                      "row has " + std::to_string(row.size) + " fields; expected " +
                          std::to_string(expected) + " as in the header (an unquoted comma inside a value?)");
  } else {
    const CsvField& last = row[row.size - 1];
    diagnostics.error(reader.where(last.line, last.column + last.text.size()),
                      "row has " + std::to_string(row.size) + " fields; expected " +
                          std::to_string(expected) + " as in the header");
  }
  return false;
}

void read_nodes(const SourceText& nodes, NetworkBuilder& builder) {
  Diagnostics& diagnostics = builder.diagnostics();
  CsvReader reader(nodes, diagnostics, file_delimiter(nodes, builder));
  CsvRow row;
  std::vector<std::string> columns = read_header(reader, row);
  if (columns.empty()) return;
  std::vector<std::string> original(columns.size());
  for (std::size_t i = 0; i < row.size; ++i)
    original[i] = row[i].quoted ? row[i].text : std::string(trim(row[i].text));
  // Gephi's node tables say Id and Label: Label is the name unless there is a name column.
  if (column_index(columns, "name") < 0) {
    const std::ptrdiff_t label = column_index(columns, "label");
    if (label >= 0) columns[static_cast<std::size_t>(label)] = "name";
  }
  const std::ptrdiff_t id_column = column_index(columns, "id");
  if (id_column < 0) {
    diagnostics.error(reader.where(1, 1),
                      "missing required column 'id'; expected a node table header such as "
                      "id,name,type" +
                          delimiter_hint(reader, columns));
    return;
  }
  reader.treat_as_missing(&builder.csv_settings().missing);
  std::vector<bool> numeric(columns.size());
  for (std::size_t i = 0; i < columns.size(); ++i)
    numeric[i] = columns[i] == "lat" || columns[i] == "lon" || columns[i] == "employees";
  reader.set_numeric_columns(std::move(numeric));
  while (reader.next(row)) {
    if (!reader.row_ok() || !check_width(row, columns.size(), reader, diagnostics)) continue;
    Stakeholder s;
    const CsvField& id_field = row[static_cast<std::size_t>(id_column)];
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const bool canonical = std::find(stakeholder_fields().begin(), stakeholder_fields().end(),
                                       columns[i]) != stakeholder_fields().end();
      // Extra columns keep the header's spelling; canonical ones are matched case-insensitively.
      builder.set_field(s, canonical ? columns[i] : original[i], row[i].text,
                        reader.where(row[i].line, row[i].column));
    }
    builder.add_stakeholder(std::move(s), reader.where(id_field.line, id_field.column));
  }
  reader.report_missing(original);
  builder.set_decimal('.');
}

}  // namespace

void read_csv_edge_list(const SourceText& edges, const SourceText* nodes, NetworkBuilder& builder) {
  Diagnostics& diagnostics = builder.diagnostics();
  builder.set_implicit_stakeholders(nodes == nullptr);
  if (nodes != nullptr) read_nodes(*nodes, builder);

  CsvReader reader(edges, diagnostics, file_delimiter(edges, builder));
  CsvRow row;
  builder.reserve_ties(edges.bytes.size() / 24);  // rows are rarely shorter than ~24 bytes
  const std::vector<std::string> columns = read_header(reader, row);
  if (columns.empty()) return;
  std::vector<std::string> original(columns.size());
  for (std::size_t i = 0; i < row.size; ++i)
    original[i] = row[i].quoted ? row[i].text : std::string(trim(row[i].text));
  const std::ptrdiff_t source = column_index(columns, "source");
  const std::ptrdiff_t target = column_index(columns, "target");
  for (const auto& [index, name] : {std::pair{source, "source"}, std::pair{target, "target"}}) {
    if (index < 0) {
      diagnostics.error(reader.where(1, 1), std::string("missing required column '") + name +
                                                "'; expected a header starting source,target" +
                                                delimiter_hint(reader, columns));
    }
  }
  if (source < 0 || target < 0) return;
  const std::ptrdiff_t weight = column_index(columns, "weight");
  const std::ptrdiff_t kind = column_index(columns, "kind");
  const std::ptrdiff_t date = column_index(columns, "date");
  const std::ptrdiff_t start = column_index(columns, "start");
  const std::ptrdiff_t end = column_index(columns, "end");
  std::vector<std::size_t> extra;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const auto c = static_cast<std::ptrdiff_t>(i);
    if (c != source && c != target && c != weight && c != kind && c != date && c != start && c != end)
      extra.push_back(i);
  }
  const auto at = [&](std::ptrdiff_t column) {
    const CsvField& f = row[static_cast<std::size_t>(column)];
    return reader.where(f.line, f.column);
  };
  reader.treat_as_missing(&builder.csv_settings().missing);
  if (weight >= 0) {
    std::vector<bool> numeric(columns.size());
    numeric[static_cast<std::size_t>(weight)] = true;
    reader.set_numeric_columns(std::move(numeric));
  }
  while (reader.next(row)) {
    if (!reader.row_ok() || !check_width(row, columns.size(), reader, diagnostics)) continue;
    const auto s = builder.resolve(row[static_cast<std::size_t>(source)].text, at(source));
    const auto t = builder.resolve(row[static_cast<std::size_t>(target)].text, at(target));
    double w = 1.0;
    bool ok = s.has_value() && t.has_value();
    if (weight >= 0 && !trim(row[static_cast<std::size_t>(weight)].text).empty()) {
      const auto parsed = builder.parse_weight(row[static_cast<std::size_t>(weight)].text, at(weight));
      ok = ok && parsed.has_value();
      if (parsed) w = *parsed;
    }
    Date first;
    Date last;
    for (const auto& [column, slot] :
         {std::pair{date, &first}, std::pair{start, &first}, std::pair{end, &last}}) {
      if (column < 0 || trim(row[static_cast<std::size_t>(column)].text).empty()) continue;
      const auto parsed = builder.parse_date(row[static_cast<std::size_t>(column)].text, at(column));
      ok = ok && parsed.has_value();
      if (parsed) *slot = *parsed;
    }
    if (!ok) continue;
    std::map<std::string, std::string> attributes;
    for (std::size_t i : extra) {
      if (!row[i].text.empty()) attributes[original[i]] = row[i].text;
    }
    const std::string_view kind_text =
        kind >= 0 ? trim(row[static_cast<std::size_t>(kind)].text) : std::string_view();
    builder.add_tie(*s, *t, kind_text, w, first, last, reader.where(row.line, 1), std::move(attributes));
  }
  reader.report_missing(original);
  builder.set_decimal('.');
}

std::filesystem::path csv_nodes_path(const std::filesystem::path& edges) {
  std::filesystem::path stem = edges.filename();
  std::string name = stem.string();
  const bool gz = name.size() > 3 && name.substr(name.size() - 3) == ".gz";
  if (gz) name.resize(name.size() - 3);
  const auto dot = name.rfind('.');
  if (dot != std::string::npos) name.resize(dot);
  return edges.parent_path() / (name + ".nodes.csv" + (gz ? ".gz" : ""));
}

std::string write_csv_edges(const Network& network) {
  const bool dated =
      std::any_of(network.ties.begin(), network.ties.end(), [](const Tie& t) { return !t.start.empty(); });
  const bool periods =
      std::any_of(network.ties.begin(), network.ties.end(), [](const Tie& t) { return t.end != t.start; });
  std::vector<std::string> header = {"source", "target", "weight", "kind"};
  if (periods) {
    header.insert(header.end(), {"start", "end"});
  } else if (dated) {
    header.emplace_back("date");
  }
  header.insert(header.end(), network.tie_attribute_names.begin(), network.tie_attribute_names.end());
  std::string out;
  out.reserve(network.ties.size() * 40 + 64);
  append_csv_header(out, header);
  std::vector<std::string> fields;
  for (const Tie& tie : network.ties) {
    fields.clear();
    fields.push_back(network.stakeholders[static_cast<std::size_t>(tie.source)].id);
    fields.push_back(network.stakeholders[static_cast<std::size_t>(tie.target)].id);
    fields.push_back(format_number(tie.weight));
    fields.push_back(network.kind_name(tie.kind));
    if (periods) {
      fields.push_back(tie.start.to_string());
      fields.push_back(tie.end.to_string());
    } else if (dated) {
      fields.push_back(tie.start.to_string());
    }
    for (const std::string& name : network.tie_attribute_names) {
      const auto it = tie.attributes.find(name);
      fields.push_back(it == tie.attributes.end() ? std::string() : it->second);
    }
    append_csv_row(out, fields);
  }
  return out;
}

std::vector<std::string> used_stakeholder_fields(const Network& network) {
  std::vector<std::string> header;
  for (const std::string& field : stakeholder_fields()) {
    const bool used =
        field == "id" || field == "name" || field == "type" ||
        std::any_of(network.stakeholders.begin(), network.stakeholders.end(),
                    [&](const Stakeholder& s) { return !stakeholder_values(s, {field}).front().empty(); });
    if (used) header.push_back(field);
  }
  header.insert(header.end(), network.attribute_names.begin(), network.attribute_names.end());
  return header;
}

std::string write_csv_referrals(const Network& network) {
  std::string out;
  append_csv_row(out, {"date", "by", "firm", "partner", "note"});
  for (const Referral& r : network.referrals)
    if (network.find(r.firm) && network.find(r.partner) && network.find(r.by))
      append_csv_row(out, {r.date.to_string(), r.by, r.firm, r.partner, r.note});
  return out;
}

std::string write_csv_nodes(const Network& network) {
  const std::vector<std::string> header = used_stakeholder_fields(network);
  std::string out;
  append_csv_header(out, header);
  for (const Stakeholder& s : network.stakeholders)
    append_csv_row(out, stakeholder_values(s, header));
  return out;
}

std::vector<std::string> stakeholder_values(const Stakeholder& s, const std::vector<std::string>& fields) {
  std::vector<std::string> row;
  row.reserve(fields.size());
  const auto optional_number = [](const std::optional<double>& v) {
    return v ? format_number(*v) : std::string();
  };
  for (const std::string& f : fields) {
    if (f == "id")
      row.push_back(s.id);
    else if (f == "name")
      row.push_back(s.name);
    else if (f == "type")
      row.push_back(s.type);
    else if (f == "sector")
      row.push_back(s.sector);
    else if (f == "municipality")
      row.push_back(s.municipality);
    else if (f == "region")
      row.push_back(s.region);
    else if (f == "country")
      row.push_back(s.country);
    else if (f == "lat")
      row.push_back(optional_number(s.lat));
    else if (f == "lon")
      row.push_back(optional_number(s.lon));
    else if (f == "employees")
      row.push_back(optional_number(s.employees));
    else if (f == "parent")
      row.push_back(s.parent);
    else if (const std::vector<std::string>* list = keyword_list(s, f)) {
      std::string joined;
      for (const std::string& tag : *list)
        joined += (joined.empty() ? "" : ";") + tag;
      row.push_back(joined);
    } else {
      const auto it = s.attributes.find(f);
      row.push_back(it == s.attributes.end() ? std::string() : it->second);
    }
  }
  return row;
}

}  // namespace clusterscope::io
