// Visit plans for animators (docs/recommend.md, "Visit plans"): which firms first, who visits
// them, and the recommendation sheet for each visit.

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <numeric>
#include <set>
#include <span>

#include "clusterscope/core/csv_write.hpp"
#include "clusterscope/core/text.hpp"
#include "clusterscope/recommend/recommend.hpp"
#include "scorer.hpp"

namespace clusterscope::recommend {

namespace {

bool listed(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

/// Hop distances from `source` in the undirected view (0 for itself, −1 unreachable).
std::vector<std::int32_t> hops(const detail::Scorer& scorer, std::size_t n, VertexId source) {
  std::vector<std::int32_t> d(n, -1);
  std::deque<VertexId> queue{source};
  d[static_cast<std::size_t>(source)] = 0;
  while (!queue.empty()) {
    const VertexId v = queue.front();
    queue.pop_front();
    for (const VertexId w : scorer.neighbours(v)) {
      if (d[static_cast<std::size_t>(w)] >= 0) continue;
      d[static_cast<std::size_t>(w)] = d[static_cast<std::size_t>(v)] + 1;
      queue.push_back(w);
    }
  }
  return d;
}

}  // namespace

std::vector<Visit> plan_visits(const RecommendInput& input, const std::vector<VisitGroup>& groups,
                               const RecommendConfig& config, const VisitOptions& options, unsigned threads,
                               const std::vector<Recommendation>* known) {
  check_config(config);
  const Network& network = *input.network;
  const std::size_t n = network.size();
  const detail::Scorer scorer(input, config);
  // The firms in scope, and their recommendation sheets: taken from `known` where it has the
  // firm, recommended here for the others (also the structural-hole criterion reads them).
  std::vector<VertexId> firms;
  for (std::size_t v = 0; v < n; ++v) {
    if (scorer.role(static_cast<VertexId>(v)) != detail::firm) continue;
    if (!options.sectors.empty() && !listed(options.sectors, network.stakeholders[v].sector)) continue;
    firms.push_back(static_cast<VertexId>(v));
  }
  const auto partners_per_sheet = std::max(1, options.partners);
  std::vector<std::vector<Recommendation>> by_firm(n);
  std::vector<std::uint8_t> covered(n, 0);
  if (known != nullptr) {
    for (const Recommendation& r : *known) {
      const auto q = static_cast<std::size_t>(r.query);
      covered[q] = 1;
      if (r.partner >= 0 && r.rank <= partners_per_sheet) by_firm[q].push_back(r);
    }
  }
  std::vector<VertexId> missing;
  for (const VertexId f : firms)
    if (covered[static_cast<std::size_t>(f)] == 0) missing.push_back(f);
  for (Recommendation& r :
       detail::recommend_with(scorer, missing, config.weights, partners_per_sheet, threads))
    if (r.partner >= 0) by_firm[static_cast<std::size_t>(r.query)].push_back(std::move(r));

  double max_log_employees = 0;
  for (const VertexId f : firms)
    if (const auto& e = network.stakeholders[static_cast<std::size_t>(f)].employees)
      max_log_employees = std::max(max_log_employees, std::log1p(*e));

  std::vector<Visit> all;
  for (const VertexId f : firms) {
    const auto k = static_cast<std::size_t>(f);
    const std::span<const VertexId> partners = scorer.neighbours(f);
    Visit visit;
    visit.firm = f;
    auto& c = visit.criteria;
    std::vector<std::string> why;
    for (const VisitGroup& g : groups) {
      if (!g.leading || !std::binary_search(g.members.begin(), g.members.end(), f)) continue;
      if (std::find(g.leaders.begin(), g.leaders.end(), f) != g.leaders.end()) continue;
      const bool tied = std::any_of(g.leaders.begin(), g.leaders.end(),
                                    [&](VertexId l) { return scorer.is_neighbour(f, l); });
      if (!tied) {
        c[0] = 1;
        why.push_back("member of " + g.name + " without a tie to its coordinator or anchors");
        visit.labels.push_back("no tie to its group's leaders");
        break;
      }
    }
    const bool bridged = std::any_of(partners.begin(), partners.end(), [&](VertexId p) {
      return scorer.role(p) == detail::academia || scorer.role(p) == detail::support;
    });
    if (!bridged) {
      c[1] = 1;
      why.push_back("no tie to a university, research institute or business-support institution");
      visit.labels.push_back("no academia or support");
    }
    if (partners.size() <= 1) {
      c[2] = 1;
      why.push_back(partners.empty() ? "no partner in the data" : "a single partner in the data");
      visit.labels.push_back(partners.empty() ? "no partner" : "one partner");
    }
    const auto& best = by_firm[k];
    // A firm without ties is a community of its own: no hole to bridge.
    if (!best.empty() && !partners.empty() && input.communities != nullptr &&
        input.communities->membership[k] !=
            input.communities->membership[static_cast<std::size_t>(best.front().partner)]) {
      c[3] = 1;
      why.push_back("its best recommended partner, " + detail::display_name(network, best.front().partner) +
                    ", is in another community: the visit could bridge two groups");
      visit.labels.push_back("would bridge two communities");
    }
    if (const auto& e = network.stakeholders[k].employees; e && max_log_employees > 0) {
      c[4] = std::log1p(*e) / max_log_employees;
      if (c[4] >= 0.5) {
        why.push_back(core::format_number(*e) + " employees");
        visit.labels.push_back(core::format_number(*e) + " employees");
      }
    }
    double priority = 0;
    for (std::size_t i = 0; i < kCriteria; ++i)
      priority += kCriterionWeights[i] * c[i];
    visit.priority = priority;
    for (const std::string& w : why)
      visit.why += (visit.why.empty() ? "" : "; ") + w;
    if (!visit.why.empty())
      visit.why[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(visit.why[0])));
    visit.partners = best;
    all.push_back(std::move(visit));
  }
  std::sort(all.begin(), all.end(), [&](const Visit& a, const Visit& b) {
    if (a.priority != b.priority) return a.priority > b.priority;
    return scorer.id_less(a.firm, b.firm);
  });
  all.erase(std::remove_if(all.begin(), all.end(), [](const Visit& v) { return v.priority <= 0; }),
            all.end());
  if (all.size() > static_cast<std::size_t>(options.visits))
    all.resize(static_cast<std::size_t>(options.visits));
  for (std::size_t i = 0; i < all.size(); ++i)
    all[i].rank = static_cast<std::int32_t>(i + 1);

  // Animators: nearest in the network, then same municipality, then the fewest visits so far,
  // then the order given; at most ⌈visits / animators⌉ each, so the work is shared.
  if (!options.animators.empty()) {
    std::vector<std::vector<std::int32_t>> distance;
    for (const VertexId a : options.animators)
      distance.push_back(hops(scorer, n, a));
    const std::size_t cap = (all.size() + options.animators.size() - 1) / options.animators.size();
    std::vector<std::size_t> load(options.animators.size(), 0);
    for (Visit& visit : all) {
      const auto f = static_cast<std::size_t>(visit.firm);
      std::size_t chosen = options.animators.size();
      for (std::size_t a = 0; a < options.animators.size(); ++a) {
        if (load[a] >= cap) continue;
        if (chosen == options.animators.size()) {
          chosen = a;
          continue;
        }
        const auto key = [&](std::size_t x) {
          const std::int32_t d = distance[x][f] < 0 ? 1 << 30 : distance[x][f];
          const bool same =
              !network.stakeholders[f].municipality.empty() &&
              network.stakeholders[f].municipality ==
                  network.stakeholders[static_cast<std::size_t>(options.animators[x])].municipality;
          return std::tuple{d, same ? 0 : 1, load[x]};
        };
        if (key(a) < key(chosen)) chosen = a;
      }
      visit.animator = options.animators[chosen];
      visit.animator_steps = std::max(0, distance[chosen][f]);
      ++load[chosen];
    }
  }
  return all;
}

std::string visits_csv(const Network& network, const std::vector<Visit>& visits, std::int32_t partners) {
  std::string out;
  std::vector<std::string> header = {"rank", "id", "name", "priority", "why", "animator", "animator_name"};
  for (const auto& c : kCriterionNames)
    header.emplace_back(c.name);
  for (std::int32_t p = 1; p <= partners; ++p) {
    const std::string prefix = "partner_" + std::to_string(p);
    header.push_back(prefix);
    header.push_back(prefix + "_name");
    header.push_back(prefix + "_reason");
  }
  core::append_csv_row(out, header);
  for (const Visit& v : visits) {
    const Stakeholder& s = network.stakeholders[static_cast<std::size_t>(v.firm)];
    std::vector<std::string> row = {
        std::to_string(v.rank),
        s.id,
        s.name,
        detail::fixed(v.priority, 4),
        v.why,
        v.animator < 0 ? "" : network.stakeholders[static_cast<std::size_t>(v.animator)].id,
        v.animator < 0 ? "" : network.stakeholders[static_cast<std::size_t>(v.animator)].name};
    for (const double c : v.criteria)
      row.push_back(detail::fixed(c, 4));
    for (std::int32_t p = 0; p < partners; ++p) {
      if (static_cast<std::size_t>(p) < v.partners.size()) {
        const Recommendation& r = v.partners[static_cast<std::size_t>(p)];
        row.push_back(network.stakeholders[static_cast<std::size_t>(r.partner)].id);
        row.push_back(network.stakeholders[static_cast<std::size_t>(r.partner)].name);
        row.push_back(r.reason);
      } else {
        row.insert(row.end(), 3, std::string());
      }
    }
    core::append_csv_row(out, row);
  }
  return out;
}

std::string visits_markdown(const Network& network, const std::vector<Visit>& visits) {
  std::string out = "# Visit plan\n\n";
  if (visits.empty()) return out + "No firm meets a visit criterion.\n";
  out += "| # | firm | animator | priority | why |\n| ---: | --- | --- | ---: | --- |\n";
  for (const Visit& v : visits)
    out += "| " + std::to_string(v.rank) + " | " +
           core::markdown_escape(detail::display_name(network, v.firm)) + " | " +
           (v.animator < 0 ? "—" : core::markdown_escape(detail::display_name(network, v.animator))) + " | " +
           detail::fixed(v.priority, 2) + " | " + core::markdown_escape(v.why) + " |\n";
  for (const Visit& v : visits) {
    const Stakeholder& s = network.stakeholders[static_cast<std::size_t>(v.firm)];
    out += "\n## " + std::to_string(v.rank) + ". " +
           core::markdown_escape(detail::display_name(network, v.firm)) + "\n\n";
    std::string facts = "`" + s.id + "`";
    if (!s.sector.empty()) facts += " · " + s.sector;
    if (!s.municipality.empty()) facts += " · " + s.municipality;
    if (s.employees) facts += " · " + core::format_number(*s.employees) + " employees";
    out += facts + "\n\n";
    if (v.animator >= 0)
      out += "Visited by " +
             core::markdown_escape(core::with_full_stop(detail::display_name(network, v.animator))) + "\n\n";
    out += "**Why this firm:** " + core::markdown_escape(core::with_full_stop(v.why)) + "\n\n";
    if (!s.needs.empty()) {
      std::string needs;
      for (const std::string& need : s.needs)
        needs += (needs.empty() ? "" : ", ") + need;
      out += "**Needs:** " + core::markdown_escape(needs) + "\n\n";
    }
    if (v.partners.empty()) {
      out += "No partner to recommend yet.\n";
      continue;
    }
    out += "**Partners to recommend:**\n\n";
    for (const Recommendation& r : v.partners)
      out += std::to_string(r.rank) + ". " + core::markdown_escape(detail::display_name(network, r.partner)) +
             " — " + core::markdown_escape(r.reason) + "\n";
  }
  return out;
}

}  // namespace clusterscope::recommend

namespace clusterscope::recommend {

std::vector<UnmetNeed> unmet_needs(const Network& network, const RecommendConfig& config) {
  const KeywordMatcher matcher(config.synonyms);
  std::set<std::string> offered;
  for (const Stakeholder& s : network.stakeholders)
    for (const std::string& offer : s.offers)
      offered.insert(matcher.key(offer));
  std::map<std::string, UnmetNeed> unmet;
  for (std::size_t v = 0; v < network.size(); ++v) {
    for (const std::string& need : network.stakeholders[v].needs) {
      const std::string key = matcher.key(need);
      if (key.empty() || offered.count(key) != 0) continue;
      UnmetNeed& u = unmet[key];
      if (u.need.empty()) u.need = need;
      if (u.needed_by.empty() || u.needed_by.back() != static_cast<VertexId>(v))
        u.needed_by.push_back(static_cast<VertexId>(v));
    }
  }
  std::vector<std::pair<std::string, UnmetNeed>> list(unmet.begin(), unmet.end());
  std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
    return a.second.needed_by.size() > b.second.needed_by.size();
  });
  std::vector<UnmetNeed> out;
  for (auto& [key, u] : list)
    out.push_back(std::move(u));
  return out;
}

}  // namespace clusterscope::recommend
