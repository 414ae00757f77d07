#pragma once
// Numeric options with a documented range. Boost.Program_options reads "-1" into an unsigned
// option as 2^64 − 1 (lexical_cast wraps); a BoundedValue parses the whole token itself, so a
// negative, fractional or out-of-range value is a usage error (exit 2) naming the option and its
// range — on the command line and, through the same parser, in config files (docs/CLI.md).

#include <boost/program_options.hpp>
#include <charconv>
#include <cmath>
#include <string>
#include <type_traits>
#include <vector>

#include "clusterscope/io/text.hpp"

namespace clusterscope::cli {

template <class T>
class BoundedValue : public boost::program_options::typed_value<T> {
 public:
  BoundedValue(T* store, T low, T high, std::string name)
      : boost::program_options::typed_value<T>(store), low_(low), high_(high), name_(std::move(name)) {}

  void xparse(boost::any& value, const std::vector<std::string>& tokens) const override {
    const std::string& text = boost::program_options::validators::get_single_string(tokens);
    T parsed{};
    bool ok = false;
    if constexpr (std::is_floating_point_v<T>) {
      const auto number = io::parse_double(text);
      ok = number.has_value();
      if (ok) parsed = static_cast<T>(*number);
    } else {
      const char* begin = text.data();
      const char* end = begin + text.size();
      if (begin != end && *begin == '+') ++begin;
      const auto [stop, error] = std::from_chars(begin, end, parsed);
      ok = begin != end && error == std::errc() && stop == end;
    }
    if (!ok || parsed < low_ || parsed > high_)
      throw boost::program_options::error("--" + name_ + " '" + text + "': expected " + range());
    value = parsed;
  }

  /// "an integer from 0 to 1024" / "a number from 10 to 2400".
  [[nodiscard]] std::string range() const {
    const auto show = [](T v) {
      if constexpr (std::is_floating_point_v<T>) {
        return io::format_number(static_cast<double>(v));
      } else {
        return std::to_string(v);
      }
    };
    return std::string(std::is_floating_point_v<T> ? "a number" : "an integer") + " from " + show(low_) +
           " to " + show(high_);
  }

 private:
  T low_;
  T high_;
  std::string name_;
};

/// po::value(&x) with a range: bounded(&threads, 0U, 1024U, "threads").
template <class T>
BoundedValue<T>* bounded(T* store, T low, T high, const char* name) {
  return new BoundedValue<T>(store, low, high, name);
}

}  // namespace clusterscope::cli
