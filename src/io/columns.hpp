#pragma once
// The typed columns the GraphML, GEXF and node-link JSON writers declare (docs/DATA_FORMATS.md,
// "Typed exports"), and the normalising of typed values the GraphML and GEXF readers apply.
// Private to src/io.

#include <string>
#include <string_view>
#include <vector>

#include "clusterscope/model/network.hpp"

namespace clusterscope::io {

/// The type of a column: the narrowest that holds every non-missing value.
enum class ValueType { string, boolean, integer, long_integer, real };

/// True when `text` is a finite number whose format_number text is `text` itself ("2.5",
/// "-3", "1e-09"; not "007", "2.50", "+1", "1e3" or "00-950"): written as a number, it reads
/// back as the same text.
bool is_number_text(std::string_view text);

/// The type of a column from its non-missing values: boolean when every value is "true" or
/// "false"; integer (32 bits) or long_integer (64 bits) when every value is a whole
/// is_number_text; real when every value is an is_number_text; else string. No values: string.
ValueType value_type(const std::vector<std::string_view>& values);

/// One column a writer declares.
struct Column {
  std::string name;
  ValueType type = ValueType::string;
};

/// The stakeholder columns with at least one value (the id included when `with_id`): canonical
/// fields in stakeholder_fields() order — lat, lon and employees real, the others string — then
/// the extra attributes in first-seen order, typed by value_type().
std::vector<Column> stakeholder_columns(const Network& network, bool with_id);

/// The extra tie attributes with at least one value, typed by value_type().
std::vector<Column> tie_attribute_columns(const Network& network);

/// A typed value read from a file, as the data model keeps it: for real types ("double",
/// "float") a number as format_number writes it; for "boolean", true/false/1/0 in any case as
/// "true" or "false"; anything else (and a value that is not of its type) unchanged.
std::string normalise_typed(std::string_view type, std::string_view value);

/// normalise_typed for an extra attribute; a canonical field, weight, kind or date as written
/// (their own parsers read those: a boolean-typed weight "1" stays the weight 1).
inline std::string typed_value(std::string_view type, bool is_attribute, std::string_view value) {
  return is_attribute ? normalise_typed(type, value) : std::string(value);
}

}  // namespace clusterscope::io
