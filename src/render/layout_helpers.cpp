#include "clusterscope/render/layout_helpers.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "clusterscope/render/figure.hpp"

namespace clusterscope::render {

std::vector<std::string> wrap_text(const TextMeasure& measure, const std::string& text, double size,
                                   bool bold, double width) {
  std::vector<std::string> lines;
  std::istringstream words(text);
  std::string word, line;
  const auto fit_word = [&](std::string w) {
    for (std::size_t chars = 60; measure.measure(w, size, bold).width > width && chars > 2; chars -= 2)
      w = shorten_name(w, chars);
    return w;
  };
  while (words >> word) {
    const std::string candidate = line.empty() ? word : line + " " + word;
    if (measure.measure(candidate, size, bold).width <= width) {
      line = candidate;
      continue;
    }
    if (!line.empty()) lines.push_back(line);
    line = fit_word(word);
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

void Legend::add_title(const TextMeasure& measure, const std::string& text, double size) {
  measure_ = &measure;
  Row row;
  row.kind = Row::Kind::title;
  row.text = text;
  row.size = size;
  row.text_box = measure.measure(text, size, true);
  row.height = row.text_box.height + 2;
  rows_.push_back(row);
}

void Legend::add_swatch(const TextMeasure& measure, const std::string& text, const std::string& colour,
                        double size) {
  measure_ = &measure;
  Row row;
  row.kind = Row::Kind::swatch;
  row.text = text;
  row.colour = colour;
  row.size = size;
  row.text_box = measure.measure(text, size, false);
  row.radius = size * 0.4;
  row.height = std::max(row.text_box.height, 2 * row.radius) + 1;
  rows_.push_back(row);
}

void Legend::add_size(const TextMeasure& measure, const std::string& text, double radius, double size) {
  measure_ = &measure;
  Row row;
  row.kind = Row::Kind::size;
  row.text = text;
  row.size = size;
  row.radius = radius;
  row.text_box = measure.measure(text, size, false);
  row.height = std::max(row.text_box.height, 2 * radius + 2) + 1;
  rows_.push_back(row);
}

void Legend::add_gap(double height) {
  Row row;
  row.kind = Row::Kind::gap;
  row.height = height;
  rows_.push_back(row);
}

double Legend::symbol_width() const {
  double w = 0;
  for (const Row& r : rows_)
    if (r.kind == Row::Kind::swatch || r.kind == Row::Kind::size) w = std::max(w, 2 * r.radius);
  return w + 4;
}

double Legend::width() const {
  double w = 0;
  const double symbol = symbol_width();
  for (const Row& r : rows_) {
    if (r.kind == Row::Kind::title) w = std::max(w, r.text_box.width);
    if (r.kind == Row::Kind::swatch || r.kind == Row::Kind::size) w = std::max(w, symbol + r.text_box.width);
  }
  return w;
}

void Legend::emit(Group& group, double x, double top, double bottom) const {
  const double symbol = symbol_width();
  double y = top;
  for (const Row& r : rows_) {
    if (y + r.height > bottom) break;
    const double mid = y + r.height / 2;
    switch (r.kind) {
      case Row::Kind::title:
        group.items.emplace_back(
            make_text(*measure_, r.text, x, mid, r.size, Anchor::start, true, "#000000"));
        break;
      case Row::Kind::swatch:
      case Row::Kind::size: {
        Circle c;
        c.cx = x + (symbol - 4) / 2;
        c.cy = mid;
        c.r = r.radius;
        c.fill = r.kind == Row::Kind::size ? "#bbbbbb" : r.colour;
        c.stroke = r.kind == Row::Kind::size ? "#555555" : "";
        c.stroke_width = r.kind == Row::Kind::size ? 0.5 : 0;
        group.items.emplace_back(c);
        group.items.emplace_back(
            make_text(*measure_, r.text, x + symbol, mid, r.size, Anchor::start, false, "#222222"));
        break;
      }
      case Row::Kind::gap: break;
    }
    y += r.height;
  }
}

std::string short_number(double value) {
  char buffer[32];
  const double magnitude = std::fabs(value);
  if (magnitude >= 1e4 && magnitude < 1e15) {
    // 12.3k, 456k, 2.35M, 1.2G: three significant digits and a suffix, never an exponent.
    const char* suffixes[] = {"k", "M", "G", "T"};
    int power = 0;
    double scaled = value / 1e3;
    while (std::fabs(scaled) >= 999.5 && power < 3) {
      scaled /= 1e3;
      ++power;
    }
    std::snprintf(buffer, sizeof buffer, "%.3g%s", scaled, suffixes[power]);
  } else if (magnitude >= 1e3 && magnitude < 1e4) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);  // 2345, not 2.35e+03
  } else {
    std::snprintf(buffer, sizeof buffer, "%.3g", value);
  }
  return buffer;
}

}  // namespace clusterscope::render
