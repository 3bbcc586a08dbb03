#include "dnscache.h"

#include <QHostInfo>

namespace routeless::net {

DnsCache::DnsCache(qint64 ttlMs, QObject *parent) : QObject(parent), ttlMs_(ttlMs) {
  clock_.start();
}

QList<QHostAddress> DnsCache::cached(const QString &host) const {
  const auto it = entries_.constFind(host.toLower());
  if (it == entries_.constEnd() || it->expiresAtMs <= clock_.elapsed()) return {};
  return it->addresses;
}

void DnsCache::resolve(const QString &hostIn, Callback done) {
  const QString host = hostIn.toLower();
  if (host.isEmpty()) {
    done({QHostAddress(QHostAddress::LocalHost)}, QString());
    return;
  }
  QHostAddress literal;
  if (literal.setAddress(host)) {
    done({literal}, QString());
    return;
  }
  const QList<QHostAddress> hit = cached(host);
  if (!hit.isEmpty()) {
    done(hit, QString());
    return;
  }
  auto &queue = waiting_[host];
  queue.append(std::move(done));
  if (queue.size() > 1) return;  // a lookup is already running
  ++lookups_;
  QHostInfo::lookupHost(host, this, [this, host](const QHostInfo &info) {
    QList<QHostAddress> addresses = info.addresses();
    QString error;
    if (info.error() != QHostInfo::NoError || addresses.isEmpty()) {
      error = QStringLiteral("resolve %1: %2").arg(host, info.errorString());
      const auto stale = entries_.constFind(host);
      if (stale != entries_.constEnd()) {
        addresses = stale->addresses;
        error.clear();
      }
    } else {
      // IPv4 first: a dual-stack name then dials the address most local services listen on.
      std::stable_sort(addresses.begin(), addresses.end(), [](const auto &a, const auto &b) {
        return a.protocol() == QAbstractSocket::IPv4Protocol &&
               b.protocol() != QAbstractSocket::IPv4Protocol;
      });
      // With a TTL of 0 nothing is cached, but the last answer still serves resolver failures.
      entries_.insert(host, Entry{addresses, clock_.elapsed() + ttlMs_});
    }
    const QList<Callback> callbacks = waiting_.take(host);
    for (const auto &cb : callbacks) cb(addresses, error);
  });
}

}  // namespace routeless::net
