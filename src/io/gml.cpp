// placeholder, replaced by the real reader/writer
#include "clusterscope/io/formats.hpp"
namespace clusterscope::io {
void read_gml(const SourceText& s, NetworkBuilder& b) {
  b.diagnostics().error({s.name, 0, 0}, "GML reader not built yet");
}
std::string write_gml(const Network&, const std::string&, Diagnostics&) {
  throw InternalError("GML writer not built yet");
}
}  // namespace clusterscope::io
