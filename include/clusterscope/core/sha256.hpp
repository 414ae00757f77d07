#pragma once
// SHA-256 (FIPS 180-4) for the run manifest: input files and outputs are identified by their hash.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace clusterscope {

/// Incremental SHA-256.
class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  /// The digest as 64 lower-case hex digits. Call once; the object is spent afterwards.
  std::string hex();

 private:
  void block(const unsigned char* p);
  std::uint32_t h_[8];
  unsigned char buffer_[64];
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;
};

/// SHA-256 of `bytes`, hex.
std::string sha256_hex(std::string_view bytes);
/// SHA-256 of a file's bytes as stored (a .gz file is hashed compressed), hex. Throws OutputError
/// when the file cannot be read.
std::string sha256_file(const std::filesystem::path& path);

}  // namespace clusterscope
