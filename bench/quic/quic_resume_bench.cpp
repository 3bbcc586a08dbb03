// Time to first byte of a new QUIC pool connection over loopback: from the client starting the
// connection (QuicPoolClient::openSlot) to it reading the first byte the server writes on the
// slot (where the runtime writes the ID or its greeting answer). Full handshakes (a client
// without a ticket store) and resumed + 0-RTT ones (a store primed by the connection before)
// alternate against one server, so both see the same machine load; prints p50/p90 of each and
// the ratio. Usage: quic_resume_bench [ROUNDS] (default 200 of each).
#include <QCoreApplication>
#include <QElapsedTimer>
#include <algorithm>
#include <cstdio>
#include <memory>

#include "nodepass/logger.h"
#include "nodepass/quicpool.h"
#include "nodepass/targetdialer.h"
#include "nodepass/tlscontext.h"

using namespace routeless;
using namespace routeless::nodepass;

namespace {

// One connection: microseconds to the first byte, or -1; `early` says whether 0-RTT was taken.
qint64 connectOnce(quint16 port, const std::shared_ptr<QuicResumeStore> &store, bool *early) {
  Logger log(LogLevel::None);
  TargetDialer dialer({HostPort{QStringLiteral("127.0.0.1"), port}}, 60000, QHostAddress(), &log);
  PoolTransportConfig c;
  c.type = PoolType::Quic;
  c.tls = 1;
  c.log = &log;
  c.tunnel = HostPort{QStringLiteral("127.0.0.1"), port};
  c.sni = QStringLiteral("none");
  c.tunnelDialer = &dialer;
  c.quicResume = store;
  QElapsedTimer t;
  t.start();
  QuicPoolClient client(c, nullptr);
  std::unique_ptr<net::Stream> slot;
  bool done = false;
  client.openSlot([&](net::Stream *s, const QString &) {
    slot.reset(s);
    done = true;
  });
  qint64 us = -1;
  char b;
  while (t.elapsed() < 10000) {
    QCoreApplication::processEvents(QEventLoop::AllEvents);
    if (done && !slot) break;
    if (slot && slot->read(&b, 1) == 1) {
      us = t.nsecsElapsed() / 1000;
      break;
    }
  }
  auto *q = qobject_cast<QuicStream *>(slot.get());
  *early = q && q->quicConnection() &&
           q->quicConnection()->earlyData() == QuicConnection::EarlyData::Accepted;
  // Wait for the new ticket before the next resumed round uses the store.
  if (store) {
    const net::SocketAddress server{QHostAddress::LocalHost, port};
    const QByteArray before = store->find(server) ? store->find(server)->session : QByteArray();
    QElapsedTimer w;
    w.start();
    while (w.elapsed() < 2000 && (!store->find(server) || store->find(server)->session == before))
      QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
  }
  return us;
}

qint64 percentile(QList<qint64> v, double p) {
  if (v.isEmpty()) return -1;
  std::sort(v.begin(), v.end());
  return v[qMin(v.size() - 1, int(p * v.size()))];
}

}  // namespace

int main(int argc, char **argv) {
  QCoreApplication app(argc, argv);
  const int rounds = argc > 1 ? qMax(1, atoi(argv[1])) : 200;
  Logger log(LogLevel::None);
  TlsServerContext tls;
  QString error, warning;
  if (!tls.init(1, QString(), QString(), &error, &warning)) return 1;
  PoolTransportConfig sc;
  sc.type = PoolType::Quic;
  sc.tls = 1;
  sc.maxSlots = 64;
  sc.log = &log;
  sc.serverTls = &tls;
  sc.listenAddress = QHostAddress::LocalHost;
  sc.peerAllowed = [](const QHostAddress &ip) { return ip.isLoopback(); };
  sc.poolFull = [] { return false; };
  QuicPoolServer server(sc, nullptr);
  if (!server.start(&error)) {
    fprintf(stderr, "%s\n", qPrintable(error));
    return 1;
  }
  // The server answers each new slot with one byte and lets it go.
  QObject::connect(&server, &PoolServerTransport::slotReady, &server, [](net::Stream *s) {
    s->write("i", 1);
    QObject::connect(s, &net::Stream::failed, s, &QObject::deleteLater);
    s->setReadWatch(true);
    QObject::connect(s, &net::Stream::readable, s, [s] {
      char buf[256];
      if (s->read(buf, sizeof(buf)) <= 0) s->deleteLater();
    });
  });
  const quint16 port = server.localAddress().port;
  auto store = makeQuicResumeStore();
  bool early = false;
  connectOnce(port, store, &early);  // primes the store, warms up
  QList<qint64> full, resumed;
  int earlyTaken = 0, failures = 0;
  for (int i = 0; i < rounds; ++i) {
    const qint64 a = connectOnce(port, nullptr, &early);
    const qint64 b = connectOnce(port, store, &early);
    earlyTaken += early ? 1 : 0;
    if (a < 0 || b < 0) ++failures;
    if (a >= 0) full << a;
    if (b >= 0) resumed << b;
  }
  const qint64 f50 = percentile(full, 0.5), r50 = percentile(resumed, 0.5);
  printf("QUIC pool, time to first byte of a new connection (loopback, %d rounds each)\n", rounds);
  printf("  full handshake:     p50 %lld us  p90 %lld us\n", (long long)f50,
         (long long)percentile(full, 0.9));
  printf("  resumed + 0-RTT:    p50 %lld us  p90 %lld us  (0-RTT accepted %d/%d)\n", (long long)r50,
         (long long)percentile(resumed, 0.9), earlyTaken, rounds);
  printf("  full / resumed p50: %.2fx   failures: %d\n", r50 > 0 ? double(f50) / double(r50) : 0.0,
         failures);
  return failures ? 1 : 0;
}
