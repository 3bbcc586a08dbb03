// libFuzzer target: the length-prefixed datagram reader between Routeless ends. Arbitrary bytes
// in arbitrary chunks must never crash it nor yield more bytes than given; datagrams framed with
// appendDatagramFrame come back with their boundaries whatever the chunking.
#include <QList>
#include <cstddef>
#include <cstdint>

#include "nodepass/datagramframing.h"

using namespace routeless::nodepass;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  const qint64 step = 1 + data[0] % 97;
  const char *p = reinterpret_cast<const char *>(data + 1);
  const qint64 n = qint64(size - 1);
  {
    DatagramDeframer d;
    qint64 out = 0;
    for (qint64 at = 0; at < n; at += step)
      d.feed(p + at, qMin(step, n - at), [&](const char *, qint64 len) { out += len; });
    if (out + d.pendingBytes() > n) __builtin_trap();
  }
  QList<QByteArray> sent;
  QByteArray wire;
  for (qint64 at = 0; at < n;) {
    const qint64 len = qMin<qint64>(n - at, static_cast<unsigned char>(p[at]));
    sent << QByteArray(p + at, len);
    appendDatagramFrame(wire, p + at, len);
    at += qMax<qint64>(len, 1);
  }
  DatagramDeframer d;
  QList<QByteArray> got;
  for (qint64 at = 0; at < wire.size(); at += step)
    d.feed(wire.constData() + at, qMin<qint64>(step, wire.size() - at),
           [&](const char *b, qint64 len) { got << QByteArray(b, len); });
  if (got != sent || d.pendingBytes() != 0) __builtin_trap();
  return 0;
}
