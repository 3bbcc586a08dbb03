// libFuzzer target: the NodePass URL parser must reject or accept any input without crashing,
// and an accepted URL must describe itself without crashing.
#include <cstddef>
#include <cstdint>

#include "nodepass/tunnelurl.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
  QString error;
  const auto url = routeless::nodepass::parseTunnelUrl(text, &error);
  if (url) {
    if (url->role != routeless::nodepass::Role::Master) (void)url->describe();
  } else if (error.isEmpty()) {
    __builtin_trap();  // a rejection must always say why
  }
  (void)routeless::nodepass::parseGoDurationMs(text);
  return 0;
}
