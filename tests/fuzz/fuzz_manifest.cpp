// libFuzzer target for mesh::parseManifest. Any input gives a manifest or an error with a
// message; a manifest written back with toYaml parses to the same manifest, and its
// configure requests (spliced by MeshConfigure) equal the encoder's and decode back unchanged.

#include <cstdint>
#include <cstdlib>

#include "agent/wire/messages.h"
#include "mesh/configurebuilder.h"
#include "mesh/manifest.h"

using namespace routeless;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 64 * 1024) return 0;  // real manifests are small; keep iterations fast
  const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
  const mesh::ManifestResult r = mesh::parseManifest(input, QStringLiteral("fuzz.yaml"));
  if (const auto *e = std::get_if<mesh::ManifestError>(&r)) {
    if (e->message.isEmpty() || e->toString().isEmpty()) abort();
    return 0;
  }
  const mesh::Manifest &m = std::get<mesh::Manifest>(r);
  if (m.hosts.isEmpty()) abort();

  const QByteArray written = mesh::toYaml(m);
  const mesh::ManifestResult again = mesh::parseManifest(written, QStringLiteral("written.yaml"));
  const auto *m2 = std::get_if<mesh::Manifest>(&again);
  if (!m2 || !m2->sameAs(m)) abort();
  for (const QString &w : m2->warnings)  // the writer only writes fields NoRouter knows
    if (w.startsWith(QLatin1String("unknown field"))) abort();

  // The requests the manager sends are spliced from shared parts: byte for byte what the
  // encoder writes for the whole arguments, and they decode back to them.
  const mesh::MeshConfigure configure(m);
  if (configure.hostCount() != m.hosts.size()) abort();
  for (qsizetype i = 0; i < m.hosts.size(); ++i) {
    const agent::ConfigureArgs args = configure.args(i);
    const std::string json = configure.request(i, i + 1);
    if (json != agent::encodeConfigureRequest(i + 1, args)) abort();
    std::string error;
    const auto back = agent::decodeMessage(json, &error);
    if (!back) abort();
    const auto *req = std::get_if<agent::ConfigureRequest>(&*back);
    if (!req || !(req->args == args)) abort();
  }
  return 0;
}
