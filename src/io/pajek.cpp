// placeholder, replaced by the real reader/writer
#include "clusterscope/io/formats.hpp"
namespace clusterscope::io {
void read_pajek(const SourceText& s, NetworkBuilder& b) {
  b.diagnostics().error({s.name, 0, 0}, "Pajek reader not built yet");
}
std::string write_pajek(const Network&, const std::string&, Diagnostics&) {
  throw InternalError("Pajek writer not built yet");
}
}  // namespace clusterscope::io
