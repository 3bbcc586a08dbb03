// The QUIC pool between two Routeless ends over loopback UDP: a second connection to the same
// server resumes its TLS session and sends its first stream bytes as 0-RTT early data, which
// the server takes; a ticket of an earlier server run is refused and the connection falls back
// to a full handshake; a replayed 0-RTT flight (the attack) has its early data refused and never
// yields a pool slot; and bytes cross intact in every case.
#include <QCryptographicHash>
#include <QPointer>
#include <QRandomGenerator>
#include <QTest>
#include <QUdpSocket>
#include <memory>

#include "nodepass/logger.h"
#include "nodepass/quicpool.h"
#include "nodepass/targetdialer.h"
#include "nodepass/tlscontext.h"

using namespace routeless;
using namespace routeless::nodepass;

namespace {

QByteArray randomBytes(int n) {
  QByteArray out(n, Qt::Uninitialized);
  for (int i = 0; i < n; ++i) out[i] = char(QRandomGenerator::global()->bounded(256));
  return out;
}

// Moves `data` from one stream to the other through the event loop; the bytes that arrived.
QByteArray transfer(net::Stream *from, net::Stream *to, const QByteArray &data) {
  QByteArray got;
  qint64 sent = 0;
  char buf[65536];
  QElapsedTimer t;
  t.start();
  while (got.size() < data.size() && t.elapsed() < 60000) {
    if (sent < data.size()) {
      const qint64 n = from->write(data.constData() + sent, data.size() - sent);
      if (n > 0) sent += n;
      if (n == net::Stream::Failed) break;
    }
    for (;;) {
      const qint64 n = to->read(buf, sizeof(buf));
      if (n <= 0) break;
      got.append(buf, int(n));
    }
    QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
  }
  return got;
}

struct Server {
  Logger log{LogLevel::None};
  TlsServerContext tls;
  std::unique_ptr<QuicPoolServer> transport;
  QList<QPointer<QuicStream>> slots;
  QList<bool> establishedAtReady;  // the connection's handshake was complete when it came

  ~Server() {
    for (const QPointer<QuicStream> &s : slots) delete s.data();
  }

  bool start(quint16 port) {
    QString error, warning;
    if (!tls.init(1, QString(), QString(), &error, &warning)) return false;
    PoolTransportConfig c;
    c.type = PoolType::Quic;
    c.tls = 1;
    c.maxSlots = 64;
    c.log = &log;
    c.serverTls = &tls;
    c.listenAddress = QHostAddress::LocalHost;
    c.listenPort = port;
    c.peerAllowed = [](const QHostAddress &ip) { return ip.isLoopback(); };
    c.poolFull = [] { return false; };
    transport = std::make_unique<QuicPoolServer>(c, nullptr);
    QObject::connect(
        transport.get(), &PoolServerTransport::slotReady, transport.get(), [this](net::Stream *s) {
          auto *q = qobject_cast<QuicStream *>(s);
          slots << q;
          establishedAtReady << (q && q->quicConnection() && q->quicConnection()->isEstablished());
        });
    return transport->start(&error);
  }
  quint16 port() const { return transport->localAddress().port; }
};

struct Client {
  Logger log{LogLevel::None};
  TargetDialer dialer;
  std::unique_ptr<QuicPoolClient> transport;

  Client(quint16 port, std::shared_ptr<QuicResumeStore> store)
      : dialer({HostPort{QStringLiteral("127.0.0.1"), port}}, 60000, QHostAddress(), &log) {
    PoolTransportConfig c;
    c.type = PoolType::Quic;
    c.tls = 1;
    c.log = &log;
    c.tunnel = HostPort{QStringLiteral("127.0.0.1"), port};
    c.sni = QStringLiteral("none");
    c.tunnelDialer = &dialer;
    c.quicResume = std::move(store);
    transport = std::make_unique<QuicPoolClient>(c, nullptr);
  }
  // One slot, or nullptr after 20 s.
  QuicStream *open() {
    bool done = false;
    net::Stream *slot = nullptr;
    transport->openSlot([&](net::Stream *s, const QString &) {
      done = true;
      slot = s;
    });
    QElapsedTimer t;
    t.start();
    while (!done && t.elapsed() < 20000) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return qobject_cast<QuicStream *>(slot);
  }
};

// A UDP relay between the client and the server that records what the client sends, so that
// a test can replay a client's first flight as an attacker on the path would.
class Relay : public QObject {
 public:
  explicit Relay(quint16 serverPort) : serverPort_(serverPort) {
    front_.bind(QHostAddress::LocalHost, 0);
    back_.bind(QHostAddress::LocalHost, 0);
    connect(&front_, &QUdpSocket::readyRead, this, [this] {
      while (front_.hasPendingDatagrams()) {
        QHostAddress from;
        quint16 port = 0;
        QByteArray d(int(front_.pendingDatagramSize()), Qt::Uninitialized);
        d.resize(int(front_.readDatagram(d.data(), d.size(), &from, &port)));
        if (port != clientPort_) {  // a new client: a new first flight
          clientPort_ = port;
          firstFlight.clear();
          answered_ = false;
        }
        if (!answered_) firstFlight << d;
        back_.writeDatagram(d, QHostAddress::LocalHost, serverPort_);
      }
    });
    connect(&back_, &QUdpSocket::readyRead, this, [this] {
      while (back_.hasPendingDatagrams()) {
        QByteArray d(int(back_.pendingDatagramSize()), Qt::Uninitialized);
        d.resize(int(back_.readDatagram(d.data(), d.size())));
        answered_ = true;
        front_.writeDatagram(d, QHostAddress::LocalHost, clientPort_);
      }
    });
  }
  quint16 port() const { return front_.localPort(); }
  QList<QByteArray> firstFlight;  // what the last client sent before the server's first answer

 private:
  QUdpSocket front_;
  QUdpSocket back_;
  quint16 serverPort_;
  quint16 clientPort_ = 0;
  bool answered_ = false;
};

// Primes `store` with a ticket from the server on `port`: one full connection, bytes both
// ways, closed again.
void prime(quint16 port, const std::shared_ptr<QuicResumeStore> &store, Server &server) {
  Client a(port, store);
  QuicStream *s = a.open();
  QVERIFY(s);
  QVERIFY(s->quicConnection());
  QCOMPARE(s->quicConnection()->earlyData(), QuicConnection::EarlyData::NotTried);
  QVERIFY(!s->quicConnection()->isResumed());
  const QByteArray up = randomBytes(100000);
  QTRY_COMPARE_WITH_TIMEOUT(server.slots.size(), 1, 20000);
  QCOMPARE(transfer(s, server.slots.last(), up), up);
  const QByteArray down = randomBytes(100000);
  QCOMPARE(transfer(server.slots.last(), s, down), down);
  QTRY_VERIFY_WITH_TIMEOUT(
      store->find(net::SocketAddress{QHostAddress::LocalHost, port}) != nullptr, 20000);
  delete s;
}

}  // namespace

class TestQuicPool : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void secondConnectionUsesZeroRtt();
  void ticketOfEarlierServerFallsBackToFullHandshake();
  void replayedZeroRttFlightOpensNothing();
  void clientWithoutStoreNeverTriesEarlyData();
  void streamsResetAndClientKilledMidTransfer();
};

void TestQuicPool::secondConnectionUsesZeroRtt() {
  Server server;
  QVERIFY(server.start(0));
  auto store = makeQuicResumeStore();
  prime(server.port(), store, server);
  if (QTest::currentTestFailed()) return;

  Client b(server.port(), store);
  QuicStream *s = b.open();
  QVERIFY(s);
  QuicConnection *c = s->quicConnection();
  QVERIFY(c);
  QCOMPARE(c->earlyData(), QuicConnection::EarlyData::Accepted);
  QVERIFY(c->isResumed());
  QTRY_COMPARE_WITH_TIMEOUT(server.slots.size(), 2, 20000);
  QuicStream *peer = server.slots.last();
  QVERIFY(peer && peer->quicConnection());
  // The stream's opening byte came as early data, and the slot was still only handed out once
  // the handshake was complete.
  QVERIFY(peer->quicConnection()->earlyBytesReceived() >= 1);
  QVERIFY(peer->quicConnection()->isResumed());
  QVERIFY(server.establishedAtReady.last());
  // The exporter (the pool greeting's binding) agrees on both ends of the resumed session.
  const QByteArray label("EXPORTER-routeless-tunnel-pool");
  QVERIFY(!s->tlsExporter(label, 32).isEmpty());
  QCOMPARE(s->tlsExporter(label, 32), peer->tlsExporter(label, 32));
  const QByteArray up = randomBytes(1 << 20);
  QCOMPARE(QCryptographicHash::hash(transfer(s, peer, up), QCryptographicHash::Sha256),
           QCryptographicHash::hash(up, QCryptographicHash::Sha256));
  const QByteArray down = randomBytes(1 << 20);
  QCOMPARE(QCryptographicHash::hash(transfer(peer, s, down), QCryptographicHash::Sha256),
           QCryptographicHash::hash(down, QCryptographicHash::Sha256));
  // Further slots on the same connection are ordinary streams.
  QuicStream *s2 = b.open();
  QVERIFY(s2);
  QTRY_COMPARE_WITH_TIMEOUT(server.slots.size(), 3, 20000);
  QCOMPARE(transfer(s2, server.slots.last(), QByteArray("more")), QByteArray("more"));
  delete s2;
  delete s;
}

void TestQuicPool::ticketOfEarlierServerFallsBackToFullHandshake() {
  auto store = makeQuicResumeStore();
  quint16 port = 0;
  {
    Server first;
    QVERIFY(first.start(0));
    port = first.port();
    prime(port, store, first);
    if (QTest::currentTestFailed()) return;
  }
  // The server restarts on the same port with a new ticket key: the ticket and the early data
  // are refused, the handshake is a full one and the slot works.
  Server second;
  QVERIFY(second.start(port));
  {
    Client b(port, store);
    QuicStream *s = b.open();
    QVERIFY(s);
    QVERIFY(s->quicConnection());
    QCOMPARE(s->quicConnection()->earlyData(), QuicConnection::EarlyData::Rejected);
    QVERIFY(!s->quicConnection()->isResumed());
    QTRY_COMPARE_WITH_TIMEOUT(second.slots.size(), 1, 20000);
    QCOMPARE(second.slots.last()->quicConnection()->earlyBytesReceived(), 0);
    const QByteArray up = randomBytes(300000);
    QCOMPARE(transfer(s, second.slots.last(), up), up);
    const QByteArray down = randomBytes(300000);
    QCOMPARE(transfer(second.slots.last(), s, down), down);
    // The new server's ticket replaced the old one.
    QTRY_VERIFY_WITH_TIMEOUT(
        store->find(net::SocketAddress{QHostAddress::LocalHost, port}) != nullptr, 20000);
    delete s;
  }
  Client c(port, store);
  QuicStream *s = c.open();
  QVERIFY(s);
  QCOMPARE(s->quicConnection()->earlyData(), QuicConnection::EarlyData::Accepted);
  QTRY_COMPARE_WITH_TIMEOUT(second.slots.size(), 2, 20000);
  QCOMPARE(transfer(s, second.slots.last(), QByteArray("after")), QByteArray("after"));
  delete s;
}

void TestQuicPool::replayedZeroRttFlightOpensNothing() {
  Server server;
  QVERIFY(server.start(0));
  Relay relay(server.port());
  auto store = makeQuicResumeStore();
  prime(relay.port(), store, server);
  if (QTest::currentTestFailed()) return;
  QUdpSocket attacker;
  QVERIFY(attacker.bind(QHostAddress::LocalHost, 0));
  auto replay = [&] {
    for (const QByteArray &d : relay.firstFlight)
      attacker.writeDatagram(d, QHostAddress::LocalHost, server.port());
  };
  auto liveConnections = [&] {
    int n = 0;
    for (QuicConnection *c : server.transport->findChildren<QuicConnection *>())
      n += c->isAlive() ? 1 : 0;
    return n;
  };
  int slotsBefore = 0;
  {
    Client b(relay.port(), store);
    QuicStream *s = b.open();
    QVERIFY(s);
    QCOMPARE(s->quicConnection()->earlyData(), QuicConnection::EarlyData::Accepted);
    QTRY_COMPARE_WITH_TIMEOUT(server.slots.size(), 2, 20000);
    QVERIFY(!relay.firstFlight.isEmpty());
    slotsBefore = server.slots.size();
    // The attacker sends the recorded first flight (ClientHello with the ticket, 0-RTT
    // packets) again from its own socket, on the client's IP, while the connection lives: the
    // packets are duplicates of that connection's and open nothing.
    replay();
    QTest::qWait(1000);
    QCOMPARE(server.slots.size(), slotsBefore);
    QCOMPARE(transfer(s, server.slots.last(), QByteArray("live")), QByteArray("live"));
    delete s;
  }
  // Once the connection is gone, the same flight makes a new connection attempt whose early data
  // GnuTLS's anti-replay check refuses (that ClientHello was seen).
  QTRY_COMPARE_WITH_TIMEOUT(liveConnections(), 0, 20000);
  const int refusedBefore = server.transport->refusedReplays();
  replay();
  QTRY_COMPARE_WITH_TIMEOUT(server.transport->refusedReplays(), refusedBefore + 1, 20000);
  // Whatever the server answers goes to the attacker, who cannot finish the handshake: no slot
  // appears (the server's handshake deadline is 5 s; wait past it).
  QTest::qWait(6000);
  QCOMPARE(server.slots.size(), slotsBefore);
}

void TestQuicPool::clientWithoutStoreNeverTriesEarlyData() {
  Server server;
  QVERIFY(server.start(0));
  for (int i = 0; i < 2; ++i) {
    Client a(server.port(), nullptr);
    QuicStream *s = a.open();
    QVERIFY(s);
    QCOMPARE(s->quicConnection()->earlyData(), QuicConnection::EarlyData::NotTried);
    QVERIFY(!s->quicConnection()->isResumed());
    QTRY_COMPARE_WITH_TIMEOUT(server.slots.size(), i + 1, 20000);
    QCOMPARE(server.slots.last()->quicConnection()->earlyBytesReceived(), 0);
    QCOMPARE(transfer(s, server.slots.last(), QByteArray("x")), QByteArray("x"));
    delete s;
  }
}

// The crash seen once after "QUIC stream reset by peer": many short flows, each end resetting
// streams while the other still writes into them, then the client dropped while every
// remaining stream is mid-transfer. Nothing may crash (run under ASan in CI), the server's
// streams must all end in an error or EOF, and the server must still serve a new client.
void TestQuicPool::streamsResetAndClientKilledMidTransfer() {
  Server server;
  QVERIFY(server.start(0));
  const QByteArray chunk = randomBytes(64 * 1024);
  for (int round = 0; round < 3; ++round) {
    auto client = std::make_unique<Client>(server.port(), nullptr);
    QList<QPointer<QuicStream>> mine;
    const int base = server.slots.size();
    for (int i = 0; i < 16; ++i) {
      QuicStream *s = client->open();
      QVERIFY(s);
      mine << s;
    }
    QTRY_COMPARE_WITH_TIMEOUT(server.slots.size(), base + 16, 20000);
    // Both ends write into every stream for a while; then the client resets every fourth, the
    // server every fourth (shifted), each while the other end still writes.
    QElapsedTimer t;
    t.start();
    char buf[65536];
    while (t.elapsed() < 300) {
      for (int i = 0; i < 16; ++i) {
        if (mine[i]) mine[i]->write(chunk.constData(), chunk.size());
        if (QuicStream *p = server.slots[base + i]) p->write(chunk.constData(), chunk.size());
        if (mine[i]) mine[i]->read(buf, sizeof(buf));
        if (QuicStream *p = server.slots[base + i]) p->read(buf, sizeof(buf));
      }
      QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    for (int i = 0; i < 16; i += 4) delete mine[i].data();
    for (int i = 1; i < 16; i += 4) delete server.slots[base + i].data();
    t.restart();
    while (t.elapsed() < 300) {
      for (int i = 0; i < 16; ++i) {
        if (mine[i]) mine[i]->write(chunk.constData(), chunk.size());
        if (QuicStream *p = server.slots[base + i]) p->write(chunk.constData(), chunk.size());
        if (mine[i]) mine[i]->read(buf, sizeof(buf));
      }
      QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    // The client goes away mid-transfer: its transport first (the connection with it), its
    // streams after, as a runtime cycle ending tears things down.
    client.reset();
    // The client's own streams outlive its transport here: they fail rather than hang.
    for (const QPointer<QuicStream> &s : mine) {
      if (!s) continue;
      QTRY_COMPARE_WITH_TIMEOUT(s->read(buf, sizeof(buf)), qint64(net::Stream::Failed), 5000);
      QCOMPARE(s->write("x", 1), qint64(net::Stream::Failed));
    }
    for (const QPointer<QuicStream> &s : mine) delete s.data();
    for (int i = 0; i < 16; ++i) {
      QPointer<QuicStream> p = server.slots[base + i];
      QTRY_VERIFY_WITH_TIMEOUT(!p || p->read(buf, sizeof(buf)) <= 0 || p->isClosed(), 30000);
      if (p) p->write(chunk.constData(), chunk.size());  // writing into a dead stream is refused
    }
  }
  const int n = server.slots.size();
  Client fresh(server.port(), nullptr);
  QuicStream *s = fresh.open();
  QVERIFY(s);
  QTRY_COMPARE_WITH_TIMEOUT(server.slots.size(), n + 1, 20000);
  QCOMPARE(transfer(s, server.slots.last(), QByteArray("still here")), QByteArray("still here"));
  delete s;
}

QTEST_GUILESS_MAIN(TestQuicPool)
#include "tst_quicpool.moc"
