// freeTcpPort/freeUdpPort: many calls in one process never hand out the same port twice (CI once
// gave a NodePass interop row one port for both its tunnel and its target, and the row failed),
// and a port they hand out can be listened on at once.
#include <QSet>
#include <QTest>

#include "net/sockets.h"

using namespace routeless::net;

class TestFreePort : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void tcpPortsAreDistinct() {
    QSet<quint16> seen;
    for (int i = 0; i < 400; ++i) {
      const quint16 port = freeTcpPort();
      QVERIFY(port != 0);
      QVERIFY2(!seen.contains(port), qPrintable(QStringLiteral("port %1 twice").arg(port)));
      seen.insert(port);
    }
  }

  void udpAndTcpDoNotRepeatEachOther() {
    QSet<quint16> seen;
    for (int i = 0; i < 200; ++i) {
      const quint16 port = i % 2 ? freeUdpPort() : freeTcpPort();
      QVERIFY(port != 0);
      QVERIFY(!seen.contains(port));
      seen.insert(port);
    }
  }

  void handedOutPortCanBeListenedOn() {
    const quint16 port = freeTcpPort();
    QString error;
    const int fd = listenTcp(QHostAddress::LocalHost, port, &error);
    QVERIFY2(fd >= 0, qPrintable(error));
    closeFd(fd);
  }
};

QTEST_GUILESS_MAIN(TestFreePort)
#include "tst_freeport.moc"
