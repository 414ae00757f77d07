#pragma once
// Change over time (docs/compare.md): periods and the snapshots of a network in them, what changed
// between snapshots (ties, stakeholders, measures), communities and candidate groups tracked across
// snapshots with stable ids, and the uptake of referrals (recommended cooperation) against a chance
// baseline. Plain computations on the data model: no I/O, no igraph; the pipeline runs the
// analyses per snapshot and hands their results in.

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clusterscope/candidates/candidates.hpp"
#include "clusterscope/core/names.hpp"
#include "clusterscope/model/network.hpp"
#include "clusterscope/model/partition.hpp"

namespace clusterscope::change {

// ---------------------------------------------------------------------------------------------
// Periods

/// A period, inclusive at both ends at the precision written: 2012..2012 is the whole year 2012,
/// 2012-03..2013-06 runs from 2012-03-01 through 2013-06-30. An empty end is open.
struct Period {
  Date from;
  Date to;
  std::string label;  ///< "2012", "2012-Q1", "2012-03 … 2013-06", "… 2013"
  /// True when the span [start, end] (dates at their precision; an empty end means the start)
  /// overlaps the period.
  [[nodiscard]] bool overlaps(const Date& start, const Date& end) const noexcept;
  /// The first and last day covered (empty when open).
  [[nodiscard]] Date first_day() const noexcept { return from.first_day(); }
  [[nodiscard]] Date last_day() const noexcept { return to.last_day(); }
};

/// Parses FROM..TO (either end may be left out: 2014.. or ..2013; not both), or one date for the
/// period it covers (2012 = 2012..2012). Returns the message
/// saying what was expected when the text is not a period or is inverted.
std::optional<Period> parse_period(std::string_view text, std::string& error);

/// The label period_label() gives: "2012" for a whole year, "2012-Q2" for a calendar quarter,
/// "2012-03" for one month, else "FROM … TO".
std::string period_label(const Date& from, const Date& to);

/// --periods yearly|quarterly|N-months: consecutive periods covering [first, last] (the data's
/// dated_span), calendar years and quarters, or blocks of N months from first's month. Returns
/// the message saying what was expected when the rule is unknown (N from 1 to 120).
std::optional<std::vector<Period>> periods_from_rule(std::string_view rule, const Date& first,
                                                     const Date& last, std::string& error);

/// "" when the periods are in time order and do not overlap, else what is wrong (the first
/// pair that overlaps or is out of order).
std::string check_periods(const std::vector<Period>& periods);

/// What happens to undated ties in a period (--undated).
enum class Undated { drop, keep };
inline constexpr std::array<core::Name<Undated>, 2> kUndatedNames = {{
    {Undated::drop, "drop", "undated ties are left out of every period (counted in a warning)"},
    {Undated::keep, "keep", "undated ties count in every period"},
}};

/// The stakeholder fields that bound when a stakeholder exists, whatever its ties (ISO dates,
/// checked by the loader; docs/DATA_FORMATS.md).
inline constexpr const char* active_from_field = "active_from";
inline constexpr const char* active_to_field = "active_to";

/// One network seen at one time: the stakeholders present and the ties that count, with the
/// vertex each stakeholder has in the comparison's common network (`base`).
struct Snapshot {
  std::string label;
  Period period;  ///< empty for a whole dataset
  Network network;
  std::vector<VertexId> base;         ///< base vertex of each of network's stakeholders
  std::vector<std::size_t> base_tie;  ///< index in the base network's ties of each of its ties
  std::size_t undated = 0;            ///< undated ties (kept or dropped by the policy)
};

/// The snapshot of `network` in `period`: its ties overlapping the period (undated ones by
/// `undated`), and the stakeholders with such a tie or whose active_from/active_to span overlaps
/// the period. Vertex v of the snapshot is stakeholder base[v] of `network`. Throws InputError
/// for an active_from after its active_to.
Snapshot snapshot_in_period(const Network& network, const Period& period, Undated undated);

/// The ties of a snapshot that count by their date (undated ones kept by --undated keep aside).
std::size_t dated_ties(const Snapshot& snapshot, Undated undated) noexcept;
/// "the dated ties run 2012-01-04 … 2014-12-30", or "no tie is dated".
std::string span_text(const DatedSpan& span);
/// The message for a period holding no dated tie: "period 2020 holds no dated tie (the dated ties
/// run …); expected a period that overlaps the data".
std::string no_dated_tie(const Period& period, const DatedSpan& span);

/// Two datasets matched by id: the union network (stakeholders of `a`, then those only in `b`,
/// their fields from the later dataset `b` where it has them; the ties of both) and each dataset
/// as a snapshot of it.
struct Matched {
  Network base;
  std::vector<Snapshot> snapshots;
};
Matched match_datasets(const Network& a, std::string label_a, const Network& b, std::string label_b);

/// The network the figures are laid out from: every stakeholder present in some snapshot and the
/// ties of every snapshot (a tie of the base counted once however many snapshots hold it).
/// `base_of[v]` is the base vertex of its stakeholder v; `index` maps base vertices to it (−1:
/// in no snapshot).
struct Union {
  Network network;
  std::vector<VertexId> base_of;
  std::vector<VertexId> index;
};
Union union_of(const Network& base, const std::vector<Snapshot>& snapshots);

// ---------------------------------------------------------------------------------------------
// Ties, stakeholders and measures

enum class TieChange { added, lost, strengthened, weakened, unchanged };
inline constexpr std::array<core::Name<TieChange>, 5> kTieChangeNames = {{
    {TieChange::added, "new"},
    {TieChange::lost, "lost"},
    {TieChange::strengthened, "strengthened"},
    {TieChange::weakened, "weakened"},
    {TieChange::unchanged, "unchanged"},
}};

/// One pair and kind between two consecutive snapshots: the summed tie weights and tie counts
/// before and after (base vertices, source < target when undirected).
struct PairChange {
  VertexId source = 0;
  VertexId target = 0;
  std::string kind;
  double before = 0;
  double after = 0;
  std::int32_t ties_before = 0;
  std::int32_t ties_after = 0;
  TieChange change = TieChange::unchanged;
};

/// Counts of one kind (or "all") between two snapshots.
struct KindCounts {
  std::string kind;
  std::size_t added = 0, lost = 0, strengthened = 0, weakened = 0, unchanged = 0;
};

/// Everything that changed from snapshot `from` to snapshot `from + 1`.
struct Step {
  std::size_t from = 0;
  std::vector<PairChange> pairs;          ///< every pair-kind in either snapshot, by (source, target, kind)
  std::vector<KindCounts> kinds;          ///< by kind name, then "all" last
  std::vector<VertexId> entered;          ///< base vertices present after and not before
  std::vector<VertexId> left;             ///< present before and not after
  std::size_t stayed = 0;                 ///< present in both
  std::size_t new_ties_of_newcomers = 0;  ///< added pairs with an end that entered
};

/// Compares consecutive snapshots: ties by pair and kind (weights summed per period; a weight that
/// changes by more than `epsilon` relative is strengthened or weakened) and stakeholders.
Step compare_snapshots(const Network& base, const Snapshot& before, const Snapshot& after, std::size_t from,
                       double epsilon = 1e-9);

// ---------------------------------------------------------------------------------------------
// Community and candidate tracking

struct TrackingOptions {
  /// Two communities of consecutive snapshots match when the Jaccard index of their members who
  /// are present in both snapshots is at least this (docs/compare.md, "Tracking").
  double threshold = 0.3;
  /// A one-to-one match is "grown" or "shrunk" when its size changes by more than this share.
  double growth = 0.2;
  /// Communities with fewer members are not tracked (pairs and isolates).
  std::int32_t min_size = 3;
};

enum class Event { first, continued, grown, shrunk, merged, split, new_, dissolved };
inline constexpr std::array<core::Name<Event>, 8> kEventNames = {{
    {Event::first, "first", "present in the first period"},
    {Event::continued, "continued", "one-to-one match, size within the growth share"},
    {Event::grown, "grown", "one-to-one match, larger by more than the growth share"},
    {Event::shrunk, "shrunk", "one-to-one match, smaller by more than the growth share"},
    {Event::merged, "merged", "matches two or more communities of the previous period"},
    {Event::split, "split", "one of two or more matches of one community of the previous period"},
    {Event::new_, "new", "matches no community of the previous period"},
    {Event::dissolved, "dissolved", "a community of the previous period that matches none of this one"},
}};

/// A community of one snapshot with its tracked id.
struct TrackedCommunity {
  std::size_t snapshot = 0;
  std::int32_t community = 0;     ///< id in the snapshot's partition
  std::int32_t id = 0;            ///< tracked id, stable across snapshots (1, 2, …); 0: not tracked (small)
  std::vector<VertexId> members;  ///< base vertices, ascending
  Event event = Event::first;
  std::vector<std::int32_t> from;  ///< tracked ids of the matched communities of the previous snapshot
  double jaccard = 0;              ///< best match's Jaccard (0: none)
};

/// A community of snapshot `snapshot - 1` that matched nothing in `snapshot`.
struct Dissolved {
  std::size_t snapshot = 0;  ///< the snapshot where it is no longer found
  std::int32_t id = 0;
  std::size_t members = 0;
};

/// A flow of members between two tracked communities of consecutive snapshots.
struct Flow {
  std::size_t from_snapshot = 0;
  std::int32_t from = 0;
  std::int32_t to = 0;
  std::size_t members = 0;
};

struct Tracking {
  std::vector<std::vector<TrackedCommunity>> snapshots;  ///< per snapshot, tracked ones by id then untracked
  std::vector<Dissolved> dissolved;
  std::vector<Flow> flows;  ///< members present in both snapshots moving between tracked communities
  std::int32_t ids = 0;     ///< tracked ids used (1 … ids)
  /// The tracked id of each base vertex in each snapshot (0: absent or in an untracked community).
  std::vector<std::vector<std::int32_t>> id_of;
};

/// Tracks the communities of consecutive snapshots (`partitions[s]` over snapshot s's network).
/// Ids: the first snapshot's communities get 1, 2, … largest first; later, matches are taken in
/// order of overlap (members in common), then Jaccard, and a community inherits the id of its best
/// unclaimed match; the rest get new ids, largest first.
Tracking track_communities(const std::vector<Snapshot>& snapshots, const std::vector<Partition>& partitions,
                           std::size_t base_size, const TrackingOptions& options = {});

/// One candidate group followed across snapshots (matched like communities, over all members).
struct CandidateTrack {
  std::int32_t id = 0;
  std::string name;  ///< its sector, else "around <its first anchor>"
  /// Per snapshot: the index into that snapshot's candidate list, or −1 where it is not found.
  std::vector<std::int32_t> found;
};
std::vector<CandidateTrack> track_candidates(const std::vector<Snapshot>& snapshots,
                                             const std::vector<std::vector<candidates::Candidate>>& found,
                                             const TrackingOptions& options = {});

/// A plain sentence of how one candidate group changed from its first to its last appearance:
/// "The machine-tool group went from emerging to initiative-ready (score 0.48 → 0.71, 24 → 28
/// members); it gained a coordinator, C1." Empty when nothing is worth saying.
std::string candidate_story(const CandidateTrack& track, const std::vector<Snapshot>& snapshots,
                            const std::vector<std::vector<candidates::Candidate>>& found);

// ---------------------------------------------------------------------------------------------
// Uptake of referrals

/// Tie kinds that are contacts, not cooperation: by default they do not count as uptake.
std::vector<std::string> default_contact_kinds();

struct UptakeConfig {
  /// Kinds that count as cooperation; empty: every kind but default_contact_kinds().
  std::vector<std::string> kinds;
  std::int32_t window_months = 12;  ///< a tie must start after the referral and within this
  /// The baseline is computed over at most this many referrals (a seeded sample beyond).
  std::size_t baseline_referrals = 5000;
  std::uint64_t seed = 1;
};

enum class UptakeStatus { taken_up, late, not_taken_up, pending, already_tied, not_in_network };
inline constexpr std::array<core::Name<UptakeStatus>, 6> kUptakeStatusNames = {{
    {UptakeStatus::taken_up, "taken_up", "a cooperation tie started within the window"},
    {UptakeStatus::late, "late", "a cooperation tie started, but after the window"},
    {UptakeStatus::not_taken_up, "not_taken_up", "no cooperation tie after the referral"},
    {UptakeStatus::pending, "pending", "the window runs past the data's last date and no tie yet"},
    {UptakeStatus::already_tied, "already_tied", "the pair already cooperated on the referral date"},
    {UptakeStatus::not_in_network, "not_in_network", "firm or partner is not in the analysed network"},
}};

/// The check of one referral.
struct Uptake {
  std::size_t referral = 0;  ///< index into Network::referrals
  UptakeStatus status = UptakeStatus::not_taken_up;
  Date tie;                         ///< start of the first cooperation tie after the referral (empty: none)
  std::int32_t days = -1;           ///< from the referral to `tie` (−1: none)
  std::int32_t distance = 0;        ///< hops between firm and partner at the referral date (0: unreachable)
  std::size_t comparable = 0;       ///< comparable non-referred pairs of the baseline
  std::size_t comparable_tied = 0;  ///< of them, tied within the window
};

/// A share with its Wilson 95 % interval.
struct Rate {
  std::size_t hits = 0;
  std::size_t trials = 0;
  [[nodiscard]] double value() const noexcept {
    return trials == 0 ? std::numeric_limits<double>::quiet_NaN()
                       : static_cast<double>(hits) / static_cast<double>(trials);
  }
  [[nodiscard]] double low() const noexcept;
  [[nodiscard]] double high() const noexcept;
};

struct RateRow {
  std::string group;  ///< the value (an institution's id, a type, a sector)
  Rate rate;
  double median_days = std::numeric_limits<double>::quiet_NaN();
};

struct UptakeResult {
  std::vector<Uptake> referrals;  ///< one per referral, in the network's order
  Rate overall;                   ///< taken_up ÷ (taken_up + late + not_taken_up)
  Rate baseline;                  ///< Σ comparable_tied ÷ Σ comparable over the decided referrals
  std::vector<RateRow> by_institution, by_partner_type, by_sector;
  std::vector<RateRow> baseline_by_distance;  ///< "2", "3", "4+" (4 or more hops, or unreachable)
  double expected = 0;  ///< Σ over decided referrals of their comparison rate: uptakes expected by chance
  double z = std::numeric_limits<double>::quiet_NaN();  ///< (taken up − expected) / sd
  double median_days = std::numeric_limits<double>::quiet_NaN();
  double mean_days = std::numeric_limits<double>::quiet_NaN();
  std::size_t baseline_sampled = 0;  ///< decided referrals the baseline used
  Date data_last;                    ///< the data's last date
  std::vector<std::string> kinds;    ///< the kinds that counted
  std::int32_t window_months = 12;
};

/// Checks every referral of `network` against its ties.
UptakeResult uptake(const Network& network, const UptakeConfig& config);

/// The date `months` calendar months after `date` (day clamped to the month's length).
Date add_months(const Date& date, std::int32_t months);
/// Days from a to b (full dates; a date of lower precision counts as its first day).
std::int32_t days_between(const Date& a, const Date& b);

}  // namespace clusterscope::change
