// The agent's HTTP and SOCKS proxies end to end (core/agent/proxy): `routeless-node mesh` (or
// NoRouter 0.6.5's manager, or NoRouter's agent as the proxy host, when the peer binary is
// found; those rows skip and say so otherwise) with a proxy on one host and an HTTP service
// behind a forward on the other, reached with curl by mesh name and by VIP over SOCKS5h,
// SOCKS4a, SOCKS5 with an IP, HTTP plain and CONNECT; a target outside the mesh goes out
// through the host; a non-loopback listen is refused without `allowRemote`; limits hold.
#include <unistd.h>

#include <QStandardPaths>
#include <QtTest>

#include "testnet.h"

using namespace testnet;

class TestMeshProxy : public QObject {
  Q_OBJECT

 private:
  QString m_norouter;
  QTemporaryDir m_dir;
  int m_meshes = 0;

  // Distinct VIPs per process and mesh, so that parallel runs never bind the same addresses.
  QString vip(int n) const { return QStringLiteral("127.79.%1.%2").arg(::getpid() % 250).arg(n); }

  QString writeFile(const QString &name, const QByteArray &text) {
    return testnet::writeFile(m_dir, name, text);
  }

  std::unique_ptr<NodeProcess> startOurs(const QString &manifest, const QString &log) {
    return std::make_unique<NodeProcess>(QStringList{QStringLiteral("mesh"), manifest},
                                         m_dir.filePath(log));
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    if (QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty())
      QSKIP("needs curl (.ci/setup installs it)");
    m_norouter = findNorouter();
  }

  void throughTheProxies_data() {
    QTest::addColumn<QString>("manager");     // ours / theirs
    QTest::addColumn<QString>("proxyAgent");  // the agent serving the proxies
    QTest::addColumn<QString>("serverAgent");
    QTest::newRow("our manager, our agents") << "ours"
                                             << "ours"
                                             << "ours";
    QTest::newRow("their manager, our agents") << "theirs"
                                               << "ours"
                                               << "ours";
    QTest::newRow("our manager, our proxy, their server") << "ours"
                                                          << "ours"
                                                          << "theirs";
    QTest::newRow("our manager, their proxy, our server") << "ours"
                                                          << "theirs"
                                                          << "ours";
  }
  void throughTheProxies() {
    QFETCH(QString, manager);
    QFETCH(QString, proxyAgent);
    QFETCH(QString, serverAgent);
    const bool needsNorouter =
        manager == "theirs" || proxyAgent == "theirs" || serverAgent == "theirs";
    if (needsNorouter && m_norouter.isEmpty())
      QSKIP("NoRouter 0.6.5 not found: set ROUTELESS_PEER_NOROUTER to its binary (CI has it)");
    auto program = [&](const QString &kind) {
      return kind == "ours" ? QStringLiteral(ROUTELESS_AGENT_BIN) : m_norouter;
    };
    const QByteArray body = "served behind hostb\n";
    TcpServer http([&](int fd) { httpHandler(fd, body); });
    const QByteArray outside = "served outside the mesh\n";
    TcpServer direct([&](int fd) { httpHandler(fd, outside); });
    const quint16 httpPort = freePort(), socksPort = freePort();
    const int n = ++m_meshes;
    const QString vipA = vip(2 * n), vipB = vip(2 * n + 1);
    const QByteArray yaml = QStringLiteral(
                                "hostTemplate:\n"
                                "  stateDir: {disable: true}\n"
                                "  loopback: {disable: true}\n"
                                "hosts:\n"
                                "  hosta:\n"
                                "    vip: \"%1\"\n"
                                "    cmd: [\"%3\"]\n"
                                "    http: {listen: \"127.0.0.1:%5\"}\n"
                                "    socks: {listen: \"127.0.0.1:%6\"}\n"
                                "  hostb:\n"
                                "    vip: \"%2\"\n"
                                "    cmd: [\"%4\"]\n"
                                "    ports: [\"8080:127.0.0.1:%7\"]\n")
                                .arg(vipA, vipB, program(proxyAgent), program(serverAgent))
                                .arg(httpPort)
                                .arg(socksPort)
                                .arg(http.port())
                                .toUtf8();
    const QString manifest = writeFile(QStringLiteral("proxy%1.yaml").arg(n), yaml);
    std::unique_ptr<NodeProcess> ours;
    std::unique_ptr<LoggedProcess> theirs;
    std::function<QByteArray()> log;
    if (manager == "ours") {
      ours = startOurs(manifest, QStringLiteral("proxy%1.log").arg(n));
      QVERIFY2(ours->waitReady(vipA) && ours->waitReady(vipB), ours->log());
      log = [&] { return ours->log(); };
    } else {
      theirs = std::make_unique<LoggedProcess>(
          m_norouter, QStringList{manifest}, m_dir.filePath(QStringLiteral("proxy%1.log").arg(n)));
      QVERIFY2(theirs->waitReady(vipA) && theirs->waitReady(vipB), theirs->log());
      log = [&] { return theirs->log(); };
    }
    const QString socks = QStringLiteral("127.0.0.1:%1").arg(socksPort);
    const QString proxy = QStringLiteral("http://127.0.0.1:%1").arg(httpPort);
    const QString byName = QStringLiteral("http://hostb:8080/");
    const QString byVip = QStringLiteral("http://%1:8080/").arg(vipB);
    QByteArray out = curlEventually({"--socks5-hostname", socks, byName}, body);
    QVERIFY2(out == body, out + "\n" + log());
    out = curl({"--socks4a", socks, byName});
    QVERIFY2(out == body, out + "\n" + log());
    out = curl({"--socks5", socks, byVip});
    QVERIFY2(out == body, out + "\n" + log());
    out = curl({"--socks5-hostname", socks, QStringLiteral("http://HostB.:8080/")});  // canonical
    QVERIFY2(out == body, out + "\n" + log());
    out = curlEventually({"--proxy", proxy, byName}, body, 20);
    QVERIFY2(out == body, out + "\n" + log());
    out = curl({"--proxytunnel", "--proxy", proxy, byName});  // CONNECT
    QVERIFY2(out == body, out + "\n" + log());
    // Not interesting: out through the host network, as NoRouter.
    const QString outsideUrl = QStringLiteral("http://127.0.0.1:%1/").arg(direct.port());
    out = curl({"--socks5-hostname", socks, outsideUrl});
    QVERIFY2(out == outside, out + "\n" + log());
    out = curl({"--proxy", proxy, outsideUrl});
    QVERIFY2(out == outside, out + "\n" + log());
    // A mesh port nobody forwards: the proxy says so.
    out = curl({"-i", "--proxy", proxy, QStringLiteral("http://hostb:9/")});
    QVERIFY2(out.startsWith("HTTP/1.1 500"), out + "\n" + log());
    out = curl({"--proxytunnel", "--proxy", proxy, QStringLiteral("http://hostb:9/")});
    QVERIFY2(out.contains("500"), out + "\n" + log());
  }

  // A hostname-glob route through a bastion (NoRouter §3.9): hosta's SOCKS/HTTP proxy asks
  // hostb's built-in DNS over the mesh for a name matching `*.viab.test` (hostb forwards it to
  // its own resolver, a fake one here), learns the address, announces it with routeSuggestion,
  // and dials it in the stack; the manager must apply the suggestion (there is no CIDR route),
  // and hostb, in routing mode, dials the address on its own network. With NoRouter's manager
  // this shows their manager applies a route our agent learned.
  void throughAGlobRoute_data() {
    QTest::addColumn<QString>("manager");
    QTest::newRow("our manager") << "ours";
    QTest::newRow("their manager") << "theirs";
  }
  void throughAGlobRoute() {
    QFETCH(QString, manager);
    if (manager == "theirs" && m_norouter.isEmpty())
      QSKIP("NoRouter 0.6.5 not found: set ROUTELESS_PEER_NOROUTER to its binary (CI has it)");
    const QByteArray body = "served inside hostb's network\n";
    TcpServer http([&](int fd) { httpHandler(fd, body); });
    // hostb's resolver: svc.viab.test is 127.0.0.1 there (and only there: hosta's host
    // resolver has never heard of it).
    const quint16 dnsPort = freePort();
    const QString ready = m_dir.filePath(QStringLiteral("fakedns%1.ready").arg(dnsPort));
    QProcess fake;
    fake.setProcessChannelMode(QProcess::MergedChannels);
    fake.start(QStringLiteral("python3"),
               {QStringLiteral(ROUTELESS_SOURCE_DIR "/tests/integration/fakedns.py"),
                QStringLiteral("127.0.0.1:%1").arg(dnsPort), ready,
                QStringLiteral("svc.viab.test=127.0.0.1")});
    QElapsedTimer t;
    t.start();
    while (!QFile::exists(ready) && fake.state() != QProcess::NotRunning && t.elapsed() < 10000)
      QThread::msleep(50);
    QVERIFY2(QFile::exists(ready), fake.readAll());
    auto stopFake = qScopeGuard([&] {
      fake.kill();
      fake.waitForFinished();
    });
    // Test-only: the agents' upstream resolver (core/agent/README.md).
    qputenv("ROUTELESS_AGENT_TEST_DNS_UPSTREAM",
            QByteArray("127.0.0.1:") + QByteArray::number(dnsPort));
    auto unsetUpstream = qScopeGuard([] { qunsetenv("ROUTELESS_AGENT_TEST_DNS_UPSTREAM"); });
    const quint16 httpPort = freePort(), socksPort = freePort();
    const int n = ++m_meshes;
    const QString vipA = vip(2 * n), vipB = vip(2 * n + 1);
    const QByteArray yaml = QStringLiteral(
                                "hostTemplate:\n"
                                "  stateDir: {disable: true}\n"
                                "  loopback: {disable: true}\n"
                                "hosts:\n"
                                "  hosta:\n"
                                "    vip: \"%1\"\n"
                                "    cmd: [\"%3\"]\n"
                                "    http: {listen: \"127.0.0.1:%4\"}\n"
                                "    socks: {listen: \"127.0.0.1:%5\"}\n"
                                "  hostb:\n"
                                "    vip: \"%2\"\n"
                                "    cmd: [\"%3\"]\n"
                                "routes:\n"
                                "  - via: hostb\n"
                                "    to: [\"*.viab.test\"]\n")
                                .arg(vipA, vipB, QStringLiteral(ROUTELESS_AGENT_BIN))
                                .arg(httpPort)
                                .arg(socksPort)
                                .toUtf8();
    const QString manifest = writeFile(QStringLiteral("glob%1.yaml").arg(n), yaml);
    std::unique_ptr<NodeProcess> ours;
    std::unique_ptr<LoggedProcess> theirs;
    std::function<QByteArray()> log;
    if (manager == "ours") {
      ours = startOurs(manifest, QStringLiteral("glob%1.log").arg(n));
      QVERIFY2(ours->waitReady(vipA) && ours->waitReady(vipB), ours->log());
      log = [&] { return ours->log(); };
    } else {
      theirs = std::make_unique<LoggedProcess>(m_norouter, QStringList{manifest},
                                               m_dir.filePath(QStringLiteral("glob%1.log").arg(n)));
      QVERIFY2(theirs->waitReady(vipA) && theirs->waitReady(vipB), theirs->log());
      log = [&] { return theirs->log(); };
    }
    const QString url = QStringLiteral("http://svc.viab.test:%1/").arg(http.port());
    const QString socks = QStringLiteral("127.0.0.1:%1").arg(socksPort);
    QByteArray out = curlEventually({"--socks5-hostname", socks, url}, body);
    QVERIFY2(out == body, out + "\n" + log());
    out = curl({"--socks4a", socks, url});
    QVERIFY2(out == body, out + "\n" + log());
    out = curl({"--proxy", QStringLiteral("http://127.0.0.1:%1").arg(httpPort), url});
    QVERIFY2(out == body, out + "\n" + log());
    // A name the bastion's resolver does not know fails through the proxy; it is never tried
    // on hosta's own network.
    out = curl({"-i", "--proxy", QStringLiteral("http://127.0.0.1:%1").arg(httpPort),
                QStringLiteral("http://nowhere.viab.test:%1/").arg(http.port())});
    QVERIFY2(out.startsWith("HTTP/1.1 500"), out + "\n" + log());
  }

  void nonLoopbackListenRefused() {
    const int n = ++m_meshes;
    const QString vipA = vip(2 * n), vipB = vip(2 * n + 1);
    const quint16 socksPort = freePort(), httpPort = freePort();
    const QByteArray yaml = QStringLiteral(
                                "hostTemplate:\n"
                                "  stateDir: {disable: true}\n"
                                "  loopback: {disable: true}\n"
                                "hosts:\n"
                                "  hosta:\n"
                                "    vip: \"%1\"\n"
                                "    socks: {listen: \"0.0.0.0:%3\"}\n"
                                "  hostb:\n"
                                "    vip: \"%2\"\n"
                                "    http: {listen: \"0.0.0.0:%4\", allowRemote: true}\n")
                                .arg(vipA, vipB)
                                .arg(socksPort)
                                .arg(httpPort)
                                .toUtf8();
    auto mesh = startOurs(writeFile(QStringLiteral("remote%1.yaml").arg(n), yaml),
                          QStringLiteral("remote%1.log").arg(n));
    QVERIFY2(mesh->waitForLog(QStringLiteral("socks.listen 0.0.0.0:%1 is not a loopback address: "
                                             "refused")
                                  .arg(socksPort),
                              30000)
                 .hasMatch(),
             mesh->log());
    // The refused agent never becomes Ready and nothing listens: nobody, from anywhere, can use it.
    QVERIFY2(mesh->waitReady(vipB), mesh->log());
    QVERIFY(!mesh->log().contains(("Ready: " + vipA).toUtf8()));
    QCOMPARE(connectTo("127.0.0.1", socksPort), -1);
    // With the opt-in it listens, and the log says who can reach it.
    QVERIFY2(
        mesh->waitForLog(QStringLiteral("http proxy listening on 0.0.0.0:%1 \\(allowRemote\\): "
                                        "any host that can reach")
                             .arg(httpPort),
                         5000)
            .hasMatch(),
        mesh->log());
    const int fd = connectTo("127.0.0.1", httpPort);
    QVERIFY(fd >= 0);
    ::close(fd);
  }

  void theirManagerIgnoresAllowRemote() {
    if (m_norouter.isEmpty())
      QSKIP("NoRouter 0.6.5 not found: set ROUTELESS_PEER_NOROUTER to its binary (CI has it)");
    const int n = ++m_meshes;
    const QString vipA = vip(2 * n), vipB = vip(2 * n + 1);
    const quint16 socksPort = freePort();
    const QByteArray yaml = QStringLiteral(
                                "hostTemplate:\n"
                                "  stateDir: {disable: true}\n"
                                "  loopback: {disable: true}\n"
                                "hosts:\n"
                                "  hosta:\n"
                                "    vip: \"%1\"\n"
                                "    cmd: [\"%4\"]\n"
                                "    socks: {listen: \"127.0.0.1:%3\", allowRemote: true}\n"
                                "  hostb:\n"
                                "    vip: \"%2\"\n"
                                "    cmd: [\"%4\"]\n")
                                .arg(vipA, vipB)
                                .arg(socksPort)
                                .arg(QStringLiteral(ROUTELESS_AGENT_BIN))
                                .toUtf8();
    LoggedProcess mesh(m_norouter, {writeFile(QStringLiteral("ignore%1.yaml").arg(n), yaml)},
                       m_dir.filePath(QStringLiteral("ignore%1.log").arg(n)));
    QVERIFY2(mesh.waitReady(vipA) && mesh.waitReady(vipB), mesh.log());
    QVERIFY2(!mesh.log().contains("level=fatal"), mesh.log());
  }

  void limits() {
    const QByteArray body = "still served\n";
    TcpServer http([&](int fd) { httpHandler(fd, body); });
    const quint16 httpPort = freePort(), socksPort = freePort();
    const int n = ++m_meshes;
    const QString vipA = vip(2 * n), vipB = vip(2 * n + 1);
    const QByteArray yaml = QStringLiteral(
                                "hostTemplate:\n"
                                "  stateDir: {disable: true}\n"
                                "  loopback: {disable: true}\n"
                                "hosts:\n"
                                "  hosta:\n"
                                "    vip: \"%1\"\n"
                                "    http: {listen: \"127.0.0.1:%3\"}\n"
                                "    socks: {listen: \"127.0.0.1:%4\"}\n"
                                "  hostb:\n"
                                "    vip: \"%2\"\n"
                                "    ports: [\"8080:127.0.0.1:%5\"]\n")
                                .arg(vipA, vipB)
                                .arg(httpPort)
                                .arg(socksPort)
                                .arg(http.port())
                                .toUtf8();
    auto mesh = startOurs(writeFile(QStringLiteral("limits%1.yaml").arg(n), yaml),
                          QStringLiteral("limits%1.log").arg(n));
    QVERIFY2(mesh->waitReady(vipA) && mesh->waitReady(vipB), mesh->log());
    const QStringList good{"--proxy", QStringLiteral("http://127.0.0.1:%1").arg(httpPort),
                           "http://hostb:8080/"};
    QCOMPARE(curlEventually(good, body), body);

    // A slow client holding a connection open with a partial head does not block others.
    const int idle = connectTo("127.0.0.1", httpPort);
    QVERIFY(idle >= 0);
    QVERIFY(sendAll(idle, "GET http://hostb:8080/ HTTP/1.1\r\n", 34));

    // A head that never ends: answered 431 and closed once past 16 KiB, not buffered forever.
    const int big = connectTo("127.0.0.1", httpPort);
    QVERIFY(big >= 0);
    QByteArray head = "GET http://hostb:8080/ HTTP/1.1\r\nX-Fill: ";
    head += QByteArray(64 * 1024, 'x');
    sendAll(big, head.constData(), head.size());  // may fail once the proxy closes: fine
    const QByteArray answer = readAll(big, 1 << 20, 15000);
    ::close(big);
    QVERIFY2(answer.startsWith("HTTP/1.1 431"), answer.left(200));

    // Garbage on the SOCKS port: closed, nothing relayed.
    const int junk = connectTo("127.0.0.1", socksPort);
    QVERIFY(junk >= 0);
    sendAll(junk, "GET / HTTP/1.1\r\n\r\n", 18);
    QCOMPARE(readAll(junk, 1 << 20, 15000), QByteArray());
    ::close(junk);

    // SOCKS5 with an IPv6 destination: refused with "address type not supported".
    const int v6 = connectTo("127.0.0.1", socksPort);
    QVERIFY(v6 >= 0);
    const char greet[] = {5, 1, 0};
    sendAll(v6, greet, 3);
    QCOMPARE(readAll(v6, 2, 15000), QByteArray("\x05\x00", 2));
    QByteArray req("\x05\x01\x00\x04", 4);
    req += QByteArray(15, '\0') + QByteArray("\x01\x00\x50", 3);
    sendAll(v6, req.constData(), req.size());
    const QByteArray reply = readAll(v6, 10, 15000);
    ::close(v6);
    QCOMPARE(reply.left(2), QByteArray("\x05\x08", 2));

    // The others keep working.
    QCOMPARE(curl(good), body);
    QCOMPARE(curl({"--socks5-hostname", QStringLiteral("127.0.0.1:%1").arg(socksPort),
                   "http://hostb:8080/"}),
             body);
    ::close(idle);
  }
};

QTEST_GUILESS_MAIN(TestMeshProxy)
#include "tst_mesh_proxy.moc"
