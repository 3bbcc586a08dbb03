#include "poolgreeting.h"

#include <QtEndian>

#include "net/secretcompare.h"
#include "protocol.h"
#include "tunnelauth.h"

namespace routeless::nodepass {
namespace {

constexpr int kSequenceBytes = 8;

QByteArray bigEndian(quint64 n) {
  QByteArray out(kSequenceBytes, Qt::Uninitialized);
  qToBigEndian(n, out.data());
  return out;
}

}  // namespace

bool PoolReplayWindow::accept(quint64 sequence) {
  auto bit = [this](quint64 n) -> std::pair<char &, char> {
    const quint64 slot = n % kWidth;
    return {seen_[qsizetype(slot / 8)], char(1 << (slot % 8))};
  };
  if (sequence > highest_) {
    // Slots between the old and the new highest now stand for new numbers: clear them.
    const quint64 advance = sequence - highest_;
    if (advance >= kWidth) {
      seen_.fill('\0');
    } else {
      for (quint64 n = highest_ + 1; n <= sequence; ++n) {
        auto [byte, mask] = bit(n);
        byte = char(byte & ~mask);
      }
    }
    highest_ = sequence;
  } else if (highest_ - sequence >= kWidth) {
    return false;  // too old to tell: refused
  }
  auto [byte, mask] = bit(sequence);
  if (byte & mask) return false;
  byte = char(byte | mask);
  return true;
}

PoolGreeting::PoolGreeting(IdSource assignId, const QByteArray &poolKey, const QByteArray &binding,
                           PoolReplayWindow *window)
    : server_(true),
      assignId_(std::move(assignId)),
      poolKey_(poolKey),
      binding_(binding),
      window_(window) {
  if (!hardened()) {
    id_ = assignId_();  // NodePass: the ID is all there is
    out_ = id_;
    state_ = State::Done;
  }
}

PoolGreeting::PoolGreeting(quint64 sequence, const QByteArray &poolKey, const QByteArray &binding)
    : server_(false), poolKey_(poolKey), binding_(binding), sequence_(bigEndian(sequence)) {
  if (hardened()) out_ = sequence_ + poolClientProof(poolKey_, sequence_, binding_);
}

QByteArray PoolGreeting::takeOutput() { return std::exchange(out_, QByteArray()); }

qsizetype PoolGreeting::wanted() const {
  if (!hardened()) return kPoolIdBytes;
  return server_ ? kSequenceBytes + kProofBytes : kPoolIdBytes + kProofBytes;
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
  if (server_) {
    sequence_ = in_.left(kSequenceBytes);
    if (!net::constantTimeEquals(in_.mid(kSequenceBytes),
                                 poolClientProof(poolKey_, sequence_, binding_)))
      return fail(
          QStringLiteral("the peer did not prove the tunnel key (another key, another "
                         "session, or a relay in between)"));
    if (!window_ || !window_->accept(qFromBigEndian<quint64>(sequence_.constData())))
      return fail(QStringLiteral("a pool greeting seen before (replayed)"));
    id_ = assignId_();
    out_ = id_ + poolServerProof(poolKey_, id_, sequence_, binding_);
    state_ = State::Done;
    return;
  }
  id_ = in_.left(kPoolIdBytes);
  if (!net::constantTimeEquals(in_.mid(kPoolIdBytes),
                               poolServerProof(poolKey_, id_, sequence_, binding_)))
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
