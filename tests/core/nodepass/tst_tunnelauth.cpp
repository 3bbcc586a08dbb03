// The hardened mode's key schedule and Routeless-Tunnel header: proofs depend on every input
// and on the key, the header parser takes canonical values only and refuses malformed ones with
// one line, the TLS exporter agrees on both ends of one session.
#include <QTest>

#include "net/virtualstream.h"
#include "nodepass/tunnelauth.h"

using namespace routeless::nodepass;

namespace {

// A stream whose TLS exporter gives a fixed value and records what it was asked for.
class ExporterStream : public routeless::net::VirtualStream {
 public:
  explicit ExporterStream(const QByteArray &value) : value_(value) {}
  QByteArray tlsExporter(const QByteArray &l, int n) const override {
    label = l;
    length = n;
    return value_;
  }
  routeless::net::SocketAddress peer() const override { return {}; }
  routeless::net::SocketAddress local() const override { return {}; }
  mutable QByteArray label;
  mutable int length = 0;

 protected:
  qint64 sendCapacity() const override { return 0; }
  bool sendBytes(const char *, qint64) override { return false; }
  void sendEof() override {}
  void abortStream() override {}

 private:
  QByteArray value_;
};

}  // namespace

class TestTunnelAuth : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void randomBytesDiffer() {
    const QByteArray a = randomBytes(32);
    QCOMPARE(a.size(), 32);
    QVERIFY(a != randomBytes(32));
  }

  void base64Url() {
    const QByteArray bytes = QByteArray::fromHex("fbff00");
    QCOMPARE(toBase64Url(bytes), QByteArray("-_8A"));
    QCOMPARE(*fromBase64Url("-_8A", 3), bytes);
    QVERIFY(!fromBase64Url("-_8A", 4));    // wrong size
    QVERIFY(!fromBase64Url("+/8A", 3));    // standard alphabet refused
    QVERIFY(!fromBase64Url("-_8A==", 3));  // padding refused
    QVERIFY(!fromBase64Url("AB", 1 + 0));  // "AB" is a non-canonical spelling of 0x00
    QVERIFY(fromBase64Url("AA", 1));
    QVERIFY(!fromBase64Url("A A", 1));
  }

  void headerRoundTrip() {
    AuthParams p;
    p.version = 1;
    p.hello = randomBytes(kHandshakeNonceBytes);
    p.challenge = randomBytes(kHandshakeNonceBytes);
    p.proof = randomBytes(kProofBytes);
    QString err;
    const auto back = parseAuthParams(p.toHeaderValue(), &err);
    QVERIFY2(back, qPrintable(err));
    QCOMPARE(back->version, 1);
    QCOMPARE(back->hello, p.hello);
    QCOMPARE(back->challenge, p.challenge);
    QCOMPARE(back->proof, p.proof);
    QVERIFY(p.toHeaderLine().startsWith("Routeless-Tunnel: v=1; hello="));
    QVERIFY(p.toHeaderLine().endsWith("\r\n"));
    // Spacing and unknown parameters of a later version are fine.
    const auto loose =
        parseAuthParams("  v=1 ;future=xyz;hello=" + toBase64Url(p.hello) + " ;", &err);
    QVERIFY2(loose, qPrintable(err));
    QCOMPARE(loose->hello, p.hello);
  }

  void headerInvalid_data() {
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("mentions");
    const QByteArray nonce = toBase64Url(QByteArray(32, 'n'));
    QTest::newRow("empty") << QByteArray() << "no version";
    QTest::newRow("no version") << "hello=" + nonce << "no version";
    QTest::newRow("version text") << QByteArray("v=one") << "not a version";
    QTest::newRow("version long") << QByteArray("v=1234") << "not a version";
    QTest::newRow("repeated") << QByteArray("v=1; v=1") << "v repeated";
    QTest::newRow("no equals") << QByteArray("v=1; hello") << "name=value";
    QTest::newRow("short hello") << QByteArray("v=1; hello=AAAA") << "hello is not 32 bytes";
    QTest::newRow("bad challenge") << QByteArray("v=1; challenge=!!") << "challenge is not";
    QTest::newRow("short proof") << "v=1; proof=" + nonce.left(40) << "proof is not";
    QTest::newRow("too long") << QByteArray("v=1; x=") + QByteArray(600, 'a') << "longer than";
    QTest::newRow("too many") << QByteArray("v=1;a=1;b=1;c=1;d=1;e=1;f=1;g=1;h=1") << "more than 8";
  }
  void headerInvalid() {
    QFETCH(QByteArray, value);
    QFETCH(QString, mentions);
    QString err;
    QVERIFY(!parseAuthParams(value, &err));
    QVERIFY2(err.contains(mentions), qPrintable(err));
    QVERIFY(err.startsWith(QStringLiteral("Routeless-Tunnel header: ")));
    QVERIFY(!err.contains(QLatin1Char('\n')));
  }

  void proofsDependOnEveryInput() {
    const TunnelKeySchedule keys("k3y");
    const QByteArray hello(32, 'h'), challenge(32, 'c');
    const QByteArray proof = keys.clientProof(hello, challenge);
    QCOMPARE(proof.size(), kProofBytes);
    QCOMPARE(keys.clientProof(hello, challenge), proof);  // deterministic
    QVERIFY(TunnelKeySchedule("k3z").clientProof(hello, challenge) != proof);
    QVERIFY(keys.clientProof(QByteArray(32, 'H'), challenge) != proof);
    QVERIFY(keys.clientProof(hello, QByteArray(32, 'C')) != proof);
    // The server's proof is never the client's (no reflection), and covers the body.
    const QByteArray server = keys.serverProof(hello, challenge, "{}");
    QVERIFY(server != proof);
    QVERIFY(keys.serverProof(hello, challenge, "{ }") != server);
    // Session keys: three different keys, fresh for each handshake.
    const SessionKeys s = keys.session(hello, challenge);
    QVERIFY(s.pool != s.clientToServer && s.pool != s.serverToClient &&
            s.clientToServer != s.serverToClient);
    QVERIFY(keys.session(hello, QByteArray(32, 'C')).pool != s.pool);
    QVERIFY(s.pool != proof);
  }

  void poolProofs() {
    const QByteArray key(32, 'p'), id("\x01\x02\x03\x04", 4), seq("\0\0\0\0\0\0\0\x07", 8);
    const QByteArray c = poolClientProof(key, seq, {});
    QCOMPARE(c.size(), kProofBytes);
    QVERIFY(c != poolServerProof(key, id, seq, {}));
    QVERIFY(c != poolClientProof(key, QByteArray("\0\0\0\0\0\0\0\x08", 8), {}));
    QVERIFY(c != poolClientProof(key, seq, QByteArray(32, 'b')));
    QVERIFY(c != poolClientProof(QByteArray(32, 'q'), seq, {}));
    const QByteArray s = poolServerProof(key, id, seq, {});
    QVERIFY(s != poolServerProof(key, QByteArray("\x01\x02\x03\x05", 4), seq, {}));
    // Length prefixes: moving a byte from one field to the next changes the proof.
    QVERIFY(hmacParts(key, {"ab", "c"}) != hmacParts(key, {"a", "bc"}));
    // Plain HMAC-SHA256 underneath: with no parts it is NodePass's token for key k3y.
    QCOMPARE(hmacParts("k3y", {}).toHex(),
             QByteArray("6debfeadd8df80dd8b3762fd569962db0f3bfbbe252972c28341591bf823aa2c"));
  }

  // The binding comes from the stream's exporter (any transport); without TLS it is empty, and
  // a TLS stream that has no exporter value never binds to nothing.
  void bindingFromTheStreamsExporter() {
    ExporterStream withTls(QByteArray(32, 'x'));
    QCOMPARE(tlsChannelBinding(withTls, true), QByteArray(32, 'x'));
    QCOMPARE(withTls.label, QByteArray("EXPORTER-routeless-tunnel-pool"));
    QCOMPARE(withTls.length, 32);
    QVERIFY(tlsChannelBinding(withTls, false).isEmpty());
    ExporterStream noValue({});
    const QByteArray a = tlsChannelBinding(noValue, true);
    QCOMPARE(a.size(), 32);
    QVERIFY(a != tlsChannelBinding(noValue, true));  // random: no proof can match it
  }
};

QTEST_GUILESS_MAIN(TestTunnelAuth)
#include "tst_tunnelauth.moc"
