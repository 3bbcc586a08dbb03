#include "tunnelpool.h"

#include <QTimer>

namespace routeless::nodepass {

TunnelPool::TunnelPool(QObject *parent) : QObject(parent) {}

TunnelPool::~TunnelPool() { clear(); }

void TunnelPool::watchIdle(const QString &id, net::Stream *stream) {
  // An idle connection should stay silent; end of stream means the peer dropped it, data means
  // the peer already started a session on it (its signal is on the way): stop watching.
  connect(stream, &net::Stream::readable, this, [this, id, stream] {
    char c;
    const qint64 n = stream->peek(&c, 1);
    if (n == net::Stream::WouldBlock) return;
    stream->setReadWatch(false);
    if (n > 0) return;
    if (idle_.value(id) == stream) {
      detach(id);
      stream->deleteLater();
    }
  });
  connect(stream, &net::Stream::failed, this, [this, id, stream] {
    if (idle_.value(id) == stream) {
      detach(id);
      stream->deleteLater();
    }
  });
  stream->setReadWatch(true);
}

bool TunnelPool::add(const QString &id, net::Stream *stream) {
  if (idle_.contains(id)) {
    delete stream;
    return false;
  }
  // A waiter for this exact ID first, then "any" waiters.
  for (bool exact : {true, false}) {
    for (qsizetype i = 0; i < waiters_.size(); ++i) {
      if (exact ? waiters_[i].id == id : waiters_[i].id.isEmpty()) {
        completeWaiter(i, stream, id);
        return true;
      }
    }
  }
  stream->setParent(this);
  idle_.insert(id, stream);
  order_.append(id);
  watchIdle(id, stream);
  Q_EMIT sizeChanged(size());
  return true;
}

net::Stream *TunnelPool::detach(const QString &id) {
  net::Stream *s = idle_.take(id);
  if (!s) return nullptr;
  order_.removeOne(id);
  disconnect(s, nullptr, this, nullptr);
  s->setReadWatch(false);
  s->setParent(nullptr);
  Q_EMIT sizeChanged(size());
  return s;
}

void TunnelPool::completeWaiter(qsizetype index, net::Stream *stream, const QString &id) {
  Waiter w = waiters_.takeAt(index);
  delete w.timer;
  stream->setParent(nullptr);
  w.done(stream, id);
}

void TunnelPool::takeAny(int timeoutMs, Taker done) {
  if (!order_.isEmpty()) {
    const QString id = order_.first();
    net::Stream *s = detach(id);
    done(s, id);
    return;
  }
  wait(QString(), timeoutMs, std::move(done));
}

void TunnelPool::take(const QString &id, int timeoutMs, Taker done) {
  if (idle_.contains(id)) {
    net::Stream *s = detach(id);
    done(s, id);
    return;
  }
  wait(id, timeoutMs, std::move(done));
}

void TunnelPool::wait(const QString &id, int timeoutMs, Taker done) {
  const quint64 serial = nextSerial_++;
  auto *timer = new QTimer(this);
  timer->setSingleShot(true);
  connect(timer, &QTimer::timeout, this, [this, serial] {
    for (qsizetype i = 0; i < waiters_.size(); ++i) {
      if (waiters_[i].serial == serial) {
        Waiter w = waiters_.takeAt(i);
        w.timer->deleteLater();
        w.done(nullptr, w.id);
        return;
      }
    }
  });
  waiters_.append(Waiter{serial, id, std::move(done), timer});
  timer->start(timeoutMs);
}

void TunnelPool::flush() {
  const QList<QString> ids = order_;
  for (const QString &id : ids) delete detach(id);
}

void TunnelPool::clear() {
  flush();
  const QList<Waiter> waiters = std::move(waiters_);
  waiters_.clear();
  for (const Waiter &w : waiters) {
    delete w.timer;
    w.done(nullptr, w.id);
  }
}

}  // namespace routeless::nodepass
