#include "clusterscope/io/summary.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "clusterscope/io/text.hpp"

namespace clusterscope::io {

namespace {

using Json = nlohmann::ordered_json;

struct Counts {
  std::vector<std::pair<std::string, std::size_t>> types;           // vocabulary order, then others
  std::vector<std::tuple<std::string, std::size_t, double>> kinds;  // kind, ties, total weight
  Date first;
  Date last;
  std::size_t isolates = 0;
};

Counts count(const Network& network) {
  Counts c;
  std::map<std::string, std::size_t> by_type;
  for (const Stakeholder& s : network.stakeholders)
    by_type[s.type.empty() ? "(none)" : s.type] += 1;
  for (const TypeTerm& term : network.vocabulary) {
    const auto it = by_type.find(term.name);
    c.types.emplace_back(term.name, it == by_type.end() ? 0 : it->second);
    if (it != by_type.end()) by_type.erase(it);
  }
  for (const auto& [type, n] : by_type)
    c.types.emplace_back(type, n);

  std::vector<std::size_t> ties(network.kinds.size());
  std::vector<double> weight(network.kinds.size());
  std::vector<char> touched(network.stakeholders.size());
  for (const Tie& tie : network.ties) {
    ties[static_cast<std::size_t>(tie.kind)] += 1;
    weight[static_cast<std::size_t>(tie.kind)] += tie.weight;
    touched[static_cast<std::size_t>(tie.source)] = 1;
    touched[static_cast<std::size_t>(tie.target)] = 1;
    if (!tie.start.empty() && (c.first.empty() || tie.start < c.first)) c.first = tie.start;
    if (!tie.end.empty() && (c.last.empty() || c.last < tie.end)) c.last = tie.end;
  }
  for (std::size_t k = 0; k < network.kinds.size(); ++k) {
    if (ties[k] > 0) c.kinds.emplace_back(network.kinds[k], ties[k], weight[k]);
  }
  std::sort(c.kinds.begin(), c.kinds.end());
  c.isolates = static_cast<std::size_t>(std::count(touched.begin(), touched.end(), 0));
  return c;
}

Json diagnostics_json(const std::vector<Diagnostic>& list) {
  Json out = Json::array();
  for (const Diagnostic& d : list)
    out.push_back(format_diagnostic(d));
  return out;
}

}  // namespace

std::string summary_json(const Network& network, const Diagnostics& diagnostics) {
  const Counts c = count(network);
  Json j;
  j["dataset"] = network.name;
  j["description"] = network.description;
  j["area"] = network.area;
  j["directed"] = network.directed;
  j["stakeholders"] = network.stakeholders.size();
  j["ties"] = network.ties.size();
  j["isolates"] = c.isolates;
  Json types = Json::object();
  for (const auto& [type, n] : c.types)
    types[type] = n;
  j["stakeholders_by_type"] = types;
  Json kinds = Json::object();
  for (const auto& [kind, n, w] : c.kinds)
    kinds[kind] = Json{{"ties", n}, {"total_weight", w}};
  j["ties_by_kind"] = kinds;
  j["period"] = Json{{"first", c.first.to_string()}, {"last", c.last.to_string()}};
  // A few of each kind and the count of the rest (docs/CLI.md, "Warnings"); warning_count
  // counts them all.
  j["warning_count"] = diagnostics.warning_count();
  j["warnings"] = diagnostics_json(condensed(diagnostics.warnings()));
  j["notes"] = diagnostics_json(condensed(diagnostics.notes()));
  return j.dump(2) + "\n";
}

std::string summary_markdown(const Network& network, const Diagnostics& diagnostics) {
  const Counts c = count(network);
  std::string md = "# " + (network.name.empty() ? std::string("Dataset") : network.name) + "\n\n";
  if (!network.description.empty()) md += network.description + "\n\n";
  md += "- stakeholders: " + std::to_string(network.stakeholders.size()) + " (" + std::to_string(c.isolates) +
        " without ties)\n";
  md += "- ties: " + std::to_string(network.ties.size()) +
        (network.directed ? " (directed)" : " (undirected)") + "\n";
  if (!c.first.empty()) md += "- period: " + c.first.to_string() + " to " + c.last.to_string() + "\n";
  md += "\n## Stakeholders by type\n\n| type | stakeholders |\n| --- | ---: |\n";
  for (const auto& [type, n] : c.types)
    md += "| " + type + " | " + std::to_string(n) + " |\n";
  md += "\n## Ties by kind\n\n| kind | ties | total weight |\n| --- | ---: | ---: |\n";
  for (const auto& [kind, n, w] : c.kinds)
    md += "| " + kind + " | " + std::to_string(n) + " | " + readable_number(w) + " |\n";
  if (diagnostics.warning_count() > 0) {
    md += "\n## Warnings (" + std::to_string(diagnostics.warning_count()) + ")\n\n";
    for (const Diagnostic& d : condensed(diagnostics.warnings()))
      md += "- " + format_diagnostic(d) + "\n";
  }
  const std::vector<Diagnostic> notes = diagnostics.notes();
  if (!notes.empty()) {
    md += "\n## Notes\n\n";
    for (const Diagnostic& d : condensed(notes))
      md += "- " + format_diagnostic(d) + "\n";
  }
  return md;
}

std::string normalised_manifest(const Network& network) {
  Json j;
  j["name"] = network.name;
  j["description"] = network.description;
  j["area"] = network.area;
  j["source"] = network.source;
  j["licence"] = network.licence;
  j["directed"] = network.directed;
  j["stakeholders"] = Json{{"file", "stakeholders.csv"}};
  j["ties"] = Json::array({Json{{"file", "ties.csv"}}});
  if (!network.referrals.empty()) j["referrals"] = Json{{"file", "referrals.csv"}};
  Json vocabulary = Json::array();
  for (const TypeTerm& t : network.vocabulary)
    vocabulary.push_back(Json{{"type", t.name}, {"colour", t.colour}, {"label", t.label}});
  j["vocabulary"] = vocabulary;
  Json weights = Json::object();
  for (const auto& [kind, w] : network.kind_weights)
    weights[kind] = w;
  j["kind_weights"] = weights;
  return j.dump(2) + "\n";
}

}  // namespace clusterscope::io
