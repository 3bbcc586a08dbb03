#include "poolgreeting.h"

#include "protocol.h"
#include "tunnelauth.h"

namespace routeless::nodepass {

PoolGreeting::PoolGreeting(Side side, const QByteArray &id, const QByteArray &poolKey,
                           const QByteArray &binding)
    : side_(side), id_(id), poolKey_(poolKey), binding_(binding) {
  if (side_ == Side::Server) {
    out_ = id_;
    if (!hardened()) {
      state_ = State::Done;  // NodePass: the ID is all there is
      return;
    }
    ownNonce_ = randomBytes(kPoolNonceBytes);
    out_ += ownNonce_;
  } else if (hardened()) {
    ownNonce_ = randomBytes(kPoolNonceBytes);
    out_ = ownNonce_;
  }
}

QByteArray PoolGreeting::takeOutput() { return std::exchange(out_, QByteArray()); }

qsizetype PoolGreeting::wanted() const {
  if (state_ != State::Running) return 0;
  if (!hardened()) return kPoolIdBytes;
  if (phase_ == Phase::Proof) return kProofBytes;
  return side_ == Side::Server ? kPoolNonceBytes : kPoolIdBytes + kPoolNonceBytes;
}

qsizetype PoolGreeting::readLimit() const {
  return state_ == State::Running ? wanted() - in_.size() : 0;
}

void PoolGreeting::feed(const QByteArray &bytes, bool peerClosed) {
  if (state_ != State::Running) return;
  in_ += bytes;
  if (in_.size() < wanted()) {
    if (peerClosed)
      fail(hardened() ? QStringLiteral("closed before the pool greeting was complete")
                      : QStringLiteral("closed before ID"));
    return;
  }
  if (!hardened()) {
    id_ = in_;
    state_ = State::Done;
    return;
  }
  const QByteArray got = std::exchange(in_, QByteArray());
  if (phase_ == Phase::Hello) {
    if (side_ == Side::Server) {
      peerNonce_ = got;
      out_ += poolServerProof(poolKey_, id_, ownNonce_, peerNonce_, binding_);
    } else {
      id_ = got.left(kPoolIdBytes);
      peerNonce_ = got.mid(kPoolIdBytes);
      out_ += poolClientProof(poolKey_, id_, peerNonce_, ownNonce_, binding_);
    }
    phase_ = Phase::Proof;
    if (peerClosed) fail(QStringLiteral("closed before the pool greeting was complete"));
    return;
  }
  const QByteArray expected = side_ == Side::Server
                                  ? poolClientProof(poolKey_, id_, ownNonce_, peerNonce_, binding_)
                                  : poolServerProof(poolKey_, id_, peerNonce_, ownNonce_, binding_);
  if (!tokensEqual(got, expected))
    return fail(
        QStringLiteral("the peer did not prove the tunnel key (another key, another "
                       "session, or a relay in between)"));
  state_ = State::Done;
}

void PoolGreeting::fail(const QString &error) {
  error_ = error;
  state_ = State::Failed;
}

}  // namespace routeless::nodepass
