// The recommendation outputs shared by analyze and the visits command.

#include "clusterscope/pipeline/visit_plan.hpp"

#include <algorithm>

#include "clusterscope/core/text.hpp"
#include "clusterscope/pipeline/report.hpp"

namespace clusterscope::pipeline {

namespace {

std::string shown(const Network& network, VertexId v) {
  const Stakeholder& s = network.stakeholders[static_cast<std::size_t>(v)];
  return s.name.empty() ? s.id : s.name;
}

std::string candidate_group_name(const candidates::Candidate& c) {
  return "candidate group " + std::to_string(c.rank) +
         (c.sector.empty() ? std::string() : " (" + c.sector + ")");
}

}  // namespace

recommend::RecommendInput recommend_input(const Network& network, const TieView& view,
                                          const communities::CommunityResult& communities,
                                          const std::vector<candidates::Candidate>& found) {
  recommend::RecommendInput input;
  input.network = &network;
  input.ties = &view;
  input.communities = &communities.partition;
  for (const candidates::Candidate& c : found) {
    std::vector<VertexId> members = c.members;
    std::sort(members.begin(), members.end());
    input.groups.push_back(std::move(members));
    input.group_names.push_back(candidate_group_name(c));
  }
  return input;
}

std::vector<recommend::VisitGroup> visit_groups(const std::vector<candidates::Candidate>& found) {
  std::vector<recommend::VisitGroup> groups;
  for (const candidates::Candidate& c : found) {
    recommend::VisitGroup g;
    g.name = candidate_group_name(c);
    g.members = c.members;
    std::sort(g.members.begin(), g.members.end());
    if (c.coordinator >= 0) g.leaders.push_back(c.coordinator);
    g.leaders.insert(g.leaders.end(), c.anchors.begin(), c.anchors.end());
    g.leading = c.level != candidates::Level::weak;
    groups.push_back(std::move(g));
  }
  return groups;
}

std::string visit_plan_pdf(const Network& network, const std::vector<recommend::Visit>& visits) {
  Report report;
  report.title = (network.name.empty() ? std::string("Visit plan") : network.name + ": visit plan");
  report.subtitle = std::to_string(visits.size()) + (visits.size() == 1 ? " visit" : " visits") +
                    ", best first, each with the partners to recommend";
  report.meta = "clusterscope " CLUSTERSCOPE_VERSION;
  ReportSection list{"visits", "Visits", {}};
  ReportTable table;
  table.name = "visit-plan";
  table.caption = "The firms to visit first and why";
  table.header = {"#", "firm", "animator", "why"};
  table.numeric = {true, false, false, false};
  for (const recommend::Visit& v : visits) {
    std::string why;
    for (const std::string& label : v.labels)
      why += (why.empty() ? "" : "; ") + label;
    table.rows.push_back({std::to_string(v.rank), shown(network, v.firm),
                          v.animator < 0 ? "–" : shown(network, v.animator), why});
  }
  if (visits.empty())
    list.blocks.push_back(paragraph("No firm meets a visit criterion."));
  else
    list.blocks.push_back(table_block(std::move(table)));
  report.sections.push_back(std::move(list));
  for (const recommend::Visit& v : visits) {
    const Stakeholder& s = network.stakeholders[static_cast<std::size_t>(v.firm)];
    ReportSection page{
        "visit-" + std::to_string(v.rank), std::to_string(v.rank) + ". " + shown(network, v.firm), {}};
    std::string facts = s.id;
    if (!s.type.empty()) facts += " · " + type_label_in_text(network, s.type);
    if (!s.sector.empty()) facts += " · " + s.sector;
    if (!s.municipality.empty()) facts += " · " + s.municipality;
    if (s.employees) facts += " · " + core::format_number(*s.employees) + " employees";
    page.blocks.push_back(paragraph(facts));
    if (v.animator >= 0)
      page.blocks.push_back(paragraph("Visited by " + core::with_full_stop(shown(network, v.animator))));
    page.blocks.push_back(subheading("Why this firm"));
    page.blocks.push_back(paragraph(core::with_full_stop(v.why)));
    if (!s.needs.empty()) {
      page.blocks.push_back(subheading("Its needs"));
      page.blocks.push_back(bullets(s.needs));
    }
    page.blocks.push_back(subheading("Partners to recommend"));
    if (v.partners.empty()) {
      page.blocks.push_back(paragraph("No partner to recommend yet.", "warning"));
    } else {
      std::vector<std::string> items;
      for (const recommend::Recommendation& r : v.partners)
        items.push_back(std::to_string(r.rank) + ". " + shown(network, r.partner) + " — " + r.reason);
      page.blocks.push_back(bullets(std::move(items)));
    }
    page.blocks.push_back(subheading("After the visit"));
    page.blocks.push_back(
        paragraph("Recommended to: ____________________   Date: ____________   Follow-up: ____________"));
    report.sections.push_back(std::move(page));
  }
  return report_pdf(report);
}

}  // namespace clusterscope::pipeline
