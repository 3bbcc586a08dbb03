#include "streamexchange.h"

#include <QPointer>
#include <optional>

#include "net/stream.h"

namespace routeless::nodepass {

StreamExchange::StreamExchange(net::Stream *stream, std::unique_ptr<ByteExchange> exchange,
                               int timeoutMs)
    : QObject(stream), stream_(stream), exchange_(std::move(exchange)) {
  deadline_.setParent(this);
  deadline_.setSingleShot(true);
  deadline_.setInterval(timeoutMs);
  connect(&deadline_, &QTimer::timeout, this, [this] {
    finish(false, QStringLiteral("no answer within %1 ms").arg(deadline_.interval()));
  });
}

StreamExchange::~StreamExchange() = default;

void StreamExchange::start() {
  connect(stream_, &net::Stream::readable, this, &StreamExchange::step);
  connect(stream_, &net::Stream::writable, this, &StreamExchange::step);
  connect(stream_, &net::Stream::failed, this, [this](const QString &why) { finish(false, why); });
  deadline_.start();
  step();
}

bool StreamExchange::flush(QString *error) {
  while (!out_.isEmpty()) {
    const qint64 n = stream_->write(out_.constData(), out_.size());
    if (n == net::Stream::WouldBlock) {
      stream_->setWriteWatch(true);
      return true;
    }
    if (n < 0) {
      *error = QStringLiteral("write: %1").arg(stream_->errorString());
      return false;
    }
    out_.remove(0, n);
  }
  stream_->setWriteWatch(false);
  return true;
}

void StreamExchange::step() {
  if (done_ || stepping_) return;
  stepping_ = true;
  // The loop only decides; finish() runs after it, because whoever gets the report may delete
  // the stream, and this object with it.
  std::optional<std::pair<bool, QString>> outcome;
  int round = 0;
  // Bounded so a peer that keeps the socket busy cannot starve the event loop.
  for (; round < 64 && !outcome; ++round) {
    out_ += exchange_->takeOutput();
    QString error;
    if (!flush(&error)) {
      outcome.emplace(false, error);
      break;
    }
    const ByteExchange::State state = exchange_->state();
    if (state != ByteExchange::State::Running) {
      if (!out_.isEmpty()) {
        stream_->setReadWatch(false);  // last words still queued: wait for writable
        break;
      }
      outcome.emplace(state == ByteExchange::State::Done, exchange_->error());
      break;
    }
    const qsizetype limit = exchange_->readLimit();
    if (limit <= 0) {
      // Running but wanting nothing is a machine waiting for its own output to drain.
      stream_->setReadWatch(false);
      break;
    }
    char buf[4096];
    const qint64 n = stream_->read(buf, qMin<qint64>(limit, qint64(sizeof(buf))));
    if (n == net::Stream::WouldBlock) {
      stream_->setReadWatch(true);
      break;
    }
    if (n < 0) {
      outcome.emplace(false, QStringLiteral("read: %1").arg(stream_->errorString()));
      break;
    }
    exchange_->feed(n == 0 ? QByteArray() : QByteArray(buf, int(n)), n == 0);
    if (n == 0 && exchange_->state() == ByteExchange::State::Running) {
      outcome.emplace(false, QStringLiteral("connection closed by peer"));
      break;
    }
  }
  stepping_ = false;
  if (outcome) return finish(outcome->first, outcome->second);
  if (round == 64) QTimer::singleShot(0, this, &StreamExchange::step);
}

void StreamExchange::finish(bool ok, const QString &error) {
  if (done_) return;
  done_ = true;
  deadline_.stop();
  disconnect(stream_, nullptr, this, nullptr);
  stream_->setReadWatch(false);
  stream_->setWriteWatch(false);
  // The receiver may delete the stream (and so this child of it) while handling the report.
  QPointer<StreamExchange> self(this);
  Q_EMIT finished(ok, error);
  if (self) deleteLater();
}

}  // namespace routeless::nodepass
