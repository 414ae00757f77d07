// recommend(), keyword matching, the settings and the output tables (docs/recommend.md).

#include "clusterscope/recommend/recommend.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "clusterscope/core/csv_write.hpp"
#include "clusterscope/core/text.hpp"
#include "scorer.hpp"

namespace clusterscope::recommend {

namespace {

bool ends_with(std::string_view text, std::string_view end) {
  return text.size() >= end.size() && text.substr(text.size() - end.size()) == end;
}

/// One word in the singular, by the simple English rules of docs/recommend.md.
std::string singular(std::string word) {
  if (word.size() <= 3) return word;
  if (ends_with(word, "ies") && word.size() > 4) return word.substr(0, word.size() - 3) + "y";
  if (ends_with(word, "sses") || ends_with(word, "ches") || ends_with(word, "shes") ||
      ends_with(word, "xes") || ends_with(word, "zes"))
    return word.substr(0, word.size() - 2);
  if (ends_with(word, "ss") || ends_with(word, "us") || ends_with(word, "is")) return word;
  if (ends_with(word, "s")) return word.substr(0, word.size() - 1);
  return word;
}

std::string base_key(std::string_view keyword) {
  const std::string folded = core::fold_text(keyword);
  std::string key;
  std::size_t start = 0;
  while (start <= folded.size()) {
    const std::size_t space = std::min(folded.find(' ', start), folded.size());
    if (space > start) {
      if (!key.empty()) key += ' ';
      key += singular(folded.substr(start, space - start));
    }
    start = space + 1;
  }
  return key;
}

[[noreturn]] void fail(const std::string& key, const std::string& message) {
  throw std::invalid_argument("recommend." + key + ": " + message);
}

const char* json_kind(const nlohmann::json& v) {
  if (v.is_null()) return "null";
  if (v.is_boolean()) return "a boolean";
  if (v.is_number()) return "a number";
  if (v.is_string()) return "a string";
  if (v.is_array()) return "an array";
  return "an object";
}

std::vector<std::string> string_list(const std::string& key, const nlohmann::json& value) {
  if (!value.is_array()) fail(key, std::string("expected an array of strings, got ") + json_kind(value));
  std::vector<std::string> out;
  for (const auto& item : value) {
    if (!item.is_string()) fail(key, std::string("expected an array of strings, found ") + json_kind(item));
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::int32_t whole(const std::string& key, const nlohmann::json& value) {
  if (!value.is_number_integer()) fail(key, std::string("expected a whole number, got ") + json_kind(value));
  const auto wide = value.is_number_unsigned() ? static_cast<long double>(value.get<std::uint64_t>())
                                               : static_cast<long double>(value.get<std::int64_t>());
  if (wide < std::numeric_limits<std::int32_t>::min() || wide > std::numeric_limits<std::int32_t>::max())
    fail(key, "whole number out of range: " + value.dump());
  return static_cast<std::int32_t>(value.get<std::int64_t>());
}

double number(const std::string& key, const nlohmann::json& value) {
  if (!value.is_number()) fail(key, std::string("expected a number, got ") + json_kind(value));
  return value.get<double>();
}

std::string id_or_empty(const Network& network, VertexId v) {
  return v < 0 ? std::string() : network.stakeholders[static_cast<std::size_t>(v)].id;
}

std::string name_or_empty(const Network& network, VertexId v) {
  return v < 0 ? std::string() : network.stakeholders[static_cast<std::size_t>(v)].name;
}

}  // namespace

KeywordMatcher::KeywordMatcher(const std::vector<std::vector<std::string>>& synonyms) {
  for (const auto& group : synonyms) {
    if (group.empty()) continue;
    const std::string first = base_key(group.front());
    for (std::size_t i = 1; i < group.size(); ++i)
      canonical_.try_emplace(base_key(group[i]), first);
  }
}

std::string KeywordMatcher::key(std::string_view keyword) const {
  std::string key = base_key(keyword);
  if (const auto it = canonical_.find(key); it != canonical_.end()) return it->second;
  return key;
}

void check_config(const RecommendConfig& c) {
  double sum = 0;
  for (std::size_t p = 0; p < kParts; ++p) {
    const double w = c.weights[p];
    if (!(std::isfinite(w) && w >= 0))
      fail("weights." + std::string(kPartNames[p].name),
           "expected a finite number ≥ 0, got " + nlohmann::json(w).dump());
    sum += w;
  }
  if (!(sum > 0))
    throw std::invalid_argument("recommend.weights: the weights sum to 0; at least one must be > 0");
  if (c.top < 1) fail("top", "expected a whole number ≥ 1, got " + std::to_string(c.top));
  if (c.top > 1000) fail("top", "expected a whole number ≤ 1000, got " + std::to_string(c.top));
  if (c.max_steps < 2 || c.max_steps > 3)
    fail("max_steps", "expected 2 or 3, got " + std::to_string(c.max_steps));
  if (!(std::isfinite(c.space_radius_km) && c.space_radius_km > 0))
    fail("space_radius_km", "expected a finite number > 0, got " + nlohmann::json(c.space_radius_km).dump());
  if (c.sector_min_stakeholders < 1)
    fail("sector_min_stakeholders",
         "expected a whole number ≥ 1, got " + std::to_string(c.sector_min_stakeholders));
  for (std::size_t g = 0; g < c.synonyms.size(); ++g)
    if (c.synonyms[g].size() < 2)
      fail("synonyms", "group " + std::to_string(g + 1) + " has fewer than two keywords");
}

RecommendConfig recommend_config_from_json(const nlohmann::json& object) {
  if (!object.is_object())
    throw std::invalid_argument(std::string("recommend: expected an object, got ") + json_kind(object));
  RecommendConfig c;
  for (const auto& [key, value] : object.items()) {
    if (key == "weights") {
      if (!value.is_object())
        fail(key, std::string("expected an object of part weights, got ") + json_kind(value));
      for (const auto& [part, weight] : value.items()) {
        const auto found = core::find_name(kPartNames, part);
        if (!found) fail("weights." + part, "unknown part (expected " + core::choices(kPartNames) + ")");
        c.weights[static_cast<std::size_t>(*found)] = number("weights." + part, weight);
      }
    } else if (key == "top") {
      c.top = whole(key, value);
    } else if (key == "query_types") {
      c.query_types = string_list(key, value);
    } else if (key == "firm_types") {
      c.firm_types = string_list(key, value);
    } else if (key == "academia_types") {
      c.academia_types = string_list(key, value);
    } else if (key == "support_types") {
      c.support_types = string_list(key, value);
    } else if (key == "government_types") {
      c.government_types = string_list(key, value);
    } else if (key == "max_steps") {
      c.max_steps = whole(key, value);
    } else if (key == "space_radius_km") {
      c.space_radius_km = number(key, value);
    } else if (key == "sector_min_stakeholders") {
      c.sector_min_stakeholders = whole(key, value);
    } else if (key == "synonyms") {
      if (!value.is_array())
        fail(key, std::string("expected an array of keyword lists, got ") + json_kind(value));
      c.synonyms.clear();
      for (const auto& group : value)
        c.synonyms.push_back(string_list(key, group));
    } else {
      throw std::invalid_argument("recommend: unknown key '" + key +
                                  "' (known keys: weights, top, query_types, firm_types, academia_types, "
                                  "support_types, government_types, max_steps, space_radius_km, "
                                  "sector_min_stakeholders, synonyms)");
    }
  }
  check_config(c);
  return c;
}

nlohmann::ordered_json recommend_config_to_json(const RecommendConfig& c) {
  nlohmann::ordered_json o;
  nlohmann::ordered_json weights = nlohmann::ordered_json::object();
  for (std::size_t p = 0; p < kParts; ++p)
    weights[std::string(kPartNames[p].name)] = c.weights[p];
  o["weights"] = weights;
  o["top"] = c.top;
  o["query_types"] = c.query_types;
  o["firm_types"] = c.firm_types;
  o["academia_types"] = c.academia_types;
  o["support_types"] = c.support_types;
  o["government_types"] = c.government_types;
  o["max_steps"] = c.max_steps;
  o["space_radius_km"] = c.space_radius_km;
  o["sector_min_stakeholders"] = c.sector_min_stakeholders;
  o["synonyms"] = c.synonyms;
  return o;
}

std::vector<VertexId> default_queries(const Network& network, const RecommendConfig& config) {
  std::vector<VertexId> queries;
  for (std::size_t v = 0; v < network.size(); ++v) {
    const std::string& type = network.stakeholders[v].type;
    if (std::find(config.query_types.begin(), config.query_types.end(), type) != config.query_types.end())
      queries.push_back(static_cast<VertexId>(v));
  }
  return queries;
}

namespace detail {

std::vector<Recommendation> recommend_with(const Scorer& scorer, const std::vector<VertexId>& queries,
                                           const PartValues& weights, std::int32_t top, unsigned threads) {
  std::vector<std::vector<Recommendation>> per_query(queries.size());
  detail::for_each_query(scorer, queries.size(), threads, [&](std::size_t i, detail::Scratch& scratch) {
    const VertexId q = queries[i];
    const std::vector<detail::Scored> scored = scorer.score(q, scratch);
    const std::vector<std::size_t> best = detail::top_k(scorer, scored, weights, top);
    std::vector<Recommendation>& rows = per_query[i];
    for (std::size_t r = 0; r < best.size(); ++r) {
      const detail::Scored& s = scored[best[r]];
      rows.push_back(scorer.explain(q, s, detail::combine(s.parts, weights)));
      rows.back().rank = static_cast<std::int32_t>(r + 1);
    }
    if (rows.empty()) rows.push_back(scorer.nobody(q));
  });
  std::vector<Recommendation> out;
  for (auto& rows : per_query)
    for (auto& r : rows)
      out.push_back(std::move(r));
  return out;
}

}  // namespace detail

std::vector<Recommendation> recommend(const RecommendInput& input, const std::vector<VertexId>& queries,
                                      const RecommendConfig& config, unsigned threads) {
  check_config(config);
  const detail::Scorer scorer(input, config);
  return detail::recommend_with(scorer, queries, config.weights, config.top, threads);
}

std::string recommendations_csv(const Network& network, const std::vector<Recommendation>& rows) {
  std::string out;
  std::vector<std::string> header = {"id",    "id_name", "partner",    "partner_name",    "rank",
                                     "score", "reason",  "introducer", "introducer_name", "shared",
                                     "steps", "matches"};
  for (const auto& part : kPartNames)
    header.emplace_back(part.name);
  core::append_csv_row(out, header);
  for (const Recommendation& r : rows) {
    std::string matched;
    for (const Match& m : r.matches)
      matched += (matched.empty() ? "" : ";") + (m.query_needs ? m.need : m.offer);
    std::vector<std::string> row = {id_or_empty(network, r.query),
                                    name_or_empty(network, r.query),
                                    id_or_empty(network, r.partner),
                                    name_or_empty(network, r.partner),
                                    r.partner < 0 ? "" : std::to_string(r.rank),
                                    r.partner < 0 ? "" : detail::fixed(r.score, 4),
                                    r.reason,
                                    id_or_empty(network, r.introducer),
                                    name_or_empty(network, r.introducer),
                                    r.partner < 0 ? "" : std::to_string(r.shared),
                                    r.partner < 0 || r.steps == 0 ? "" : std::to_string(r.steps),
                                    matched};
    for (std::size_t p = 0; p < kParts; ++p)
      row.push_back(r.partner < 0 ? "" : detail::fixed(r.parts[p], 4));
    core::append_csv_row(out, row);
  }
  return out;
}

std::string recommendations_json(const Network& network, const std::vector<Recommendation>& rows,
                                 const RecommendConfig& config, std::uint64_t seed) {
  nlohmann::ordered_json doc;
  doc["settings"] = recommend_config_to_json(config);
  doc["seed"] = seed;
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Recommendation& r : rows) {
    nlohmann::ordered_json o;
    o["id"] = id_or_empty(network, r.query);
    o["id_name"] = name_or_empty(network, r.query);
    if (r.partner < 0) {
      o["partner"] = nullptr;
      o["reason"] = r.reason;
      list.push_back(o);
      continue;
    }
    o["partner"] = id_or_empty(network, r.partner);
    o["partner_name"] = name_or_empty(network, r.partner);
    o["rank"] = r.rank;
    o["score"] = std::round(r.score * 1e6) / 1e6;
    o["reason"] = r.reason;
    o["introducer"] = r.introducer < 0 ? nlohmann::ordered_json(nullptr)
                                       : nlohmann::ordered_json(id_or_empty(network, r.introducer));
    o["shared"] = r.shared;
    nlohmann::ordered_json via = nlohmann::ordered_json::array();
    for (const VertexId v : r.via)
      via.push_back(id_or_empty(network, v));
    o["via"] = via;
    o["steps"] = r.steps == 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.steps);
    nlohmann::ordered_json matches = nlohmann::ordered_json::array();
    for (const Match& m : r.matches)
      matches.push_back(
          {{"need", m.need}, {"offer", m.offer}, {"needed_by", m.query_needs ? "id" : "partner"}});
    o["matches"] = matches;
    if (!r.role.empty()) o["adds_role"] = r.role;
    nlohmann::ordered_json parts;
    for (std::size_t p = 0; p < kParts; ++p)
      parts[std::string(kPartNames[p].name)] = std::round(r.parts[p] * 1e6) / 1e6;
    o["parts"] = parts;
    list.push_back(o);
  }
  doc["recommendations"] = list;
  return doc.dump(2) + "\n";
}

}  // namespace clusterscope::recommend
