// Geographic layout: x = longitude · cos(mean latitude), y = latitude (an equirectangular
// projection whose x is scaled at the network's mean latitude, so distances are true there and
// north is up). Stakeholders without coordinates go beside their tie partners (mean of the
// located ones, then of those placed in earlier rounds, plus a small offset on a golden-angle
// spiral so they do not cover each other); those without any path to a located stakeholder go
// to a small ring right of the map.

#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

#include "detail.hpp"

namespace clusterscope::layout::detail {

Layout geo_layout(const Network& network, const Adjacency& adjacency) {
  const std::size_t count = network.size();
  double lat_sum = 0;
  std::size_t located = 0;
  for (const Stakeholder& s : network.stakeholders) {
    if (s.lat && s.lon && std::isfinite(*s.lat) && std::isfinite(*s.lon)) {
      lat_sum += *s.lat;
      ++located;
    }
  }
  if (located == 0)
    throw std::invalid_argument("layout: geo needs coordinates (lat, lon) for at least one stakeholder");
  const double scale = std::cos(lat_sum / static_cast<double>(located) * std::numbers::pi / 180.0);
  Layout out;
  out.x.assign(count, std::numeric_limits<double>::quiet_NaN());
  out.y.assign(count, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t v = 0; v < count; ++v) {
    const Stakeholder& s = network.stakeholders[v];
    if (s.lat && s.lon && std::isfinite(*s.lat) && std::isfinite(*s.lon)) {
      out.x[v] = *s.lon * scale;
      out.y[v] = *s.lat;
    }
  }
  if (located == count) return out;
  return complete_initial(out, adjacency, 0, Strays::beside);
}

}  // namespace clusterscope::layout::detail
