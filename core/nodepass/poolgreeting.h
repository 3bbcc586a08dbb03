#pragma once
// PoolGreeting: what one pool connection says before it joins the pool. NodePass's form is the
// server's 4-byte ID alone; the hardened form adds both ends' nonces and a key proof from each
// side, bound to the connection's TLS exporter value when there is one.
#include "streamexchange.h"

namespace routeless::nodepass {

// One pool connection's greeting, either side. It must never report Done for a hardened
// connection whose peer did not prove the pool key, nor consume a byte past the greeting
// (the first bytes of a session may follow it at once).
//
// Hardened, server S and client C, both writing at once after TLS (if any):
//   S -> C: id(4) || nonceS(16)            C -> S: nonceC(16)
//   S -> C: proofS(32) once nonceC is in   C -> S: proofC(32) once id || nonceS is in
// proofX = HMAC(poolKey, "pool X proof", id, nonceS, nonceC, binding).
class PoolGreeting final : public ByteExchange {
 public:
  enum class Side { Server, Client };
  // Server: `id` is the 4-byte ID it assigns. Hardened when `poolKey` is not empty; `binding`
  // is the connection's channel binding (empty without TLS).
  PoolGreeting(Side side, const QByteArray &id, const QByteArray &poolKey,
               const QByteArray &binding);

  QByteArray takeOutput() override;
  qsizetype readLimit() const override;
  void feed(const QByteArray &bytes, bool peerClosed) override;
  State state() const override { return state_; }
  QString error() const override { return error_; }

  // Lowercase hex of the 4-byte ID (the client knows it once Done).
  QString id() const { return QString::fromLatin1(id_.toHex()); }
  bool hardened() const { return !poolKey_.isEmpty(); }

 private:
  qsizetype wanted() const;
  void fail(const QString &error);

  Side side_;
  QByteArray id_;
  QByteArray poolKey_;
  QByteArray binding_;
  QByteArray ownNonce_;
  QByteArray peerNonce_;
  QByteArray in_;
  QByteArray out_;
  enum class Phase { Hello, Proof } phase_ = Phase::Hello;
  State state_ = State::Running;
  QString error_;
};

}  // namespace routeless::nodepass
