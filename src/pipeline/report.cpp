#include "clusterscope/pipeline/report.hpp"

#include <stdexcept>

#include "clusterscope/io/csv.hpp"
#include "clusterscope/io/text.hpp"

namespace clusterscope::pipeline {

ReportBlock paragraph(std::string text, std::string tone) {
  ReportBlock b;
  b.kind = ReportBlock::Kind::paragraph;
  b.text = std::move(text);
  b.tone = std::move(tone);
  return b;
}

ReportBlock bullets(std::vector<std::string> items, std::string tone) {
  ReportBlock b;
  b.kind = ReportBlock::Kind::bullets;
  b.items = std::move(items);
  b.tone = std::move(tone);
  return b;
}

ReportBlock subheading(std::string text) {
  ReportBlock b;
  b.kind = ReportBlock::Kind::subheading;
  b.text = std::move(text);
  return b;
}

ReportBlock table_block(ReportTable table) {
  if (table.numeric.empty()) table.numeric.assign(table.header.size(), false);
  if (table.numeric.size() != table.header.size())
    throw std::invalid_argument("report table " + table.name + ": one alignment per column");
  for (const auto& row : table.rows)
    if (row.size() != table.header.size())
      throw std::invalid_argument("report table " + table.name + ": every row has one cell per column");
  ReportBlock b;
  b.kind = ReportBlock::Kind::table;
  b.table = std::move(table);
  return b;
}

ReportBlock figure_block(std::string name, const render::Scene* scene, std::string caption) {
  ReportBlock b;
  b.kind = ReportBlock::Kind::figure;
  b.figure = {std::move(name), scene, std::move(caption)};
  return b;
}

ReportBlock key_figures(std::vector<KeyFigure> figures) {
  ReportBlock b;
  b.kind = ReportBlock::Kind::key_figures;
  b.figures_row = std::move(figures);
  return b;
}

ReportBlock page_break() {
  ReportBlock b;
  b.kind = ReportBlock::Kind::page_break;
  return b;
}

std::vector<std::pair<std::string, std::string>> annex_tables(const Report& report) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const ReportSection& section : report.sections)
    for (const ReportBlock& block : section.blocks) {
      if (block.kind != ReportBlock::Kind::table) continue;
      const ReportTable& t = block.table;
      std::string csv;
      // Annex tables are for people, who open them in a spreadsheet: guarded against formulas.
      io::append_spreadsheet_row(csv, t.header);
      for (const auto& row : t.rows)
        io::append_spreadsheet_row(csv, row);
      std::string md = "# " + io::markdown_escape(t.caption) + "\n\n|";
      for (const std::string& h : t.header)
        md += " " + io::markdown_escape(h) + " |";
      md += "\n|";
      for (std::size_t c = 0; c < t.header.size(); ++c)
        md += c < t.numeric.size() && t.numeric[c] ? " ---: |" : " --- |";
      md += "\n";
      for (const auto& row : t.rows) {
        md += "|";
        for (const std::string& cell : row)
          md += " " + io::markdown_escape(cell) + " |";
        md += "\n";
      }
      files.emplace_back("tables/" + t.name + ".csv", std::move(csv));
      files.emplace_back("tables/" + t.name + ".md", std::move(md));
    }
  return files;
}

}  // namespace clusterscope::pipeline
