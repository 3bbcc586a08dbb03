// NodePass v1.14.0 interop over the TCP pool (type=0): see nodepass_interop.h.
#include "nodepass_interop.h"

using namespace nptest;

class TestNodePassInteropTcp : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { QVERIFY(kit_.makeCertificate()); }

  void matrix_data() {
    InteropKit::addColumns();
    kit_.addMatrixRows();
  }
  void matrix() {
    QFETCH(QString, server);
    QFETCH(QString, client);
    QFETCH(QString, flow);
    QFETCH(int, tls);
    if (nodePassBinary().isEmpty())
      QSKIP("NodePass v1.14.0 binary not found (ROUTELESS_PEER_NODEPASS or ../shared/peers)");
    const QString failure = kit_.runRow(server, client, flow, tls);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
  }

  void exactDatagrams_data() {
    QTest::addColumn<QString>("flow");
    QTest::addColumn<int>("tls");
    QTest::newRow("flow-, tls=1") << "-" << 1;
    QTest::newRow("flow+, tls=1") << "+" << 1;
  }
  void exactDatagrams() {
    QFETCH(QString, flow);
    QFETCH(int, tls);
    const QString failure = kit_.exactDatagrams(flow, tls);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
  }

  void proxyV2_data() {
    QTest::addColumn<QString>("flow");
    QTest::newRow("flow-") << "-";
    QTest::newRow("flow+") << "+";
  }
  void proxyV2() {
    QFETCH(QString, flow);
    const QString failure = kit_.proxyV2(flow);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
  }

 private:
  InteropKit kit_{0};
};

QTEST_GUILESS_MAIN(TestNodePassInteropTcp)
#include "tst_nodepass_interop_tcp.moc"
