// StreamExchange over real sockets (a socketpair, plain and TLS): a hardened pool greeting
// between two net::Streams, the TLS exporter agreeing on both ends, session bytes written right
// behind the greeting still on the stream for the next reader, a relay with two TLS sessions
// refused, a receiver deleting the stream mid-report, and the deadline and hang-up reports; and
// a TLS write after the peer's close_notify and hang-up, which must fail rather than take 0 bytes.
#include <signal.h>
#include <sys/socket.h>

#include <QPointer>
#include <QSignalSpy>
#include <QTest>

#include "net/socketstream.h"
#include "nodepass/poolgreeting.h"
#include "nodepass/streamexchange.h"
#include "nodepass/tlscontext.h"
#include "nodepass/tunnelauth.h"

using namespace routeless;
using namespace routeless::nodepass;

namespace {

struct Result {
  bool finished = false;
  bool ok = false;
  QString error;
};

// Starts `exchange` on `stream` and records its single report.
std::shared_ptr<Result> drive(net::Stream *stream, ByteExchange *exchange, int timeoutMs = 5000) {
  auto result = std::make_shared<Result>();
  auto *x = new StreamExchange(stream, std::unique_ptr<ByteExchange>(exchange), timeoutMs);
  QObject::connect(x, &StreamExchange::finished, [result](bool ok, const QString &error) {
    result->finished = true;
    result->ok = ok;
    result->error = error;
  });
  x->start();
  return result;
}

PoolGreeting *serverGreeting(const QByteArray &key, const QByteArray &binding,
                             PoolReplayWindow *window) {
  return new PoolGreeting([] { return QByteArray::fromHex("0a0b0c0d"); }, key, binding, window);
}

std::pair<net::SocketStream *, net::SocketStream *> streamPair(QObject *parent) {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) != 0) return {};
  return {new net::SocketStream(fds[0], false, parent),
          new net::SocketStream(fds[1], false, parent)};
}

// Brings both ends of a pair to TLS (a is the server); true once both are ready.
bool startTls(net::SocketStream *a, net::SocketStream *b, TlsServerContext &server,
              SSL_CTX *client) {
  QSignalSpy readyA(a, &net::Stream::ready);
  QSignalSpy readyB(b, &net::Stream::ready);
  a->startTls(server.context(), true, {}, false);
  b->startTls(client, false, {}, false);
  return QTest::qWaitFor([&] { return readyA.size() == 1 && readyB.size() == 1; }, 5000);
}

QByteArray readAvailable(net::Stream *s, int waitMs) {
  QByteArray out;
  (void)QTest::qWaitFor(
      [&] {
        char buf[256];
        for (;;) {
          const qint64 n = s->read(buf, sizeof(buf));
          if (n <= 0) break;
          out.append(buf, int(n));
        }
        return !out.isEmpty();
      },
      waitMs);
  return out;
}

}  // namespace

class TestStreamExchange : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    QString err, warning;
    QVERIFY2(serverTls_.init(1, {}, {}, &err, &warning), qPrintable(err));
    clientTls_ = makeClientTlsContext(false);
    QVERIFY(clientTls_);
  }
  void cleanupTestCase() { SSL_CTX_free(clientTls_); }

  void hardenedGreetingOverTls() {
    QObject owner;
    auto [server, client] = streamPair(&owner);
    QVERIFY(server && client);
    QVERIFY(startTls(server, client, serverTls_, clientTls_));
    const QByteArray binding = tlsChannelBinding(*server, true);
    QCOMPARE(binding.size(), 32);
    QCOMPARE(tlsChannelBinding(*client, true), binding);
    const QByteArray key = randomBytes(32);
    PoolReplayWindow window;
    auto s = drive(server, serverGreeting(key, tlsChannelBinding(*server, true), &window));
    auto c = drive(client, new PoolGreeting(quint64(1), key, tlsChannelBinding(*client, true)));
    QTRY_VERIFY_WITH_TIMEOUT(s->finished && c->finished, 5000);
    QVERIFY2(s->ok, qPrintable(s->error));
    QVERIFY2(c->ok, qPrintable(c->error));
    // Session bytes right behind the greeting reach the next reader untouched.
    QCOMPARE(server->write("session data", 12), qint64(12));
    QCOMPARE(readAvailable(client, 3000), QByteArray("session data"));
  }

  void writeAfterThePeersCloseNotifyFails() {
    // The peer sends close_notify and hangs up: our next TLS writes fail (EPIPE), and OpenSSL
    // reports that as a clean shutdown. A write must say Failed, never 0 bytes taken: every
    // writer loops until its bytes are taken (a node's runtime thread once spun there for good).
    ::signal(SIGPIPE, SIG_IGN);  // SSL writes to the fd with write(), as the node ignores it too
    QObject owner;
    // Named pointers, not a structured binding: clang 14 (CI's fuzz/sanitizer compiler) cannot
    // capture a binding in the lambda below.
    const auto pair = streamPair(&owner);
    net::SocketStream *server = pair.first, *client = pair.second;
    QVERIFY(startTls(server, client, serverTls_, clientTls_));
    client->shutdownWrite();  // close_notify
    char buf[256];
    QVERIFY(QTest::qWaitFor([&] { return server->read(buf, sizeof(buf)) == 0; }, 5000));
    delete client;  // hang up
    const QByteArray chunk(16384, 'x');
    qint64 last = 0;
    for (int i = 0; i < 100 && last != net::Stream::Failed; ++i) {
      last = server->write(chunk.constData(), chunk.size());
      QVERIFY2(last != 0, "a write after the peer's close_notify answered 0 bytes");
    }
    QCOMPARE(last, net::Stream::Failed);
    QVERIFY(!server->errorString().isEmpty());
  }

  void sessionBytesRightBehindTheGreeting() {
    // Plain socket, the server's answer and a session's first bytes in one burst: the client's
    // exchange must stop exactly at the greeting's end.
    QObject owner;
    auto [server, client] = streamPair(&owner);
    const QByteArray key = randomBytes(32);
    PoolReplayWindow window;
    PoolGreeting serverSide([] { return QByteArray::fromHex("0a0b0c0d"); }, key, {}, &window);
    auto c = drive(client, new PoolGreeting(quint64(1), key, {}));
    const QByteArray clientHello = readAvailable(server, 3000);
    QCOMPARE(clientHello.size(), 8 + kProofBytes);
    serverSide.feed(clientHello, false);
    QCOMPARE(serverSide.state(), ByteExchange::State::Done);
    const QByteArray burst = serverSide.takeOutput() + "first session bytes";
    QCOMPARE(server->write(burst.constData(), burst.size()), qint64(burst.size()));
    QTRY_VERIFY_WITH_TIMEOUT(c->finished, 5000);
    QVERIFY2(c->ok, qPrintable(c->error));
    QCOMPARE(readAvailable(client, 3000), QByteArray("first session bytes"));
  }

  void relayWithTwoTlsSessions() {
    // client <-TLS-> relay <-TLS-> server: the relay passes greeting bytes both ways, but each
    // end binds its proof to the session it has, so both refuse.
    QObject owner;
    auto [server, relayToServer] = streamPair(&owner);
    auto [relayToClient, client] = streamPair(&owner);
    QVERIFY(startTls(server, relayToServer, serverTls_, clientTls_));
    QVERIFY(startTls(relayToClient, client, serverTls_, clientTls_));
    QVERIFY(tlsChannelBinding(*server, true) != tlsChannelBinding(*client, true));
    auto forward = [](net::Stream *from, net::Stream *to) {
      QObject::connect(from, &net::Stream::readable, to, [from, to] {
        char buf[4096];
        qint64 n;
        while ((n = from->read(buf, sizeof(buf))) > 0) to->write(buf, n);
        if (n == 0) to->close();  // pass the hang-up on
      });
      from->setReadWatch(true);
    };
    forward(relayToServer, relayToClient);
    forward(relayToClient, relayToServer);
    const QByteArray key = randomBytes(32);
    PoolReplayWindow window;
    auto s = drive(server, serverGreeting(key, tlsChannelBinding(*server, true), &window));
    auto c = drive(client, new PoolGreeting(quint64(1), key, tlsChannelBinding(*client, true)));
    QTRY_VERIFY_WITH_TIMEOUT(s->finished, 5000);
    QVERIFY(!s->ok);
    server->close();  // as the runtime does with a refused connection: the client learns it
    QTRY_VERIFY_WITH_TIMEOUT(c->finished, 5000);
    QVERIFY(!c->ok);
    QVERIFY2(s->error.contains(QStringLiteral("did not prove the tunnel key")),
             qPrintable(s->error));
  }

  void receiverDeletesTheStream() {
    // What the runtime does when a finished greeting hands the connection to a waiter that
    // closes it at once (the verify signal): the exchange goes with the stream, mid-report.
    QObject owner;
    auto [server, client] = streamPair(&owner);
    const QByteArray key = randomBytes(32);
    PoolReplayWindow window;
    auto *x = new StreamExchange(
        server, std::unique_ptr<ByteExchange>(serverGreeting(key, {}, &window)), 5000);
    QPointer<net::Stream> watched(server);
    bool reported = false;
    connect(x, &StreamExchange::finished, this, [&reported, server = server](bool ok) {
      reported = ok;
      delete server;
    });
    x->start();
    auto c = drive(client, new PoolGreeting(quint64(1), key, {}));
    QTRY_VERIFY_WITH_TIMEOUT(reported && c->finished, 5000);
    QVERIFY(!watched);
    QTest::qWait(50);  // any deleteLater of a dead exchange would run (and crash) here
  }

  void silentPeerHitsTheDeadline() {
    QObject owner;
    auto [server, client] = streamPair(&owner);
    Q_UNUSED(client);
    PoolReplayWindow window;
    auto s = drive(server, serverGreeting(randomBytes(32), {}, &window), 200);
    QTRY_VERIFY_WITH_TIMEOUT(s->finished, 5000);
    QVERIFY(!s->ok);
    QCOMPARE(s->error, QStringLiteral("no answer within 200 ms"));
  }

  void hangUp() {
    QObject owner;
    auto [server, client] = streamPair(&owner);
    PoolReplayWindow window;
    auto s = drive(server, serverGreeting(randomBytes(32), {}, &window));
    QVERIFY(client->write("half", 4) == 4);
    client->close();
    QTRY_VERIFY_WITH_TIMEOUT(s->finished, 5000);
    QVERIFY(!s->ok);
    QVERIFY2(s->error.contains(QStringLiteral("closed")), qPrintable(s->error));
  }

 private:
  TlsServerContext serverTls_;
  SSL_CTX *clientTls_ = nullptr;
};

QTEST_GUILESS_MAIN(TestStreamExchange)
#include "tst_streamexchange.moc"
