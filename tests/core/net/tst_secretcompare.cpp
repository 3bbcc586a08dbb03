// net::constantTimeEquals: equal bytes match; any difference (first byte, last byte, length,
// an embedded NUL, empty against non-empty) does not.
#include <QtTest>

#include "net/secretcompare.h"

using routeless::net::constantTimeEquals;

class TestSecretCompare : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void equalAndDifferent() {
    const QByteArray key = "0123456789abcdef0123456789abcdef";
    QVERIFY(constantTimeEquals(key, QByteArray(key)));
    QVERIFY(constantTimeEquals(QByteArrayView(), QByteArrayView("")));
    QByteArray first = key, last = key;
    first[0] = 'x';
    last[last.size() - 1] = 'x';
    QVERIFY(!constantTimeEquals(key, first));
    QVERIFY(!constantTimeEquals(key, last));
    QVERIFY(!constantTimeEquals(key, key.left(31)));
    QVERIFY(!constantTimeEquals(key, key + "0"));
    QVERIFY(!constantTimeEquals(key, QByteArrayView()));
    QVERIFY(!constantTimeEquals(QByteArrayView(), key));
    // Bytes after a NUL count (no C-string comparison).
    QVERIFY(!constantTimeEquals(QByteArray("a\0b", 3), QByteArray("a\0c", 3)));
    QVERIFY(constantTimeEquals(QByteArray("a\0b", 3), QByteArray("a\0b", 3)));
  }
};

QTEST_GUILESS_MAIN(TestSecretCompare)
#include "tst_secretcompare.moc"
