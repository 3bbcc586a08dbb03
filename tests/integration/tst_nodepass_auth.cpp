// The tunnel attacks of issue 10, as tests. Between two Routeless ends (hardened mode) a
// replayed handshake, a relayed handshake with a TLS man in the middle, pool connections
// injected from the client's IP and a replayed control line all fail. With a NodePass v1.14.0
// peer (compatibility mode) the same attacks still work, as NodePass allows; those tests assert
// it, so they document the weakness. Plus interop with the real NodePass binary in both roles
// with tls 0 and 1, and auth=strict refusing it with a clear message.
#include <csignal>

#include "nodepass/protocol.h"
#include "nodepass/tunnelauth.h"
#include "tst_nodepass_attacker.h"

using namespace nptest;
using routeless::nodepass::randomBytes;

namespace {

const QStringList kFast{QStringLiteral("NP_SERVICE_COOLDOWN=300ms"),
                        QStringLiteral("NP_REPORT_INTERVAL=1s")};
const QByteArray kToken = routeless::nodepass::tunnelToken("k3y");
const QString kHardened = QStringLiteral("authenticated in hardened mode");
const QString kCompat = QStringLiteral("runs in NodePass compatibility mode");

QString serverUrl(quint16 tunnel, quint16 users, int tls, const QString &extra = {}) {
  return QStringLiteral("server://k3y@127.0.0.1:%1/127.0.0.1:%2?mode=1&tls=%3%4")
      .arg(tunnel)
      .arg(users)
      .arg(tls)
      .arg(extra);
}

QString clientUrl(quint16 tunnel, quint16 target, const QString &extra = {}) {
  return QStringLiteral("client://k3y@127.0.0.1:%1/127.0.0.1:%2?mode=2&min=4%3")
      .arg(tunnel)
      .arg(target)
      .arg(extra);
}

// What most of these tests start with: an echo target behind the tunnel, free tunnel and user
// ports, and a server end (ours, or NodePass's with End = NodePass) that takes handshakes once
// ready() said so. Its members are public so that a test binds them by name.
template <typename End = Node>
class ServerFixture {
 public:
  explicit ServerFixture(int tls, const QString &extra = {})
      : server(serverUrl(tunnel, users, tls, extra), kFast) {}
  ServerFixture(const QString &nodePass, int tls)
      : server(nodePass, serverUrl(tunnel, users, tls), kFast) {}
  bool ready() { return server.waitFor(QStringLiteral("Pending tunnel handshake")); }

  Server echo{echoHandler};
  const quint16 tunnel = freePort();
  const quint16 users = freePort();
  End server;
};

bool echoWithin(quint16 port, const QByteArray &payload, int ms) {
  QDeadlineTimer deadline(ms);
  while (!deadline.hasExpired()) {
    if (echoOnce(port, payload)) return true;
    QTest::qWait(100);
  }
  return false;
}

// One HTTP response (head and Content-Length body) from a blocking socket.
QByteArray readResponse(int fd) {
  QByteArray head = recvUntil(fd, "\r\n\r\n");
  const auto m =
      QRegularExpression(QStringLiteral("Content-Length: (\\d+)")).match(QString::fromLatin1(head));
  return head + (m.hasMatch() ? recvN(fd, m.captured(1).toLongLong()) : QByteArray());
}

// The hardened exchange a client sent on its handshake connection: hello and proof requests.
QPair<QByteArray, QByteArray> splitRequests(const QByteArray &recorded) {
  const qsizetype second = recorded.indexOf("GET / HTTP/1.1", 1);
  return {recorded.left(second), second > 0 ? recorded.mid(second) : QByteArray()};
}

// A pool connection opened by someone else from the client's IP; TLS when asked.
class Intruder {
 public:
  Intruder(quint16 port, bool tls) : fd_(dial(port)) {
    setTimeout(fd_, 3000);
    if (tls && fd_ >= 0) tls_ = std::make_unique<TlsClient>(fd_);
  }
  ~Intruder() {
    tls_.reset();
    if (fd_ >= 0) ::close(fd_);
  }
  bool ok() const { return fd_ >= 0 && (!tls_ || tls_->ok()); }
  QByteArray recv(qint64 n) { return tls_ ? tls_->recv(n) : recvN(fd_, n); }
  bool send(const QByteArray &b) { return tls_ ? tls_->send(b) : sendAll(fd_, b); }
  QByteArray recvLine(int max = 4096) {
    QByteArray line;
    while (line.size() < max && !line.endsWith('\n')) {
      const QByteArray c = recv(1);
      if (c.isEmpty()) break;
      line += c;
    }
    return line;
  }
  void setTimeoutMs(int ms) { setTimeout(fd_, ms); }

 private:
  int fd_;
  std::unique_ptr<TlsClient> tls_;
};

// Both logs in full when `ok` is false (QVERIFY2 cuts its message short).
template <typename A, typename B>
bool dumpUnless(bool ok, A &a, B &b) {
  if (!ok) qInfo().noquote() << a.log() << "\n----- peer -----\n" << b.log();
  return ok;
}

QString needNodePass() {
  const QString np = nodePassBinary();
  if (np.isEmpty())
    qInfo("NodePass v1.14.0 binary not found (set ROUTELESS_PEER_NODEPASS; CI has it)");
  return np;
}

}  // namespace

class TestNodePassAuth : public QObject {
  Q_OBJECT
  static void tls_data() {
    QTest::addColumn<int>("tls");
    QTest::newRow("tls=0") << 0;
    QTest::newRow("tls=1") << 1;
  }

 private Q_SLOTS:
  // The relay and the attackers write through OpenSSL's socket BIO (plain write()), and a peer
  // that hangs up on them is what most of these attacks expect: EPIPE, not a fatal SIGPIPE.
  void initTestCase() { ::signal(SIGPIPE, SIG_IGN); }

  // Two Routeless ends negotiate the hardened mode; the static token never crosses the wire.
  void hardenedLink_data() { tls_data(); }
  void hardenedLink() {
    QFETCH(int, tls);
    ServerFixture<> f(tls);
    QVERIFY(f.ready());
    auto &[echo, tunnel, users, server] = f;
    WireRelay wire(tunnel);
    Node client(clientUrl(wire.port(), echo.port()), kFast);
    QVERIFY(dumpUnless(echoWithin(users, "through the hardened tunnel", 15000), server, client));
    QVERIFY(server.log().contains(kHardened));
    QVERIFY(client.log().contains(kHardened));
    QVERIFY(!server.log().contains(kCompat) && !client.log().contains(kCompat));
    const QByteArray handshake = wire.recorded(0);
    QVERIFY2(handshake.contains("\r\nRouteless-Tunnel: v=1; hello="), handshake.constData());
    QVERIFY(handshake.contains("\r\nRouteless-Tunnel: v=1; proof="));
    QVERIFY(!handshake.contains("Authorization"));
    QVERIFY(!wire.everythingSeen().contains(kToken));
  }

  void strictBetweenRoutelessEnds() {
    ServerFixture<> f(1, QStringLiteral("&auth=strict"));
    QVERIFY(f.ready());
    auto &[echo, tunnel, users, server] = f;
    Node client(clientUrl(tunnel, echo.port(), QStringLiteral("&auth=strict")), kFast);
    QVERIFY(dumpUnless(echoWithin(users, "strict both ends", 15000), server, client));
    QVERIFY(server.log().contains(QStringLiteral("auth=strict")));  // the start-up line
  }

  // Attack 1: record a Routeless client's handshake on the wire, replay it to the server.
  void replayedHandshakeFails_data() { tls_data(); }
  void replayedHandshakeFails() {
    QFETCH(int, tls);
    ServerFixture<> f(tls);
    QVERIFY(f.ready());
    auto &[echo, tunnel, users, server] = f;
    {
      WireRelay wire(tunnel);
      Node client(clientUrl(wire.port(), echo.port()), kFast);
      QVERIFY(dumpUnless(echoWithin(users, "before the replay", 15000), server, client));
      recorded_ = wire.recorded(0);
    }
    // The client is gone: the server is back to waiting for a handshake.
    QVERIFY(server.waitFor(QStringLiteral("Server restart: ")));
    QTRY_COMPARE_WITH_TIMEOUT(server.count(QStringLiteral("Pending tunnel handshake")), 2, 5000);
    const auto [hello, proof] = splitRequests(recorded_);
    QVERIFY(!hello.isEmpty() && !proof.isEmpty());
    const int fd = dial(tunnel);
    QVERIFY(fd >= 0);
    QVERIFY(sendAll(fd, hello));
    const QByteArray challenge = readResponse(fd);
    QVERIFY2(challenge.startsWith("HTTP/1.1 401 Unauthorized\r\n"), challenge.constData());
    QVERIFY(challenge.contains("Routeless-Tunnel: v=1; challenge="));
    QVERIFY(sendAll(fd, proof));
    const QByteArray answer = readResponse(fd);
    ::close(fd);
    QVERIFY2(answer.startsWith("HTTP/1.1 401 Unauthorized\r\n"), answer.constData());
    QVERIFY(!answer.contains("\"flow\""));
    QVERIFY(server.waitFor(
        QStringLiteral("Tunnel handshake from 127\\.0\\.0\\.1:\\d+ rejected: unauthorized \\(wrong "
                       "key\\): the hardened proof does not match")));
    // Stripping the Routeless header to take NodePass's path: the recording holds no token.
    QString stripped = QString::fromLatin1(hello);
    stripped.remove(QRegularExpression(QStringLiteral("Routeless-Tunnel: [^\r]*\r\n")));
    const int fd2 = dial(tunnel);
    QVERIFY(sendAll(fd2, stripped.toLatin1()));
    QVERIFY(readResponse(fd2).startsWith("HTTP/1.1 401"));
    ::close(fd2);
    // Nothing was handed out: no second tunnel config, and a pool connection gets no ID.
    Intruder intruder(tunnel, false);
    intruder.setTimeoutMs(1000);
    QCOMPARE(intruder.recv(4), QByteArray());
    QCOMPARE(server.count(QStringLiteral("Sending tunnel config")), 1);
  }

  // The same replay against our server when its client is NodePass: compatibility mode answers
  // it, the replayer gets the control channel and the key out of the XOR-ed control lines.
  void replayedHandshakeWorksInCompatibilityMode_data() { tls_data(); }
  void replayedHandshakeWorksInCompatibilityMode() {
    QFETCH(int, tls);
    const QString np = needNodePass();
    if (np.isEmpty()) QSKIP("NodePass v1.14.0 binary not found");
    ServerFixture<> f(tls);
    QVERIFY(f.ready());
    auto &[echo, tunnel, users, server] = f;
    {
      WireRelay wire(tunnel);
      NodePass client(np, clientUrl(wire.port(), echo.port()), kFast);
      QVERIFY(dumpUnless(echoWithin(users, "NodePass client", 20000), server, client));
      recorded_ = wire.recorded(0);
    }
    QVERIFY(recorded_.contains("Authorization: Bearer " + kToken));  // in clear, even with tls=1
    QVERIFY(server.waitFor(QStringLiteral("Server restart: ")));
    QTRY_COMPARE_WITH_TIMEOUT(server.count(QStringLiteral("Pending tunnel handshake")), 2, 5000);
    const int fd = dial(tunnel);
    QVERIFY(sendAll(fd, recorded_));
    const QByteArray answer = readResponse(fd);
    ::close(fd);
    QVERIFY2(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer.constData());
    QVERIFY(answer.contains("{\"flow\":\"-\""));
    // The replayer's first pool connection is the control channel...
    Intruder control(tunnel, tls == 1);
    QVERIFY(control.ok());
    QCOMPARE(control.recv(4), QByteArray(4, '\0'));
    // ...and one line with a known plaintext gives the key back.
    QByteArray key;
    for (int i = 0; i < 10 && key.isEmpty(); ++i) {
      const QByteArray line = control.recvLine();
      if (line.isEmpty()) break;
      const QByteArray guess = keyFromKnownPlaintext(line, R"({"action":"ping"})");
      QString err;
      const auto sig = routeless::nodepass::decodeSignal(line, guess, &err);
      if (sig && sig->action == QLatin1String("ping")) key = guess;
    }
    QCOMPARE(key, QByteArray("k3y"));
    // Logged at warn once per peer, even across the second (replayed) handshake.
    QCOMPARE(server.count(QStringLiteral("WARN.*Tunnel peer 127\\.0\\.0\\.1 %1").arg(kCompat)), 1);
  }

  // Attack 2: someone sharing the client's IP opens pool connections to take user sessions.
  void injectedPoolConnectionsFail_data() { tls_data(); }
  void injectedPoolConnectionsFail() {
    QFETCH(int, tls);
    ServerFixture<> f(tls);
    QVERIFY(f.ready());
    auto &[echo, tunnel, users, server] = f;
    Node client(clientUrl(tunnel, echo.port()), kFast);
    QVERIFY(dumpUnless(echoWithin(users, "warm up", 15000), server, client));
    constexpr int kIntruders = 20;
    std::vector<std::unique_ptr<Intruder>> intruders;
    for (int i = 0; i < kIntruders; ++i) {
      auto in = std::make_unique<Intruder>(tunnel, tls == 1);
      QVERIFY(in->ok());
      // It sends a sequence number and a proof it cannot compute.
      QVERIFY(in->send(randomBytes(8) + randomBytes(32)));
      intruders.push_back(std::move(in));
    }
    for (int i = 0; i < 40; ++i)
      QVERIFY(dumpUnless(echoOnce(users, "user session " + QByteArray::number(i)), server, client));
    int closed = 0;
    for (auto &in : intruders) {
      in->setTimeoutMs(2000);
      const QByteArray got = in->recv(4096);
      QVERIFY2(!got.contains("user session"), got.constData());
      QCOMPARE(got, QByteArray());  // not even an ID: the door just closes
      ++closed;
    }
    QCOMPARE(closed, kIntruders);
    QVERIFY(
        server.waitFor(QStringLiteral("Pool connection 127\\.0\\.0\\.1:\\d+ refused: the peer did "
                                      "not prove the tunnel key")));
  }

  // A pool greeting recorded on a tls=0 wire and sent again from the client's IP.
  void replayedPoolGreetingFails() {
    ServerFixture<> f(0);
    QVERIFY(f.ready());
    auto &[echo, tunnel, users, server] = f;
    WireRelay wire(tunnel);
    Node client(clientUrl(wire.port(), echo.port()), kFast);
    QVERIFY(dumpUnless(echoWithin(users, "warm up", 15000), server, client));
    // The relay records on its own thread: wait for the control connection to be known and the
    // greeting's 40 bytes to be in.
    QTRY_VERIFY_WITH_TIMEOUT(wire.controlConnection() >= 0, 5000);
    const int pool = wire.controlConnection() == 1 ? 2 : 1;
    QTRY_VERIFY_WITH_TIMEOUT(wire.recorded(pool).size() >= 40, 5000);
    const QByteArray recorded = wire.recorded(pool).left(40);
    QCOMPARE(recorded.size(), 40);
    Intruder replayer(tunnel, false);
    QVERIFY(replayer.send(recorded));
    QCOMPARE(replayer.recv(36), QByteArray());
    QVERIFY(
        server.waitFor(QStringLiteral("Pool connection 127\\.0\\.0\\.1:\\d+ refused: a pool "
                                      "greeting seen before \\(replayed\\)")));
    QVERIFY(echoOnce(users, "still fine"));
  }

  // The same intruder against our server whose client is NodePass: compatibility mode hands
  // it user sessions (it even answers them, so the users do not notice).
  void injectedPoolConnectionsWorkInCompatibilityMode_data() { tls_data(); }
  void injectedPoolConnectionsWorkInCompatibilityMode() {
    QFETCH(int, tls);
    const QString np = needNodePass();
    if (np.isEmpty()) QSKIP("NodePass v1.14.0 binary not found");
    ServerFixture<> f(tls);
    QVERIFY(f.ready());
    auto &[echo, tunnel, users, server] = f;
    NodePass client(np,
                    QStringLiteral("client://k3y@127.0.0.1:%1/127.0.0.1:%2?mode=2&min=2")
                        .arg(tunnel)
                        .arg(echo.port()),
                    kFast);
    QVERIFY(dumpUnless(echoWithin(users, "warm up", 20000), server, client));
    std::atomic<int> stolen{0};
    std::vector<std::thread> intruders;
    for (int i = 0; i < 20; ++i) {
      // (A lambda captures the fixture, not a structured binding: clang 14 cannot.)
      intruders.emplace_back([&f, &stolen, tls] {
        Intruder in(f.tunnel, tls == 1);
        in.setTimeoutMs(8000);
        if (in.recv(4).size() != 4) return;
        const QByteArray session = in.recv(14);
        if (session.startsWith("user session")) {
          ++stolen;
          in.send(session);
        }
      });
    }
    QTest::qWait(1000);
    for (int i = 0; i < 40; ++i)
      (void)echoOnce(users, "user session " + QByteArray::number(i % 10));
    for (auto &t : intruders) t.join();
    QVERIFY2(stolen.load() > 0, "compatibility mode should hand sessions to an intruder");
  }

  // Attack 3: a relay passes the handshake through and terminates TLS on every pool connection.
  void tlsManInTheMiddleFails() {
    ServerFixture<> f(1);
    QVERIFY(f.ready());
    auto &[echo, tunnel, users, server] = f;
    WireRelay mitm(tunnel, 1);
    Node client(clientUrl(mitm.port(), echo.port()), kFast);
    // The relayed handshake itself goes through (the relay only forwards it)...
    QVERIFY(server.waitFor(kHardened));
    // ...but no pool connection through the relay proves anything, on either side.
    QVERIFY(server.waitFor(
        QStringLiteral("Pool connection 127\\.0\\.0\\.1:\\d+ refused: the peer did not prove")));
    // (The server refuses first and hangs up; the client sees its greeting cut short.)
    QVERIFY2(client.waitFor(QStringLiteral("Pool connection 127\\.0\\.0\\.1:\\d+ refused: closed "
                                           "before the pool greeting was complete")),
             qPrintable(client.log()));
    QVERIFY(!echoOnce(users, "secret user bytes"));
    QTest::qWait(500);
    QVERIFY(!server.log().contains(QStringLiteral("Marking tunnel handshake as complete")));
    QVERIFY(!client.log().contains(QStringLiteral("Marking tunnel handshake as complete")));
    QVERIFY(!mitm.everythingSeen().contains("secret user bytes"));
  }

  // Attack 4: a relay on a tls=0 link replays a control line it saw.
  void replayedControlLineFails() {
    ServerFixture<> f(0);
    QVERIFY(f.ready());
    auto &[echo, tunnel, users, server] = f;
    WireRelay wire(tunnel);
    Node client(clientUrl(wire.port(), echo.port()), kFast);
    QVERIFY(dumpUnless(echoWithin(users, "before", 15000), server, client));
    const int control = wire.controlConnection();
    QVERIFY(control >= 0);
    // After the greeting (ID and proof: 36 bytes), sealed lines.
    QByteArray line;
    QTRY_VERIFY_WITH_TIMEOUT((line = wire.downstream(control).mid(36)).contains('\n'), 5000);
    line = line.left(line.indexOf('\n') + 1);
    QVERIFY(!line.contains("action"));  // sealed, not readable
    wire.injectDownstream(control, line);
    QVERIFY2(client.waitFor(QStringLiteral("Client error: control channel: sealed control line "
                                           "refused: sequence number 0 where \\d+ was due")),
             qPrintable(client.log()));
  }

  // Compatibility mode: the same replayed line is taken for a fresh one.
  void replayedControlLineWorksInCompatibilityMode() {
    const QString np = needNodePass();
    if (np.isEmpty()) QSKIP("NodePass v1.14.0 binary not found");
    ServerFixture<NodePass> f(np, 0);
    QVERIFY(f.ready());
    auto &[echo, tunnel, users, server] = f;
    WireRelay wire(tunnel);
    Node client(clientUrl(wire.port(), echo.port()), kFast);
    QVERIFY2(echoWithin(users, "before", 20000), qPrintable(client.log()));
    const int control = wire.controlConnection();
    QVERIFY(control >= 0);
    QByteArray line;
    QTRY_VERIFY_WITH_TIMEOUT((line = wire.downstream(control).mid(4)).contains('\n'), 5000);
    line = line.left(line.indexOf('\n') + 1);
    QVERIFY(routeless::nodepass::decodeSignal(line, "k3y", nullptr));  // XOR-ed, not sealed
    // (Errors before this point are NodePass's own handshake race; see nodePassServerInterop.)
    const int errorsBefore = client.count(QStringLiteral("Client error"));
    wire.injectDownstream(control, line);
    wire.injectDownstream(control, line);
    QTest::qWait(1500);
    // Taken as fresh lines: no error, nothing even ignored.
    QVERIFY(
        dumpUnless(client.count(QStringLiteral("Client error")) == errorsBefore, client, server));
    QVERIFY(!client.log().contains(QStringLiteral("Control signal ignored")));
    QVERIFY(echoOnce(users, "after"));
  }

  // Interop: our server, NodePass's client.
  void nodePassClientInterop_data() { tls_data(); }
  void nodePassClientInterop() {
    QFETCH(int, tls);
    const QString np = needNodePass();
    if (np.isEmpty()) QSKIP("NodePass v1.14.0 binary not found");
    ServerFixture<> f(tls);
    QVERIFY(f.ready());
    auto &[echo, tunnel, users, server] = f;
    for (int round = 0; round < 2; ++round) {
      // The same peer again once the server noticed the first one left.
      QTRY_COMPARE_WITH_TIMEOUT(server.count(QStringLiteral("Pending tunnel handshake")), round + 1,
                                10000);
      NodePass client(np, clientUrl(tunnel, echo.port()), kFast);
      QVERIFY(
          dumpUnless(echoWithin(users, "NodePass client round " + QByteArray::number(round), 20000),
                     server, client));
      QVERIFY(client.log().contains(QStringLiteral("Loading tunnel config: FLOW=-")));
      QVERIFY2(!client.log().contains(QStringLiteral("ERROR")), qPrintable(client.log()));
      if (round == 0) {
        // NodePass's client ignored the Routeless-Tunnel header our answer carried.
        QVERIFY(server.log().contains(kCompat));
      }
    }
    // Once per peer, although the same peer came back.
    QCOMPARE(server.count(QStringLiteral("WARN.*Tunnel peer 127\\.0\\.0\\.1 %1").arg(kCompat)), 1);
    QVERIFY(!server.log().contains(kHardened));
  }

  // Interop: NodePass's server, our client.
  void nodePassServerInterop_data() { tls_data(); }
  void nodePassServerInterop() {
    QFETCH(int, tls);
    const QString np = needNodePass();
    if (np.isEmpty()) QSKIP("NodePass v1.14.0 binary not found");
    ServerFixture<NodePass> f(np, tls);
    QVERIFY(f.ready());
    auto &[echo, tunnel, users, server] = f;
    Node client(clientUrl(tunnel, echo.port()), kFast);
    QVERIFY(dumpUnless(echoWithin(users, "NodePass server", 20000), server, client));
    // Our hello (unknown header, no token) got NodePass's plain 401, then its own request went
    // through. (NodePass v1.14.0 sometimes closes the handshake connection before its answer
    // is flushed, its own client included; a client then retries until NodePass gives up
    // waiting for the pool after 5 s. So the count of handshakes is not asserted.)
    QVERIFY(server.log().contains(QStringLiteral("Sending tunnel config")));
    QVERIFY(client.log().contains(QStringLiteral("Loading tunnel config: FLOW=-")));
    QCOMPARE(
        client.count(
            QStringLiteral("WARN.*Tunnel peer 127\\.0\\.0\\.1:%1 %2").arg(tunnel).arg(kCompat)),
        1);
  }

  void strictRefusesNodePassClient() {
    const QString np = needNodePass();
    if (np.isEmpty()) QSKIP("NodePass v1.14.0 binary not found");
    const quint16 tunnel = freePort();
    const quint16 users = freePort();
    Node server(serverUrl(tunnel, users, 0, QStringLiteral("&auth=strict")), kFast);
    QVERIFY(server.waitFor(QStringLiteral("Pending tunnel handshake")));
    NodePass client(np, clientUrl(tunnel, freePort()), kFast);
    QVERIFY(server.waitFor(QStringLiteral(
        "WARN.*Tunnel handshake from 127\\.0\\.0\\.1:\\d+ refused: NodePass v1\\.14\\.0 handshake "
        "\\(static bearer token\\) refused: auth=strict accepts only Routeless peers")));
    QVERIFY2(client.waitFor(QStringLiteral("status 403")), qPrintable(client.log()));
    QVERIFY(client.waitFor(QStringLiteral("status 403[\\s\\S]*status 403")));  // it retried
    QCOMPARE(server.count(QStringLiteral("refused: NodePass")), 1);  // warned once per peer
    QVERIFY(!server.log().contains(QStringLiteral("Sending tunnel config")));
  }

  void strictRefusesNodePassServer() {
    const QString np = needNodePass();
    if (np.isEmpty()) QSKIP("NodePass v1.14.0 binary not found");
    const quint16 tunnel = freePort();
    NodePass server(np, serverUrl(tunnel, freePort(), 0), kFast);
    QVERIFY(server.waitFor(QStringLiteral("Pending tunnel handshake")));
    Node client(clientUrl(tunnel, freePort(), QStringLiteral("&auth=strict")), kFast);
    QVERIFY2(
        client.waitFor(
            QStringLiteral(
                "Client error: tunnel handshake: server 127\\.0\\.0\\.1:%1 answered like NodePass "
                "v1\\.14\\.0 \\(no Routeless challenge\\) and auth=strict refuses NodePass peers")
                .arg(tunnel)),
        qPrintable(client.log()));
    QTest::qWait(500);
    // The token never left the client.
    QVERIFY(!server.log().contains(QStringLiteral("Sending tunnel config")));
  }

 private:
  QByteArray recorded_;
};

QTEST_GUILESS_MAIN(TestNodePassAuth)
#include "tst_nodepass_auth.moc"
