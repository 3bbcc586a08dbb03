// libFuzzer target: the NodePass URL parser must reject or accept any input without crashing,
// an accepted URL must describe itself without crashing, and its text (tunnelUrlText) must
// parse back to the same URL.
#include <cstddef>
#include <cstdint>

#include "nodepass/tunnelurl.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
  QString error;
  const auto url = routeless::nodepass::parseTunnelUrl(text, &error);
  if (url) {
    if (url->role != routeless::nodepass::Role::Master) (void)url->describe();
    QString again;
    const auto back =
        routeless::nodepass::parseTunnelUrl(routeless::nodepass::tunnelUrlText(*url), &again);
    if (!back || !(*back == *url)) __builtin_trap();
  } else if (error.isEmpty()) {
    __builtin_trap();  // a rejection must always say why
  }
  (void)routeless::nodepass::parseGoDurationMs(text);
  return 0;
}
