// Pool connection greetings without sockets: NodePass's 4-byte ID, the hardened exchange between
// two ends with the same keys, and every way a stranger or a relay can get it wrong. The
// machines must never ask for a byte past the greeting.
#include <QTest>

#include "nodepass/poolgreeting.h"
#include "nodepass/tunnelauth.h"

using namespace routeless::nodepass;

namespace {

const QByteArray kId = QByteArray::fromHex("61700bb9");

// Runs both sides to the end, feeding each side exactly what it allows.
void exchange(PoolGreeting &server, PoolGreeting &client) {
  QByteArray toClient, toServer;
  for (int i = 0; i < 10; ++i) {
    toClient += server.takeOutput();
    toServer += client.takeOutput();
    bool moved = false;
    for (auto [side, buf] : {std::pair{&server, &toServer}, std::pair{&client, &toClient}}) {
      const qsizetype n = qMin(side->readLimit(), buf->size());
      if (n > 0 && side->state() == ByteExchange::State::Running) {
        side->feed(buf->left(n), false);
        buf->remove(0, n);
        moved = true;
      }
    }
    if (!moved && toClient.isEmpty() && toServer.isEmpty()) break;
  }
}

}  // namespace

class TestPoolGreeting : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void nodePassId() {
    PoolGreeting server(PoolGreeting::Side::Server, kId, {}, {});
    QCOMPARE(server.state(), ByteExchange::State::Done);
    QCOMPARE(server.takeOutput(), kId);
    QCOMPARE(server.readLimit(), 0);
    PoolGreeting client(PoolGreeting::Side::Client, {}, {}, {});
    QVERIFY(client.takeOutput().isEmpty());
    QCOMPARE(client.readLimit(), 4);
    client.feed(kId.left(3), false);
    QCOMPARE(client.readLimit(), 1);
    client.feed(kId.mid(3), false);
    QCOMPARE(client.state(), ByteExchange::State::Done);
    QCOMPARE(client.id(), QStringLiteral("61700bb9"));
    QCOMPARE(client.readLimit(), 0);
  }

  void nodePassIdCutShort() {
    PoolGreeting client(PoolGreeting::Side::Client, {}, {}, {});
    client.feed("ab", true);
    QCOMPARE(client.state(), ByteExchange::State::Failed);
    QCOMPARE(client.error(), QStringLiteral("closed before ID"));
  }

  void hardenedPair_data() {
    QTest::addColumn<QByteArray>("binding");
    QTest::newRow("tls=0, no binding") << QByteArray();
    QTest::newRow("tls exporter") << randomBytes(32);
  }
  void hardenedPair() {
    QFETCH(QByteArray, binding);
    const QByteArray key = randomBytes(32);
    PoolGreeting server(PoolGreeting::Side::Server, kId, key, binding);
    PoolGreeting client(PoolGreeting::Side::Client, {}, key, binding);
    QVERIFY(server.hardened() && client.hardened());
    // Both speak first, at once: the ID with a nonce, and a nonce.
    QCOMPARE(server.readLimit(), kPoolNonceBytes);
    QCOMPARE(client.readLimit(), kPoolIdBytes + kPoolNonceBytes);
    exchange(server, client);
    QCOMPARE(server.state(), ByteExchange::State::Done);
    QCOMPARE(client.state(), ByteExchange::State::Done);
    QCOMPARE(client.id(), QStringLiteral("61700bb9"));
    QCOMPARE(server.readLimit(), 0);
    QCOMPARE(client.readLimit(), 0);
  }

  void strangerWithoutKey() {
    // The pool-injection attacker: same IP as the client, no key.
    PoolGreeting server(PoolGreeting::Side::Server, kId, randomBytes(32), {});
    PoolGreeting stranger(PoolGreeting::Side::Client, {}, randomBytes(32), {});
    exchange(server, stranger);
    QCOMPARE(server.state(), ByteExchange::State::Failed);
    QVERIFY(server.error().contains(QStringLiteral("did not prove the tunnel key")));
    QCOMPARE(stranger.state(), ByteExchange::State::Failed);  // and it cannot tell us apart
  }

  void strangerReplaysAProof() {
    // A proof recorded from another connection (another ID, other nonces) is worthless.
    const QByteArray key = randomBytes(32);
    PoolGreeting server(PoolGreeting::Side::Server, kId, key, {});
    const QByteArray hello = server.takeOutput();
    QCOMPARE(hello.size(), kPoolIdBytes + kPoolNonceBytes);
    server.feed(QByteArray(kPoolNonceBytes, 'n'), false);
    QCOMPARE(server.takeOutput().size(), kProofBytes);
    server.feed(poolClientProof(key, QByteArray::fromHex("0a0b0c0d"), hello.mid(4),
                                QByteArray(kPoolNonceBytes, 'n'), {}),
                false);
    QCOMPARE(server.state(), ByteExchange::State::Failed);
  }

  void relayWithTwoTlsSessions() {
    // A man in the middle terminating TLS has one session with each end: two bindings.
    const QByteArray key = randomBytes(32);
    PoolGreeting server(PoolGreeting::Side::Server, kId, key, randomBytes(32));
    PoolGreeting client(PoolGreeting::Side::Client, {}, key, randomBytes(32));
    exchange(server, client);
    QCOMPARE(server.state(), ByteExchange::State::Failed);
    QCOMPARE(client.state(), ByteExchange::State::Failed);
  }

  void fakeServerForClient() {
    // Someone answering the client's pool dial without the key cannot feed it sessions.
    PoolGreeting fake(PoolGreeting::Side::Server, kId, randomBytes(32), {});
    PoolGreeting client(PoolGreeting::Side::Client, {}, randomBytes(32), {});
    exchange(fake, client);
    QCOMPARE(client.state(), ByteExchange::State::Failed);
    QVERIFY(client.error().contains(QStringLiteral("did not prove")));
  }

  void neverReadsPastTheGreeting() {
    const QByteArray key = randomBytes(32);
    PoolGreeting server(PoolGreeting::Side::Server, kId, key, {});
    PoolGreeting client(PoolGreeting::Side::Client, {}, key, {});
    const QByteArray serverHello = server.takeOutput();
    const QByteArray clientHello = client.takeOutput();
    server.feed(clientHello, false);
    const QByteArray serverProof = server.takeOutput();
    // The server's hello and proof arrive together, followed by session data.
    const QByteArray wire = serverHello + serverProof + "user bytes";
    qsizetype offered = 0;
    while (client.readLimit() > 0) {
      const qsizetype n = client.readLimit();
      client.feed(wire.mid(offered, n), false);
      offered += n;
    }
    QCOMPARE(client.state(), ByteExchange::State::Done);
    QCOMPARE(wire.mid(offered), QByteArray("user bytes"));
  }

  void closedHalfway() {
    PoolGreeting server(PoolGreeting::Side::Server, kId, randomBytes(32), {});
    server.feed(QByteArray(5, 'x'), true);
    QCOMPARE(server.state(), ByteExchange::State::Failed);
    QVERIFY(server.error().contains(QStringLiteral("closed before")));
  }
};

QTEST_GUILESS_MAIN(TestPoolGreeting)
#include "tst_poolgreeting.moc"
