#include "clusterscope/core/csv_write.hpp"

#include "clusterscope/core/text.hpp"

namespace clusterscope::core {

void append_csv_field(std::string& out, std::string_view field) {
  bool quote = !field.empty() &&
               (field.front() == ' ' || field.back() == ' ' || field.front() == '\t' || field.back() == '\t');
  for (char c : field) {
    if (c == ',' || c == '"' || c == '\n' || c == '\r') {
      quote = true;
      break;
    }
  }
  if (!quote) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void append_csv_header(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.push_back(',');
    const std::string& name = fields[i];
    if (name.find_first_of(";\t") != std::string::npos &&
        name.find_first_of(",\"\n\r") == std::string::npos) {
      out.push_back('"');
      out.append(name);
      out.push_back('"');
    } else {
      append_csv_field(out, name);
    }
  }
  out.push_back('\n');
}

void append_csv_row(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_csv_field(out, fields[i]);
  }
  out.push_back('\n');
}

void append_spreadsheet_row(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.push_back(',');
    const std::string& cell = fields[i];
    const bool formula = !cell.empty() &&
                         std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos &&
                         !parse_double(cell).has_value();
    if (!formula) {
      append_csv_field(out, cell);
      continue;
    }
    out += "\"'";
    for (char c : cell) {
      if (c == '"') out.push_back('"');
      out.push_back(c);
    }
    out.push_back('"');
  }
  out.push_back('\n');
}

}  // namespace clusterscope::core
