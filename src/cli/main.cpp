#include "clusterscope/cli/cli.hpp"

int main(int argc, char** argv) {
  return clusterscope::cli::run(argc, argv);
}
