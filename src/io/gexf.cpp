// placeholder, replaced by the real reader/writer
#include "clusterscope/io/formats.hpp"
namespace clusterscope::io {
void read_gexf(const SourceText& s, NetworkBuilder& b) {
  b.diagnostics().error({s.name, 0, 0}, "GEXF reader not built yet");
}
std::string write_gexf(const Network&, const std::string&, Diagnostics&) {
  throw InternalError("GEXF writer not built yet");
}
}  // namespace clusterscope::io
