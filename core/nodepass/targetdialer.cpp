#include "targetdialer.h"

#include <QPointer>
#include <QTimer>

namespace routeless::nodepass {

TargetDialer::TargetDialer(QList<HostPort> targets, qint64 dnsTtlMs, QHostAddress source,
                           const Logger *logger, QObject *parent)
    : QObject(parent),
      targets_(std::move(targets)),
      dns_(dnsTtlMs, this),
      source_(std::move(source)),
      logger_(logger) {}

void TargetDialer::dialTcp(int timeoutMs, TcpDone done) {
  const int start = targets_.size() > 1 ? int(next_++ % quint32(targets_.size())) : 0;
  attempt(start, 0, timeoutMs, std::move(done), QString());
}

void TargetDialer::attempt(int start, int tried, int timeoutMs, TcpDone done, QString lastError) {
  if (tried >= targets_.size()) {
    done(nullptr,
         targets_.size() > 1
             ? QStringLiteral("all %1 targets failed, last: %2").arg(targets_.size()).arg(lastError)
             : lastError);
    return;
  }
  const HostPort target = targets_[(start + tried) % targets_.size()];
  QPointer<TargetDialer> self(this);
  dns_.resolve(target.host, [=, this](const QList<QHostAddress> &addresses, const QString &err) {
    if (!self) return;
    if (addresses.isEmpty()) {
      attempt(start, tried + 1, timeoutMs, done, err);
      return;
    }
    QString why;
    int fd = net::connectTcp(addresses.first(), target.port, source_, &why);
    if (fd < 0 && !source_.isNull()) {
      logger_->warn(QStringLiteral("Dial source %1 unusable (%2), falling back to auto")
                        .arg(source_.toString(), why));
      source_ = QHostAddress();
      fd = net::connectTcp(addresses.first(), target.port, source_, &why);
    }
    if (fd < 0) {
      attempt(start, tried + 1, timeoutMs, done,
              QStringLiteral("dial %1: %2").arg(target.toString(), why));
      return;
    }
    auto *stream = new net::Stream(fd, true);
    auto *timer = new QTimer(stream);
    timer->setSingleShot(true);
    auto finished = std::make_shared<bool>(false);
    const bool usedSource = !source_.isNull();
    auto onFail = [=, this](const QString &reason) {
      if (*finished) return;
      *finished = true;
      stream->deleteLater();
      if (!self) return;
      if (usedSource && !source_.isNull()) {
        logger_->warn(QStringLiteral("Dial from source %1 failed (%2), falling back to auto")
                          .arg(source_.toString(), reason));
        source_ = QHostAddress();
        attempt(start, tried, timeoutMs, done, reason);
        return;
      }
      attempt(start, tried + 1, timeoutMs, done,
              QStringLiteral("dial %1: %2").arg(target.toString(), reason));
    };
    connect(stream, &net::Stream::ready, stream, [=] {
      if (*finished) return;
      *finished = true;
      timer->stop();
      QObject::disconnect(stream, nullptr, stream, nullptr);
      done(stream, QString());
    });
    connect(stream, &net::Stream::failed, stream, onFail);
    connect(timer, &QTimer::timeout, stream, [=] { onFail(QStringLiteral("i/o timeout")); });
    timer->start(timeoutMs);
  });
}

void TargetDialer::nextUdpAddress(AddressDone done) {
  const HostPort target =
      targets_[targets_.size() > 1 ? int(next_++ % quint32(targets_.size())) : 0];
  dns_.resolve(target.host,
               [done, target](const QList<QHostAddress> &addresses, const QString &err) {
                 if (addresses.isEmpty())
                   done({}, err);
                 else
                   done(net::SocketAddress{addresses.first(), target.port}, QString());
               });
}

}  // namespace routeless::nodepass
