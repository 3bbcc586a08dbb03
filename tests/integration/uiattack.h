#pragma once
// What the UI protocol attack tests share (the daemon's tst_control and the app's
// tst_app_control): raw WebSocket upgrade requests as a browser page, a rebinding page or a
// script would send them, masked and unmasked client frames, the "browser attack" payload of
// issue 10, and a reader for the server's answer. Blocking POSIX sockets, test-only.

#include <QByteArray>
#include <QList>
#include <QString>

#include "../core/net/wsclientframes.h"
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

using wstest::clientFrame;
using wstest::frameHeader;

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
