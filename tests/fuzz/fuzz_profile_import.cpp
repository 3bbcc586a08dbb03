// libFuzzer target for the profile importers (our JSON, NoRouter YAML, NodePass URL lines,
// np:// links, NodePassDash backups): any input either imports whole or fails with a reason,
// and whatever imports exports again in every format, with and without secrets; our JSON
// and a non-empty mesh's YAML must import back, and what an export left out is listed.
#include <cstddef>
#include <cstdint>

#include "profiles/profileio.h"

using namespace routeless::profiles;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
  const auto result = importProfiles(input, QStringLiteral("fuzz"), QStringLiteral("Fuzz"));
  if (const auto *outcome = std::get_if<ImportOutcome>(&result)) {
    for (const Profile &p : outcome->profiles) {
      for (const ExportOptions options : {ExportOptions{true, true}, ExportOptions{false, false}}) {
        for (auto format : {ExportFormat::RoutelessJson, ExportFormat::NoRouterYaml,
                            ExportFormat::NodePassUrls}) {
          QStringList removed;
          const QByteArray out = exportProfile(p, format, options, &removed);
          if (options.includeSecrets && options.includeLocalPaths && !removed.isEmpty())
            __builtin_trap();  // nothing may be left out when everything is asked for
          const auto back =
              importProfiles(out, QStringLiteral("fuzz-export"), QStringLiteral("Fuzz"));
          const bool mustImport = format == ExportFormat::RoutelessJson ||
                                  (format == ExportFormat::NoRouterYaml && !p.mesh.hosts.isEmpty());
          if (mustImport && !std::holds_alternative<ImportOutcome>(back)) __builtin_trap();
          if (format == ExportFormat::NoRouterYaml && mustImport &&
              !std::get<ImportOutcome>(back).profiles.value(0).mesh.sameAs(
                  stripped(p, options).mesh))
            __builtin_trap();
        }
      }
    }
  } else if (std::get<ProfileError>(result).message.isEmpty()) {
    __builtin_trap();  // every failure must say why
  }
  return 0;
}
