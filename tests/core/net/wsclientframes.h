#pragma once
// WebSocket client frames written by hand (RFC 6455 §5.2), not by the frame code under test:
// what tst_wsframes feeds the decoder and what the UI protocol's attack tests send to a
// daemon. Test-only.

#include <QByteArray>
#include <QByteArrayView>
#include <QtEndian>

namespace wstest {

// One frame: FIN unless told otherwise, masked with a fixed key unless `masked` is false, with
// `rsv` (0x40, 0x20, 0x10) or'ed into the first byte.
inline QByteArray clientFrame(quint8 opcode, QByteArrayView payload, bool fin = true,
                              bool masked = true, quint8 rsv = 0) {
  QByteArray f;
  f.append(char((fin ? 0x80 : 0) | rsv | opcode));
  const quint64 n = quint64(payload.size());
  const char maskBit = masked ? char(0x80) : char(0);
  if (n < 126) {
    f.append(char(maskBit | char(n)));
  } else if (n <= 0xffff) {
    f.append(char(maskBit | 126));
    uchar len[2];
    qToBigEndian<quint16>(quint16(n), len);
    f.append(reinterpret_cast<char *>(len), 2);
  } else {
    f.append(char(maskBit | 127));
    uchar len[8];
    qToBigEndian<quint64>(n, len);
    f.append(reinterpret_cast<char *>(len), 8);
  }
  const uchar key[4] = {0x37, 0xfa, 0x21, 0x3d};
  if (masked) f.append(reinterpret_cast<const char *>(key), 4);
  for (qsizetype i = 0; i < payload.size(); ++i)
    f.append(masked ? char(uchar(payload[i]) ^ key[i & 3]) : payload[i]);
  return f;
}

// The 14-byte header of one masked frame announcing `length` payload bytes in the 64-bit
// form, none of them carried. The mask is zero, so a payload sent after it goes as it is.
inline QByteArray frameHeader(quint8 opcode, quint64 length, bool fin = true) {
  QByteArray f;
  f.append(char((fin ? 0x80 : 0) | opcode));
  f.append(char(0x80 | 127));
  uchar len[8];
  qToBigEndian<quint64>(length, len);
  f.append(reinterpret_cast<char *>(len), 8);
  f.append(QByteArray(4, '\0'));
  return f;
}

}  // namespace wstest
