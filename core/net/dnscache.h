#pragma once
// DnsCache: resolves host names asynchronously and remembers the answers for a TTL; literal IPs
// bypass it. Lives on one engine thread; it must never block that thread on the resolver.
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <functional>

namespace routeless::net {

class DnsCache final : public QObject {
  Q_OBJECT
 public:
  using Callback = std::function<void(const QList<QHostAddress> &addresses, const QString &error)>;
  explicit DnsCache(qint64 ttlMs, QObject *parent = nullptr);

  // Calls `done` (possibly synchronously) with the addresses of `host`. "" maps to the loopback
  // address. On a resolver error a stale answer is reused when there is one.
  void resolve(const QString &host, Callback done);
  // Cached answer without resolving (empty if none or expired).
  QList<QHostAddress> cached(const QString &host) const;
  int lookups() const { return lookups_; }

 private:
  struct Entry {
    QList<QHostAddress> addresses;
    qint64 expiresAtMs = 0;
  };
  qint64 ttlMs_;
  QElapsedTimer clock_;
  QHash<QString, Entry> entries_;
  QHash<QString, QList<Callback>> waiting_;
  int lookups_ = 0;
};

}  // namespace routeless::net
