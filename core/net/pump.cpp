#include "pump.h"

#include <string.h>

#include <QTimer>

namespace routeless::net {
namespace {
constexpr qint64 kMaxBytesPerTurn = 4 * 1024 * 1024;  // then yield to other connections
constexpr int kPipeSize = 1024 * 1024;
}  // namespace

Pump::Pump(Stream *a, Stream *b, Options options, QObject *parent)
    : QObject(parent), a_(a), b_(b), options_(std::move(options)) {
  a_->setParent(this);
  b_->setParent(this);
  ab_.src = a_;
  ab_.dst = b_;
  ba_.src = b_;
  ba_.dst = a_;
  ba_.intoA = true;
  if (options_.allowSplice && !a_->isTls() && !b_->isTls() && ab_.pipe.open(kPipeSize)) {
    if (ba_.pipe.open(kPipeSize))
      splice_ = true;
    else
      ab_.pipe.close();
  }
  if (!splice_) {
    ab_.buffer.reset(new char[size_t(options_.bufferSize)]);
    ba_.buffer.reset(new char[size_t(options_.bufferSize)]);
  }
  if (!options_.prefixToA.isEmpty()) {
    const QByteArray &p = options_.prefixToA;
    if (splice_) {
      ba_.pending = ba_.pipe.put(p.constData(), p.size());
    } else {
      const qint64 n = qMin<qint64>(p.size(), options_.bufferSize);
      memcpy(ba_.buffer.get(), p.constData(), size_t(n));
      ba_.pending = n;
    }
  }
  connect(a_, &Stream::readable, this, [this] { drive(ab_); });
  connect(b_, &Stream::writable, this, [this] { drive(ab_); });
  connect(b_, &Stream::readable, this, [this] { drive(ba_); });
  connect(a_, &Stream::writable, this, [this] { drive(ba_); });
  connect(a_, &Stream::failed, this, [this](const QString &why) { finish(why); });
  connect(b_, &Stream::failed, this, [this](const QString &why) { finish(why); });
}

Pump::~Pump() = default;

void Pump::start() {
  activity_.start();
  if (options_.idleTimeoutMs > 0) {
    idleTimer_ = new QTimer(this);
    idleTimer_->setInterval(
        int(qBound<qint64>(qint64(50), options_.idleTimeoutMs / 4, qint64(5000))));
    connect(idleTimer_, &QTimer::timeout, this, [this] {
      if (activity_.elapsed() >= options_.idleTimeoutMs) finish(QStringLiteral("read timeout"));
    });
    idleTimer_->start();
  }
  drive(ab_);
  drive(ba_);
}

void Pump::pauseFor(Direction &d, int ms) {
  d.paused = true;
  d.src->setReadWatch(false);
  d.dst->setWriteWatch(false);
  QTimer::singleShot(ms, this, [this, &d] {
    d.paused = false;
    drive(d);
  });
}

void Pump::drive(Direction &d) {
  if (d.done || d.paused || finished_) return;
  if (splice_) {
    driveSplice(d);
    return;
  }
  qint64 moved = 0;
  for (;;) {
    if (d.pending > 0) {
      qint64 len = d.pending;
      if (d.intoA && options_.writeLimitA) {
        const qint64 avail = options_.writeLimitA->available();
        if (avail <= 0) return pauseFor(d, options_.writeLimitA->waitMs());
        len = qMin(len, avail);
      }
      const qint64 n = d.dst->write(d.buffer.get() + d.offset, len);
      if (n == Stream::WouldBlock) {
        d.dst->setWriteWatch(true);
        d.src->setReadWatch(false);
        return;
      }
      if (n < 0) return finish(QStringLiteral("write: %1").arg(d.dst->errorString()));
      d.offset += n;
      d.pending -= n;
      if (d.intoA) {
        if (options_.txA) options_.txA->fetch_add(quint64(n), std::memory_order_relaxed);
        if (options_.writeLimitA) options_.writeLimitA->consume(n);
      }
      if (d.pending > 0) continue;
      d.offset = 0;
    }
    d.dst->setWriteWatch(false);
    if (d.eof) return directionDone(d);
    if (moved >= kMaxBytesPerTurn) {
      QTimer::singleShot(0, this, [this, &d] { drive(d); });
      return;
    }
    qint64 cap = options_.bufferSize;
    if (!d.intoA && options_.readLimitA) {
      const qint64 avail = options_.readLimitA->available();
      if (avail <= 0) return pauseFor(d, options_.readLimitA->waitMs());
      cap = qMin(cap, avail);
    }
    const qint64 n = d.src->read(d.buffer.get(), cap);
    if (n == Stream::WouldBlock) {
      d.src->setReadWatch(true);
      return;
    }
    if (n < 0) return finish(QStringLiteral("read: %1").arg(d.src->errorString()));
    activity_.restart();
    if (n == 0) {
      d.eof = true;
      d.src->setReadWatch(false);
      continue;
    }
    moved += n;
    d.pending = n;
    d.offset = 0;
    if (!d.intoA) {
      if (options_.rxA) options_.rxA->fetch_add(quint64(n), std::memory_order_relaxed);
      if (options_.readLimitA) options_.readLimitA->consume(n);
    }
  }
}

void Pump::driveSplice(Direction &d) {
  qint64 moved = 0;
  for (;;) {
    if (d.pending > 0) {
      qint64 len = d.pending;
      if (d.intoA && options_.writeLimitA) {
        const qint64 avail = options_.writeLimitA->available();
        if (avail <= 0) return pauseFor(d, options_.writeLimitA->waitMs());
        len = qMin(len, avail);
      }
      const qint64 n = d.pipe.drain(d.dst->fd(), len);
      if (n == SplicePipe::kWouldBlock) {
        d.dst->setWriteWatch(true);
        d.src->setReadWatch(false);
        return;
      }
      if (n < 0)
        return finish(
            QStringLiteral("write: %1").arg(QString::fromLocal8Bit(d.pipe.errorText().c_str())));
      d.pending -= n;
      if (d.intoA) {
        if (options_.txA) options_.txA->fetch_add(quint64(n), std::memory_order_relaxed);
        if (options_.writeLimitA) options_.writeLimitA->consume(n);
      }
      if (d.pending > 0) continue;
    }
    d.dst->setWriteWatch(false);
    if (d.eof) return directionDone(d);
    if (moved >= kMaxBytesPerTurn) {
      QTimer::singleShot(0, this, [this, &d] { drive(d); });
      return;
    }
    qint64 cap = kPipeSize;
    if (!d.intoA && options_.readLimitA) {
      const qint64 avail = options_.readLimitA->available();
      if (avail <= 0) return pauseFor(d, options_.readLimitA->waitMs());
      cap = qMin(cap, avail);
    }
    const qint64 n = d.pipe.fill(d.src->fd(), cap);
    if (n == SplicePipe::kWouldBlock) {
      d.src->setReadWatch(true);
      return;
    }
    if (n < 0)
      return finish(
          QStringLiteral("read: %1").arg(QString::fromLocal8Bit(d.pipe.errorText().c_str())));
    activity_.restart();
    if (n == 0) {
      d.eof = true;
      d.src->setReadWatch(false);
      continue;
    }
    moved += n;
    d.pending = n;
    if (!d.intoA) {
      if (options_.rxA) options_.rxA->fetch_add(quint64(n), std::memory_order_relaxed);
      if (options_.readLimitA) options_.readLimitA->consume(n);
    }
  }
}

void Pump::directionDone(Direction &d) {
  d.done = true;
  d.src->setReadWatch(false);
  d.dst->setWriteWatch(false);
  Direction &other = (&d == &ab_) ? ba_ : ab_;
  // The end of stream goes out behind the data even when the session ends now: a stream carried
  // in another protocol still holds queued bytes and sends them before its end.
  d.dst->shutdownWrite();
  if (other.done) return finish(QStringLiteral("EOF"));
  // Half-close only without an idle timeout, as NodePass does; with one, end the session.
  if (options_.idleTimeoutMs > 0 || options_.closeOnFirstEof) return finish(QStringLiteral("EOF"));
}

void Pump::finish(const QString &reason) {
  if (finished_) return;
  finished_ = true;
  if (idleTimer_) idleTimer_->stop();
  a_->close();
  b_->close();
  Q_EMIT finished(reason);
}

}  // namespace routeless::net
