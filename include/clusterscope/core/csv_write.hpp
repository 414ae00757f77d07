#pragma once
// Writing RFC 4180 CSV records: the data files clusterscope reads back and the tables meant for
// spreadsheets. The reader, with positions and diagnostics, is io/csv.hpp.

#include <string>
#include <string_view>
#include <vector>

namespace clusterscope::core {

/// Quotes a field when RFC 4180 requires it (delimiter, quote, CR or LF inside, or leading /
/// trailing blanks that a reader might trim).
void append_csv_field(std::string& out, std::string_view field);
/// Appends one record and CRLF-free "\n" line end.
void append_csv_row(std::string& out, const std::vector<std::string>& fields);
/// append_csv_row for a header clusterscope reads back: a name holding ';' or a tab is also quoted,
/// so detect_delimiter, which counts delimiters outside quotes, still finds ','.
void append_csv_header(std::string& out, const std::vector<std::string>& fields);

/// Appends one record of a table meant for people, who open it in a spreadsheet (analyze's
/// annex tables): a text cell beginning with '=', '+', '-', '@', tab or CR — which a spreadsheet
/// would run as a formula — is written in quotes with a leading ' (the OWASP rule against CSV
/// injection); a number such as -1.5 stays as it is. Data files that clusterscope reads back use
/// append_csv_row and keep every value verbatim.
void append_spreadsheet_row(std::string& out, const std::vector<std::string>& fields);

}  // namespace clusterscope::core
