// TLS contexts: tls=1 makes an in-memory P-256 certificate; tls=2 loads PEM files, falls back to
// tls=1 when they are unusable, and reloads them after the reload interval.
#include <openssl/x509.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "nodepass/tlscontext.h"

using namespace routeless::nodepass;

namespace {
bool writeFile(const QString &path, const QByteArray &data) {
  QFile f(path);
  return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}
}  // namespace

class TestTlsContext : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void ramCertificate() {
    TlsServerContext ctx;
    QString err, warn;
    QVERIFY2(ctx.init(1, {}, {}, &err, &warn), qPrintable(err));
    QCOMPARE(ctx.mode(), 1);
    QCOMPARE(ctx.description(), QStringLiteral("RAM cert"));
    QVERIFY(ctx.fingerprint().startsWith(QStringLiteral("sha256:")));
    X509 *cert = SSL_CTX_get0_certificate(ctx.context());
    QVERIFY(cert);
    EVP_PKEY *key = X509_get0_pubkey(cert);
    QCOMPARE(EVP_PKEY_get_base_id(key), EVP_PKEY_EC);
    QCOMPARE(SSL_CTX_get_min_proto_version(ctx.context()), TLS1_3_VERSION);
    TlsServerContext other;
    QVERIFY(other.init(1, {}, {}, &err, &warn));
    QVERIFY(other.fingerprint() != ctx.fingerprint());  // fresh key and serial each start
  }

  void filesAndReload() {
    QTemporaryDir dir;
    const QString crt = dir.filePath(QStringLiteral("c.pem"));
    const QString key = dir.filePath(QStringLiteral("k.pem"));
    QByteArray c1, k1, c2, k2;
    QVERIFY(generateSelfSignedPem(QStringLiteral("first.test"), &c1, &k1));
    QVERIFY(generateSelfSignedPem(QStringLiteral("second.test"), &c2, &k2));
    QVERIFY(writeFile(crt, c1) && writeFile(key, k1));
    TlsServerContext ctx;
    ctx.setReloadIntervalMs(3600 * 1000);  // the test says when a reload is due, not the clock
    QString err, warn;
    QVERIFY2(ctx.init(2, crt, key, &err, &warn), qPrintable(err));
    QCOMPARE(ctx.mode(), 2);
    QVERIFY(warn.isEmpty());
    QCOMPARE(ctx.description(), QStringLiteral("first.test"));
    const QString fp1 = ctx.fingerprint();
    QVERIFY(writeFile(crt, c2) && writeFile(key, k2));
    ctx.context();
    QCOMPARE(ctx.fingerprint(), fp1);  // not yet due
    ctx.setReloadIntervalMs(0);        // due at every use from now on
    ctx.context();
    QCOMPARE(ctx.reloadCount(), 1);
    QCOMPARE(ctx.description(), QStringLiteral("second.test"));
    QVERIFY(ctx.fingerprint() != fp1);
    // A broken file on reload keeps the last good certificate.
    const QString fp2 = ctx.fingerprint();
    QVERIFY(writeFile(crt, "not a certificate"));
    QVERIFY(ctx.context());
    QCOMPARE(ctx.fingerprint(), fp2);
  }

  void unusableFilesFallBack() {
    TlsServerContext ctx;
    QString err, warn;
    QVERIFY(ctx.init(2, QStringLiteral("/nonexistent/c.pem"), QStringLiteral("/nonexistent/k.pem"),
                     &err, &warn));
    QCOMPARE(ctx.mode(), 1);
    QVERIFY(warn.contains(QStringLiteral("/nonexistent/c.pem")));
    QVERIFY(warn.contains(QStringLiteral("falling back to tls=1")));
    TlsServerContext none;
    QVERIFY(none.init(2, {}, {}, &err, &warn));
    QVERIFY(warn.contains(QStringLiteral("needs both crt= and key=")));
  }
};

QTEST_GUILESS_MAIN(TestTlsContext)
#include "tst_tlscontext.moc"
