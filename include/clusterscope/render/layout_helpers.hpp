#pragma once
// Page-layout helpers shared by the network figure and the charts: word wrapping, a legend column,
// number formatting for axes.

#include <string>
#include <vector>

#include "clusterscope/render/scene.hpp"

namespace clusterscope::render {

/// Splits `text` into lines no wider than `width` (a word wider than the line is shortened with an
/// ellipsis). Empty text gives no lines.
std::vector<std::string> wrap_text(const TextMeasure& measure, const std::string& text, double size,
                                   bool bold, double width);

/// A vertical legend: titles, colour swatches and size circles, one per row.
class Legend {
 public:
  void add_title(const TextMeasure& measure, const std::string& text, double size);
  void add_swatch(const TextMeasure& measure, const std::string& text, const std::string& colour,
                  double size);
  void add_size(const TextMeasure& measure, const std::string& text, double radius, double size);
  void add_gap(double height);
  [[nodiscard]] bool empty() const noexcept { return rows_.empty(); }
  [[nodiscard]] double width() const;
  /// Draws the rows from (x, top) downwards, leaving out rows that would pass `bottom`.
  void emit(Group& group, double x, double top, double bottom) const;

 private:
  struct Row {
    enum class Kind { title, swatch, size, gap } kind = Kind::gap;
    std::string text;
    std::string colour;
    double radius = 0;
    double size = 0;
    Box text_box;
    double height = 0;
  };
  [[nodiscard]] double symbol_width() const;
  std::vector<Row> rows_;
  const TextMeasure* measure_ = nullptr;
};

/// Legend, tick and cell numbers: "%.3g" below 1,000, whole numbers to 9,999, then 12.3k / 2.35M —
/// never an exponent.
std::string short_number(double value);

}  // namespace clusterscope::render
