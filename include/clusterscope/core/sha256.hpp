#pragma once
// SHA-256 (FIPS 180-4) for the run manifest: input files and outputs are identified by their hash.
// The hashing is Nettle's (nettle-dev), behind this interface so no Nettle type reaches a header.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace clusterscope {

/// Incremental SHA-256.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view bytes);
  /// The digest as 64 lower-case hex digits. Call once; the object is spent afterwards.
  std::string hex();

 private:
  struct Context;
  std::unique_ptr<Context> context_;
};

/// SHA-256 of `bytes`, hex.
std::string sha256_hex(std::string_view bytes);
/// SHA-256 of a file's bytes as stored (a .gz file is hashed compressed), hex. Throws OutputError
/// when the file cannot be read.
std::string sha256_file(const std::filesystem::path& path);

}  // namespace clusterscope
