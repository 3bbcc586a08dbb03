// libFuzzer target: control-channel lines (XOR+base64 JSON) from a hostile peer. Decoding must
// never crash; a decoded signal must re-encode and decode to the same fields.
#include <QList>
#include <cstddef>
#include <cstdint>

#include "nodepass/protocol.h"

using namespace routeless::nodepass;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
  const QByteArray key("k3y");
  for (const QByteArray &line : input.split('\n')) {
    QString error;
    const auto s = decodeSignal(line, key, &error);
    if (!s) continue;
    const auto again = decodeSignal(encodeSignal(*s, key), key, &error);
    if (!again || again->action != s->action || again->remote != s->remote || again->id != s->id ||
        again->fp != s->fp)
      __builtin_trap();
  }
  // The same bytes as raw JSON, encoded by us, must decode.
  QString error;
  (void)decodeSignal(xorWithKey(input, key).toBase64(), key, &error);
  return 0;
}
