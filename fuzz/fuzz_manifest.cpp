// libFuzzer target: dataset.json manifests (docs/fuzzing.md). The input is written as
// dataset.json into a temporary folder of this process, beside small fixed data files the
// manifest may name (stakeholders.csv, ties.csv, ties.csv.gz, activities.csv, referrals.csv), and loaded with
// io::load_network, so that filters and the roll-up run too.

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "fuzz_support.hpp"

namespace {

std::filesystem::path folder;

void write(const std::filesystem::path& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out) clusterscope::fuzz::finding("cannot write " + path.string());
}

void remove_folder() {
  std::error_code ec;
  std::filesystem::remove_all(folder, ec);
}

// ties.csv gzip-compressed: "source,target,kind\nPL1,SE1,visit\n".
constexpr unsigned char kTiesGz[] = {0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x2b,
                                     0xce, 0x2f, 0x2d, 0x4a, 0x4e, 0xd5, 0x29, 0x49, 0x2c, 0x4a, 0x4f,
                                     0x2d, 0xd1, 0xc9, 0xce, 0xcc, 0x4b, 0xe1, 0x0a, 0xf0, 0x31, 0xd4,
                                     0x09, 0x76, 0x35, 0xd4, 0x29, 0xcb, 0x2c, 0xce, 0x2c, 0xe1, 0x02,
                                     0x00, 0x65, 0x4e, 0xb7, 0x9f, 0x21, 0x00, 0x00, 0x00};

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "clusterscope-fuzz-manifest-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) clusterscope::fuzz::finding("cannot create a temporary folder");
  folder = pattern;
  std::atexit(remove_folder);
  write(
      folder / "stakeholders.csv",
      "id,name,type,municipality,region,country,lat,lon,employees,parent,tags\n"
      "PL1,\"Toruńska Agencja Rozwoju Regionalnego S.A., Toruń\",support,Toruń,PL613,PL,53.0138,18.5984,45,,"
      "\"export;EU\"\n"
      "PL2,Uniwersytet Mikołaja Kopernika,university,Toruń,PL613,PL,53.02,18.57,4000,,\n"
      "PL3,Wydział Chemii UMK,university,Toruń,PL613,PL,,,,PL2,\n"
      "SE1,Örebro universitet,university,Örebro,SE124,SE,59.25,15.25,1500,,\n"
      "SE2,\"Företag \"\"Å\"\" AB\",enterprise,Örebro,SE124,SE,,,12,,CNC\n");
  write(folder / "ties.csv",
        "source,target,kind,weight,date\n"
        "PL1,PL2,project,1,2012-03-01\n"
        "PL3,SE1,visit,0.5,2013\n"
        "SE1,SE2,meeting,2,2014-05\n");
  write(folder / "ties.csv.gz", std::string_view(reinterpret_cast<const char*>(kTiesGz), sizeof kTiesGz));
  write(folder / "activities.csv",
        "stakeholder,activity,kind,role,date\n"
        "PL1,M1,meeting,organiser,2012-01-30\n"
        "PL2,M1,meeting,attendee,2012-01-30\n"
        "SE1,M1,meeting,attendee,2012-01-30\n"
        "SE2,P1,project,partner,2013-02-01\n"
        "PL3,P1,project,partner,2013-02-01\n");
  write(folder / "referrals.csv",
        "date,by,firm,partner,note\n"
        "2012-02-01,PL1,SE2,PL2,\"visit, then a call\"\n"
        "2013-13-01,PL1,SE2,XX,\n"
        "2012-05-01,PL1,SE2,SE2,\n");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace clusterscope;
  const std::filesystem::path manifest = folder / "dataset.json";
  write(manifest, std::string_view(reinterpret_cast<const char*>(data), size));
  fuzz::expecting_input_errors([&] {
    Diagnostics diagnostics;
    const Network network = io::load_network(manifest, {}, diagnostics);
    (void)aggregate_ties(network);
  });
  return 0;
}
