// Pool connection greetings without sockets: NodePass's 4-byte ID, the hardened round trip
// between two ends with the same keys, every way a stranger, a replayer or a relay can get it
// wrong, and the replay window. The machines must never ask for a byte past the greeting.
#include <QTest>

#include "nodepass/poolgreeting.h"
#include "nodepass/tunnelauth.h"

using namespace routeless::nodepass;

namespace {

const QByteArray kId = QByteArray::fromHex("61700bb9");

PoolGreeting::IdSource fixedId(int *calls = nullptr) {
  return [calls] {
    if (calls) ++*calls;
    return kId;
  };
}

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
    PoolGreeting server(fixedId(), {}, {}, nullptr);
    QCOMPARE(server.state(), ByteExchange::State::Done);
    QCOMPARE(server.takeOutput(), kId);
    QCOMPARE(server.readLimit(), 0);
    PoolGreeting client(quint64(0), {}, {});
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
    PoolGreeting client(quint64(0), {}, {});
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
    PoolReplayWindow window;
    int ids = 0;
    PoolGreeting server(fixedId(&ids), key, binding, &window);
    PoolGreeting client(quint64(1), key, binding);
    QVERIFY(server.hardened() && client.hardened());
    // The server says nothing until the client proved the key; one round trip in all.
    QVERIFY(server.takeOutput().isEmpty());
    QCOMPARE(server.readLimit(), 8 + kProofBytes);
    QCOMPARE(client.readLimit(), kPoolIdBytes + kProofBytes);
    exchange(server, client);
    QCOMPARE(server.state(), ByteExchange::State::Done);
    QCOMPARE(client.state(), ByteExchange::State::Done);
    QCOMPARE(client.id(), QStringLiteral("61700bb9"));
    QCOMPARE(ids, 1);
    QCOMPARE(server.readLimit(), 0);
    QCOMPARE(client.readLimit(), 0);
  }

  void strangerWithoutKey() {
    // The pool-injection attacker: same IP as the client, no key. It gets no ID at all.
    PoolReplayWindow window;
    int ids = 0;
    PoolGreeting server(fixedId(&ids), randomBytes(32), {}, &window);
    PoolGreeting stranger(quint64(1), randomBytes(32), {});
    exchange(server, stranger);
    QCOMPARE(server.state(), ByteExchange::State::Failed);
    QVERIFY(server.error().contains(QStringLiteral("did not prove the tunnel key")));
    QCOMPARE(ids, 0);
    QVERIFY(server.takeOutput().isEmpty());
  }

  void replayedGreeting() {
    // A greeting recorded on the wire (tls=0) and sent again on a new connection.
    const QByteArray key = randomBytes(32);
    PoolReplayWindow window;
    PoolGreeting client(quint64(5), key, {});
    const QByteArray recorded = client.takeOutput();
    PoolGreeting first(fixedId(), key, {}, &window);
    first.feed(recorded, false);
    QCOMPARE(first.state(), ByteExchange::State::Done);
    int ids = 0;
    PoolGreeting again(fixedId(&ids), key, {}, &window);
    again.feed(recorded, false);
    QCOMPARE(again.state(), ByteExchange::State::Failed);
    QVERIFY(again.error().contains(QStringLiteral("replayed")));
    QCOMPARE(ids, 0);
  }

  void relayWithTwoTlsSessions() {
    // A man in the middle terminating TLS has one session with each end: two bindings.
    const QByteArray key = randomBytes(32);
    PoolReplayWindow window;
    PoolGreeting server(fixedId(), key, randomBytes(32), &window);
    PoolGreeting client(quint64(1), key, randomBytes(32));
    exchange(server, client);
    QCOMPARE(server.state(), ByteExchange::State::Failed);
  }

  void fakeServerForClient() {
    // Someone answering the client's pool dial without the key cannot feed it sessions.
    PoolGreeting client(quint64(1), randomBytes(32), {});
    (void)client.takeOutput();
    client.feed(kId + randomBytes(kProofBytes), false);
    QCOMPARE(client.state(), ByteExchange::State::Failed);
    QVERIFY(client.error().contains(QStringLiteral("did not prove")));
    // Nor by replaying a real server's answer to another sequence number.
    const QByteArray key = randomBytes(32);
    PoolGreeting earlier(quint64(1), key, {});
    PoolGreeting later(quint64(2), key, {});
    (void)later.takeOutput();
    later.feed(kId + poolServerProof(key, kId, QByteArray("\0\0\0\0\0\0\0\x01", 8), {}), false);
    QCOMPARE(later.state(), ByteExchange::State::Failed);
  }

  void neverReadsPastTheGreeting() {
    const QByteArray key = randomBytes(32);
    PoolReplayWindow window;
    PoolGreeting server(fixedId(), key, {}, &window);
    PoolGreeting client(quint64(1), key, {});
    server.feed(client.takeOutput(), false);
    // The server's answer arrives followed by session data.
    const QByteArray wire = server.takeOutput() + "user bytes";
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
    PoolReplayWindow window;
    PoolGreeting server(fixedId(), randomBytes(32), {}, &window);
    server.feed(QByteArray(5, 'x'), true);
    QCOMPARE(server.state(), ByteExchange::State::Failed);
    QVERIFY(server.error().contains(QStringLiteral("closed before")));
  }

  void replayWindow() {
    PoolReplayWindow w;
    QVERIFY(w.accept(1));
    QVERIFY(!w.accept(1));
    QVERIFY(w.accept(3));
    QVERIFY(w.accept(2));  // out of order within the window
    QVERIFY(!w.accept(2));
    QVERIFY(w.accept(5000));
    QVERIFY(!w.accept(3));  // too far behind to tell
    QVERIFY(w.accept(5000 - PoolReplayWindow::kWidth + 1));
    QVERIFY(!w.accept(5000 - PoolReplayWindow::kWidth));
    QVERIFY(w.accept(5000 + PoolReplayWindow::kWidth * 3));  // a jump clears the window
    QVERIFY(!w.accept(5000 + PoolReplayWindow::kWidth * 3));
    QVERIFY(w.accept(5000 + PoolReplayWindow::kWidth * 3 - 1));
    // A slot reused after the window moved on stands for the new number.
    PoolReplayWindow v;
    QVERIFY(v.accept(10));
    QVERIFY(v.accept(10 + PoolReplayWindow::kWidth));
    QVERIFY(!v.accept(10));
    QVERIFY(!v.accept(10 + PoolReplayWindow::kWidth));
  }
};

QTEST_GUILESS_MAIN(TestPoolGreeting)
#include "tst_poolgreeting.moc"
