// ListenConflicts: which local hosts would listen together, and the warning the host dialog and
// the Mesh page show, read as an English sentence for two and for many hosts.
#include <QtTest>

#include "listenconflicts.h"

using namespace routeless;
using namespace routeless::desktop;

namespace {

mesh::Manifest localHosts(const QStringList &names) {
  mesh::Manifest m;
  int last = 1;
  for (const QString &name : names) {
    mesh::HostSpec h;
    h.name = name;
    h.vip = QStringLiteral("127.0.42.%1").arg(++last);
    mesh::PortSpec p;
    p.listenPort = quint16(18000 + last);
    p.connectHost = QStringLiteral("127.0.0.1");
    p.connectPort = 80;
    h.ports.append(p);
    m.hosts.append(h);
  }
  return m;
}

}  // namespace

class TestListenConflicts : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void oneHostHasNoConflict() {
    QVERIFY(!findListenConflict(localHosts({QStringLiteral("alpha")})).isConflict());
  }

  void twoHostsReadBoth() {
    const ListenConflict c =
        findListenConflict(localHosts({QStringLiteral("alpha"), QStringLiteral("beta")}));
    QVERIFY(c.isConflict());
    QCOMPARE(c.hosts, (QStringList{QStringLiteral("alpha"), QStringLiteral("beta")}));
    const QString text = c.text();
    QVERIFY2(text.startsWith(QStringLiteral("alpha and beta both run on this machine and would "
                                            "both listen on 127.0.42.2:18002, 127.0.42.3:18003; "
                                            "only one of them can. Let one of them listen")),
             qPrintable(text));
  }

  void manyHostsReadAll() {
    const QStringList names = {QStringLiteral("alpha"), QStringLiteral("beta"),
                               QStringLiteral("gamma"), QStringLiteral("delta"),
                               QStringLiteral("epsilon")};
    const QString text = findListenConflict(localHosts(names)).text();
    QVERIFY2(text.startsWith(QStringLiteral("All 5 hosts, alpha, beta, gamma, delta and epsilon, "
                                            "run on this machine and would all listen on "
                                            "127.0.42.2:18002, 127.0.42.3:18003, "
                                            "127.0.42.4:18004, 2 more; only one of them can.")),
             qPrintable(text));
  }

  void remoteAndSilentHostsStayOut() {
    mesh::Manifest m =
        localHosts({QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma")});
    m.hosts[1].cmd = QStringList{QStringLiteral("ssh"), QStringLiteral("user@far"),
                                 QStringLiteral("routeless-node")};
    m.hosts[2].loopbackDisable = true;
    QVERIFY(!findListenConflict(m).isConflict());
  }
};

QTEST_GUILESS_MAIN(TestListenConflicts)
#include "tst_listenconflicts.moc"
