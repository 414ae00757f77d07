#include "clusterscope/model/network.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "clusterscope/core/diagnostics.hpp"

namespace clusterscope {

namespace {

bool parse_int(std::string_view text, int& out) {
  if (text.empty() || text.size() > 4) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  const auto result = std::from_chars(text.data(), text.data() + text.size(), out);
  return result.ec == std::errc{};
}

bool leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap(year) ? 29 : days[month - 1];
}

std::optional<Date> make_date(int year, int month, int day) {
  if (year < 1 || year > 9999) return std::nullopt;
  if (month < 0 || month > 12) return std::nullopt;
  if (month == 0 && day != 0) return std::nullopt;
  if (day < 0 || (month > 0 && day > days_in_month(year, month))) return std::nullopt;
  return Date{static_cast<std::int16_t>(year), static_cast<std::int8_t>(month),
              static_cast<std::int8_t>(day)};
}

/// Splits "a<sep>b<sep>c" into exactly three parts.
bool split3(std::string_view text, char sep, std::string_view parts[3]) {
  for (int i = 0; i < 2; ++i) {
    const auto pos = text.find(sep);
    if (pos == std::string_view::npos) return false;
    parts[i] = text.substr(0, pos);
    text.remove_prefix(pos + 1);
  }
  parts[2] = text;
  return text.find(sep) == std::string_view::npos;
}

}  // namespace

std::string Date::to_string() const {
  if (empty()) return {};
  char buffer[32];
  if (month == 0) {
    std::snprintf(buffer, sizeof buffer, "%04d", year);
  } else if (day == 0) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month);
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  }
  return buffer;
}

Date Date::first_day() const noexcept {
  if (empty()) return *this;
  return {year, month == 0 ? std::int8_t{1} : month, day == 0 ? std::int8_t{1} : day};
}

Date Date::last_day() const noexcept {
  if (empty()) return *this;
  const std::int8_t m = month == 0 ? std::int8_t{12} : month;
  return {year, m, day == 0 ? static_cast<std::int8_t>(days_in_month(year, m)) : day};
}

std::optional<Date> parse_iso_date(std::string_view text) {
  int year = 0;
  int month = 0;
  int day = 0;
  if (text.size() == 4) {
    if (!parse_int(text, year)) return std::nullopt;
  } else if (text.size() == 7 && text[4] == '-') {
    if (!parse_int(text.substr(0, 4), year) || !parse_int(text.substr(5, 2), month) || month == 0)
      return std::nullopt;
  } else if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    if (!parse_int(text.substr(0, 4), year) || !parse_int(text.substr(5, 2), month) ||
        !parse_int(text.substr(8, 2), day) || month == 0 || day == 0)
      return std::nullopt;
  } else {
    return std::nullopt;
  }
  return make_date(year, month, day);
}

bool is_known_date_layout(std::string_view layout) {
  return layout == "YYYY-MM-DD" || layout == "DD/MM/YYYY" || layout == "DD.MM.YYYY" || layout == "MM/DD/YYYY";
}

std::optional<Date> parse_date(std::string_view text, std::string_view layout) {
  if (layout.empty() || layout == "YYYY-MM-DD") return parse_iso_date(text);
  const char sep = layout == "DD.MM.YYYY" ? '.' : '/';
  std::string_view parts[3];
  if (!split3(text, sep, parts)) return std::nullopt;
  const bool month_first = layout == "MM/DD/YYYY";
  int year = 0;
  int month = 0;
  int day = 0;
  if (parts[2].size() != 4 || parts[0].empty() || parts[0].size() > 2 || parts[1].empty() ||
      parts[1].size() > 2)
    return std::nullopt;
  if (!parse_int(parts[month_first ? 1 : 0], day) || !parse_int(parts[month_first ? 0 : 1], month) ||
      !parse_int(parts[2], year) || month == 0 || day == 0)
    return std::nullopt;
  return make_date(year, month, day);
}

std::vector<TypeTerm> default_vocabulary() {
  // Okabe & Ito (2008) colour-blind-safe palette.
  return {
      {"enterprise", "#0072B2", "Enterprise"},
      {"university", "#D55E00", "University"},
      {"research", "#E69F00", "Research institute"},
      {"support", "#009E73", "Business-support institution"},
      {"government", "#CC79A7", "Local or regional government"},
      {"cluster", "#56B4E9", "Cluster organisation"},
      {"ngo", "#F0E442", "Association / NGO"},
      {"other", "#999999", "Other"},
  };
}

const std::vector<std::string>& stakeholder_fields() {
  static const std::vector<std::string> fields = {"id",     "name",    "type",  "sector", "municipality",
                                                  "region", "country", "lat",   "lon",    "employees",
                                                  "parent", "tags",    "needs", "offers"};
  return fields;
}

bool is_keyword_field(std::string_view field) noexcept {
  return field == "tags" || field == "needs" || field == "offers";
}

std::vector<std::string>* keyword_list(Stakeholder& s, std::string_view field) noexcept {
  if (field == "tags") return &s.tags;
  if (field == "needs") return &s.needs;
  if (field == "offers") return &s.offers;
  return nullptr;
}

const std::vector<std::string>* keyword_list(const Stakeholder& s, std::string_view field) noexcept {
  return keyword_list(const_cast<Stakeholder&>(s), field);
}

namespace {
std::uint64_t hash_id(std::string_view id) noexcept {
  // FNV-1a, then a final mix so that sequential ids ("n1", "n2", …) spread over the table.
  std::uint64_t h = 1469598103934665603ULL;
  for (const char c : id)
    h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}
}  // namespace

std::optional<VertexId> Network::find(std::string_view id) const {
  if (slots_.empty()) return std::nullopt;
  const std::uint64_t h = hash_id(id);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.vertex < 0) return std::nullopt;
    if (slot.hash == h && ids_[static_cast<std::size_t>(slot.vertex)] == id) return slot.vertex;
  }
}

KindId Network::intern_kind(std::string_view kind) {
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    if (kinds[i] == kind) return static_cast<KindId>(i);
  }
  kinds.emplace_back(kind);
  return static_cast<KindId>(kinds.size() - 1);
}

double Network::kind_weight(KindId kind) const {
  const auto it = kind_weights.find(kind_name(kind));
  return it == kind_weights.end() ? 1.0 : it->second;
}

void Network::insert_slot(std::uint64_t hash, VertexId vertex) {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = hash & mask;
  while (slots_[i].vertex >= 0)
    i = (i + 1) & mask;
  slots_[i] = {hash, vertex};
  ++indexed_;
}

void Network::reindex() {
  std::size_t capacity = 16;
  while (capacity < stakeholders.size() * 2)
    capacity *= 2;
  slots_.assign(capacity, Slot{});
  indexed_ = 0;
  ids_.resize(stakeholders.size());
  for (std::size_t i = 0; i < stakeholders.size(); ++i) {
    ids_[i] = stakeholders[i].id;
    insert_slot(hash_id(stakeholders[i].id), static_cast<VertexId>(i));
  }
}

void Network::reindex_one(VertexId id) {
  // Keep the load factor at or below one half.
  if ((indexed_ + 1) * 2 > slots_.size()) {
    reindex();
    return;
  }
  const std::string& text = stakeholders[static_cast<std::size_t>(id)].id;
  if (ids_.size() <= static_cast<std::size_t>(id)) ids_.resize(static_cast<std::size_t>(id) + 1);
  ids_[static_cast<std::size_t>(id)] = text;
  insert_slot(hash_id(text), id);
}

DatedSpan dated_span(const Network& network) {
  DatedSpan span;
  for (const Tie& t : network.ties) {
    if (t.start.empty()) {
      ++span.undated;
      continue;
    }
    const Date s = t.start.first_day();
    const Date e = t.last_day();
    if (span.first.empty() || s < span.first) span.first = s;
    if (span.last.empty() || span.last < e) span.last = e;
  }
  return span;
}

std::vector<AggregatedEdge> aggregate_ties(const Network& network) {
  std::vector<double> weight_of_kind(network.kinds.size());
  for (std::size_t k = 0; k < network.kinds.size(); ++k) {
    weight_of_kind[k] = network.kind_weight(static_cast<KindId>(k));
  }
  std::vector<AggregatedEdge> edges;
  edges.reserve(network.ties.size());
  for (const Tie& tie : network.ties) {
    AggregatedEdge edge{tie.source, tie.target,
                        tie.weight * weight_of_kind[static_cast<std::size_t>(tie.kind)], 1};
    if (!network.directed && edge.source > edge.target) std::swap(edge.source, edge.target);
    edges.push_back(edge);
  }
  std::stable_sort(edges.begin(), edges.end(), [](const AggregatedEdge& a, const AggregatedEdge& b) {
    return a.source != b.source ? a.source < b.source : a.target < b.target;
  });
  std::vector<AggregatedEdge> merged;
  for (const AggregatedEdge& edge : edges) {
    if (!merged.empty() && merged.back().source == edge.source && merged.back().target == edge.target) {
      merged.back().weight += edge.weight;
      merged.back().ties += 1;
    } else {
      merged.push_back(edge);
    }
  }
  for (const AggregatedEdge& edge : merged) {
    // Loaded weights lie in [kMinTieWeight, kMaxTieWeight], so only kind weights far from 1 get
    // here; every measure divides by or multiplies weights, so refuse rather than compute inf.
    if (std::isfinite(edge.weight) && edge.weight >= std::numeric_limits<double>::min()) continue;
    const std::string& a = network.stakeholders[static_cast<std::size_t>(edge.source)].id;
    const std::string& b = network.stakeholders[static_cast<std::size_t>(edge.target)].id;
    std::ostringstream weight;
    weight << edge.weight;
    throw InputError(Location{},
                     "the ties between '" + a + "' and '" + b + "' add up to an analysis weight of " +
                         weight.str() + " (" + std::to_string(edge.ties) +
                         " ties × their kind weights); expected a finite number greater than 0 — check "
                         "the kind weights");
  }
  return merged;
}

void apply_palette(Network& network, const std::vector<std::string>& colours) {
  for (std::size_t i = 0; i < std::min(colours.size(), network.vocabulary.size()); ++i)
    network.vocabulary[i].colour = colours[i];
}

}  // namespace clusterscope
