// Uptake of referrals: did the recommended pair start cooperating within the window, and how often
// did comparable pairs that nobody recommended (docs/compare.md, "Uptake").

#include <algorithm>
#include <cmath>
#include <map>
#include <queue>
#include <set>

#include "clusterscope/change/change.hpp"
#include "clusterscope/core/run.hpp"

namespace clusterscope::change {
namespace {

/// A tie seen from one end.
struct Arc {
  VertexId other = 0;
  Date start;  ///< first day (empty: undated)
  bool counts = false;
};

double median(std::vector<double> values) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

bool decided(UptakeStatus s) {
  return s == UptakeStatus::taken_up || s == UptakeStatus::late || s == UptakeStatus::not_taken_up;
}

/// Distance bucket: 1, 2, 3 hops, or 4 (four or more, or unreachable).
std::int32_t bucket(std::int32_t hops) {
  return hops <= 0 || hops >= 4 ? 4 : hops;
}

std::vector<RateRow> rows(const std::map<std::string, std::pair<Rate, std::vector<double>>>& groups) {
  std::vector<RateRow> out;
  for (const auto& [group, value] : groups)
    out.push_back({group, value.first, median(value.second)});
  return out;
}

}  // namespace

std::vector<std::string> default_contact_kinds() {
  return {"visit", "meeting", "event", "recommendation", "referral", "membership", "advice"};
}

namespace {

/// The Wilson score interval's bound (95 %) of `hits` of `trials`: the upper one when `upper`.
double wilson(std::size_t hits, std::size_t trials, bool upper) {
  if (trials == 0) return std::numeric_limits<double>::quiet_NaN();
  const double z = 1.959963984540054;
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(hits) / n;
  const double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
  const double half = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n);
  return upper ? std::min(1.0, centre + half) : std::max(0.0, centre - half);
}

}  // namespace

double Rate::low() const noexcept {
  return wilson(hits, trials, false);
}
double Rate::high() const noexcept {
  return wilson(hits, trials, true);
}

UptakeResult uptake(const Network& network, const UptakeConfig& config) {
  UptakeResult r;
  r.window_months = config.window_months;
  const DatedSpan span = dated_span(network);
  r.data_last = span.last;
  // The kinds that count as cooperation.
  std::vector<char> counting(network.kinds.size(), 0);
  const std::vector<std::string> contact = default_contact_kinds();
  for (std::size_t k = 0; k < network.kinds.size(); ++k) {
    const std::string& name = network.kinds[k];
    counting[k] = config.kinds.empty()
                      ? std::find(contact.begin(), contact.end(), name) == contact.end()
                      : std::find(config.kinds.begin(), config.kinds.end(), name) != config.kinds.end();
    if (counting[k] != 0) r.kinds.push_back(name);
  }
  std::vector<std::vector<Arc>> arcs(network.size());
  for (const Tie& t : network.ties) {
    const bool counts = counting[static_cast<std::size_t>(t.kind)] != 0;
    const Date start = t.start.first_day();  // empty for an undated tie
    arcs[static_cast<std::size_t>(t.source)].push_back({t.target, start, counts});
    if (t.source != t.target) arcs[static_cast<std::size_t>(t.target)].push_back({t.source, start, counts});
  }
  // Pairs named by any referral (either way round, any date), so the baseline leaves them out.
  std::map<VertexId, std::set<VertexId>> referred;
  struct Resolved {
    VertexId firm = -1;
    VertexId partner = -1;
  };
  std::vector<Resolved> resolved(network.referrals.size());
  for (std::size_t i = 0; i < network.referrals.size(); ++i) {
    const Referral& ref = network.referrals[i];
    const auto f = network.find(ref.firm);
    const auto p = network.find(ref.partner);
    if (!f || !p) continue;
    resolved[i] = {*f, *p};
    referred[*f].insert(*p);
    referred[*p].insert(*f);
  }
  r.referrals.resize(network.referrals.size());
  std::vector<std::size_t> decided_ones;
  for (std::size_t i = 0; i < network.referrals.size(); ++i) {
    Uptake& u = r.referrals[i];
    u.referral = i;
    if (resolved[i].firm < 0) {
      u.status = UptakeStatus::not_in_network;
      continue;
    }
    const Date d = network.referrals[i].date.first_day();
    const Date window_end = add_months(d, config.window_months);
    bool before = false;
    for (const Arc& a : arcs[static_cast<std::size_t>(resolved[i].firm)]) {
      if (a.other != resolved[i].partner || !a.counts || a.start.empty()) continue;
      if (!(d < a.start)) {
        before = true;
      } else if (u.tie.empty() || a.start < u.tie) {
        u.tie = a.start;
      }
    }
    if (before) {
      u.status = UptakeStatus::already_tied;
      u.tie = Date{};
      continue;
    }
    if (!u.tie.empty()) {
      u.days = days_between(d, u.tie);
      u.status = !(window_end < u.tie) ? UptakeStatus::taken_up : UptakeStatus::late;
    } else {
      u.status =
          !span.last.empty() && span.last < window_end ? UptakeStatus::pending : UptakeStatus::not_taken_up;
    }
    if (decided(u.status)) decided_ones.push_back(i);
  }
  // The baseline over at most baseline_referrals decided referrals (a seeded sample beyond).
  std::vector<std::size_t> sample = decided_ones;
  if (sample.size() > config.baseline_referrals) {
    std::stable_sort(sample.begin(), sample.end(), [&](std::size_t a, std::size_t b) {
      return core::stream_seed(config.seed, core::SeedStream::uptake_baseline, a) <
             core::stream_seed(config.seed, core::SeedStream::uptake_baseline, b);
    });
    sample.resize(config.baseline_referrals);
    std::sort(sample.begin(), sample.end());
  }
  r.baseline_sampled = sample.size();
  std::vector<std::int32_t> hops(network.size(), 0);
  std::vector<VertexId> touched;
  std::map<std::int32_t, Rate> by_distance;
  double variance = 0;
  for (const std::size_t i : sample) {
    Uptake& u = r.referrals[i];
    const VertexId firm = resolved[i].firm;
    const VertexId partner = resolved[i].partner;
    const Date d = network.referrals[i].date.first_day();
    const Date window_end = add_months(d, config.window_months);
    // Hops from the firm over the ties known on the referral date (undated ones included), to 3.
    for (const VertexId v : touched)
      hops[static_cast<std::size_t>(v)] = 0;
    touched.assign(1, firm);
    hops[static_cast<std::size_t>(firm)] = -1;  // the firm itself
    std::queue<VertexId> queue;
    queue.push(firm);
    while (!queue.empty()) {
      const VertexId v = queue.front();
      queue.pop();
      const std::int32_t dv = v == firm ? 0 : hops[static_cast<std::size_t>(v)];
      if (dv == 3) continue;
      for (const Arc& a : arcs[static_cast<std::size_t>(v)]) {
        if ((!a.start.empty() && d < a.start) || hops[static_cast<std::size_t>(a.other)] != 0) continue;
        hops[static_cast<std::size_t>(a.other)] = dv + 1;
        touched.push_back(a.other);
        queue.push(a.other);
      }
    }
    u.distance = hops[static_cast<std::size_t>(partner)];
    const std::int32_t want = bucket(u.distance);
    // Tied before the date (counting kinds) and tied within the window, per other end.
    std::set<VertexId> tied_before;
    std::set<VertexId> tied_in_window;
    for (const Arc& a : arcs[static_cast<std::size_t>(firm)]) {
      if (!a.counts || a.start.empty()) continue;
      if (!(d < a.start)) {
        tied_before.insert(a.other);
      } else if (!(window_end < a.start)) {
        tied_in_window.insert(a.other);
      }
    }
    const std::set<VertexId>& skip = referred[firm];
    const std::string& type = network.stakeholders[static_cast<std::size_t>(partner)].type;
    for (std::size_t x = 0; x < network.size(); ++x) {
      const auto vx = static_cast<VertexId>(x);
      if (vx == firm || vx == partner || network.stakeholders[x].type != type) continue;
      if (bucket(hops[x]) != want || tied_before.count(vx) != 0 || skip.count(vx) != 0) continue;
      ++u.comparable;
      if (tied_in_window.count(vx) != 0) ++u.comparable_tied;
    }
    r.baseline.trials += u.comparable;
    r.baseline.hits += u.comparable_tied;
    Rate& b = by_distance[want];
    b.trials += u.comparable;
    b.hits += u.comparable_tied;
    if (u.comparable > 0) {
      const double p = static_cast<double>(u.comparable_tied) / static_cast<double>(u.comparable);
      r.expected += p;
      variance += p * (1 - p);
    }
  }
  for (const auto& [distance, rate] : by_distance)
    r.baseline_by_distance.push_back({distance >= 4 ? "4+" : std::to_string(distance), rate, std::nan("")});
  // Rates over the decided referrals.
  std::map<std::string, std::pair<Rate, std::vector<double>>> by_institution, by_type, by_sector;
  std::vector<double> days;
  std::size_t sample_taken = 0;
  for (const std::size_t i : decided_ones) {
    const Uptake& u = r.referrals[i];
    const bool hit = u.status == UptakeStatus::taken_up;
    const Referral& ref = network.referrals[i];
    const Stakeholder& firm = network.stakeholders[static_cast<std::size_t>(resolved[i].firm)];
    const Stakeholder& partner = network.stakeholders[static_cast<std::size_t>(resolved[i].partner)];
    for (auto* group : {&by_institution[ref.by], &by_type[partner.type], &by_sector[firm.sector]}) {
      ++group->first.trials;
      if (hit) {
        ++group->first.hits;
        group->second.push_back(u.days);
      }
    }
    ++r.overall.trials;
    if (hit) {
      ++r.overall.hits;
      days.push_back(u.days);
    }
    if (hit && std::binary_search(sample.begin(), sample.end(), i)) ++sample_taken;
  }
  r.by_institution = rows(by_institution);
  r.by_partner_type = rows(by_type);
  r.by_sector = rows(by_sector);
  r.median_days = median(days);
  if (!days.empty()) {
    double sum = 0;
    for (const double x : days)
      sum += x;
    r.mean_days = sum / static_cast<double>(days.size());
  }
  if (variance > 0) r.z = (static_cast<double>(sample_taken) - r.expected) / std::sqrt(variance);
  return r;
}

}  // namespace clusterscope::change
