// Typed columns of the GraphML, GEXF and node-link JSON writers (columns.hpp).

#include "columns.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>

#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/text.hpp"

namespace clusterscope::io {

namespace {

bool is_whole(std::string_view number_text) {
  if (!number_text.empty() && number_text.front() == '-') number_text.remove_prefix(1);
  return !number_text.empty() &&
         std::all_of(number_text.begin(), number_text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_real_field(std::string_view field) {
  return field == "lat" || field == "lon" || field == "employees";
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

bool is_number_text(std::string_view text) {
  const auto value = parse_double(text);
  return value.has_value() && format_number(*value) == text;
}

ValueType value_type(const std::vector<std::string_view>& values) {
  if (values.empty()) return ValueType::string;
  if (std::all_of(values.begin(), values.end(),
                  [](std::string_view v) { return v == "true" || v == "false"; }))
    return ValueType::boolean;
  bool whole = true;
  bool narrow = true;
  for (const std::string_view v : values) {
    if (!is_number_text(v)) return ValueType::string;
    if (!is_whole(v)) {
      whole = false;
      continue;
    }
    // Whole number texts are below 1e15 (format_number writes larger ones with an exponent).
    const double value = *parse_double(v);
    narrow = narrow && value >= std::numeric_limits<std::int32_t>::min() &&
             value <= std::numeric_limits<std::int32_t>::max();
  }
  if (!whole) return ValueType::real;
  return narrow ? ValueType::integer : ValueType::long_integer;
}

std::vector<Column> stakeholder_columns(const Network& network, bool with_id) {
  std::vector<Column> columns;
  const auto has_value = [&](const std::string& field) {
    return std::any_of(network.stakeholders.begin(), network.stakeholders.end(),
                       [&](const Stakeholder& s) { return !stakeholder_values(s, {field}).front().empty(); });
  };
  for (const std::string& field : stakeholder_fields()) {
    if (field == "id" ? !with_id : !has_value(field)) continue;
    columns.push_back({field, is_real_field(field) ? ValueType::real : ValueType::string});
  }
  for (const std::string& name : network.attribute_names) {
    std::vector<std::string_view> values;
    for (const Stakeholder& s : network.stakeholders) {
      const auto it = s.attributes.find(name);
      if (it != s.attributes.end() && !it->second.empty()) values.push_back(it->second);
    }
    if (!values.empty()) columns.push_back({name, value_type(values)});
  }
  return columns;
}

std::vector<Column> tie_attribute_columns(const Network& network) {
  std::vector<Column> columns;
  for (const std::string& name : network.tie_attribute_names) {
    std::vector<std::string_view> values;
    for (const Tie& tie : network.ties) {
      const auto it = tie.attributes.find(name);
      if (it != tie.attributes.end() && !it->second.empty()) values.push_back(it->second);
    }
    if (!values.empty()) columns.push_back({name, value_type(values)});
  }
  return columns;
}

std::string normalise_typed(std::string_view type, std::string_view value) {
  const std::string folded = lower(type);
  if (folded == "double" || folded == "float") {
    if (const auto number = parse_double(strip(value))) return format_number(*number);
  } else if (folded == "boolean") {
    const std::string v = lower(strip(value));
    if (v == "true" || v == "1") return "true";
    if (v == "false" || v == "0") return "false";
  }
  return std::string(value);
}

}  // namespace clusterscope::io
