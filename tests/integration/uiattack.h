#pragma once
// What the UI protocol attack tests share (the daemon's tst_control and the app's
// tst_app_control): raw WebSocket upgrade requests as a browser page, a rebinding page or a
// script would send them, masked and unmasked client frames, the "browser attack" payload of
// issue 10, and a reader for the server's answer. Blocking POSIX sockets, test-only.

#include <QByteArray>
#include <QList>
#include <QString>
#include <QtEndian>

#include "testnet.h"

namespace uiattack {

inline constexpr char kKey[] = "dGhlIHNhbXBsZSBub25jZQ==";

// A WebSocket upgrade for the UI protocol. `host` defaults to 127.0.0.1:PORT; `fields` are
// whole extra header lines ("Origin: ...", "Authorization: Bearer ...").
inline QByteArray upgradeRequest(quint16 port, const QList<QByteArray> &fields,
                                 const QByteArray &protocols = "Routeless-UIv1",
                                 QByteArray host = QByteArray()) {
  if (host.isEmpty()) host = "127.0.0.1:" + QByteArray::number(port);
  QByteArray r = "GET / HTTP/1.1\r\nHost: " + host +
                 "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + kKey +
                 "\r\nSec-WebSocket-Version: 13\r\n";
  if (!protocols.isEmpty()) r += "Sec-WebSocket-Protocol: " + protocols + "\r\n";
  for (const QByteArray &f : fields) r += f + "\r\n";
  return r + "\r\n";
}

inline QByteArray bearer(const QByteArray &token) { return "Authorization: Bearer " + token; }

// A client frame (RFC 6455 §5.2); masked unless told otherwise.
inline QByteArray clientFrame(quint8 opcode, QByteArrayView payload, bool fin = true,
                              bool masked = true) {
  QByteArray f;
  f.append(char((fin ? 0x80 : 0) | opcode));
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
  const uchar key[4] = {0x5a, 0x13, 0xc7, 0x81};
  if (masked) f.append(reinterpret_cast<const char *>(key), 4);
  for (qsizetype i = 0; i < payload.size(); ++i)
    f.append(masked ? char(uchar(payload[i]) ^ key[i & 3]) : payload[i]);
  return f;
}

// The header of one masked frame announcing `length` payload bytes (which follow separately).
inline QByteArray frameHeader(quint8 opcode, quint64 length, bool fin) {
  QByteArray f;
  f.append(char((fin ? 0x80 : 0) | opcode));
  f.append(char(0x80 | 127));
  uchar len[8];
  qToBigEndian<quint64>(length, len);
  f.append(reinterpret_cast<char *>(len), 8);
  f.append(QByteArray(4, '\0'));  // mask 0: the payload goes as it is
  return f;
}

// Sends `bytes` on a fresh connection and returns all the server answered until it closed
// (or `timeoutMs` passed without a byte).
inline QByteArray exchange(quint16 port, const QByteArray &bytes, int timeoutMs = 5000) {
  const int fd = testnet::connectTo("127.0.0.1", port);
  if (fd < 0) return "connect failed";
  testnet::sendAll(fd, bytes.constData(), bytes.size());
  const QByteArray answer = testnet::readAll(fd, 1 << 20, timeoutMs);
  ::close(fd);
  return answer;
}

// Sends `bytes` on a fresh connection and returns the server's answer up to the end of its
// HTTP head (the connection may stay open after a 101), then closes.
inline QByteArray handshake(quint16 port, const QByteArray &bytes, int timeoutMs = 5000) {
  const int fd = testnet::connectTo("127.0.0.1", port);
  if (fd < 0) return "connect failed";
  testnet::sendAll(fd, bytes.constData(), bytes.size());
  QByteArray out;
  char c;
  while (!out.endsWith("\r\n\r\n") && out.size() < 65536) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, timeoutMs) <= 0 || ::recv(fd, &c, 1, 0) != 1) break;
    out.append(c);
  }
  ::close(fd);
  return out;
}

// The first server frame in `bytes` after the HTTP head, if it is a Close: code and reason.
inline bool closeFrame(const QByteArray &bytes, int *code, QByteArray *reason) {
  const qsizetype head = bytes.indexOf("\r\n\r\n");
  QByteArray rest = head < 0 ? bytes : bytes.mid(head + 4);
  while (rest.size() >= 2) {
    const int opcode = uchar(rest[0]) & 0x0f;
    qsizetype len = uchar(rest[1]) & 0x7f, at = 2;
    if (len == 126) {
      if (rest.size() < 4) return false;
      len = qFromBigEndian<quint16>(rest.constData() + 2);
      at = 4;
    } else if (len == 127) {
      if (rest.size() < 10) return false;
      len = qsizetype(qFromBigEndian<quint64>(rest.constData() + 2));
      at = 10;
    }
    if (rest.size() < at + len) return false;
    if (opcode == 0x8) {
      if (len < 2) return false;
      *code = qFromBigEndian<quint16>(rest.constData() + at);
      *reason = rest.mid(at + 2, len - 2);
      return true;
    }
    rest = rest.mid(at + len);
  }
  return false;
}

// Issue 10's attack: stop the mesh, then import a manifest whose host runs `id > FILE`, and
// start it. As a web page would send it, right behind its upgrade request.
inline QByteArray evilManifest(const QString &file) {
  return QStringLiteral(
             "hosts:\n"
             "  pwned:\n"
             "    cmd: [\"sh\", \"-c\", \"id > %1\"]\n"
             "    vip: \"127.0.42.199\"\n")
      .arg(file)
      .toUtf8();
}

inline QByteArray attackFrames(const QString &file) {
  const QByteArray manifest = evilManifest(file);
  QByteArray text = "{\"opcode\":\"profileImport\",\"contextId\":2,\"payload\":{\"text\":\"";
  for (const char c : manifest)
    text += c == '\n' ? QByteArray("\\n") : c == '"' ? "\\\"" : QByteArray(1, c);
  text += "\",\"format\":\"norouter\",\"start\":true}}";
  return clientFrame(0x1, "{\"opcode\":\"meshStop\",\"contextId\":1,\"payload\":{}}") +
         clientFrame(0x1, text);
}

}  // namespace uiattack
