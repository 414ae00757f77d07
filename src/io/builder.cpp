#include "clusterscope/io/builder.hpp"

#include <algorithm>
#include <numeric>
#include <set>

#include "clusterscope/io/csv.hpp"
#include "clusterscope/io/text.hpp"

namespace clusterscope::io {

NetworkBuilder::NetworkBuilder(Network& network, Diagnostics& diagnostics)
    : network_(network), diagnostics_(diagnostics) {
  network_.reindex();
  stakeholder_origins_.resize(network_.stakeholders.size());
  attribute_names_.insert(network_.attribute_names.begin(), network_.attribute_names.end());
  tie_attribute_names_.insert(network_.tie_attribute_names.begin(), network_.tie_attribute_names.end());
  for (std::size_t i = 0; i < network_.kinds.size(); ++i)
    kind_ids_.try_emplace(network_.kinds[i], static_cast<KindId>(i));
}

KindId NetworkBuilder::kind_id(std::string_view kind) {
  // Network::intern_kind searches the list; the builder adds every kind, so it keeps the index.
  const auto [it, inserted] =
      kind_ids_.try_emplace(std::string(kind), static_cast<KindId>(network_.kinds.size()));
  if (inserted) network_.kinds.emplace_back(kind);
  return it->second;
}

std::uint32_t NetworkBuilder::file_index(const std::string& file) {
  if (!files_.empty() && files_.back() == file) return static_cast<std::uint32_t>(files_.size() - 1);
  for (std::size_t i = 0; i < files_.size(); ++i) {
    if (files_[i] == file) return static_cast<std::uint32_t>(i);
  }
  files_.push_back(file);
  return static_cast<std::uint32_t>(files_.size() - 1);
}

std::string NetworkBuilder::decimal_text(std::string_view text) const {
  std::string out(text);
  if (decimal_ == ',') std::replace(out.begin(), out.end(), ',', '.');
  return out;
}

std::optional<VertexId> NetworkBuilder::add_stakeholder(Stakeholder stakeholder, const Location& at) {
  if (stakeholder.id.empty()) {
    diagnostics_.error(at, "empty or missing stakeholder id; expected a unique, non-empty id");
    return std::nullopt;
  }
  if (const auto existing = network_.find(stakeholder.id)) {
    const Location& first = stakeholder_origins_[static_cast<std::size_t>(*existing)];
    std::string where_first;
    if (first.line > 0) where_first = " (first defined at line " + std::to_string(first.line) + ")";
    diagnostics_.error(
        at, "duplicate stakeholder id '" + stakeholder.id + "'" + where_first + "; expected every id once");
    return std::nullopt;
  }
  network_.stakeholders.push_back(std::move(stakeholder));
  stakeholder_origins_.push_back(at);
  const auto id = static_cast<VertexId>(network_.stakeholders.size() - 1);
  // Keep the index in step without a full rebuild.
  network_.reindex_one(id);
  return id;
}

void NetworkBuilder::set_field(Stakeholder& s, std::string_view column, std::string_view value,
                               const Location& at) {
  const auto number = [&](std::string_view what, double low, double high) -> std::optional<double> {
    const std::string_view t = trim(value);
    if (t.empty()) return std::nullopt;
    const auto parsed = parse_double(decimal_text(t));
    if (!parsed || *parsed < low || *parsed > high) {
      diagnostics_.error(at, std::string(what) + " '" + std::string(t) +
                                 "' is not valid; expected a number from " + format_number(low) + " to " +
                                 format_number(high));
      return std::nullopt;
    }
    return parsed;
  };
  if (column == "id") {
    s.id = std::string(trim(value));
  } else if (column == "name") {
    s.name = std::string(value);
  } else if (column == "type") {
    s.type = std::string(trim(value));
  } else if (column == "sector") {
    s.sector = std::string(value);
  } else if (column == "municipality") {
    s.municipality = std::string(value);
  } else if (column == "region") {
    s.region = std::string(trim(value));
  } else if (column == "country") {
    s.country = std::string(trim(value));
  } else if (column == "lat") {
    s.lat = number("latitude", -90.0, 90.0);
  } else if (column == "lon") {
    s.lon = number("longitude", -180.0, 180.0);
  } else if (column == "employees") {
    s.employees = number("employees", 0.0, 1e9);
  } else if (column == "parent") {
    s.parent = std::string(trim(value));
  } else if (std::vector<std::string>* list = keyword_list(s, column)) {
    list->clear();
    std::string_view rest = value;
    while (!rest.empty()) {
      const auto pos = rest.find(';');
      const std::string_view tag = trim(rest.substr(0, pos));
      if (!tag.empty()) list->emplace_back(tag);
      if (pos == std::string_view::npos) break;
      rest.remove_prefix(pos + 1);
    }
  } else {
    std::string name(column);
    if (attribute_names_.insert(name).second) network_.attribute_names.push_back(name);
    // active_from / active_to bound when a stakeholder exists (docs/compare.md): kept as
    // attributes in ISO form, so every format carries them, and checked here where the
    // position is known.
    if ((name == "active_from" || name == "active_to") && !trim(value).empty()) {
      const auto d = parse_date(value, at);
      if (!d) return;
      s.attributes[std::move(name)] = d->to_string();
      return;
    }
    // An empty value is a missing value: not stored, so every format reads back the same.
    if (value.empty()) {
      s.attributes.erase(name);
    } else {
      s.attributes[std::move(name)] = std::string(value);
    }
  }
}

std::optional<VertexId> NetworkBuilder::resolve(std::string_view id, const Location& at) {
  const std::string_view key = trim(id);
  if (const auto found = network_.find(key)) return found;
  if (key.empty()) {
    diagnostics_.error(at, "empty or missing stakeholder id in a tie; expected the id of a stakeholder");
    return std::nullopt;
  }
  if (implicit_) {
    // Known to be new: skip add_stakeholder's duplicate look-up.
    Stakeholder s;
    s.id = std::string(key);
    network_.stakeholders.push_back(std::move(s));
    stakeholder_origins_.push_back(at);
    const auto vertex = static_cast<VertexId>(network_.stakeholders.size() - 1);
    network_.reindex_one(vertex);
    return vertex;
  }
  diagnostics_.error(at, "unknown stakeholder id '" + std::string(key) +
                             "'; expected an id declared in the stakeholder table");
  return std::nullopt;
}

std::optional<double> NetworkBuilder::parse_weight(std::string_view text, const Location& at) {
  double value = 0.0;
  const std::string problem = weight_problem(decimal_text(text), value);
  if (!problem.empty()) {
    diagnostics_.error(at, problem);
    return std::nullopt;
  }
  if (!weight_in_range(value, at, trim(text))) return std::nullopt;
  return value;
}

bool NetworkBuilder::weight_in_range(double weight, const Location& at, std::string_view text) {
  // Outside this range sums of duplicate ties overflow, 1/weight path lengths become infinite
  // and ARPACK fails (docs/DATA_FORMATS.md, "Weights").
  if (weight >= kMinTieWeight && weight <= kMaxTieWeight) return true;
  static_assert(kMinTieWeight == 1e-12 && kMaxTieWeight == 1e12, "update the message below");
  diagnostics_.error(at, "weight '" + (text.empty() ? format_number(weight) : std::string(text)) +
                             "' is outside the accepted range; expected a number from 1e-12 to 1e12");
  return false;
}

std::optional<Date> NetworkBuilder::parse_date(std::string_view text, const Location& at,
                                               std::string_view layout) {
  const std::string_view t = trim(text);
  const auto date = clusterscope::parse_date(t, layout);
  if (!date) {
    diagnostics_.error(
        at, "bad date '" + std::string(t) + "'; expected a real date as " +
                (layout.empty() || layout == "YYYY-MM-DD" ? std::string("YYYY-MM-DD, YYYY-MM or YYYY")
                                                          : std::string(layout)));
  }
  return date;
}

void NetworkBuilder::reserve_ties(std::size_t ties) {
  network_.ties.reserve(network_.ties.size() + ties);
  tie_origins_.reserve(tie_origins_.size() + ties);
}

void NetworkBuilder::add_tie(VertexId source, VertexId target, std::string_view kind, double weight,
                             Date start, Date end, const Location& at,
                             std::map<std::string, std::string> attributes) {
  if (!weight_in_range(weight, at, {})) return;
  Tie tie;
  tie.source = source;
  tie.target = target;
  tie.kind = kind_id(kind.empty() ? std::string_view("tie") : kind);
  tie.weight = weight;
  tie.start = start;
  tie.end = end.empty() ? start : end;
  if (!tie.start.empty() && tie.end < tie.start) {
    diagnostics_.error(at, "tie ends (" + tie.end.to_string() + ") before it starts (" +
                               tie.start.to_string() + "); expected end ≥ start");
    return;
  }
  for (const auto& [name, value] : attributes) {
    if (tie_attribute_names_.insert(name).second) network_.tie_attribute_names.push_back(name);
  }
  tie.attributes = std::move(attributes);
  network_.ties.push_back(std::move(tie));
  tie_origins_.push_back(
      {file_index(at.file), static_cast<std::uint32_t>(at.line), static_cast<std::uint32_t>(at.column)});
}

void NetworkBuilder::check_parents() {
  const std::size_t n = network_.stakeholders.size();
  std::vector<VertexId> parent(n, -1);
  for (std::size_t i = 0; i < n; ++i) {
    const Stakeholder& s = network_.stakeholders[i];
    if (s.parent.empty()) continue;
    const auto found = network_.find(s.parent);
    if (!found) {
      diagnostics_.error(stakeholder_origins_[i],
                         "stakeholder '" + s.id + "' names parent '" + s.parent +
                             "', which is not a stakeholder; expected the id of its institution");
    } else {
      parent[i] = *found;
    }
  }
  // A parent chain that returns to where it started is a cycle; report it once, at its first member.
  std::vector<char> state(n, 0);  // 0 unvisited, 1 on the current chain, 2 done
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::size_t> chain;
    std::size_t v = i;
    while (state[v] == 0) {
      state[v] = 1;
      chain.push_back(v);
      if (parent[v] < 0) break;
      v = static_cast<std::size_t>(parent[v]);
    }
    if (state[v] == 1 && parent[v] >= 0) {
      diagnostics_.error(stakeholder_origins_[v], "parent cycle through '" + network_.stakeholders[v].id +
                                                      "'; expected units to lead up to one institution");
    }
    for (std::size_t u : chain)
      state[u] = 2;
  }
}

void NetworkBuilder::finish() {
  auto origin = [&](std::size_t i) {
    const TieOrigin& o = tie_origins_[i];
    return Location{files_.empty() ? std::string() : files_[o.file], o.line, o.column};
  };
  const auto name_of = [&](VertexId v) { return network_.stakeholders[static_cast<std::size_t>(v)].id; };

  // Self-loops: dropped; the first few are listed, the rest counted in one more entry.
  std::vector<Tie> kept;
  std::vector<TieOrigin> kept_origins;
  kept.reserve(network_.ties.size());
  kept_origins.reserve(network_.ties.size());
  std::size_t loops = 0;
  Diagnostic unlisted_loop{Severity::warning, {}, {}, 0};
  for (std::size_t i = 0; i < network_.ties.size(); ++i) {
    Tie& tie = network_.ties[i];
    if (tie.source == tie.target) {
      // The first few are reported one by one; the next stands for all the rest (its `more`).
      if (++loops <= kListedPerKind + 1) {
        Diagnostic loop{Severity::warning, origin(i),
                        "self-loop on '" + name_of(tie.source) +
                            "' dropped (a stakeholder does not cooperate with itself)",
                        0};
        if (loops <= kListedPerKind) {
          diagnostics_.add(std::move(loop));
        } else {
          unlisted_loop = std::move(loop);
        }
      }
      continue;
    }
    kept.push_back(std::move(tie));
    kept_origins.push_back(tie_origins_[i]);
  }
  if (loops > kListedPerKind) {
    unlisted_loop.more = loops - kListedPerKind - 1;
    diagnostics_.add(std::move(unlisted_loop));
  }
  network_.ties = std::move(kept);
  tie_origins_ = std::move(kept_origins);

  // Duplicate ties: the same pair (either order when undirected), kind, dates and every other
  // column — the same row twice. Ties that differ in any value (two projects of one pair: the
  // projection's "activity" differs) are distinct interactions, never duplicates. Kept, weights
  // add up; the first few are listed (pointing at the earlier copy), the rest counted. Sorting
  // flat keys keeps this O(m log m) with cheap comparisons on a million ties.
  struct Key {
    std::uint64_t pair;
    std::uint64_t kind_and_start;
    std::uint64_t columns;  ///< hash of the other columns; equal hashes are compared in full
    std::uint32_t end;
    std::uint32_t index;
    [[nodiscard]] bool same_key(const Key& o) const {
      return pair == o.pair && kind_and_start == o.kind_and_start && end == o.end && columns == o.columns;
    }
  };
  const auto pack = [](Date d) {
    return static_cast<std::uint32_t>(d.year) << 16 | static_cast<std::uint32_t>(d.month) << 8 |
           static_cast<std::uint32_t>(d.day);
  };
  const auto hash_columns = [](const std::map<std::string, std::string>& attributes) {
    std::uint64_t h = 1469598103934665603ULL;  // FNV-1a over name \0 value \0 …
    for (const auto& [name, value] : attributes) {
      for (const std::string* part : {&name, &value}) {
        for (const char c : *part)
          h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
        h = (h ^ 0U) * 1099511628211ULL;
      }
    }
    return h;
  };
  std::vector<Key> keys(network_.ties.size());
  for (std::size_t i = 0; i < network_.ties.size(); ++i) {
    const Tie& t = network_.ties[i];
    auto a = static_cast<std::uint32_t>(t.source);
    auto b = static_cast<std::uint32_t>(t.target);
    if (!network_.directed && a > b) std::swap(a, b);
    keys[i] = {
        std::uint64_t{a} << 32 | b, std::uint64_t{static_cast<std::uint32_t>(t.kind)} << 32 | pack(t.start),
        t.attributes.empty() ? 0 : hash_columns(t.attributes), pack(t.end), static_cast<std::uint32_t>(i)};
  }
  std::sort(keys.begin(), keys.end(), [](const Key& x, const Key& y) {
    return std::tie(x.pair, x.kind_and_start, x.end, x.columns, x.index) <
           std::tie(y.pair, y.kind_and_start, y.end, y.columns, y.index);
  });
  std::size_t duplicates = 0;
  Diagnostic unlisted_duplicate{Severity::warning, {}, {}, 0};
  std::size_t first = 0;
  for (std::size_t k = 1; k < keys.size(); ++k) {
    if (!keys[k].same_key(keys[first])) {
      first = k;
      continue;
    }
    const Tie& t = network_.ties[keys[k].index];
    if (t.attributes != network_.ties[keys[first].index].attributes) continue;  // a hash collision
    if (++duplicates > kListedPerKind + 1) continue;
    const Location earlier = origin(keys[first].index);
    Diagnostic duplicate{
        Severity::warning, origin(keys[k].index),
        "duplicate tie " + name_of(t.source) + (network_.directed ? " -> " : " -- ") + name_of(t.target) +
            " (" + network_.kind_name(t.kind) + ")" +
            (earlier.line > 0 ? " repeats line " + std::to_string(earlier.line) : std::string()) +
            "; kept as a separate interaction, weights add up in analysis",
        0};
    if (duplicates <= kListedPerKind) {
      diagnostics_.add(std::move(duplicate));
    } else {
      unlisted_duplicate = std::move(duplicate);
    }
  }
  if (duplicates > kListedPerKind) {
    unlisted_duplicate.more = duplicates - kListedPerKind - 1;
    diagnostics_.add(std::move(unlisted_duplicate));
  }

  check_parents();

  // Types outside the vocabulary: kept, reported once per value.
  std::unordered_set<std::string_view> vocabulary;
  for (const TypeTerm& term : network_.vocabulary)
    vocabulary.insert(term.name);
  std::map<std::string, std::pair<std::size_t, std::size_t>> unknown;  // value -> (first stakeholder, count)
  for (std::size_t i = 0; i < network_.stakeholders.size(); ++i) {
    const std::string& type = network_.stakeholders[i].type;
    if (type.empty()) continue;
    if (vocabulary.count(type) > 0) continue;
    auto [it, inserted] = unknown.try_emplace(type, i, 0);
    it->second.second += 1;
  }
  for (const auto& [type, seen] : unknown) {
    diagnostics_.warning(stakeholder_origins_[seen.first],
                         "type '" + type + "' (" + std::to_string(seen.second) +
                             " stakeholders) is not in the type vocabulary; kept as it is — map it in "
                             "the manifest's \"values\" or add it to \"vocabulary\"");
  }
}

}  // namespace clusterscope::io
