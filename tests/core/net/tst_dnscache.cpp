// DnsCache: literal addresses bypass the resolver; names are cached for the TTL; TTL 0 asks the
// resolver every time.
#include <QDeadlineTimer>
#include <QTest>

#include "net/dnscache.h"

using namespace routeless::net;

namespace {
QList<QHostAddress> resolveNow(DnsCache &cache, const QString &host, QString *error = nullptr) {
  QList<QHostAddress> out;
  bool done = false;
  cache.resolve(host, [&](const QList<QHostAddress> &a, const QString &e) {
    out = a;
    if (error) *error = e;
    done = true;
  });
  QDeadlineTimer deadline(10000);
  while (!done && !deadline.hasExpired()) QTest::qWait(5);
  return out;
}
}  // namespace

class TestDnsCache : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void literalsBypass() {
    DnsCache cache(60000);
    QCOMPARE(resolveNow(cache, QStringLiteral("10.1.2.3")).value(0),
             QHostAddress(QStringLiteral("10.1.2.3")));
    QCOMPARE(resolveNow(cache, QStringLiteral("::1")).value(0),
             QHostAddress(QStringLiteral("::1")));
    QCOMPARE(resolveNow(cache, QString()).value(0), QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(cache.lookups(), 0);
  }

  void cachesForTtl() {
    DnsCache cache(60000);
    const auto first = resolveNow(cache, QStringLiteral("localhost"));
    QVERIFY(!first.isEmpty());
    QVERIFY(first.first().isLoopback());
    QCOMPARE(first.first().protocol(), QAbstractSocket::IPv4Protocol);
    QCOMPARE(resolveNow(cache, QStringLiteral("LOCALHOST")), first);
    QCOMPARE(cache.lookups(), 1);
    QCOMPARE(cache.cached(QStringLiteral("localhost")), first);
  }

  void ttlZeroDoesNotCache() {
    DnsCache cache(0);
    resolveNow(cache, QStringLiteral("localhost"));
    resolveNow(cache, QStringLiteral("localhost"));
    QCOMPARE(cache.lookups(), 2);
    QVERIFY(cache.cached(QStringLiteral("localhost")).isEmpty());
  }

  void expiry() {
    DnsCache cache(200);
    resolveNow(cache, QStringLiteral("localhost"));
    QTest::qWait(300);
    QVERIFY(cache.cached(QStringLiteral("localhost")).isEmpty());
    resolveNow(cache, QStringLiteral("localhost"));
    QCOMPARE(cache.lookups(), 2);
  }

  void failureReported() {
    DnsCache cache(60000);
    QString error;
    const auto none = resolveNow(cache, QStringLiteral("no-such-host.invalid"), &error);
    QVERIFY(none.isEmpty());
    QVERIFY(error.contains(QStringLiteral("no-such-host.invalid")));
  }
};

QTEST_GUILESS_MAIN(TestDnsCache)
#include "tst_dnscache.moc"
