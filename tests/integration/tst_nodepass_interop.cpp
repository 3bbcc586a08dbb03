// NodePass v1.14.0 interop over one pool transport, named by ROUTELESS_INTEROP_TYPE (NodePass's
// `type`: 0 TCP, 1 QUIC, 2 WebSocket, 3 HTTP/2); tests/CMakeLists.txt runs this one program
// once per transport (tst_nodepass_interop_{tcp,quic,ws,h2}). The matrix is in nodepass_interop.h.
#include "nodepass_interop.h"

using namespace nptest;

namespace {
int transportFromEnvironment() {
  bool ok = false;
  const int type = qEnvironmentVariableIntValue("ROUTELESS_INTEROP_TYPE", &ok);
  return ok && type >= 0 && type <= 3 ? type : 0;
}
}  // namespace

class TestNodePassInterop : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    qInfo("pool transport type=%d", transport_);
    QVERIFY(kit_.makeCertificate());
  }

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
    // QTest cuts a long message: the logs go out a line at a time, the verdict with the first.
    for (const QString &line : failure.split(QLatin1Char('\n'))) qInfo().noquote() << line;
    QVERIFY2(failure.isEmpty(), qPrintable(failure.section(QLatin1Char('\n'), 0, 0)));
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

  // A PROXY v2 header reaches the target through this transport's pool (Routeless ends).
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
  const int transport_ = transportFromEnvironment();
  InteropKit kit_{transport_};
};

QTEST_GUILESS_MAIN(TestNodePassInterop)
#include "tst_nodepass_interop.moc"
