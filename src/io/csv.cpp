#include "clusterscope/io/csv.hpp"

#include <algorithm>

namespace clusterscope::io {

CsvReader::CsvReader(const SourceText& source, Diagnostics& diagnostics, char delimiter)
    : source_(source), diagnostics_(diagnostics), delimiter_(delimiter) {}

void CsvReader::advance() noexcept {
  const std::string& text = source_.bytes;
  const char c = text[pos_++];
  if (ends_line(text, pos_ - 1)) {
    ++line_;
    column_ = 1;
  } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
    ++column_;
  }
}

const std::vector<std::string>& default_missing_markers() {
  static const std::vector<std::string> markers{"NA", "N/A", "n/a", "#N/A", "NaN", "nan", "null", "NULL"};
  return markers;
}

char detect_delimiter(std::string_view text) {
  std::size_t commas = 0;
  std::size_t semicolons = 0;
  std::size_t tabs = 0;
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    if (c == ',') ++commas;
    if (c == ';') ++semicolons;
    if (c == '\t') ++tabs;
  }
  if (semicolons > commas && semicolons >= tabs) return ';';
  if (tabs > commas && tabs > semicolons) return '\t';
  return ',';
}

std::string delimiter_name(char delimiter) {
  if (delimiter == '\t') return "tab";
  return std::string("'") + delimiter + "'";
}

bool CsvReader::next(CsvRow& row) {
  if (!read_row(row)) return false;
  if (markers_ == nullptr) return true;
  for (std::size_t i = 0; i < row.size; ++i) {
    CsvField& field = row.fields[i];
    if (field.text.empty()) continue;
    const std::string_view value = trim(field.text);
    if (std::find(markers_->begin(), markers_->end(), value) == markers_->end()) continue;
    const bool nan = value.size() == 3 && (value[0] == 'N' || value[0] == 'n') &&
                     (value[1] == 'a' || value[1] == 'A') && (value[2] == 'N' || value[2] == 'n');
    if (i < numeric_.size() && numeric_[i] && (nan || parse_double(value).has_value())) continue;
    if (missing_.size() <= i) missing_.resize(i + 1);
    MissingSeen& seen = missing_[i];
    if (seen.count++ == 0) {
      seen.marker = std::string(value);
      seen.first = where(field.line, field.column);
    }
    field.text.clear();
  }
  return true;
}

void CsvReader::report_missing(const std::vector<std::string>& header) const {
  for (std::size_t i = 0; i < missing_.size(); ++i) {
    const MissingSeen& seen = missing_[i];
    if (seen.count == 0) continue;
    const std::string column = i < header.size() ? header[i] : "column " + std::to_string(i + 1);
    std::string message = "column '" + column + "': " + std::to_string(seen.count) +
                          (seen.count == 1 ? " value" : " values") + " '" + seen.marker + "' read as missing";
    if (seen.marker == "NA" && (column == "country" || column == "country_code"))
      message += " (if 'NA' means Namibia here, set \"missing\" in dataset.json or --missing without NA)";
    diagnostics_.note(seen.first, message);
  }
}

bool CsvReader::read_row(CsvRow& row) {
  const std::string& text = source_.bytes;
  const std::size_t n = text.size();
  // Skip blank lines.
  while (pos_ < n && line_end_length(text, pos_) > 0) {
    advance();
  }
  if (pos_ >= n) return false;
  row_ok_ = true;
  row.size = 0;
  row.line = line_;
  for (;;) {
    if (row.size == row.fields.size()) row.fields.emplace_back();
    CsvField& field = row.fields[row.size++];
    field.text.clear();
    field.line = line_;
    field.column = column_;
    field.quoted = pos_ < n && text[pos_] == '"';
    if (field.quoted) {
      const std::size_t open_line = line_;
      const std::size_t open_column = column_;
      advance();
      bool closed = false;
      while (pos_ < n) {
        const std::size_t start = pos_;
        while (pos_ < n && text[pos_] != '"' && text[pos_] != '\n' && text[pos_] != '\r')
          ++pos_, ++column_;
        // Column counting above is in bytes; correct it to code points.
        for (std::size_t i = start; i < pos_; ++i) {
          if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --column_;
        }
        field.text.append(text, start, pos_ - start);
        if (pos_ >= n) break;
        if (text[pos_] == '\n' || text[pos_] == '\r') {
          // A line break inside quotes is data (a lone CR stays a CR) but still a new line.
          field.text.push_back(text[pos_]);
          advance();
          continue;
        }
        // A quote: doubled means a literal quote, single closes the field.
        if (pos_ + 1 < n && text[pos_ + 1] == '"') {
          field.text.push_back('"');
          advance();
          advance();
          continue;
        }
        advance();
        closed = true;
        break;
      }
      if (!closed) {
        diagnostics_.error(where(open_line, open_column),
                           "unbalanced quote: this quoted field is never closed (expected a closing '\"')");
        row_ok_ = false;
        return true;
      }
      // Inside quotes CRLF was kept as "\r\n"; store line breaks as "\n".
      for (std::size_t i = field.text.find("\r\n"); i != std::string::npos; i = field.text.find("\r\n", i)) {
        field.text.erase(i, 1);
      }
      if (pos_ < n && text[pos_] != delimiter_ && line_end_length(text, pos_) == 0) {
        diagnostics_.error(
            where(line_, column_),
            "unexpected text after a closing quote; expected a delimiter or the end of the line");
        row_ok_ = false;
        while (pos_ < n && text[pos_] != delimiter_ && line_end_length(text, pos_) == 0)
          advance();
      }
    } else {
      const std::size_t start = pos_;
      const std::size_t start_column = column_;
      while (pos_ < n && text[pos_] != delimiter_ && text[pos_] != '\n' && text[pos_] != '\r') {
        if (text[pos_] == '"' && row_ok_) {
          diagnostics_.error(where(line_, column_),
                             "quote inside an unquoted field; expected the whole field in quotes with "
                             "inner quotes doubled (RFC 4180)");
          row_ok_ = false;
        }
        if ((static_cast<unsigned char>(text[pos_]) & 0xC0) != 0x80) ++column_;
        ++pos_;
      }
      field.text.assign(text, start, pos_ - start);
      (void)start_column;
    }
    if (pos_ >= n) return true;
    if (const std::size_t end = line_end_length(text, pos_); end > 0) {
      for (std::size_t i = 0; i < end; ++i)
        advance();
      return true;
    }
    advance();  // the delimiter
    if (pos_ >= n) {
      // A trailing delimiter at end of file ends with one empty field.
      if (row.size == row.fields.size()) row.fields.emplace_back();
      CsvField& last = row.fields[row.size++];
      last.text.clear();
      last.line = line_;
      last.column = column_;
      return true;
    }
  }
}

}  // namespace clusterscope::io
