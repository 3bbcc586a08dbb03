#include "targetdialer.h"

#include <QPointer>
#include <QTimer>

#include "net/socketstream.h"

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
  attempt(start, 0, timeoutMs, std::move(done), QString(), source_, false);
}

void TargetDialer::dropSource(const QString &why) {
  if (source_.isNull()) return;
  logger_->warn(QStringLiteral("Dial source %1 unusable (%2), falling back to auto")
                    .arg(source_.toString(), why));
  source_ = QHostAddress();
}

void TargetDialer::attempt(int start, int tried, int timeoutMs, TcpDone done, QString lastError,
                           QHostAddress src, bool retry) {
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
      attempt(start, tried + 1, timeoutMs, done, err, source_, false);
      return;
    }
    QString why;
    const int fd = net::connectTcp(addresses.first(), target.port, src, &why);
    if (fd < 0) {
      if (!src.isNull() && why.startsWith(QLatin1String("bind"))) {
        dropSource(why);
        attempt(start, tried, timeoutMs, done, why, QHostAddress(), false);
        return;
      }
      attempt(start, tried + 1, timeoutMs, done,
              QStringLiteral("dial %1: %2").arg(target.toString(), why), source_, false);
      return;
    }
    auto *stream = new net::SocketStream(fd, true);
    auto *timer = new QTimer(stream);
    timer->setSingleShot(true);
    auto finished = std::make_shared<bool>(false);
    auto onFail = [=, this](const QString &reason) {
      if (*finished) return;
      *finished = true;
      stream->deleteLater();
      if (!self) return;
      if (!src.isNull() && !retry) {
        // Is the source address to blame? Try this target once without it.
        attempt(start, tried, timeoutMs, done, reason, QHostAddress(), true);
        return;
      }
      attempt(start, tried + 1, timeoutMs, done,
              QStringLiteral("dial %1: %2").arg(target.toString(), reason), source_, false);
    };
    connect(stream, &net::Stream::ready, stream, [=, this] {
      if (*finished) return;
      *finished = true;
      timer->stop();
      QObject::disconnect(stream, nullptr, stream, nullptr);
      if (retry && self) dropSource(QStringLiteral("dials from it fail where automatic works"));
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
