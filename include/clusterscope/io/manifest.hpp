#pragma once
// Dataset folders described by a dataset.json manifest (docs/DATA_FORMATS.md, "Manifest"):
// files, column and value mappings, type vocabulary with colours, per-kind tie weights,
// directedness, two-mode activity files and their projection, filters.

#include <array>
#include <filesystem>
#include <string>

#include "clusterscope/io/builder.hpp"
#include "clusterscope/io/load.hpp"

namespace clusterscope::io {

/// How a two-mode activity (project, event, meeting) becomes stakeholder–stakeholder ties.
enum class Projection { count, newman };
/// What happens to an activity with more participants than the threshold.
enum class LargeActivityRule { downweight, skip, keep };

/// The "weighting" of an "activities" entry.
inline constexpr std::array<core::Name<Projection>, 2> kProjectionNames = {{
    {Projection::count, "count"},
    {Projection::newman, "newman"},
}};
/// The "rule" of an entry's "large_activity".
inline constexpr std::array<core::Name<LargeActivityRule>, 3> kLargeActivityRuleNames = {{
    {LargeActivityRule::downweight, "downweight"},
    {LargeActivityRule::skip, "skip"},
    {LargeActivityRule::keep, "keep"},
}};

/// The most ties the projection of one activity file may give (docs/DATA_FORMATS.md, "Limits");
/// an "activities" entry raises or lowers it with "max_ties".
inline constexpr std::size_t kDefaultMaxProjectedTies = 5'000'000;

struct ProjectionOptions {
  Projection weighting = Projection::count;
  std::size_t large_threshold = 50;
  LargeActivityRule large_rule = LargeActivityRule::downweight;
  /// Ties the whole projection may give; the activity that would pass it is an error at its
  /// first row, before any of its pairs is built.
  std::size_t max_ties = kDefaultMaxProjectedTies;
};

/// One stakeholder's participation in one activity (a row of a two-mode file).
struct Participation {
  VertexId stakeholder = 0;
  std::string activity;
  Date date;
  Date end;
  Location at;
};

/// Projects participations onto stakeholder pairs, adding one tie of `kind` per pair and
/// activity. With k distinct participants an activity gives each pair weight 1 (count) or
/// 1/(k−1) (Newman 2001, doi:10.1103/PhysRevE.64.016132). Above the threshold T the rule
/// applies: downweight multiplies by (T−1)/(k−1), skip leaves the activity out (a warning
/// each), keep projects it as it is. Repeated participations of one stakeholder count once.
/// An activity whose pairs would take the projection past `options.max_ties` is reported at
/// its first row and nothing more is projected.
void project_participations(std::vector<Participation> participations, const std::string& kind,
                            const ProjectionOptions& options, NetworkBuilder& builder);

/// Reads the dataset described by `manifest` (a dataset.json). The manifest's filters are
/// merged into `filters`, and its "level" into `level`. Every file is read within
/// `max_input_bytes` (LoadOptions::max_input_bytes).
void read_manifest(const std::filesystem::path& manifest, NetworkBuilder& builder, Filters& filters,
                   Level& level, std::uint64_t max_input_bytes = kDefaultMaxInputBytes);

/// Reads a referrals table (date,by,firm,partner[,note], or a recommendations.csv with
/// `default_date`) given outside a manifest, against the stakeholders of the builder's network.
void read_referral_file(const std::filesystem::path& file, NetworkBuilder& builder, const Date& default_date,
                        std::uint64_t max_input_bytes = kDefaultMaxInputBytes);

}  // namespace clusterscope::io
