// The evaluation on later ties and the fit of the part weights (docs/recommend.md, "Evaluation").

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <numeric>

#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/core/run.hpp"
#include "clusterscope/recommend/recommend.hpp"
#include "scorer.hpp"

namespace clusterscope::recommend {

namespace {

std::uint64_t pair_key(VertexId a, VertexId b) {
  if (a > b) std::swap(a, b);
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(a)) << 32) | static_cast<std::uint32_t>(b);
}

/// The ranking of `values` (> 0 only) over `scored`, best first, ties by id.
std::vector<VertexId> rank_by(const detail::Scorer& scorer, const std::vector<detail::Scored>& scored,
                              const std::vector<double>& values, std::int32_t k) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < scored.size(); ++i)
    if (values[i] > 0) order.push_back(i);
  const auto better = [&](std::size_t a, std::size_t b) {
    if (values[a] != values[b]) return values[a] > values[b];
    return scorer.id_less(scored[a].partner, scored[b].partner);
  };
  const std::size_t keep = std::min(order.size(), static_cast<std::size_t>(k));
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end(), better);
  std::vector<VertexId> out;
  for (std::size_t i = 0; i < keep; ++i)
    out.push_back(scored[order[i]].partner);
  return out;
}

std::vector<VertexId> partners_of(const std::vector<detail::Scored>& scored,
                                  const std::vector<std::size_t>& best);

/// The top config.top of one method for query q over its scored candidates (values: scratch).
std::vector<VertexId> method_ranking(const detail::Scorer& scorer, const std::vector<detail::Scored>& scored,
                                     Method method, VertexId q, const RecommendConfig& config,
                                     std::vector<double>& values) {
  if (method == Method::clusterscope)
    return partners_of(scored, detail::top_k(scorer, scored, config.weights, config.top));
  if (method == Method::preferential_attachment) {
    // |N(q)|·|N(c)| ranks as |N(c)|: the highest-degree stakeholders not yet tied to q.
    std::vector<VertexId> pa;
    if (scorer.degree(q) == 0) return pa;
    for (const VertexId c : scorer.by_degree()) {
      if (static_cast<std::int32_t>(pa.size()) >= config.top || scorer.degree(c) == 0) break;
      if (c == q || !scorer.eligible(c) || scorer.is_neighbour(q, c)) continue;
      pa.push_back(c);
    }
    return pa;
  }
  values.resize(scored.size());
  for (std::size_t j = 0; j < scored.size(); ++j) {
    const detail::Scored& s = scored[j];
    values[j] = method == Method::common_neighbours ? s.shared
                : method == Method::adamic_adar     ? s.adamic_adar
                                                    : s.resource_allocation;
  }
  return rank_by(scorer, scored, values, config.top);
}

std::vector<VertexId> partners_of(const std::vector<detail::Scored>& scored,
                                  const std::vector<std::size_t>& best) {
  std::vector<VertexId> out;
  out.reserve(best.size());
  for (const std::size_t i : best)
    out.push_back(scored[i].partner);
  return out;
}

/// The queries of a split, all (sample ≤ 0 or ≥ their number) or `sample` of them drawn with a
/// seeded partial Fisher–Yates shuffle of the queries in id order; returned in id order.
std::vector<VertexId> split_queries(const Split& split, const detail::Scorer& scorer, std::int32_t sample,
                                    std::uint64_t seed) {
  std::vector<VertexId> queries;
  for (std::size_t v = 0; v < split.later.size(); ++v)
    if (!split.later[v].empty()) queries.push_back(static_cast<VertexId>(v));
  std::sort(queries.begin(), queries.end(), [&](VertexId a, VertexId b) { return scorer.id_less(a, b); });
  if (sample > 0 && static_cast<std::size_t>(sample) < queries.size()) {
    for (std::size_t i = 0; i < static_cast<std::size_t>(sample); ++i) {
      const std::uint64_t draw = core::stream_seed(seed, core::SeedStream::evaluation_sample, i);
      const std::size_t j = i + static_cast<std::size_t>(draw % (queries.size() - i));
      std::swap(queries[i], queries[j]);
    }
    queries.resize(static_cast<std::size_t>(sample));
    std::sort(queries.begin(), queries.end(), [&](VertexId a, VertexId b) { return scorer.id_less(a, b); });
  }
  return queries;
}

std::vector<std::uint8_t> present_mask(const TieView& view) {
  std::vector<std::uint8_t> present(static_cast<std::size_t>(view.n), 0);
  for (const AggregatedEdge& e : view.undirected)
    present[static_cast<std::size_t>(e.source)] = present[static_cast<std::size_t>(e.target)] = 1;
  return present;
}

Metrics mean(const std::vector<Metrics>& all) {
  Metrics m;
  for (const Metrics& x : all) {
    m.precision += x.precision;
    m.recall += x.recall;
    m.map += x.map;
    m.hits += x.hits;
  }
  const double n = all.empty() ? 1.0 : static_cast<double>(all.size());
  m.precision /= n;
  m.recall /= n;
  m.map /= n;
  m.hits /= n;
  return m;
}

nlohmann::ordered_json metrics_json(const Metrics& m) {
  const auto round = [](double x) { return std::round(x * 1e6) / 1e6; };
  return {{"precision", round(m.precision)},
          {"recall", round(m.recall)},
          {"map", round(m.map)},
          {"hits", round(m.hits)}};
}

}  // namespace

Split split_at(const Network& network, Date date) {
  Split split;
  split.date = date;
  Network& training = split.training;
  training.name = network.name;
  training.directed = network.directed;
  training.stakeholders = network.stakeholders;
  training.kinds = network.kinds;
  training.vocabulary = network.vocabulary;
  training.kind_weights = network.kind_weights;
  training.attribute_names = network.attribute_names;
  training.reindex();
  const Date cut = date.first_day();
  std::vector<const Tie*> later;
  for (const Tie& tie : network.ties) {
    if (tie.start.empty()) {
      ++split.undated_ties;
      continue;
    }
    if (tie.start.first_day() < cut) {
      training.ties.push_back(tie);
      training.ties.back().attributes.clear();  // not read by the scoring
    } else {
      later.push_back(&tie);
    }
  }
  split.training_ties = static_cast<std::int64_t>(training.ties.size());
  split.later_ties = static_cast<std::int64_t>(later.size());
  const std::string counts = std::to_string(split.training_ties) + " ties before " + date.to_string() + ", " +
                             std::to_string(split.later_ties) + " from it on, " +
                             std::to_string(split.undated_ties) + " undated";
  if (training.ties.empty())
    throw InputError(
        Location{network.input_files.empty() ? std::string() : network.input_files.front(), 0, 0},
        "the split at " + date.to_string() + " leaves no training ties (" + counts +
            "); expected a date after the first dated tie");
  const TieView view = make_tie_view(training);
  std::vector<std::uint64_t> before;
  before.reserve(view.undirected.size());
  for (const AggregatedEdge& e : view.undirected)
    before.push_back(pair_key(e.source, e.target));
  std::sort(before.begin(), before.end());
  const std::vector<std::uint8_t> present = present_mask(view);
  split.present = static_cast<std::int32_t>(std::count(present.begin(), present.end(), 1));
  split.later.assign(network.size(), {});
  for (const Tie* tie : later) {
    const VertexId a = tie->source, b = tie->target;
    if (a == b || present[static_cast<std::size_t>(a)] == 0 || present[static_cast<std::size_t>(b)] == 0)
      continue;
    if (std::binary_search(before.begin(), before.end(), pair_key(a, b))) continue;
    split.later[static_cast<std::size_t>(a)].push_back(b);
    split.later[static_cast<std::size_t>(b)].push_back(a);
  }
  for (auto& list : split.later) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    if (!list.empty()) ++split.queries;
  }
  if (split.queries == 0)
    throw InputError(
        Location{network.input_files.empty() ? std::string() : network.input_files.front(), 0, 0},
        "the split at " + date.to_string() + " leaves no test query (" + counts + "; " +
            std::to_string(split.present) +
            " stakeholders present before it, none of them gains a new partner after it); "
            "expected a date before the last new ties");
  return split;
}

Metrics score_ranking(const std::vector<VertexId>& ranked, const std::vector<VertexId>& truth,
                      std::int32_t k) {
  Metrics m;
  if (k <= 0 || truth.empty()) return m;
  std::int32_t hits = 0;
  double precision_sum = 0;
  for (std::size_t i = 0; i < ranked.size() && i < static_cast<std::size_t>(k); ++i) {
    if (std::binary_search(truth.begin(), truth.end(), ranked[i])) {
      ++hits;
      precision_sum += static_cast<double>(hits) / static_cast<double>(i + 1);
    }
  }
  m.precision = static_cast<double>(hits) / k;
  m.recall = static_cast<double>(hits) / static_cast<double>(truth.size());
  m.map =
      precision_sum / static_cast<double>(std::min<std::size_t>(static_cast<std::size_t>(k), truth.size()));
  m.hits = hits > 0 ? 1.0 : 0.0;
  return m;
}

std::vector<double> baseline_scores(const TieView& ties, Method method, VertexId query,
                                    const std::vector<VertexId>& candidates) {
  // Unweighted neighbour sets of the undirected view.
  std::vector<std::vector<VertexId>> adjacency(static_cast<std::size_t>(ties.n));
  for (const AggregatedEdge& e : ties.undirected) {
    adjacency[static_cast<std::size_t>(e.source)].push_back(e.target);
    adjacency[static_cast<std::size_t>(e.target)].push_back(e.source);
  }
  for (auto& list : adjacency)
    std::sort(list.begin(), list.end());
  const auto& nq = adjacency[static_cast<std::size_t>(query)];
  std::vector<double> out;
  for (const VertexId c : candidates) {
    const auto& nc = adjacency[static_cast<std::size_t>(c)];
    if (method == Method::preferential_attachment) {
      out.push_back(static_cast<double>(nq.size() * nc.size()));
      continue;
    }
    std::vector<VertexId> common;
    std::set_intersection(nq.begin(), nq.end(), nc.begin(), nc.end(), std::back_inserter(common));
    double s = 0;
    for (const VertexId z : common) {
      const auto d = static_cast<double>(adjacency[static_cast<std::size_t>(z)].size());
      if (method == Method::common_neighbours) s += 1;
      if (method == Method::adamic_adar) s += 1.0 / std::log(d);
      if (method == Method::resource_allocation) s += 1.0 / d;
    }
    out.push_back(s);
  }
  return out;
}

std::vector<VertexId> rank_partners(const RecommendInput& input, const RecommendConfig& config,
                                    VertexId query, Method method) {
  check_config(config);
  const detail::Scorer scorer(input, config);
  detail::Scratch scratch = scorer.scratch();
  std::vector<double> values;
  return method_ranking(scorer, scorer.score(query, scratch), method, query, config, values);
}

Evaluation evaluate(const RecommendInput& training, const Split& split, const RecommendConfig& config,
                    std::int32_t sample, std::uint64_t seed, unsigned threads) {
  check_config(config);
  const detail::Scorer scorer(training, config, present_mask(*training.ties));
  Evaluation ev;
  ev.k = config.top;
  ev.queries = split_queries(split, scorer, sample, seed);
  const std::size_t q_count = ev.queries.size();
  constexpr std::size_t methods = kMethodNames.size();
  std::vector<std::array<Metrics, methods>> by_method(q_count);
  std::vector<std::array<Metrics, kParts>> by_ablation(q_count);
  detail::for_each_query(scorer, q_count, threads, [&](std::size_t i, detail::Scratch& scratch) {
    std::vector<double> values;
    const VertexId q = ev.queries[i];
    const auto& truth = split.later[static_cast<std::size_t>(q)];
    const std::vector<detail::Scored> scored = scorer.score(q, scratch);
    for (std::size_t m = 0; m < methods; ++m)
      by_method[i][m] = score_ranking(
          method_ranking(scorer, scored, kMethodNames[m].value, q, config, values), truth, config.top);
    for (std::size_t p = 0; p < kParts; ++p) {
      PartValues without = config.weights;
      without[p] = 0;
      const double left = std::accumulate(without.begin(), without.end(), 0.0);
      by_ablation[i][p] =
          left > 0 ? score_ranking(partners_of(scored, detail::top_k(scorer, scored, without, config.top)),
                                   truth, config.top)
                   : Metrics{};
    }
  });
  for (std::size_t m = 0; m < methods; ++m) {
    std::vector<Metrics> all;
    for (const auto& row : by_method)
      all.push_back(row[m]);
    ev.methods.emplace_back(kMethodNames[m].value, mean(all));
  }
  for (std::size_t p = 0; p < kParts; ++p) {
    std::vector<Metrics> all;
    for (const auto& row : by_ablation)
      all.push_back(row[p]);
    ev.ablation.emplace_back(kPartNames[p].value, mean(all));
  }
  return ev;
}

std::pair<PartValues, Metrics> fit_weights(const RecommendInput& training, const Split& split,
                                           const RecommendConfig& config, std::int32_t sample,
                                           std::uint64_t seed, unsigned threads) {
  check_config(config);
  // Every part in play, so that the pools hold what any weighting can rank.
  RecommendConfig wide = config;
  for (double& w : wide.weights)
    w = std::max(w, 1e-3);
  const detail::Scorer scorer(training, wide, present_mask(*training.ties));
  const std::vector<VertexId> queries = split_queries(split, scorer, sample, seed);
  // Per query, the candidates any weighting may rank high: the union of the best `keep` by each
  // part alone and by the starting weights (docs/recommend.md, "Fitting the weights").
  constexpr std::int32_t keep = 100;
  std::vector<std::vector<detail::Scored>> pools(queries.size());
  detail::for_each_query(scorer, queries.size(), threads, [&](std::size_t i, detail::Scratch& scratch) {
    const std::vector<detail::Scored> scored = scorer.score(queries[i], scratch);
    std::vector<std::uint8_t> chosen(scored.size(), 0);
    for (std::size_t p = 0; p <= kParts; ++p) {
      PartValues w{};
      if (p == kParts)
        w = config.weights;
      else
        w[p] = 1;
      for (const std::size_t j : detail::top_k(scorer, scored, w, keep))
        chosen[j] = 1;
    }
    for (std::size_t j = 0; j < scored.size(); ++j)
      if (chosen[j] != 0) pools[i].push_back(scored[j]);
  });
  const auto objective = [&](const PartValues& w) {
    std::vector<Metrics> all;
    all.reserve(queries.size());
    for (std::size_t i = 0; i < queries.size(); ++i)
      all.push_back(score_ranking(partners_of(pools[i], detail::top_k(scorer, pools[i], w, config.top)),
                                  split.later[static_cast<std::size_t>(queries[i])], config.top));
    return mean(all);
  };
  const auto better = [](const Metrics& a, const Metrics& b) {
    if (a.precision != b.precision) return a.precision > b.precision + 1e-12;
    return a.map > b.map + 1e-12;
  };
  PartValues best = config.weights;
  Metrics best_metrics = objective(best);
  const std::array<double, 9> grid = {0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6};
  for (int pass = 0; pass < 3; ++pass) {
    bool improved = false;
    for (std::size_t p = 0; p < kParts; ++p) {
      for (const double value : grid) {
        PartValues trial = best;
        trial[p] = value;
        if (std::accumulate(trial.begin(), trial.end(), 0.0) <= 0) continue;
        const Metrics m = objective(trial);
        if (better(m, best_metrics)) {
          best = trial;
          best_metrics = m;
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  // Normalised to sum 1, rounded to three decimals for the config.
  const double total = std::accumulate(best.begin(), best.end(), 0.0);
  for (double& w : best)
    w = std::round(w / total * 1000) / 1000;
  return {best, best_metrics};
}

std::string evaluation_json(const Evaluation& ev, const Split& split, const RecommendConfig& config,
                            std::int32_t sample, std::uint64_t seed) {
  nlohmann::ordered_json doc;
  doc["settings"] = recommend_config_to_json(config);
  doc["seed"] = seed;
  doc["split"] = {{"date", split.date.to_string()},
                  {"training_ties", split.training_ties},
                  {"later_ties", split.later_ties},
                  {"undated_ties", split.undated_ties},
                  {"present", split.present},
                  {"queries", split.queries},
                  {"sample", sample > 0 ? nlohmann::ordered_json(sample) : nlohmann::ordered_json(nullptr)},
                  {"evaluated", ev.queries.size()}};
  doc["k"] = ev.k;
  nlohmann::ordered_json methods = nlohmann::ordered_json::array();
  double best_baseline = 0;
  for (const auto& [method, m] : ev.methods) {
    nlohmann::ordered_json o = {{"method", std::string(core::name_of(kMethodNames, method))}};
    o.update(metrics_json(m));
    methods.push_back(o);
    if (method != Method::clusterscope) best_baseline = std::max(best_baseline, m.precision);
  }
  doc["methods"] = methods;
  doc["precision_over_best_baseline"] =
      best_baseline > 0 ? nlohmann::ordered_json(
                              std::round(ev.methods.front().second.precision / best_baseline * 1000) / 1000)
                        : nlohmann::ordered_json(nullptr);
  nlohmann::ordered_json ablation = nlohmann::ordered_json::array();
  for (const auto& [part, m] : ev.ablation) {
    nlohmann::ordered_json o = {{"without", std::string(core::name_of(kPartNames, part))}};
    o.update(metrics_json(m));
    ablation.push_back(o);
  }
  doc["ablation"] = ablation;
  return doc.dump(2) + "\n";
}

std::string evaluation_table(const Evaluation& ev) {
  std::string out = "| method | precision@" + std::to_string(ev.k) + " | recall@" + std::to_string(ev.k) +
                    " | MAP | hits@" + std::to_string(ev.k) + " |\n| --- | ---: | ---: | ---: | ---: |\n";
  const auto row = [&](const std::string& name, const Metrics& m) {
    out += "| " + name + " | " + detail::fixed(m.precision, 4) + " | " + detail::fixed(m.recall, 4) + " | " +
           detail::fixed(m.map, 4) + " | " + detail::fixed(m.hits, 4) + " |\n";
  };
  for (const auto& [method, m] : ev.methods)
    row(std::string(core::name_of(kMethodNames, method)), m);
  for (const auto& [part, m] : ev.ablation)
    row("clusterscope without " + std::string(core::name_of(kPartNames, part)), m);
  return out;
}

}  // namespace clusterscope::recommend
