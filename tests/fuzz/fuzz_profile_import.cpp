// libFuzzer target for the profile importers (our JSON, NoRouter YAML, NodePass URL lines,
// np:// links, NodePassDash backups): any input either imports whole or fails with a reason,
// and whatever imports exports again in every format without crashing.
#include <cstddef>
#include <cstdint>

#include "profiles/profileio.h"

using namespace routeless::profiles;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
  const auto result = importProfiles(input, QStringLiteral("fuzz"), QStringLiteral("Fuzz"));
  if (const auto *outcome = std::get_if<ImportOutcome>(&result)) {
    for (const Profile &p : outcome->profiles) {
      for (auto format :
           {ExportFormat::RoutelessJson, ExportFormat::NoRouterYaml, ExportFormat::NodePassUrls}) {
        const QByteArray out = exportProfile(p, format, {true, true});
        (void)importProfiles(out, QStringLiteral("fuzz-export"), QStringLiteral("Fuzz"));
      }
    }
  } else if (std::get<ProfileError>(result).message.isEmpty()) {
    __builtin_trap();  // every failure must say why
  }
  return 0;
}
