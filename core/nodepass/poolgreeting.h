#pragma once
// PoolGreeting: what one pool connection says before it joins the pool. NodePass's form is the
// server's 4-byte ID alone; the hardened form is one round trip of key proofs bound to the
// connection (its TLS exporter value when there is one) and to a sequence number.
#include <functional>

#include "streamexchange.h"

namespace routeless::nodepass {

// Sequence numbers of pool greetings the server accepted in one session: each at most once,
// and none far behind the newest (the client dials in order, a few at a time). It must never
// accept a number twice.
class PoolReplayWindow final {
 public:
  static constexpr quint64 kWidth = 4096;
  // True (and remembered) the first time `sequence` is seen within the window.
  bool accept(quint64 sequence);

 private:
  quint64 highest_ = 0;
  QByteArray seen_ = QByteArray(int(kWidth / 8), '\0');  // bit (n % kWidth) for n near highest_
};

// One pool connection's greeting, either side. It must never report Done for a hardened
// connection whose peer did not prove the pool key, never give a stranger an ID, and never
// consume a byte past the greeting (the first bytes of a session may follow it at once).
//
// Hardened (after TLS, if any), one round trip started by the client as soon as it connects:
//   C -> S: seq(8, big-endian) || proofC(32)   proofC = HMAC(Kp, "pool client proof", seq, B)
//   S -> C: id(4) || proofS(32)                proofS = HMAC(Kp, "pool server proof", id, seq, B)
// B is the channel binding (empty without TLS). The server checks proofC and that `seq` is new
// (PoolReplayWindow) before it picks an ID; the client's own fresh `seq` makes proofS fresh.
class PoolGreeting final : public ByteExchange {
 public:
  using IdSource = std::function<QByteArray()>;  // the 4-byte ID, picked when it is needed

  // Server. NodePass's form when `poolKey` is empty (the ID goes out at once); `window` is
  // the session's replay window (hardened only).
  PoolGreeting(IdSource assignId, const QByteArray &poolKey, const QByteArray &binding,
               PoolReplayWindow *window);
  // Client. NodePass's form when `poolKey` is empty; `sequence` is new for every dial.
  PoolGreeting(quint64 sequence, const QByteArray &poolKey, const QByteArray &binding);

  QByteArray takeOutput() override;
  qsizetype readLimit() const override;
  void feed(const QByteArray &bytes, bool peerClosed) override;
  State state() const override { return state_; }
  QString error() const override { return error_; }

  // Lowercase hex of the 4-byte ID (known once Done).
  QString id() const { return QString::fromLatin1(id_.toHex()); }
  bool hardened() const { return !poolKey_.isEmpty(); }

 private:
  qsizetype wanted() const;
  void fail(const QString &error);

  bool server_;
  IdSource assignId_;
  QByteArray poolKey_;
  QByteArray binding_;
  PoolReplayWindow *window_ = nullptr;
  QByteArray sequence_;  // 8 bytes, big-endian
  QByteArray id_;
  QByteArray in_;
  QByteArray out_;
  State state_ = State::Running;
  QString error_;
};

}  // namespace routeless::nodepass
