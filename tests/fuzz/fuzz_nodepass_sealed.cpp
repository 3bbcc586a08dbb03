// libFuzzer target: sealed control lines (hardened mode) from a hostile peer. Opening must
// never crash nor accept a line nobody sealed with the key; lines the sealer makes from the
// same bytes must open, in order, to exactly those bytes.
#include <QList>
#include <cstddef>
#include <cstdint>

#include "nodepass/controlseal.h"

using namespace routeless::nodepass;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
  const QByteArray key(32, 'k');
  ControlLineOpener hostile(key, ControlDirection::ClientToServer);
  for (const QByteArray &line : input.split('\n')) {
    QString error;
    if (hostile.open(line, &error)) __builtin_trap();  // forging needs the key
    if (error.isEmpty()) __builtin_trap();
  }
  ControlLineSealer sealer(key, ControlDirection::ServerToClient);
  ControlLineOpener opener(key, ControlDirection::ServerToClient);
  for (const QByteArray &json : input.split('\n')) {
    QString error;
    const auto opened = opener.open(sealer.seal(json), &error);
    if (!opened || *opened != json) __builtin_trap();
  }
  return 0;
}
