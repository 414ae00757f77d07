#pragma once
// Name tables: the one place an enum's values meet their names. Each enum that is read from or
// written as text has a constexpr table beside its declaration, and parsing (options, manifest
// keys), --help texts, JSON/CSV/report output and the "expected …" of error messages all read it.
//
// A table lists each value once under its canonical name (the one written out); further entries
// with the same value are aliases that are accepted but never written ("net", then "paj").
// `note` is an optional description for --help and explanatory output ("fa2 (ForceAtlas2)").

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clusterscope/core/diagnostics.hpp"

namespace clusterscope::core {

template <class E>
struct Name {
  E value;
  std::string_view name;
  std::string_view note = {};
};

/// True when entry `i` is its value's first (canonical) entry.
template <class E, std::size_t N>
constexpr bool is_canonical(const std::array<Name<E>, N>& table, std::size_t i) {
  for (std::size_t j = 0; j < i; ++j)
    if (table[j].value == table[i].value) return false;
  return true;
}

/// The value named `name` (canonical name or alias; exact, case-sensitive); nullopt when none is.
template <class E, std::size_t N>
constexpr std::optional<E> find_name(const std::array<Name<E>, N>& table, std::string_view name) {
  for (const Name<E>& entry : table)
    if (entry.name == name) return entry.value;
  return std::nullopt;
}

/// The canonical entry of `value`; InternalError when the table lacks it.
template <class E, std::size_t N>
const Name<E>& entry_of(const std::array<Name<E>, N>& table, E value) {
  for (const Name<E>& entry : table)
    if (entry.value == value) return entry;
  throw InternalError("a name table lacks value " + std::to_string(static_cast<long long>(value)));
}

/// The canonical name of `value`; InternalError when the table lacks it.
template <class E, std::size_t N>
std::string_view name_of(const std::array<Name<E>, N>& table, E value) {
  return entry_of(table, value).name;
}

/// "name (note)", or the name alone when the entry has no note.
template <class E>
std::string described(const Name<E>& entry) {
  std::string text(entry.name);
  if (!entry.note.empty()) text.append(" (").append(entry.note).append(")");
  return text;
}

/// described() of the canonical entry of `value`.
template <class E, std::size_t N>
std::string described(const std::array<Name<E>, N>& table, E value) {
  return described(entry_of(table, value));
}

/// The canonical names, in table order.
template <class E, std::size_t N>
std::vector<std::string_view> canonical_names(const std::array<Name<E>, N>& table) {
  std::vector<std::string_view> names;
  for (std::size_t i = 0; i < N; ++i)
    if (is_canonical(table, i)) names.push_back(table[i].name);
  return names;
}

namespace detail {

template <class E, std::size_t N, class Text>
std::string join_canonical(const std::array<Name<E>, N>& table, std::string_view separator,
                           std::string_view last, Text text) {
  std::vector<std::string> items;
  for (std::size_t i = 0; i < N; ++i)
    if (is_canonical(table, i)) items.push_back(text(table[i]));
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? last : separator;
    out += items[i];
  }
  return out;
}

}  // namespace detail

/// The canonical names in table order for an "expected …" message: "a, b or c". `last` joins the
/// last two (" or ", or ", " for "a, b, c"), `quote` goes around each name ("\"a\" or \"b\"") and
/// `separator` between the others.
template <class E, std::size_t N>
std::string choices(const std::array<Name<E>, N>& table, std::string_view last = " or ",
                    std::string_view quote = {}, std::string_view separator = ", ") {
  return detail::join_canonical(table, separator, last, [quote](const Name<E>& entry) {
    return std::string(quote).append(entry.name).append(quote);
  });
}

/// The canonical names with their notes, for --help: "fa2 (ForceAtlas2), fr or geo (lat/lon)".
template <class E, std::size_t N>
std::string described_choices(const std::array<Name<E>, N>& table, std::string_view last = " or ") {
  return detail::join_canonical(table, ", ", last, [](const Name<E>& entry) { return described(entry); });
}

}  // namespace clusterscope::core
