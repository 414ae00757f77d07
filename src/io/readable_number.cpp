// Numbers for people (docs/CLI.md, "Numbers"): data files keep format_number's full precision.

#include <cmath>
#include <cstdio>
#include <string>

#include "clusterscope/io/text.hpp"

namespace clusterscope::io {

namespace {

/// "1.500" → "1.5", "2.00" → "2"; text without a decimal point stays as it is.
std::string drop_trailing_zeros(std::string text) {
  if (text.find('.') == std::string::npos) return text;
  while (text.back() == '0')
    text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

/// "12346" → "12,346" (an optional leading '-' kept in front).
std::string group_thousands(const std::string& digits) {
  const std::size_t sign = !digits.empty() && digits.front() == '-' ? 1 : 0;
  std::string out = digits.substr(0, sign);
  const std::size_t n = digits.size() - sign;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += ',';
    out += digits[sign + i];
  }
  return out;
}

}  // namespace

std::string readable_number(double value) {
  if (std::isnan(value)) return "n/a";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  if (value == 0) return "0";
  const double magnitude = std::fabs(value);
  char buffer[400];
  if (magnitude >= 100 - 0.05) {  // 99.96 rounds to 100: whole numbers from there on
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
    return group_thousands(buffer);
  }
  if (magnitude < 0.001) {
    std::snprintf(buffer, sizeof buffer, "%.2e", value);
    std::string text = buffer;
    const std::size_t e = text.find('e');
    return drop_trailing_zeros(text.substr(0, e)) + text.substr(e);
  }
  // Three significant digits: 2 decimals for 1 ≤ |x| < 10, 1 for 10 ≤ |x| < 100, 3 below 1, …
  const int decimals = 2 - static_cast<int>(std::floor(std::log10(magnitude)));
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return drop_trailing_zeros(buffer);
}

}  // namespace clusterscope::io
