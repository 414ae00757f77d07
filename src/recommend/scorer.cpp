// The scorer behind recommend(), evaluate() and fit_weights() (docs/recommend.md, "Score").

#include "scorer.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "clusterscope/core/parallel.hpp"
#include "clusterscope/core/text.hpp"
#include "clusterscope/core/threads.hpp"

namespace clusterscope::recommend::detail {

namespace {

std::int8_t role_of(const std::string& type, const RecommendConfig& c) {
  const auto in = [&](const std::vector<std::string>& list) {
    return std::find(list.begin(), list.end(), type) != list.end();
  };
  if (in(c.firm_types)) return firm;
  if (in(c.academia_types)) return academia;
  if (in(c.support_types)) return support;
  if (in(c.government_types)) return government;
  return no_role;
}

/// Great-circle distance in km (haversine, mean Earth radius).
double distance_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double radians = 3.14159265358979323846 / 180.0;
  const double dlat = (lat2 - lat1) * radians, dlon = (lon2 - lon1) * radians;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(lat1 * radians) *
                                                                 std::cos(lat2 * radians) *
                                                                 std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * 6371.0 * std::asin(std::min(1.0, std::sqrt(h)));
}

std::string count_text(std::int32_t count, const std::string& one, const std::string& many) {
  return count == 1 ? "a " + one : std::to_string(count) + " " + many;
}

std::string sentence_start(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

}  // namespace

std::string role_name(std::int8_t role) {
  switch (role) {
    case firm: return "firms";
    case academia: return "research";
    case support: return "business support";
    case government: return "government";
    default: return "";
  }
}

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value == 0 ? 0.0 : value);
  return buffer;
}

void for_each_query(const Scorer& scorer, std::size_t count, unsigned threads,
                    const std::function<void(std::size_t, Scratch&)>& work) {
  std::atomic<std::size_t> next{0};
  const auto workers =
      static_cast<unsigned>(std::min<std::size_t>(worker_count(threads), std::max<std::size_t>(1, count)));
  core::run_workers(workers, [&](unsigned) {
    Scratch scratch = scorer.scratch();
    for (std::size_t i = next++; i < count; i = next++)
      work(i, scratch);
  });
}

double combine(const PartValues& parts, const PartValues& weights) noexcept {
  double sum = 0, total = 0;
  for (std::size_t p = 0; p < kParts; ++p) {
    sum += weights[p] * parts[p];
    total += weights[p];
  }
  return total > 0 ? sum / total : 0.0;
}

Scorer::Scorer(const RecommendInput& input, const RecommendConfig& config, std::vector<std::uint8_t> eligible)
    : network_(input.network), config_(&config), input_(&input), eligible_(std::move(eligible)) {
  const Network& network = *network_;
  n_ = static_cast<std::int32_t>(network.size());
  // Adjacency of the undirected view (directions merged), in CSR form: neighbours sorted.
  offsets_.assign(static_cast<std::size_t>(n_) + 1, 0);
  for (const AggregatedEdge& e : input.ties->undirected) {
    ++offsets_[static_cast<std::size_t>(e.source) + 1];
    ++offsets_[static_cast<std::size_t>(e.target) + 1];
  }
  for (std::size_t v = 0; v < static_cast<std::size_t>(n_); ++v)
    offsets_[v + 1] += offsets_[v];
  targets_.resize(static_cast<std::size_t>(offsets_.back()));
  weights_.resize(targets_.size());
  std::vector<std::int32_t> fill(offsets_.begin(), offsets_.end() - 1);
  for (const AggregatedEdge& e : input.ties->undirected) {
    for (const auto& [from, to] : {std::pair{e.source, e.target}, std::pair{e.target, e.source}}) {
      const auto at = static_cast<std::size_t>(fill[static_cast<std::size_t>(from)]++);
      targets_[at] = to;
      weights_[at] = e.weight;
    }
  }
  // `undirected` is sorted by (source, target), so each list is sorted once both halves are in.
  strength_.assign(static_cast<std::size_t>(n_), 0.0);
  for (VertexId v = 0; v < n_; ++v) {
    const auto b = static_cast<std::size_t>(offsets_[at(v)]),
               e = static_cast<std::size_t>(offsets_[at(v) + 1]);
    std::vector<std::pair<VertexId, double>> list;
    list.reserve(e - b);
    for (std::size_t i = b; i < e; ++i)
      list.emplace_back(targets_[i], weights_[i]);
    std::sort(list.begin(), list.end());
    double s = 0;
    for (std::size_t i = b; i < e; ++i) {
      targets_[i] = list[i - b].first;
      weights_[i] = list[i - b].second;
      s += weights_[i];
    }
    strength_[static_cast<std::size_t>(v)] = s;
  }
  std::int32_t max_degree = 0;
  for (VertexId v = 0; v < n_; ++v)
    max_degree = std::max(max_degree, degree(v));
  log_max_degree_ = std::log1p(static_cast<double>(max_degree));

  // Stakeholders in id order, and by degree (preferential attachment).
  std::vector<VertexId> by_id(static_cast<std::size_t>(n_));
  std::iota(by_id.begin(), by_id.end(), 0);
  std::sort(by_id.begin(), by_id.end(), [&](VertexId a, VertexId b) {
    return network.stakeholders[static_cast<std::size_t>(a)].id <
           network.stakeholders[static_cast<std::size_t>(b)].id;
  });
  rank_.assign(static_cast<std::size_t>(n_), 0);
  for (std::size_t i = 0; i < by_id.size(); ++i)
    rank_[static_cast<std::size_t>(by_id[i])] = static_cast<std::int32_t>(i);
  by_degree_ = by_id;
  std::stable_sort(by_degree_.begin(), by_degree_.end(),
                   [&](VertexId a, VertexId b) { return degree(a) > degree(b); });

  // Roles and sectors.
  role_.resize(static_cast<std::size_t>(n_));
  sector_.assign(static_cast<std::size_t>(n_), -1);
  std::map<std::string, std::int32_t> sector_index;
  std::vector<std::int32_t> sector_size;
  std::string first_country;
  for (VertexId v = 0; v < n_; ++v) {
    const Stakeholder& s = network.stakeholders[static_cast<std::size_t>(v)];
    role_[static_cast<std::size_t>(v)] = role_of(s.type, config);
    if (!s.country.empty()) {
      if (first_country.empty()) first_country = s.country;
      if (s.country != first_country) several_countries_ = true;
    }
    if (s.sector.empty()) continue;
    const auto [it, added] =
        sector_index.try_emplace(s.sector, static_cast<std::int32_t>(sector_names_.size()));
    if (added) {
      sector_names_.push_back(s.sector);
      sector_size.push_back(0);
    }
    sector_[static_cast<std::size_t>(v)] = it->second;
    ++sector_size[static_cast<std::size_t>(it->second)];
  }
  // Sector relatedness (docs/recommend.md, "sector"): the lift e_st / (a_s a_t) of the tie
  // weight between sectors s and t over what random mixing of the same strengths would give.
  const std::size_t sectors = sector_names_.size();
  std::vector<std::vector<double>> e(sectors, std::vector<double>(sectors, 0.0));
  double total = 0;
  for (const AggregatedEdge& edge : input.ties->undirected) {
    const std::int32_t a = sector_[static_cast<std::size_t>(edge.source)],
                       b = sector_[static_cast<std::size_t>(edge.target)];
    if (a < 0 || b < 0) continue;
    e[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)] += edge.weight;
    e[static_cast<std::size_t>(b)][static_cast<std::size_t>(a)] += edge.weight;
    total += 2 * edge.weight;
  }
  std::vector<double> ends(sectors, 0.0);
  for (std::size_t a = 0; a < sectors; ++a)
    ends[a] = std::accumulate(e[a].begin(), e[a].end(), 0.0);
  sector_lift_.assign(sectors, std::vector<double>(sectors, 0.0));
  for (std::size_t a = 0; a < sectors; ++a) {
    for (std::size_t b = 0; b < sectors; ++b) {
      if (sector_size[a] < config.sector_min_stakeholders || sector_size[b] < config.sector_min_stakeholders)
        continue;
      if (ends[a] > 0 && ends[b] > 0) sector_lift_[a][b] = e[a][b] * total / (ends[a] * ends[b]);
    }
  }

  // Needs and offers, folded once.
  const KeywordMatcher matcher(config.synonyms);
  need_keys_.resize(static_cast<std::size_t>(n_));
  offer_keys_.resize(static_cast<std::size_t>(n_));
  for (VertexId v = 0; v < n_; ++v) {
    const Stakeholder& s = network.stakeholders[static_cast<std::size_t>(v)];
    for (const auto& [list, keys, index] : {std::tuple{&s.needs, &need_keys_, &needed_by_},
                                            std::tuple{&s.offers, &offer_keys_, &offered_by_}}) {
      for (const std::string& keyword : *list) {
        std::string key = matcher.key(keyword);
        (*keys)[static_cast<std::size_t>(v)].push_back(key);
        std::vector<VertexId>& holders = (*index)[key];
        if (holders.empty() || holders.back() != v) holders.push_back(v);
      }
    }
  }
  groups_of_.resize(static_cast<std::size_t>(n_));
  for (std::size_t g = 0; g < input.groups.size(); ++g)
    for (const VertexId v : input.groups[g])
      groups_of_[static_cast<std::size_t>(v)].push_back(static_cast<std::int32_t>(g));
}

bool Scorer::is_neighbour(VertexId u, VertexId v) const {
  const auto b = targets_.begin() + offsets_[at(u)], e = targets_.begin() + offsets_[at(u) + 1];
  return std::binary_search(b, e, v);
}

Scratch Scorer::scratch() const {
  Scratch s;
  const auto n = static_cast<std::size_t>(n_);
  s.common.assign(n, 0.0);
  s.paths.assign(n, 0.0);
  s.adamic_adar.assign(n, 0.0);
  s.resource_allocation.assign(n, 0.0);
  s.shared.assign(n, 0);
  s.steps.assign(n, 0);
  s.mark.assign(n, 0);
  return s;
}

double Scorer::space(VertexId a, VertexId b) const {
  const Stakeholder& x = network_->stakeholders[static_cast<std::size_t>(a)];
  const Stakeholder& y = network_->stakeholders[static_cast<std::size_t>(b)];
  if (!x.municipality.empty() && x.municipality == y.municipality) return 1.0;
  double part = 0;
  if (x.lat && x.lon && y.lat && y.lon) {
    const double d = distance_km(*x.lat, *x.lon, *y.lat, *y.lon);
    part = std::max(0.0, 1.0 - d / config_->space_radius_km);
  }
  if (!x.region.empty() && x.region == y.region) part = std::max(part, 0.5);
  if (several_countries_ && !x.country.empty() && x.country == y.country) part = std::max(part, 0.25);
  return part;
}

std::vector<Match> Scorer::matches(VertexId query, VertexId partner) const {
  std::vector<Match> found;
  const auto q = static_cast<std::size_t>(query), p = static_cast<std::size_t>(partner);
  const auto collect = [&](std::size_t needing, std::size_t offering, bool query_needs) {
    const Stakeholder& a = network_->stakeholders[needing];
    const Stakeholder& b = network_->stakeholders[offering];
    std::vector<std::string> seen;
    for (std::size_t i = 0; i < need_keys_[needing].size(); ++i) {
      const std::string& key = need_keys_[needing][i];
      if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
      const auto& offers = offer_keys_[offering];
      const auto it = std::find(offers.begin(), offers.end(), key);
      if (it == offers.end()) continue;
      seen.push_back(key);
      found.push_back({a.needs[i], b.offers[static_cast<std::size_t>(it - offers.begin())], query_needs});
    }
  };
  collect(q, p, true);
  collect(p, q, false);
  return found;
}

std::vector<Scored> Scorer::score(VertexId query, Scratch& s) const {
  const auto q = static_cast<std::size_t>(query);
  s.pool.clear();
  s.mark[q] = 1;
  for (std::int32_t i = offsets_[at(query)]; i < offsets_[at(query) + 1]; ++i)
    s.mark[static_cast<std::size_t>(targets_[static_cast<std::size_t>(i)])] = 1;
  const auto add = [&](VertexId c) {
    const auto k = static_cast<std::size_t>(c);
    if (s.mark[k] != 0 || !eligible(c)) return false;
    s.mark[k] = 2;
    s.pool.push_back(c);
    return true;
  };
  // Two steps: common partners, with the weighted and the classic sums.
  for (std::int32_t i = offsets_[at(query)]; i < offsets_[at(query) + 1]; ++i) {
    const auto a = static_cast<std::size_t>(targets_[static_cast<std::size_t>(i)]);
    const double w_qa = weights_[static_cast<std::size_t>(i)];
    const auto deg_a = static_cast<double>(offsets_[a + 1] - offsets_[a]);
    const double aa = deg_a > 1 ? 1.0 / std::log(deg_a) : 0.0;
    for (std::int32_t j = offsets_[a]; j < offsets_[a + 1]; ++j) {
      const VertexId c = targets_[static_cast<std::size_t>(j)];
      const auto k = static_cast<std::size_t>(c);
      if (s.mark[k] == 1 || (s.mark[k] == 0 && !add(c))) continue;
      s.common[k] += w_qa * weights_[static_cast<std::size_t>(j)] / std::log1p(strength_[a]);
      s.adamic_adar[k] += aa;
      s.resource_allocation[k] += 1.0 / deg_a;
      ++s.shared[k];
      s.steps[k] = 2;
    }
  }
  // Three steps: paths q–a–b–c, each counted 1/√(k_a·k_b) (Kovács et al. 2019, "L3",
  // doi:10.1038/s41467-019-09177-y), unweighted: on the CORDIS splits the weighted variant ranked
  // worse (docs/recommend.md, "Evaluation").
  if (config_->max_steps >= 3 && config_->weights[static_cast<std::size_t>(Part::paths)] > 0) {
    for (std::int32_t i = offsets_[at(query)]; i < offsets_[at(query) + 1]; ++i) {
      const auto a = static_cast<std::size_t>(targets_[static_cast<std::size_t>(i)]);
      const double w_qa = 1.0 / std::sqrt(static_cast<double>(offsets_[a + 1] - offsets_[a]));
      for (std::int32_t j = offsets_[a]; j < offsets_[a + 1]; ++j) {
        const auto b = static_cast<std::size_t>(targets_[static_cast<std::size_t>(j)]);
        if (b == q) continue;
        const double w_qab = w_qa / std::sqrt(static_cast<double>(offsets_[b + 1] - offsets_[b]));
        for (std::int32_t l = offsets_[b]; l < offsets_[b + 1]; ++l) {
          const VertexId c = targets_[static_cast<std::size_t>(l)];
          const auto k = static_cast<std::size_t>(c);
          if (s.mark[k] == 1 || (s.mark[k] == 0 && !add(c))) continue;
          s.paths[k] += w_qab;
          if (s.steps[k] == 0) s.steps[k] = 3;
        }
      }
    }
  }
  // Whatever the distance: needs matched by offers (both ways) and the query's candidate groups.
  for (const std::string& key : need_keys_[q])
    if (const auto it = offered_by_.find(key); it != offered_by_.end())
      for (const VertexId c : it->second)
        add(c);
  for (const std::string& key : offer_keys_[q])
    if (const auto it = needed_by_.find(key); it != needed_by_.end())
      for (const VertexId c : it->second)
        add(c);
  for (const std::int32_t g : groups_of_[q])
    for (const VertexId c : input_->groups[static_cast<std::size_t>(g)])
      add(c);
  // A stakeholder without ties has nobody in reach: its sector, its place and the support
  // institutions are where an animator would start.
  if (offsets_[q] == offsets_[q + 1]) {
    const Stakeholder& qs = network_->stakeholders[q];
    for (VertexId c = 0; c < n_; ++c) {
      const Stakeholder& cs = network_->stakeholders[at(c)];
      if ((sector_[q] >= 0 && sector_[q] == sector_[at(c)]) || role_[at(c)] == support ||
          (!qs.municipality.empty() && qs.municipality == cs.municipality))
        add(c);
    }
  }
  std::sort(s.pool.begin(), s.pool.end());

  double max_common = 0, max_paths = 0;
  for (const VertexId c : s.pool) {
    max_common = std::max(max_common, s.common[static_cast<std::size_t>(c)]);
    max_paths = std::max(max_paths, s.paths[static_cast<std::size_t>(c)]);
  }
  std::array<bool, kRoles> has_role{};
  for (std::int32_t i = offsets_[at(query)]; i < offsets_[at(query) + 1]; ++i) {
    const std::int8_t r = role_[static_cast<std::size_t>(targets_[static_cast<std::size_t>(i)])];
    if (r != no_role) has_role[static_cast<std::size_t>(r)] = true;
  }
  const Partition* communities = input_->communities;
  std::vector<std::int32_t> community_size;
  std::vector<Scored> out;
  out.reserve(s.pool.size());
  for (const VertexId c : s.pool) {
    const auto k = static_cast<std::size_t>(c);
    Scored r;
    r.partner = c;
    r.shared = s.shared[k];
    r.adamic_adar = s.adamic_adar[k];
    r.resource_allocation = s.resource_allocation[k];
    r.steps = s.steps[k];
    PartValues& p = r.parts;
    p[static_cast<std::size_t>(Part::common)] = max_common > 0 ? s.common[k] / max_common : 0.0;
    p[static_cast<std::size_t>(Part::paths)] = max_paths > 0 ? s.paths[k] / max_paths : 0.0;
    p[static_cast<std::size_t>(Part::activity)] =
        log_max_degree_ > 0 ? std::log1p(static_cast<double>(degree(c))) / log_max_degree_ : 0.0;
    const std::int8_t role = role_[k];
    p[static_cast<std::size_t>(Part::helix)] =
        role != no_role && !has_role[static_cast<std::size_t>(role)] ? 1.0 : 0.0;
    if (sector_[q] >= 0 && sector_[k] >= 0) {
      const double lift =
          sector_lift_[static_cast<std::size_t>(sector_[q])][static_cast<std::size_t>(sector_[k])];
      p[static_cast<std::size_t>(Part::sector)] = lift > 1 ? 1.0 - 1.0 / lift : 0.0;
    }
    double group = 0;
    {
      const auto& a = groups_of_[q];
      const auto& b = groups_of_[k];
      if (std::find_first_of(a.begin(), a.end(), b.begin(), b.end()) != a.end()) group = 1.0;
    }
    if (group == 0 && communities != nullptr && communities->membership[q] == communities->membership[k])
      group = 0.5;
    p[static_cast<std::size_t>(Part::group)] = group;
    if (!need_keys_[q].empty() || !need_keys_[k].empty()) {
      double matched = 0;
      for (const Match& m : matches(query, c))
        matched += m.query_needs ? 1.0 : 0.5;
      p[static_cast<std::size_t>(Part::needs)] = std::min(1.0, matched);
    }
    p[static_cast<std::size_t>(Part::space)] = space(query, c);
    out.push_back(r);
  }
  // Reset the scratch for the next query.
  for (const VertexId c : s.pool) {
    const auto k = static_cast<std::size_t>(c);
    s.common[k] = s.paths[k] = s.adamic_adar[k] = s.resource_allocation[k] = 0;
    s.shared[k] = 0;
    s.steps[k] = 0;
    s.mark[k] = 0;
  }
  s.mark[q] = 0;
  for (std::int32_t i = offsets_[at(query)]; i < offsets_[at(query) + 1]; ++i)
    s.mark[static_cast<std::size_t>(targets_[static_cast<std::size_t>(i)])] = 0;
  return out;
}

std::vector<std::size_t> top_k(const Scorer& scorer, const std::vector<Scored>& scored,
                               const PartValues& weights, std::int32_t k) {
  std::vector<std::pair<double, std::size_t>> ranked;
  ranked.reserve(scored.size());
  for (std::size_t i = 0; i < scored.size(); ++i) {
    const double score = combine(scored[i].parts, weights);
    if (score > 0) ranked.emplace_back(score, i);
  }
  const auto better = [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    return scorer.id_less(scored[a.second].partner, scored[b.second].partner);
  };
  const std::size_t keep = std::min(ranked.size(), static_cast<std::size_t>(std::max(0, k)));
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep), ranked.end(), better);
  std::vector<std::size_t> out;
  out.reserve(keep);
  for (std::size_t i = 0; i < keep; ++i)
    out.push_back(ranked[i].second);
  return out;
}

const std::string& display_name(const Network& network, VertexId v) {
  const Stakeholder& s = network.stakeholders[at(v)];
  return s.name.empty() ? s.id : s.name;
}

std::string Scorer::name(VertexId v) const {
  return display_name(*network_, v);
}

Recommendation Scorer::nobody(VertexId query) const {
  Recommendation r;
  r.query = query;
  r.partner = -1;
  const bool tied = degree(query) > 0;
  r.reason = "no possible partner: " + name(query) +
             (tied ? " is already tied to every stakeholder within " + std::to_string(config_->max_steps) +
                         " steps, and no one else matches its needs or shares its candidate groups"
                   : " has no ties, and no stakeholder shares its sector or place, offers what it needs or "
                     "supports business");
  return r;
}

Recommendation Scorer::explain(VertexId query, const Scored& scored, double score) const {
  Recommendation r;
  r.query = query;
  r.partner = scored.partner;
  r.score = score;
  r.parts = scored.parts;
  r.shared = scored.shared;
  r.steps = scored.steps;
  const auto c = static_cast<std::size_t>(scored.partner);
  // The common partners, strongest first: the intermediaries the reason names and the introducer.
  std::vector<std::pair<double, VertexId>> common;
  for (std::int32_t i = offsets_[at(query)]; i < offsets_[at(query) + 1]; ++i) {
    const VertexId z = targets_[static_cast<std::size_t>(i)];
    const auto end = targets_.begin() + offsets_[at(z) + 1];
    const auto found = std::lower_bound(targets_.begin() + offsets_[at(z)], end, scored.partner);
    if (found == end || *found != scored.partner) continue;
    const double w_zc = weights_[static_cast<std::size_t>(found - targets_.begin())];
    common.emplace_back(weights_[static_cast<std::size_t>(i)] * w_zc / strength_[static_cast<std::size_t>(z)],
                        z);
  }
  std::sort(common.begin(), common.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    return id_less(a.second, b.second);
  });
  for (std::size_t i = 0; i < common.size() && i < 3; ++i)
    r.via.push_back(common[i].second);
  for (const auto& [strength, z] : common) {
    if (role_[static_cast<std::size_t>(z)] == support) {
      r.introducer = z;
      break;
    }
  }
  if (r.introducer < 0 && !common.empty()) r.introducer = common.front().second;
  r.matches = matches(query, scored.partner);
  if (scored.parts[static_cast<std::size_t>(Part::helix)] > 0) r.role = role_name(role_[c]);

  // The reason: the parts that carry the score, largest contribution first.
  std::vector<std::pair<double, std::size_t>> carried;
  for (std::size_t p = 0; p < kParts; ++p) {
    const double contribution = config_->weights[p] * scored.parts[p];
    if (contribution > 0) carried.emplace_back(contribution, p);
  }
  std::stable_sort(carried.begin(), carried.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  const Stakeholder& qs = network_->stakeholders[static_cast<std::size_t>(query)];
  const Stakeholder& cs = network_->stakeholders[c];
  std::vector<std::string> phrases;
  bool introducer_named = false;
  for (std::size_t i = 0; i < carried.size() && phrases.size() < 3; ++i) {
    if (carried[i].first < 0.25 * carried.front().first) break;
    switch (static_cast<Part>(carried[i].second)) {
      case Part::common: {
        std::string text = count_text(r.shared, "shared partner", "shared partners");
        if (!r.via.empty()) {
          text += r.shared == 1 ? ", " + name(r.via[0]) : ", among them " + name(r.via[0]);
          if (r.via[0] == r.introducer) {
            text += ", who could introduce them";
            introducer_named = true;
          }
        }
        phrases.push_back(text);
        break;
      }
      case Part::paths:
        phrases.push_back(scored.steps == 3 ? "three steps apart, through partners of partners"
                                            : "their partners' partners overlap");
        break;
      case Part::activity:
        phrases.push_back(name(scored.partner) + " cooperates widely (" +
                          std::to_string(degree(scored.partner)) + " partners)");
        break;
      case Part::helix:
        phrases.push_back(degree(query) == 0
                              ? "a first partner in " + r.role + " for " + name(query)
                              : "adds " + r.role + ", which " + name(query) + "'s partners lack");
        break;
      case Part::sector:
        if (qs.sector == cs.sector)
          phrases.push_back("both in " + qs.sector + ", a sector whose members cooperate more than chance");
        else
          phrases.push_back(qs.sector + " and " + cs.sector + " cooperate more than chance");
        break;
      case Part::group: {
        std::string group;
        for (const std::int32_t g : groups_of_[static_cast<std::size_t>(query)]) {
          const auto& other = groups_of_[c];
          if (std::find(other.begin(), other.end(), g) != other.end()) {
            group = static_cast<std::size_t>(g) < input_->group_names.size()
                        ? input_->group_names[static_cast<std::size_t>(g)]
                        : "candidate group " + std::to_string(g + 1);
            break;
          }
        }
        phrases.push_back(group.empty()
                              ? "both in community " + std::to_string(input_->communities->membership[c])
                              : "both in " + group);
        break;
      }
      case Part::needs: {
        std::string text;
        for (const Match& m : r.matches) {
          if (!text.empty()) text += "; ";
          text += m.query_needs ? "needs " + m.need + " — offers " + m.offer
                                : "is needed: " + m.need + " — " + name(query) + " offers " + m.offer;
        }
        phrases.push_back(text);
        break;
      }
      case Part::space: {
        if (!qs.municipality.empty() && qs.municipality == cs.municipality) {
          phrases.push_back("both in " + qs.municipality);
        } else if (qs.lat && qs.lon && cs.lat && cs.lon &&
                   distance_km(*qs.lat, *qs.lon, *cs.lat, *cs.lon) <= config_->space_radius_km) {
          phrases.push_back(core::format_number(std::round(distance_km(*qs.lat, *qs.lon, *cs.lat, *cs.lon))) +
                            " km apart");
        } else if (!qs.region.empty() && qs.region == cs.region) {
          phrases.push_back("both in region " + qs.region);
        } else {
          phrases.push_back("both in " + qs.country);
        }
        break;
      }
    }
  }
  if (r.introducer >= 0 && !introducer_named) phrases.push_back(name(r.introducer) + " could introduce them");
  for (const std::string& phrase : phrases)
    r.reason += (r.reason.empty() ? sentence_start(phrase) : "; " + phrase);
  if (r.reason.empty()) r.reason = "No strong reason: the best of few options";
  return r;
}

}  // namespace clusterscope::recommend::detail
