// The tunnel handshake machines against each other and against recorded or altered bytes:
// hardened success, NodePass compatibility both ways, auth=strict, a wrong key, a replayed
// hello/proof pair, a relay changing the config, a server that forgets its proof.
#include <QRegularExpression>
#include <QTest>

#include "nodepass/handshake.h"

using namespace routeless::nodepass;

namespace {

const HandshakeConfig kConfig{QStringLiteral("-"), 1024, 1, 0};

// Moves bytes between the two machines until neither has anything to say; returns everything
// the client sent (what a recorder on the wire would have).
QByteArray run(HandshakeInitiator &client, HandshakeResponder &server) {
  QByteArray clientBytes;
  for (int i = 0; i < 10; ++i) {
    const QByteArray up = client.takeOutput();
    clientBytes += up;
    if (!up.isEmpty() && server.state() == ByteExchange::State::Running) server.feed(up, false);
    const QByteArray down = server.takeOutput();
    if (!down.isEmpty() && client.state() == ByteExchange::State::Running) client.feed(down, false);
    if (up.isEmpty() && down.isEmpty()) break;
  }
  // The server closes after its last answer (Connection: close).
  if (client.state() == ByteExchange::State::Running) client.feed({}, true);
  return clientBytes;
}

HandshakeResponder responder(const QByteArray &key, AuthPolicy policy = AuthPolicy::Auto) {
  return HandshakeResponder(TunnelKeySchedule(key), tunnelToken(key), policy, kConfig);
}

HandshakeInitiator initiator(HandshakeInitiator::Mode mode, const QByteArray &key) {
  return HandshakeInitiator(mode, TunnelKeySchedule(key), tunnelToken(key), QStringLiteral("none"));
}

}  // namespace

class TestHandshake : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void hardenedBetweenRoutelessEnds() {
    auto server = responder("k3y");
    auto client = initiator(HandshakeInitiator::Mode::Hardened, "k3y");
    const QByteArray sent = run(client, server);
    QCOMPARE(server.outcome(), HandshakeResponder::Outcome::Hardened);
    QCOMPARE(client.outcome(), HandshakeInitiator::Outcome::Hardened);
    QCOMPARE(client.state(), ByteExchange::State::Done);
    QCOMPARE(client.config().flow, QStringLiteral("-"));
    QCOMPARE(client.config().tls, 1);
    QCOMPARE(client.sessionKeys().pool, server.sessionKeys().pool);
    QCOMPARE(client.sessionKeys().clientToServer, server.sessionKeys().clientToServer);
    QVERIFY(client.sessionKeys().pool.size() == 32);
    // The static token never went on the wire.
    QVERIFY(!sent.contains(tunnelToken("k3y")));
    QVERIFY(!sent.contains("Authorization"));
    QCOMPARE(sent.count("GET / HTTP/1.1"), 2);
  }

  void replayedHandshakeFails() {
    // A recorder captured everything a real client sent; a fresh server challenge makes the
    // recorded proof worthless.
    auto server = responder("k3y");
    auto client = initiator(HandshakeInitiator::Mode::Hardened, "k3y");
    const QByteArray recorded = run(client, server);
    QCOMPARE(server.outcome(), HandshakeResponder::Outcome::Hardened);
    auto victim = responder("k3y");
    const qsizetype second = recorded.indexOf("GET / HTTP/1.1", 1);
    victim.feed(recorded.left(second), false);
    const QByteArray challenge = victim.takeOutput();
    QVERIFY(challenge.startsWith("HTTP/1.1 401 Unauthorized\r\n"));
    QVERIFY(challenge.contains("Routeless-Tunnel: v=1; challenge="));
    victim.feed(recorded.mid(second), false);
    QCOMPARE(victim.state(), ByteExchange::State::Failed);
    QCOMPARE(victim.outcome(), HandshakeResponder::Outcome::Rejected);
    QCOMPARE(victim.status(), 401);
    QVERIFY(victim.takeOutput().startsWith("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n"));
    QVERIFY2(victim.error().contains(QStringLiteral("unauthorized (wrong key)")),
             qPrintable(victim.error()));
    // Stripping the header to try NodePass's path gets nowhere either: there is no token.
    auto legacy = responder("k3y");
    QString stripped = QString::fromLatin1(recorded.left(second));
    stripped.remove(QRegularExpression(QStringLiteral("Routeless-Tunnel: [^\\r]*\\r\\n")));
    QVERIFY(!stripped.contains(QStringLiteral("Routeless")));
    legacy.feed(stripped.toLatin1(), false);
    QCOMPARE(legacy.status(), 401);
    QCOMPARE(legacy.outcome(), HandshakeResponder::Outcome::Rejected);
  }

  void wrongKey() {
    auto server = responder("right");
    auto client = initiator(HandshakeInitiator::Mode::Hardened, "wrong");
    run(client, server);
    QCOMPARE(server.status(), 401);
    QCOMPARE(client.state(), ByteExchange::State::Failed);
    QCOMPARE(client.error(),
             QStringLiteral("tunnel handshake rejected by server: unauthorized (wrong key)"));
  }

  void relayChangesConfig() {
    auto server = responder("k3y");
    auto client = initiator(HandshakeInitiator::Mode::Hardened, "k3y");
    server.feed(client.takeOutput(), false);
    client.feed(server.takeOutput(), false);
    server.feed(client.takeOutput(), false);
    QByteArray answer = server.takeOutput();
    // tls 1 -> 0 on the way: the server's proof covers the body.
    answer.replace("\"tls\":\"1\"", "\"tls\":\"0\"");
    client.feed(answer, true);
    QCOMPARE(client.state(), ByteExchange::State::Failed);
    QVERIFY2(client.error().contains(QStringLiteral("proof does not match")),
             qPrintable(client.error()));
  }

  void serverWithoutProof() {
    auto client = initiator(HandshakeInitiator::Mode::Hardened, "k3y");
    (void)client.takeOutput();
    client.feed("HTTP/1.1 401 Unauthorized\r\nRouteless-Tunnel: v=1; challenge=" +
                    toBase64Url(QByteArray(32, 'c')) + "\r\nContent-Length: 0\r\n\r\n",
                false);
    QVERIFY(client.takeOutput().contains("Routeless-Tunnel: v=1; proof="));
    client.feed(
        "HTTP/1.1 200 OK\r\nContent-Length: 45\r\n\r\n"
        "{\"flow\":\"-\",\"max\":1024,\"tls\":\"0\",\"type\":\"0\"}\n",
        true);
    QCOMPARE(client.state(), ByteExchange::State::Failed);
    QVERIFY(client.error().contains(QStringLiteral("without a proof")));
  }

  void nodePassServerDetected() {
    // NodePass answers the token-less hello 401 without a challenge.
    auto client = initiator(HandshakeInitiator::Mode::Hardened, "k3y");
    (void)client.takeOutput();
    client.feed(
        "HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Type: text/plain; "
        "charset=utf-8\r\nX-Content-Type-Options: nosniff\r\nContent-Length: 13\r\n\r\n"
        "Unauthorized\n",
        false);
    QCOMPARE(client.state(), ByteExchange::State::Done);
    QCOMPARE(client.outcome(), HandshakeInitiator::Outcome::LegacyServer);
    QVERIFY(client.takeOutput().isEmpty());  // no token sent on this connection
  }

  void legacyClientAccepted() {
    auto server = responder("k3y");
    auto client = initiator(HandshakeInitiator::Mode::Legacy, "k3y");
    const QByteArray sent = run(client, server);
    QCOMPARE(sent, buildHandshakeRequest(QStringLiteral("none"), tunnelToken("k3y")));
    QCOMPARE(server.outcome(), HandshakeResponder::Outcome::Legacy);
    QCOMPARE(client.outcome(), HandshakeInitiator::Outcome::Legacy);
    // Our server advertises itself; a Routeless client forced into legacy mode notices.
    QVERIFY(client.serverAdvertisedHardened());
  }

  // Length-prefixed datagrams are negotiated on the request that completes the handshake, in
  // both modes; the offer comes after NodePass's headers, and no offer means no framing.
  void datagramFramingNegotiated_data() {
    QTest::addColumn<bool>("hardened");
    QTest::addColumn<bool>("offer");
    QTest::newRow("hardened, offered") << true << true;
    QTest::newRow("hardened, not offered") << true << false;
    QTest::newRow("legacy, offered") << false << true;
    QTest::newRow("legacy, not offered") << false << false;
  }
  void datagramFramingNegotiated() {
    QFETCH(bool, hardened);
    QFETCH(bool, offer);
    auto server = responder("k3y");
    HandshakeInitiator client(
        hardened ? HandshakeInitiator::Mode::Hardened : HandshakeInitiator::Mode::Legacy,
        TunnelKeySchedule("k3y"), tunnelToken("k3y"), QStringLiteral("none"), offer);
    const QByteArray sent = run(client, server);
    QCOMPARE(server.outcome(), hardened ? HandshakeResponder::Outcome::Hardened
                                        : HandshakeResponder::Outcome::Legacy);
    QCOMPARE(server.framedDatagrams(), offer);
    QCOMPARE(client.framedDatagrams(), offer);
    QCOMPARE(sent.contains("\r\nX-Routeless-Datagrams: 1\r\n"), offer);
    if (!hardened && offer)  // NodePass's request stays byte for byte ahead of the offer
      QVERIFY(sent.startsWith(
          buildHandshakeRequest(QStringLiteral("none"), tunnelToken("k3y")).chopped(2)));
  }

  void nodePassServerIgnoresTheOffer() {
    HandshakeInitiator client(HandshakeInitiator::Mode::Legacy, TunnelKeySchedule("k3y"),
                              tunnelToken("k3y"), QStringLiteral("none"), true);
    (void)client.takeOutput();
    const QByteArray body = "{\"flow\":\"-\",\"max\":8,\"tls\":\"0\",\"type\":\"0\"}\n";
    client.feed("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                    QByteArray::number(body.size()) + "\r\n\r\n" + body,
                true);
    QCOMPARE(client.outcome(), HandshakeInitiator::Outcome::Legacy);
    QVERIFY(!client.framedDatagrams());
  }

  void legacyAnswerFromNodePass() {
    auto client = initiator(HandshakeInitiator::Mode::Legacy, "k3y");
    (void)client.takeOutput();
    const QByteArray body = "{\"flow\":\"+\",\"max\":8,\"tls\":\"0\",\"type\":\"0\"}\n";
    client.feed(
        "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/json\r\n"
        "Content-Length: " +
            QByteArray::number(body.size()) + "\r\n\r\n" + body,
        true);
    QCOMPARE(client.outcome(), HandshakeInitiator::Outcome::Legacy);
    QVERIFY(!client.serverAdvertisedHardened());
    QCOMPARE(client.config().flow, QStringLiteral("+"));
    QCOMPARE(client.config().max, 8);
  }

  void strictRefusesNodePassClient() {
    auto server = responder("k3y", AuthPolicy::Strict);
    server.feed(buildHandshakeRequest(QStringLiteral("none"), tunnelToken("k3y")), false);
    QCOMPARE(server.state(), ByteExchange::State::Failed);
    QVERIFY(server.legacyRefused());
    QCOMPARE(server.status(), 403);
    const QByteArray answer = server.takeOutput();
    QVERIFY(answer.startsWith("HTTP/1.1 403 Forbidden\r\n"));
    QVERIFY(answer.contains("auth=strict"));
    QVERIFY(server.error().contains(QStringLiteral("auth=strict")));
    // A Routeless client still gets in.
    auto strict = responder("k3y", AuthPolicy::Strict);
    auto client = initiator(HandshakeInitiator::Mode::Hardened, "k3y");
    run(client, strict);
    QCOMPARE(strict.outcome(), HandshakeResponder::Outcome::Hardened);
  }

  void malformedHello_data() {
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    const QByteArray hello = "Routeless-Tunnel: v=1; hello=" + toBase64Url(QByteArray(32, 'h'));
    const QByteArray get = "GET / HTTP/1.1\r\nHost: none\r\n";
    QTest::newRow("bad header") << get + "Routeless-Tunnel: v=1; hello=x\r\n\r\n" << 400;
    QTest::newRow("version 2") << get + "Routeless-Tunnel: v=2\r\n\r\n" << 400;
    QTest::newRow("no hello") << get + "Routeless-Tunnel: v=1\r\n\r\n" << 400;
    QTest::newRow("repeated") << get + hello + "\r\n" + hello + "\r\n\r\n" << 400;
    QTest::newRow("post") << "POST / HTTP/1.1\r\nHost: none\r\n" + hello + "\r\n\r\n" << 405;
    QTest::newRow("path") << "GET /x HTTP/1.1\r\nHost: none\r\n" + hello + "\r\n\r\n" << 404;
    QTest::newRow("no host") << "GET / HTTP/1.1\r\n" + hello + "\r\n\r\n" << 400;
    QTest::newRow("bare LF") << "GET / HTTP/1.1\nHost: none\n" + hello + "\n\n" << 400;
    QTest::newRow("garbage") << QByteArray("\x16\x03\x01\x02\x00", 5) << 400;
  }
  void malformedHello() {
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    auto server = responder("k3y");
    server.feed(request, false);
    QCOMPARE(server.state(), ByteExchange::State::Failed);
    QCOMPARE(server.status(), status);
    QVERIFY(server.takeOutput().startsWith("HTTP/1.1 " + QByteArray::number(status)));
    QVERIFY(!server.error().isEmpty());
  }

  void proofWithoutHeader() {
    auto server = responder("k3y");
    auto client = initiator(HandshakeInitiator::Mode::Hardened, "k3y");
    server.feed(client.takeOutput(), false);
    (void)server.takeOutput();
    // Second request: the bearer token instead of a proof is not accepted halfway through.
    server.feed(buildHandshakeRequest(QStringLiteral("none"), tunnelToken("k3y")), false);
    QCOMPARE(server.status(), 400);
    QCOMPARE(server.outcome(), HandshakeResponder::Outcome::Rejected);
  }

  void hangUpIsNotARejection() {
    auto server = responder("k3y");
    server.feed("GET / HT", true);
    QCOMPARE(server.state(), ByteExchange::State::Failed);
    QCOMPARE(server.outcome(), HandshakeResponder::Outcome::Pending);
    QVERIFY(server.takeOutput().isEmpty());
  }
};

QTEST_GUILESS_MAIN(TestHandshake)
#include "tst_handshake.moc"
