// The `candidates` configuration: checks, reading from JSON (unknown keys and wrong types rejected
// with the key named) and writing every key back.

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <type_traits>
#include <variant>

#include "config_json.hpp"

namespace clusterscope::candidates {

namespace {

using Names = std::vector<std::string>;
using Field = std::variant<double CandidateConfig::*, std::int32_t CandidateConfig::*,
                           bool CandidateConfig::*, Names CandidateConfig::*>;

struct Entry {
  const char* key;
  Field field;
};

// Every key, in declaration order (the order candidates_json writes them in).
const std::array<Entry, 31> kFields = {{
    {"weight_cohesion", &CandidateConfig::weight_cohesion},
    {"weight_composition", &CandidateConfig::weight_composition},
    {"weight_stability", &CandidateConfig::weight_stability},
    {"weight_mass", &CandidateConfig::weight_mass},
    {"weight_coordinator", &CandidateConfig::weight_coordinator},
    {"weight_geography", &CandidateConfig::weight_geography},
    {"firm_types", &CandidateConfig::firm_types},
    {"academia_types", &CandidateConfig::academia_types},
    {"government_types", &CandidateConfig::government_types},
    {"coordinator_types", &CandidateConfig::coordinator_types},
    {"ready_min_members", &CandidateConfig::ready_min_members},
    {"ready_min_types", &CandidateConfig::ready_min_types},
    {"ready_needs_coordinator", &CandidateConfig::ready_needs_coordinator},
    {"ready_min_score", &CandidateConfig::ready_min_score},
    {"emerging_min_members", &CandidateConfig::emerging_min_members},
    {"emerging_min_score", &CandidateConfig::emerging_min_score},
    {"min_members", &CandidateConfig::min_members},
    {"anchors", &CandidateConfig::anchors},
    {"merge_jaccard", &CandidateConfig::merge_jaccard},
    {"sector_group_min_share", &CandidateConfig::sector_group_min_share},
    {"ready_needs_sector", &CandidateConfig::ready_needs_sector},
    {"emerging_min_types", &CandidateConfig::emerging_min_types},
    {"ready_min_cohesion", &CandidateConfig::ready_min_cohesion},
    {"emerging_min_cohesion", &CandidateConfig::emerging_min_cohesion},
    {"coordinator_min_reach", &CandidateConfig::coordinator_min_reach},
    {"mass_employees_full", &CandidateConfig::mass_employees_full},
    {"geography_radius_km", &CandidateConfig::geography_radius_km},
    {"sector_member_min_ties", &CandidateConfig::sector_member_min_ties},
    {"sector_member_min_focus", &CandidateConfig::sector_member_min_focus},
    {"cohesion_z_full", &CandidateConfig::cohesion_z_full},
    {"unstable_below", &CandidateConfig::unstable_below},
}};

[[noreturn]] void fail(const std::string& key, const std::string& message) {
  throw std::invalid_argument("candidates." + key + ": " + message);
}

/// A value as the user would have written it: "0", "1.5", "-0.1".
std::string shown(double value) {
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15)
    return std::to_string(static_cast<long long>(value));
  return nlohmann::json(value).dump();
}

void check_share(const std::string& key, double value) {
  if (!(value >= 0.0 && value <= 1.0)) fail(key, "expected a number from 0 to 1, got " + shown(value));
}

void check_positive(const std::string& key, double value) {
  if (!(std::isfinite(value) && value > 0.0)) fail(key, "expected a finite number > 0, got " + shown(value));
}

void check_at_least(const std::string& key, std::int32_t value, std::int32_t low) {
  if (value < low)
    fail(key, "expected a whole number ≥ " + std::to_string(low) + ", got " + std::to_string(value));
}

void check_roles(const std::string& key, std::int32_t value) {
  if (value < 0 || value > 4)
    fail(key, "expected a number of helix roles from 0 to 4, got " + std::to_string(value));
}

const char* json_kind(const nlohmann::json& v) {
  if (v.is_null()) return "null";
  if (v.is_boolean()) return "a boolean";
  if (v.is_number()) return "a number";
  if (v.is_string()) return "a string";
  if (v.is_array()) return "an array";
  return "an object";
}

}  // namespace

void check_config(const CandidateConfig& c) {
  const std::array<std::pair<const char*, double>, 6> weights = {{
      {"weight_cohesion", c.weight_cohesion},
      {"weight_composition", c.weight_composition},
      {"weight_stability", c.weight_stability},
      {"weight_mass", c.weight_mass},
      {"weight_coordinator", c.weight_coordinator},
      {"weight_geography", c.weight_geography},
  }};
  double sum = 0;
  for (const auto& [key, value] : weights) {
    if (!(std::isfinite(value) && value >= 0.0))
      fail(key, "expected a finite number ≥ 0, got " + shown(value));
    sum += value;
  }
  if (!(sum > 0.0)) throw std::invalid_argument("candidates: the weights sum to 0; at least one must be > 0");

  const std::array<std::pair<const char*, const Names*>, 4> lists = {{
      {"firm_types", &c.firm_types},
      {"academia_types", &c.academia_types},
      {"government_types", &c.government_types},
      {"coordinator_types", &c.coordinator_types},
  }};
  for (std::size_t i = 0; i < lists.size(); ++i) {
    for (const std::string& type : *lists[i].second) {
      if (type.empty()) fail(lists[i].first, "empty type name");
      for (std::size_t j = 0; j < i; ++j) {
        const Names& other = *lists[j].second;
        if (std::find(other.begin(), other.end(), type) != other.end())
          fail(lists[i].first,
               "type '" + type + "' is also in " + lists[j].first + " (a type plays one role)");
      }
    }
  }

  check_at_least("ready_min_members", c.ready_min_members, 1);
  check_roles("ready_min_types", c.ready_min_types);
  check_share("ready_min_score", c.ready_min_score);
  check_at_least("emerging_min_members", c.emerging_min_members, 1);
  check_share("emerging_min_score", c.emerging_min_score);
  check_at_least("min_members", c.min_members, 2);
  check_at_least("anchors", c.anchors, 0);
  if (!(c.merge_jaccard > 0.0 && c.merge_jaccard <= 1.0))
    fail("merge_jaccard", "expected a number > 0 and ≤ 1, got " + shown(c.merge_jaccard));
  check_share("sector_group_min_share", c.sector_group_min_share);
  check_roles("emerging_min_types", c.emerging_min_types);
  check_share("ready_min_cohesion", c.ready_min_cohesion);
  check_share("emerging_min_cohesion", c.emerging_min_cohesion);
  check_share("coordinator_min_reach", c.coordinator_min_reach);
  check_positive("mass_employees_full", c.mass_employees_full);
  check_positive("geography_radius_km", c.geography_radius_km);
  check_at_least("sector_member_min_ties", c.sector_member_min_ties, 1);
  check_share("sector_member_min_focus", c.sector_member_min_focus);
  check_positive("cohesion_z_full", c.cohesion_z_full);
  check_share("unstable_below", c.unstable_below);
}

CandidateConfig candidate_config_from_json(const nlohmann::json& object) {
  if (!object.is_object())
    throw std::invalid_argument(std::string("candidates: expected an object, got ") + json_kind(object));
  CandidateConfig config;
  for (const auto& [key, value] : object.items()) {
    const auto* entry =
        std::find_if(kFields.begin(), kFields.end(), [&](const Entry& e) { return key == e.key; });
    if (entry == kFields.end()) {
      std::string known;
      for (const Entry& e : kFields)
        known += std::string(known.empty() ? "" : ", ") + e.key;
      throw std::invalid_argument("candidates: unknown key '" + key + "' (known keys: " + known + ")");
    }
    std::visit(
        [&](auto member) {
          using T = std::remove_reference_t<decltype(config.*member)>;
          if constexpr (std::is_same_v<T, double>) {
            if (!value.is_number()) fail(key, std::string("expected a number, got ") + json_kind(value));
            config.*member = value.get<double>();
          } else if constexpr (std::is_same_v<T, std::int32_t>) {
            if (!value.is_number_integer())
              fail(key, std::string("expected a whole number, got ") +
                            (value.is_number() ? value.dump() : std::string(json_kind(value))));
            const auto wide = value.is_number_unsigned()
                                  ? static_cast<long double>(value.get<std::uint64_t>())
                                  : static_cast<long double>(value.get<std::int64_t>());
            if (wide < std::numeric_limits<std::int32_t>::min() ||
                wide > std::numeric_limits<std::int32_t>::max())
              fail(key, "whole number out of range: " + value.dump());
            config.*member = static_cast<std::int32_t>(value.get<std::int64_t>());
          } else if constexpr (std::is_same_v<T, bool>) {
            if (!value.is_boolean())
              fail(key, std::string("expected true or false, got ") + json_kind(value));
            config.*member = value.get<bool>();
          } else {
            if (!value.is_array())
              fail(key, std::string("expected an array of type names, got ") + json_kind(value));
            Names names;
            for (const auto& item : value) {
              if (!item.is_string())
                fail(key, std::string("expected an array of type names, found ") + json_kind(item));
              names.push_back(item.get<std::string>());
            }
            config.*member = std::move(names);
          }
        },
        entry->field);
  }
  check_config(config);
  return config;
}

CandidateConfig candidate_config_from_json(const std::string& text) {
  nlohmann::json object;
  try {
    object = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw std::invalid_argument(std::string("candidates: not valid JSON: ") + e.what());
  }
  return candidate_config_from_json(object);
}

namespace detail {
nlohmann::ordered_json config_ordered(const CandidateConfig& config) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const Entry& e : kFields) {
    std::visit([&](auto member) { out[e.key] = config.*member; }, e.field);
  }
  return out;
}
}  // namespace detail

nlohmann::json candidate_config_to_json(const CandidateConfig& config) {
  return nlohmann::json::parse(detail::config_ordered(config).dump());
}

}  // namespace clusterscope::candidates
