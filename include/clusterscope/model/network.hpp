#pragma once
// Plain value types of the data model (docs/DATA_FORMATS.md, "Data model"): stakeholders,
// multiplex ties, the type vocabulary and the network that holds them.

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clusterscope {

using VertexId = std::int32_t;
using KindId = std::int32_t;

/// A calendar date with year, year-month or full precision (ISO 8601: 2013, 2013-04, 2013-04-17).
/// Missing parts are 0, so dates of mixed precision still order sensibly.
struct Date {
  std::int16_t year = 0;
  std::int8_t month = 0;  ///< 1–12, or 0 when only the year is known
  std::int8_t day = 0;    ///< 1–31, or 0 when the day is unknown

  [[nodiscard]] bool empty() const noexcept { return year == 0; }
  [[nodiscard]] std::string to_string() const;  ///< ISO 8601 at the stored precision; "" if empty
  /// The first and the last day the date covers at its precision: 2014 → 2014-01-01 and
  /// 2014-12-31, 2014-02 → 2014-02-01 and 2014-02-28. A full date is both; an empty one stays empty.
  [[nodiscard]] Date first_day() const noexcept;
  [[nodiscard]] Date last_day() const noexcept;
  auto operator<=>(const Date&) const = default;
};

/// Parses an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD) and checks that the day exists.
std::optional<Date> parse_iso_date(std::string_view text);
/// Parses a date in one of the supported layouts: "YYYY-MM-DD" (ISO, also YYYY and YYYY-MM),
/// "DD/MM/YYYY", "DD.MM.YYYY", "MM/DD/YYYY".
std::optional<Date> parse_date(std::string_view text, std::string_view layout);
/// True for the layouts parse_date accepts.
bool is_known_date_layout(std::string_view layout);

/// Canonical stakeholder fields; every other input column is kept in `attributes`.
struct Stakeholder {
  std::string id;
  std::string name;
  std::string type;  ///< a term of the network's type vocabulary
  std::string sector;
  std::string municipality;
  std::string region;  ///< e.g. a NUTS code
  std::string country;
  std::optional<double> lat;
  std::optional<double> lon;
  std::optional<double> employees;
  std::string parent;               ///< id of the parent institution (units, departments)
  std::vector<std::string> tags;    ///< free keywords
  std::vector<std::string> needs;   ///< what the stakeholder needs (keywords; docs/recommend.md)
  std::vector<std::string> offers;  ///< what it offers (keywords)
  std::map<std::string, std::string> attributes;
};

/// The `;`-separated keyword fields of a stakeholder: "tags", "needs", "offers".
bool is_keyword_field(std::string_view field) noexcept;
/// The keyword list behind a keyword field (is_keyword_field), or nullptr for another field.
std::vector<std::string>* keyword_list(Stakeholder& s, std::string_view field) noexcept;
const std::vector<std::string>* keyword_list(const Stakeholder& s, std::string_view field) noexcept;

/// One interaction between two stakeholders. Several ties may join one pair (multiplex).
struct Tie {
  VertexId source = 0;
  VertexId target = 0;
  KindId kind = 0;  ///< index into Network::kinds
  double weight = 1.0;
  Date start;  ///< the tie's date, or the start of its period
  Date end;    ///< end of the period; equal to start for a dated event
  std::map<std::string, std::string> attributes;
  /// The last day the tie covers: its end's (or, without an end, its start's) last day at its
  /// precision; empty for an undated tie.
  [[nodiscard]] Date last_day() const noexcept { return (end.empty() ? start : end).last_day(); }
};

/// A recommendation to cooperate (docs/DATA_FORMATS.md, "Referrals"): on `date` the institution
/// `by` recommended to `firm` to cooperate with `partner`. Ids are kept as written, so filters
/// and roll-ups leave them alone; `file` and `line` say where the row was read (for messages).
struct Referral {
  Date date;
  std::string by;
  std::string firm;
  std::string partner;
  std::string note;
  std::string file;
  std::size_t line = 0;
};

/// A term of the stakeholder type vocabulary with its display colour (#rrggbb).
struct TypeTerm {
  std::string name;
  std::string colour;
  std::string label;
};

/// The default vocabulary (docs/DATA_FORMATS.md, "Data model"): enterprise, university, research, support,
/// government, cluster, ngo, other — with a colour-blind-safe palette (Okabe–Ito).
std::vector<TypeTerm> default_vocabulary();

/// Canonical stakeholder field names, in output order.
const std::vector<std::string>& stakeholder_fields();

/// A per-id correction a manifest's "overrides" applied after loading: recorded so analyze's
/// manifest.json says which values were not the source's.
struct FieldOverride {
  std::string id;
  std::string field;
  std::string previous;  ///< the value as loaded ("" when missing)
  std::string value;     ///< the value the override set ("" when it cleared the field)
};

struct Network {
  std::string name;
  std::string description;
  std::string area;
  std::string source;
  std::string licence;
  bool directed = false;
  /// Every file the network was read from, in reading order (paths as given or joined to the
  /// manifest's folder) — hashed into analyze's manifest.json.
  std::vector<std::string> input_files;

  std::vector<Stakeholder> stakeholders;
  std::vector<Tie> ties;
  std::vector<std::string> kinds;  ///< tie kinds by KindId
  std::vector<TypeTerm> vocabulary = default_vocabulary();
  std::map<std::string, double> kind_weights;    ///< analysis weight per kind (default 1)
  std::vector<std::string> attribute_names;      ///< extra stakeholder columns, first-seen order
  std::vector<std::string> tie_attribute_names;  ///< extra tie columns, first-seen order
  std::vector<FieldOverride> overrides;          ///< manifest corrections, in the manifest's order
  std::vector<Referral> referrals;               ///< recommendations whose uptake is checked

  [[nodiscard]] std::size_t size() const noexcept { return stakeholders.size(); }
  [[nodiscard]] std::optional<VertexId> find(std::string_view id) const;
  /// Returns the id of `kind`, adding it when new.
  KindId intern_kind(std::string_view kind);
  [[nodiscard]] const std::string& kind_name(KindId kind) const {
    return kinds.at(static_cast<std::size_t>(kind));
  }
  [[nodiscard]] double kind_weight(KindId kind) const;
  /// Rebuilds the id index after stakeholders were added or removed in bulk.
  void reindex();
  /// Adds stakeholder `id` (already in `stakeholders`) to the id index.
  void reindex_one(VertexId id);

 private:
  /// Open-addressing id index: slots hold (hash, vertex) and compare against the stakeholder's
  /// own id, so the index stores no second copy of the strings and probes one flat array.
  struct Slot {
    std::uint64_t hash = 0;
    VertexId vertex = -1;
  };
  std::vector<Slot> slots_;
  std::vector<std::string> ids_;  ///< ids by vertex, compact, so a probe touches little memory
  std::size_t indexed_ = 0;
  void insert_slot(std::uint64_t hash, VertexId vertex);
};

/// The range of a tie weight every loader accepts (docs/DATA_FORMATS.md, "Weights"): 24 orders
/// of magnitude, for counts, shares and money; narrow enough that sums, products and path lengths
/// (1/weight, kept as 1 + length the way igraph keeps them) stay finite and distinguishable.
inline constexpr double kMinTieWeight = 1e-12;
inline constexpr double kMaxTieWeight = 1e12;

/// One undirected (or directed) pair with the analysis weight of all its ties summed:
/// weight = Σ kind_weight(kind) × tie weight.
struct AggregatedEdge {
  VertexId source = 0;
  VertexId target = 0;
  double weight = 0.0;
  std::int32_t ties = 0;  ///< how many ties were merged
};

/// The dated span of a network's ties: the first day any dated tie starts and the last day any
/// ends (empty dates when no tie is dated), and how many ties have no date.
struct DatedSpan {
  Date first;
  Date last;
  std::size_t undated = 0;
};
DatedSpan dated_span(const Network& network);

/// Aggregates the multiplex ties into one edge per pair (per ordered pair when directed),
/// sorted by (source, target). Undirected pairs are stored with source < target. Throws
/// InputError when a pair's weight is not a finite normal number > 0 (tie weights in range can
/// still get there through extreme kind weights).
std::vector<AggregatedEdge> aggregate_ties(const Network& network);

/// House colours (#RRGGBB) for the types, in vocabulary order; types beyond the list keep theirs.
void apply_palette(Network& network, const std::vector<std::string>& colours);

}  // namespace clusterscope
