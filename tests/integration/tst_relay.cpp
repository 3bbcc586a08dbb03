// The real `routeless-node relay` and `relay-device` processes (ROUTELESS_NODE_BIN): 100
// clients with SHA-256-checked transfers through relay and device, a refused token, a relay
// that restarts under a linked device, wss:// with a private CA, and the command line itself.
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

#include "core/mproxy/relaytestkit.h"

using namespace routeless::mproxy::testing;

namespace {

// A routeless-node process whose output lines the test can wait for.
class Node {
 public:
  explicit Node(const QStringList &args) {
    m_process.setProgram(QStringLiteral(ROUTELESS_NODE_BIN));
    m_process.setArguments(args);
    QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process,
                     [this] { m_out += m_process.readAllStandardOutput(); });
    QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process,
                     [this] { m_err += m_process.readAllStandardError(); });
    m_process.start();
  }
  ~Node() {
    if (m_process.state() != QProcess::NotRunning) {
      m_process.terminate();
      if (!m_process.waitForFinished(5000)) m_process.kill();
      m_process.waitForFinished(5000);
    }
  }
  // Waits until stdout+stderr match `pattern`; returns the first capture group (or the match).
  QString waitFor(const QString &pattern, int ms = 10000) {
    const QRegularExpression re(pattern);
    QString found;
    (void)QTest::qWaitFor(
        [&] {
          const QRegularExpressionMatch m = re.match(QString::fromUtf8(m_out + m_err));
          if (m.hasMatch()) found = m.lastCapturedIndex() >= 1 ? m.captured(1) : m.captured(0);
          return m.hasMatch() || m_process.state() == QProcess::NotRunning;
        },
        ms);
    if (found.isEmpty()) {
      const QRegularExpressionMatch m = re.match(QString::fromUtf8(m_out + m_err));
      if (m.hasMatch()) found = m.lastCapturedIndex() >= 1 ? m.captured(1) : m.captured(0);
    }
    return found;
  }
  QByteArray output() const { return m_out + m_err; }
  QProcess &process() { return m_process; }
  int waitForExit(int ms) {
    (void)QTest::qWaitFor([&] { return m_process.state() == QProcess::NotRunning; }, ms);
    return m_process.state() == QProcess::NotRunning ? m_process.exitCode() : -1;
  }

 private:
  QProcess m_process;
  QByteArray m_out, m_err;
};

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content) {
  const QString path = dir.filePath(name);
  QFile f(path);
  f.open(QIODevice::WriteOnly);
  f.write(content);
  f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
  return path;
}

template <typename Client>
bool waitAll(const QList<Client *> &clients, int ms) {
  return QTest::qWaitFor(
      [&] {
        for (const Client *c : clients)
          if (!c->done && c->failure.isEmpty()) return false;
        return true;
      },
      ms);
}

}  // namespace

class TestRelay : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void hundredClients();
  void badTokenRefused();
  void relayRestartsUnderTheDevice();
  void tlsWithPrivateCa();
  void commandLine();

 private:
  QTemporaryDir m_dir;
  QString m_tokenFile;
};

void TestRelay::initTestCase() {
  QVERIFY(m_dir.isValid());
  m_tokenFile = writeFile(m_dir, QStringLiteral("token"), "# device token\nsecret-token-123\n");
}

void TestRelay::hundredClients() {
  Targets targets;
  Node relay({"relay", "--listen", "127.0.0.1:0", "--token-file", m_tokenFile, "--map", "0=dev",
              "--map", "0=dev"});
  const QString linkPort =
      relay.waitFor(QStringLiteral("device links on ws://127\\.0\\.0\\.1:(\\d+)"));
  QVERIFY2(!linkPort.isEmpty(), relay.output().constData());
  const QRegularExpression publicRe(QStringLiteral("public 127\\.0\\.0\\.1:(\\d+) ->"));
  QList<quint16> ports;
  for (auto it = publicRe.globalMatch(QString::fromUtf8(relay.output())); it.hasNext();)
    ports << it.next().captured(1).toUShort();
  QCOMPARE(ports.size(), 2);
  Node device({"relay-device", "--relay", "ws://127.0.0.1:" + linkPort, "--token-file", m_tokenFile,
               "--name", "dev", "--target",
               QStringLiteral("%1=127.0.0.1:%2").arg(ports[1]).arg(targets.sourcePort), "--target",
               QStringLiteral("*=127.0.0.1:%1").arg(targets.echoPort)});
  QVERIFY2(!device.waitFor(QStringLiteral("linked to .* as \"dev\"")).isEmpty(),
           device.output().constData());

  // 100 clients at once, each sending its own bytes and checking the echo by SHA-256, plus
  // downloads through the second listener.
  const qint64 size = smallScale() ? 128 * 1024 : 1024 * 1024;
  QList<EchoClient *> echoes;
  for (int i = 0; i < 100; ++i) echoes << new EchoClient(ports[0], size + 17 * i, 1000 + i);
  QList<DownloadClient *> downloads;
  for (int i = 0; i < 10; ++i) downloads << new DownloadClient(ports[1], size * 4 + i, 500 + i);
  QVERIFY(waitAll(echoes, 240000));
  QVERIFY(waitAll(downloads, 240000));
  int ok = 0;
  for (auto *c : echoes) {
    if (!c->ok()) qWarning() << c->failure;
    ok += c->ok();
  }
  QCOMPARE(ok, 100);
  for (auto *c : downloads) QVERIFY2(c->ok(), qPrintable(c->failure));
  qDeleteAll(echoes);
  qDeleteAll(downloads);
}

void TestRelay::badTokenRefused() {
  Targets targets;
  const QString wrong = writeFile(m_dir, QStringLiteral("wrong"), "not-the-token\n");
  Node relay({"relay", "--listen", "127.0.0.1:0", "--token-file", m_tokenFile, "--map", "0=dev"});
  const QString linkPort =
      relay.waitFor(QStringLiteral("device links on ws://127\\.0\\.0\\.1:(\\d+)"));
  QVERIFY(!linkPort.isEmpty());
  Node device({"relay-device", "--relay", "ws://127.0.0.1:" + linkPort, "--token-file", wrong,
               "--name", "dev", "--target",
               QStringLiteral("*=127.0.0.1:%1").arg(targets.echoPort)});
  QCOMPARE(device.waitForExit(15000), 1);
  QVERIFY(!relay.waitFor(QStringLiteral("refused: bad token")).isEmpty());
  QVERIFY(device.output().contains("refused the hello"));
  for (const QByteArray &out : {relay.output(), device.output()}) {
    QVERIFY(!out.contains("not-the-token"));
    QVERIFY(!out.contains("secret-token-123"));
  }
}

void TestRelay::relayRestartsUnderTheDevice() {
  Targets targets;
  auto relay = std::make_unique<Node>(QStringList{"relay", "--listen", "127.0.0.1:0",
                                                  "--token-file", m_tokenFile, "--map", "0=dev"});
  const QString linkPort =
      relay->waitFor(QStringLiteral("device links on ws://127\\.0\\.0\\.1:(\\d+)"));
  const quint16 publicPort =
      relay->waitFor(QStringLiteral("public 127\\.0\\.0\\.1:(\\d+) ->")).toUShort();
  QVERIFY(!linkPort.isEmpty() && publicPort);
  Node device({"relay-device", "--relay", "ws://127.0.0.1:" + linkPort, "--token-file", m_tokenFile,
               "--name", "dev", "--keepalive", "1", "--target",
               QStringLiteral("*=127.0.0.1:%1").arg(targets.echoPort)});
  QVERIFY(!device.waitFor(QStringLiteral("linked to")).isEmpty());
  auto *before = new EchoClient(publicPort, 100000, 1);
  QVERIFY(waitAll(QList<EchoClient *>{before}, 20000));
  QVERIFY(before->ok());
  delete before;

  // The relay goes away: the device notices and keeps retrying with backoff.
  relay.reset();
  QVERIFY(!device.waitFor(QStringLiteral("retrying in \\d+ ms")).isEmpty());
  // Back on the same ports: the device links again by itself.
  relay = std::make_unique<Node>(QStringList{"relay", "--listen", "127.0.0.1:" + linkPort,
                                             "--token-file", m_tokenFile, "--map",
                                             QStringLiteral("%1=dev").arg(publicPort)});
  QVERIFY(!relay->waitFor(QStringLiteral("device \"dev\" linked"), 40000).isEmpty());
  auto *after = new EchoClient(publicPort, 100000, 2);
  QVERIFY(waitAll(QList<EchoClient *>{after}, 20000));
  QVERIFY2(after->ok(), qPrintable(after->failure));
  delete after;
  QVERIFY(device.process().state() == QProcess::Running);
}

void TestRelay::tlsWithPrivateCa() {
  // A fixed self-signed certificate for localhost and 127.0.0.1 (tests/data/README.md).
  const QString cert = QStringLiteral(ROUTELESS_VECTORS_DIR "/tls/localhost-cert.pem");
  const QString key = QStringLiteral(ROUTELESS_VECTORS_DIR "/tls/localhost-key.pem");
  Targets targets;
  Node relay({"relay", "--listen", "127.0.0.1:0", "--token-file", m_tokenFile, "--cert", cert,
              "--key", key, "--map", "0=dev"});
  const QString linkPort =
      relay.waitFor(QStringLiteral("device links on wss://127\\.0\\.0\\.1:(\\d+)"));
  QVERIFY2(!linkPort.isEmpty(), relay.output().constData());
  const quint16 publicPort =
      relay.waitFor(QStringLiteral("public 127\\.0\\.0\\.1:(\\d+) ->")).toUShort();
  Node device({"relay-device", "--relay", "wss://localhost:" + linkPort, "--token-file",
               m_tokenFile, "--name", "dev", "--ca", cert, "--target",
               QStringLiteral("*=127.0.0.1:%1").arg(targets.echoPort)});
  QVERIFY2(!device.waitFor(QStringLiteral("linked to")).isEmpty(), device.output().constData());
  auto *c = new EchoClient(publicPort, 500000, 3);
  QVERIFY(waitAll(QList<EchoClient *>{c}, 20000));
  QVERIFY2(c->ok(), qPrintable(c->failure));
  delete c;
}

void TestRelay::commandLine() {
  {
    Node help({"relay", "--help"});
    QCOMPARE(help.waitForExit(5000), 0);
    QVERIFY(help.output().contains("--token-file"));
    QVERIFY(help.output().contains("--vhost"));
  }
  {
    Node help({"relay-device", "--help"});
    QCOMPARE(help.waitForExit(5000), 0);
    QVERIFY(help.output().contains("--target KEY=HOST:PORT"));
  }
  for (const QStringList &bad :
       {QStringList{"relay"}, QStringList{"relay", "--listen", "0"},
        QStringList{"relay", "--listen", "0", "--token-file", m_tokenFile, "--map", "5"},
        QStringList{"relay", "--bogus"},
        QStringList{"relay-device", "--relay", "ws://127.0.0.1:1", "--name", "d"},
        QStringList{"relay-device", "--relay", "ws://127.0.0.1:1", "--name", "d", "--token-file",
                    m_tokenFile, "--target", "nonsense"}}) {
    Node n(bad);
    QCOMPARE(n.waitForExit(5000), 2);
  }
  // Proxies are not open to the world by default: everything binds to 127.0.0.1.
  Node relay({"relay", "--listen", "0", "--token-file", m_tokenFile, "--vhost", "0"});
  QVERIFY(!relay.waitFor(QStringLiteral("device links on ws://127\\.0\\.0\\.1:\\d+")).isEmpty());
  QVERIFY(!relay.waitFor(QStringLiteral("public 127\\.0\\.0\\.1:\\d+ -> by TLS SNI")).isEmpty());
}

QTEST_GUILESS_MAIN(TestRelay)
#include "tst_relay.moc"
