// Periods and snapshots (docs/compare.md, "Periods").

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "clusterscope/change/change.hpp"
#include "clusterscope/core/diagnostics.hpp"

namespace clusterscope::change {
namespace {

/// A day number for ordering and differences (days since 0000-03-01, proleptic Gregorian).
std::int64_t day_number(const Date& d) {
  const Date f = d.first_day();
  std::int64_t y = f.year;
  std::int64_t m = f.month;
  if (m <= 2) {
    y -= 1;
    m += 12;
  }
  return 365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + f.day - 1;
}

Date full(std::int32_t year, std::int32_t month, std::int32_t day) {
  return Date{static_cast<std::int16_t>(year), static_cast<std::int8_t>(month),
              static_cast<std::int8_t>(day)};
}

std::string month_text(const Date& d) {
  return d.to_string().substr(0, 7);
}

/// The last day of a month.
Date month_end(std::int32_t year, std::int32_t month) {
  return Date{static_cast<std::int16_t>(year), static_cast<std::int8_t>(month), 0}.last_day();
}

}  // namespace

bool Period::overlaps(const Date& start, const Date& end) const noexcept {
  if (start.empty()) return false;
  const Date s = start.first_day();
  const Date e = (end.empty() ? start : end).last_day();
  if (!from.empty() && e < first_day()) return false;
  if (!to.empty() && last_day() < s) return false;
  return true;
}

std::string period_label(const Date& from, const Date& to) {
  if (from.empty() && to.empty()) return "all";
  if (from.empty()) return "… " + to.to_string();
  if (to.empty()) return from.to_string() + " …";
  const Date a = from.first_day();
  const Date b = to.last_day();
  if (a.year == b.year && a.month == 1 && a.day == 1 && b.month == 12 && b.day == 31)
    return std::to_string(a.year);
  if (a.year == b.year && a.day == 1 && (a.month - 1) % 3 == 0 && b.month == a.month + 2 &&
      b == month_end(b.year, b.month))
    return std::to_string(a.year) + "-Q" + std::to_string((a.month - 1) / 3 + 1);
  if (a.year == b.year && a.month == b.month && a.day == 1 && b == month_end(b.year, b.month))
    return month_text(a);
  if (from == to) return from.to_string();
  return from.to_string() + " … " + to.to_string();
}

std::optional<Period> parse_period(std::string_view text, std::string& error) {
  const auto dots = text.find("..");
  const std::string expected =
      "expected FROM..TO with dates YYYY, YYYY-MM or YYYY-MM-DD (2012..2012 is the year 2012; "
      "either end may be left open: 2014.. or ..2013), or one date (2012: the year 2012)";
  if (dots == std::string_view::npos) {
    // A bare date is the period it covers: 2012 = 2012..2012.
    if (const auto only = parse_iso_date(text)) {
      Period p{*only, *only, {}};
      p.label = period_label(p.from, p.to);
      return p;
    }
  }
  if (dots == std::string_view::npos || text.find("..", dots + 2) != std::string_view::npos) {
    error = "'" + std::string(text) + "' is not a period; " + expected;
    return std::nullopt;
  }
  const std::string_view a = text.substr(0, dots);
  const std::string_view b = text.substr(dots + 2);
  if (a.empty() && b.empty()) {
    error = "'" + std::string(text) + "' has neither end; " + expected;
    return std::nullopt;
  }
  Period p;
  for (const auto& [part, slot] : {std::pair{a, &p.from}, std::pair{b, &p.to}}) {
    if (part.empty()) continue;
    const auto d = parse_iso_date(part);
    if (!d) {
      error = "'" + std::string(part) + "' in '" + std::string(text) + "' is not a date; " + expected;
      return std::nullopt;
    }
    *slot = *d;
  }
  if (!p.from.empty() && !p.to.empty() && p.last_day() < p.first_day()) {
    error = "'" + std::string(text) + "' is inverted: it ends (" + p.last_day().to_string() +
            ") before it starts (" + p.first_day().to_string() + "); expected FROM no later than TO";
    return std::nullopt;
  }
  p.label = period_label(p.from, p.to);
  return p;
}

std::optional<std::vector<Period>> periods_from_rule(std::string_view rule, const Date& first,
                                                     const Date& last, std::string& error) {
  std::int32_t months = 0;
  if (rule == "yearly") {
    months = 12;
  } else if (rule == "quarterly") {
    months = 3;
  } else if (rule.size() > 7 && rule.substr(rule.size() - 7) == "-months") {
    const std::string_view n = rule.substr(0, rule.size() - 7);
    const auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), months);
    if (ec != std::errc() || end != n.data() + n.size() || months < 1 || months > 120) months = 0;
  }
  if (months == 0) {
    error =
        "unknown rule '" + std::string(rule) + "'; expected yearly, quarterly or N-months (N from 1 to 120)";
    return std::nullopt;
  }
  std::vector<Period> out;
  if (first.empty() || last.empty()) return out;
  const Date a = first.first_day();
  const Date b = last.last_day();
  // Calendar years and quarters start on their boundary; blocks of N months at the first month.
  std::int32_t year = a.year;
  std::int32_t month = a.month;
  if (rule == "yearly") month = 1;
  if (rule == "quarterly") month = (month - 1) / 3 * 3 + 1;
  while (true) {
    const Date from = full(year, month, 1);
    if (b < from) break;
    const Date to = add_months(from, months - 1).last_day();
    Period p;
    p.from = months == 12 && month == 1 ? Date{from.year, 0, 0} : Date{from.year, from.month, 0};
    p.to = months == 12 && month == 1 ? Date{to.year, 0, 0} : Date{to.year, to.month, 0};
    p.label = period_label(p.from, p.to);
    out.push_back(p);
    const Date next = add_months(from, months);
    year = next.year;
    month = next.month;
  }
  return out;
}

std::string check_periods(const std::vector<Period>& periods) {
  for (std::size_t i = 1; i < periods.size(); ++i) {
    const Period& a = periods[i - 1];
    const Period& b = periods[i];
    const bool a_open_end = a.to.empty();
    const bool b_open_start = b.from.empty();
    if (a_open_end || b_open_start || !(a.last_day() < b.first_day())) {
      const bool before = !a.from.empty() && !b.from.empty() && b.first_day() < a.first_day();
      return "periods " + a.label + " and " + b.label +
             (before ? " are out of time order; expected the earlier period first"
                     : " overlap; expected periods that do not share a day, earliest first");
    }
  }
  return "";
}

Date add_months(const Date& date, std::int32_t months) {
  const Date f = date.first_day();
  std::int32_t index = f.year * 12 + (f.month - 1) + months;
  const std::int32_t year = index / 12;
  const std::int32_t month = index % 12 + 1;
  return full(year, month, std::min<std::int32_t>(f.day, month_end(year, month).day));
}

std::int32_t days_between(const Date& a, const Date& b) {
  return static_cast<std::int32_t>(day_number(b) - day_number(a));
}

namespace {

/// The active_from / active_to span of a stakeholder, if it has one.
struct Active {
  bool known = false;
  Date from;
  Date to;
};

Active active_of(const Stakeholder& s) {
  Active a;
  for (const auto& [field, slot] :
       {std::pair{active_from_field, &a.from}, std::pair{active_to_field, &a.to}}) {
    const auto it = s.attributes.find(field);
    if (it == s.attributes.end() || it->second.empty()) continue;
    const auto d = parse_iso_date(it->second);
    if (!d)
      throw InputError(Location{}, "stakeholder '" + s.id + "': " + field + " '" + it->second +
                                       "' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD");
    *slot = *d;
    a.known = true;
  }
  if (!a.from.empty() && !a.to.empty() && a.to.last_day() < a.from.first_day())
    throw InputError(Location{}, "stakeholder '" + s.id + "': active_to " + a.to.to_string() +
                                     " is before active_from " + a.from.to_string() +
                                     "; expected active_from no later than active_to");
  return a;
}

bool active_in(const Active& a, const Period& p) {
  // An open end of the active span reaches as far as dates go.
  return a.known &&
         p.overlaps(a.from.empty() ? Date{1, 1, 1} : a.from, a.to.empty() ? Date{9999, 12, 31} : a.to);
}

/// Copies the network's settings (name, vocabulary, kinds, weights) without its data.
Network empty_like(const Network& network) {
  Network out;
  out.name = network.name;
  out.description = network.description;
  out.area = network.area;
  out.source = network.source;
  out.licence = network.licence;
  out.directed = network.directed;
  out.input_files = network.input_files;
  out.kinds = network.kinds;
  out.vocabulary = network.vocabulary;
  out.kind_weights = network.kind_weights;
  out.attribute_names = network.attribute_names;
  out.tie_attribute_names = network.tie_attribute_names;
  return out;
}

}  // namespace

Snapshot snapshot_in_period(const Network& network, const Period& period, Undated undated) {
  Snapshot snap;
  snap.label = period.label;
  snap.period = period;
  snap.network = empty_like(network);
  std::vector<char> keep_tie(network.ties.size(), 0);
  std::vector<char> present(network.size(), 0);
  for (std::size_t i = 0; i < network.ties.size(); ++i) {
    const Tie& t = network.ties[i];
    bool in = false;
    if (t.start.empty()) {
      ++snap.undated;
      in = undated == Undated::keep;
    } else {
      in = period.overlaps(t.start, t.end);
    }
    if (!in) continue;
    keep_tie[i] = 1;
    present[static_cast<std::size_t>(t.source)] = 1;
    present[static_cast<std::size_t>(t.target)] = 1;
  }
  for (std::size_t v = 0; v < network.size(); ++v)
    if (active_in(active_of(network.stakeholders[v]), period)) present[v] = 1;
  std::vector<VertexId> index(network.size(), -1);
  for (std::size_t v = 0; v < network.size(); ++v) {
    if (present[v] == 0) continue;
    index[v] = static_cast<VertexId>(snap.network.stakeholders.size());
    snap.network.stakeholders.push_back(network.stakeholders[v]);
    snap.base.push_back(static_cast<VertexId>(v));
  }
  for (std::size_t i = 0; i < network.ties.size(); ++i) {
    if (keep_tie[i] == 0) continue;
    Tie t = network.ties[i];
    t.source = index[static_cast<std::size_t>(t.source)];
    t.target = index[static_cast<std::size_t>(t.target)];
    snap.network.ties.push_back(std::move(t));
    snap.base_tie.push_back(i);
  }
  snap.network.referrals = network.referrals;
  snap.network.reindex();
  return snap;
}

std::size_t dated_ties(const Snapshot& snapshot, Undated undated) noexcept {
  return snapshot.network.ties.size() - (undated == Undated::keep ? snapshot.undated : 0);
}

std::string span_text(const DatedSpan& span) {
  return span.first.empty() ? std::string("no tie is dated")
                            : "the dated ties run " + span.first.to_string() + " … " + span.last.to_string();
}

std::string no_dated_tie(const Period& period, const DatedSpan& span) {
  return "period " + period.label + " holds no dated tie (" + span_text(span) +
         "); expected a period that overlaps the data";
}

Matched match_datasets(const Network& a, std::string label_a, const Network& b, std::string label_b) {
  Matched m;
  m.base = empty_like(b);
  m.base.input_files = a.input_files;
  m.base.input_files.insert(m.base.input_files.end(), b.input_files.begin(), b.input_files.end());
  // Stakeholders of a (fields from b where b has them), then those only in b.
  std::vector<VertexId> of_a(a.size());
  std::vector<VertexId> of_b(b.size(), -1);
  for (std::size_t v = 0; v < a.size(); ++v) {
    const auto in_b = b.find(a.stakeholders[v].id);
    m.base.stakeholders.push_back(in_b ? b.stakeholders[static_cast<std::size_t>(*in_b)] : a.stakeholders[v]);
    of_a[v] = static_cast<VertexId>(v);
    if (in_b) of_b[static_cast<std::size_t>(*in_b)] = static_cast<VertexId>(v);
  }
  for (std::size_t v = 0; v < b.size(); ++v) {
    if (of_b[v] >= 0) continue;
    of_b[v] = static_cast<VertexId>(m.base.stakeholders.size());
    m.base.stakeholders.push_back(b.stakeholders[v]);
  }
  m.base.reindex();
  std::set<std::string> names(a.attribute_names.begin(), a.attribute_names.end());
  for (const std::string& n : b.attribute_names)
    if (names.insert(n).second) m.base.attribute_names.push_back(n);
  for (const auto& [source, map, label] :
       {std::tuple{&a, &of_a, &label_a}, std::tuple{&b, &of_b, &label_b}}) {
    Snapshot snap;
    snap.label = *label;
    snap.network = *source;
    snap.network.name = *label;
    snap.base = *map;
    for (const Tie& t : source->ties) {
      if (t.start.empty()) ++snap.undated;
      Tie copy = t;
      copy.source = (*map)[static_cast<std::size_t>(t.source)];
      copy.target = (*map)[static_cast<std::size_t>(t.target)];
      copy.kind = m.base.intern_kind(source->kind_name(t.kind));
      snap.base_tie.push_back(m.base.ties.size());
      m.base.ties.push_back(std::move(copy));
    }
    for (const auto& [kind, weight] : source->kind_weights)
      m.base.kind_weights.try_emplace(kind, weight);
    m.snapshots.push_back(std::move(snap));
  }
  m.base.referrals = b.referrals;
  return m;
}

Union union_of(const Network& base, const std::vector<Snapshot>& snapshots) {
  Union u;
  u.network = empty_like(base);
  u.network.referrals = base.referrals;
  u.index.assign(base.size(), -1);
  for (const Snapshot& s : snapshots)
    for (const VertexId v : s.base)
      u.index[static_cast<std::size_t>(v)] = 0;
  for (std::size_t v = 0; v < base.size(); ++v) {
    if (u.index[v] < 0) continue;
    u.index[v] = static_cast<VertexId>(u.base_of.size());
    u.base_of.push_back(static_cast<VertexId>(v));
    u.network.stakeholders.push_back(base.stakeholders[v]);
  }
  u.network.reindex();
  // A tie of the base once, however many snapshots hold it.
  std::vector<char> used(base.ties.size(), 0);
  for (const Snapshot& s : snapshots)
    for (const std::size_t t : s.base_tie)
      used[t] = 1;
  for (std::size_t i = 0; i < base.ties.size(); ++i) {
    if (used[i] == 0) continue;
    Tie copy = base.ties[i];
    copy.source = u.index[static_cast<std::size_t>(copy.source)];
    copy.target = u.index[static_cast<std::size_t>(copy.target)];
    u.network.ties.push_back(std::move(copy));
  }
  return u;
}

}  // namespace clusterscope::change
