#pragma once
// What the master's integration tests share: a `routeless-node master://...` process with its
// own state directory, HTTP calls through QNetworkAccessManager, and a NodePass server/client
// pair run by the master as in-process instances, with an echo target, to carry real traffic.
// Test-only code.

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryFile>
#include <QTest>

#include "platform/childguard.h"
#include "testnet.h"

namespace mastertest {

using testnet::freePort;

struct Reply {
  int status = 0;
  QByteArray body;
  QJsonDocument json;
  QNetworkReply::NetworkError error = QNetworkReply::NoError;
  QHash<QByteArray, QByteArray> headers;
  QByteArray header(const char *name) const { return headers.value(QByteArray(name).toLower()); }
  QJsonObject object() const { return json.object(); }
};

// One master process. Its log (stdout and stderr) is kept for the test to inspect.
class Master {
 public:
  // The master ends with the test, even when the test is killed.
  Master() { routeless::platform::guardChild(process); }
  ~Master() { stop(); }

  QProcess process;
  quint16 port = 0;
  QString stateDir;

  // `env` adds to the test's environment (NP_REPORT_INTERVAL, NO_COLOR, ...).
  bool start(const QString &dir, const QString &query = QStringLiteral("log=info"),
             quint16 listenPort = 0, const QHash<QString, QString> &env = {}) {
    stateDir = dir;
    port = listenPort ? listenPort : freePort();
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.insert(QStringLiteral("ROUTELESS_MASTER_DIR"), dir);
    e.insert(QStringLiteral("NO_COLOR"), QStringLiteral("1"));
    for (auto it = env.cbegin(); it != env.cend(); ++it) e.insert(it.key(), it.value());
    process.setProcessEnvironment(e);
    // The log goes to a file, not a pipe: a test busy on raw sockets does not drain a pipe,
    // and a master blocked on a full one would look like a master that stopped answering.
    if (!m_logFile.isOpen() && !m_logFile.open()) return false;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardOutputFile(m_logFile.fileName(), QIODevice::Append);
    process.start(QStringLiteral(ROUTELESS_NODE_BIN),
                  {QStringLiteral("master://127.0.0.1:%1/api?%2").arg(port).arg(query)});
    if (!process.waitForStarted()) return false;
    for (int i = 0; i < 200; ++i) {
      QTcpSocket probe;
      probe.connectToHost(QHostAddress::LocalHost, port);
      if (probe.waitForConnected(100)) return true;
      if (process.state() == QProcess::NotRunning) return false;
      QTest::qWait(50);
    }
    return false;
  }

  QByteArray stop() {
    if (process.state() != QProcess::NotRunning) {
      process.terminate();
      if (!process.waitForFinished(15000)) process.kill();
    }
    return log();
  }

  // Everything the master wrote since the first start() with this state directory.
  QByteArray log() const {
    if (m_logFile.fileName().isEmpty()) return {};  // never started
    QFile f(m_logFile.fileName());
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
  }

  QByteArray apiKey() const {
    QFile f(stateDir + QStringLiteral("/master.json"));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll())
        .object()
        .value(QStringLiteral("apiKey"))
        .toString()
        .toLatin1();
  }

  QUrl url(const QString &path, const QString &scheme = QStringLiteral("http")) const {
    return QUrl(QStringLiteral("%1://127.0.0.1:%2/api/v1%3").arg(scheme).arg(port).arg(path));
  }

 private:
  QTemporaryFile m_logFile;  // removed with this object
};

// `key` "-" means the master's own key; empty sends none.
inline Reply call(QNetworkAccessManager &nam, const Master &m, const QByteArray &verb,
                  const QUrl &u, const QByteArray &body = {}, const QByteArray &key = "-",
                  const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {}) {
  QNetworkRequest req(u);
  const QByteArray k = key == "-" ? m.apiKey() : key;
  if (!k.isEmpty()) req.setRawHeader("X-API-Key", k);
  if (!body.isEmpty()) req.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
  for (const auto &h : extraHeaders) req.setRawHeader(h.first, h.second);
  QNetworkReply *r = nam.sendCustomRequest(req, verb, body);
  r->ignoreSslErrors();
  for (int i = 0; i < 3000 && !r->isFinished(); ++i) QTest::qWait(10);
  Reply out;
  out.status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  out.body = r->readAll();
  out.json = QJsonDocument::fromJson(out.body);
  out.error = r->error();
  for (const auto &h : r->rawHeaderPairs()) out.headers.insert(h.first.toLower(), h.second);
  r->deleteLater();
  return out;
}

// A NodePass server and client created on the master as instances: users connect to
// `userPort` (the server's target listener, flow "-" with mode=1), the client dials `echo`.
struct TunnelPair {
  QString serverId, clientId;
  quint16 tunnelPort = 0, userPort = 0;
  QByteArray key;
};

inline QString createInstance(QNetworkAccessManager &nam, const Master &m, const QString &url,
                              const QString &alias = QString()) {
  const Reply r = call(
      nam, m, "POST", m.url(QStringLiteral("/instances")),
      QJsonDocument(QJsonObject{{QStringLiteral("url"), url}, {QStringLiteral("alias"), alias}})
          .toJson(QJsonDocument::Compact));
  if (r.status != 201) qWarning() << "create" << url << "->" << r.status << r.body;
  return r.object().value(QStringLiteral("id")).toString();
}

inline TunnelPair createPair(QNetworkAccessManager &nam, const Master &m, quint16 echoPort,
                             const QString &prefix = QStringLiteral("pair")) {
  TunnelPair p;
  p.tunnelPort = freePort();
  p.userPort = freePort();
  p.key = "k3y-" + QByteArray::number(QRandomGenerator::global()->generate64(), 16);
  p.serverId = createInstance(nam, m,
                              QStringLiteral("server://%1@127.0.0.1:%2/127.0.0.1:%3?mode=1")
                                  .arg(QString::fromLatin1(p.key))
                                  .arg(p.tunnelPort)
                                  .arg(p.userPort),
                              prefix + QStringLiteral("-server"));
  p.clientId = createInstance(nam, m,
                              QStringLiteral("client://%1@127.0.0.1:%2/127.0.0.1:%3?mode=2&min=4")
                                  .arg(QString::fromLatin1(p.key))
                                  .arg(p.tunnelPort)
                                  .arg(echoPort),
                              prefix + QStringLiteral("-client"));
  return p;
}

// Sends `size` bytes to 127.0.0.1:port and reads them back (blocking; the master is another
// process and the echo server has its own threads). Retries the connection while the tunnel
// comes up.
inline bool echoThrough(quint16 port, qsizetype size, int timeoutMs = 20000) {
  const QByteArray payload(size, 'e');
  QElapsedTimer clock;
  clock.start();
  while (clock.elapsed() < timeoutMs) {
    const int fd = testnet::connectTo("127.0.0.1", port);
    if (fd < 0) {
      QTest::qWait(200);
      continue;
    }
    const bool sent = testnet::sendAll(fd, payload.constData(), payload.size());
    const QByteArray back = sent ? testnet::readAll(fd, size, 5000) : QByteArray();
    ::close(fd);
    if (back == payload) return true;
    QTest::qWait(200);  // the tunnel was not linked yet: the session was closed
  }
  return false;
}

inline QJsonObject getInstance(QNetworkAccessManager &nam, const Master &m, const QString &id) {
  return call(nam, m, "GET", m.url(QStringLiteral("/instances/") + id)).object();
}

// Raw HTTP on a socket, for what QNetworkAccessManager will not send (bad framing, no body).
inline QByteArray rawExchange(quint16 port, const QByteArray &request, int timeoutMs = 10000) {
  const int fd = testnet::connectTo("127.0.0.1", port);
  if (fd < 0) return {};
  testnet::sendAll(fd, request.constData(), request.size());
  // Whole once the head is in and as many body bytes as its Content-Length says.
  auto complete = [](const QByteArray &out) {
    const qsizetype bodyAt = out.indexOf("\r\n\r\n");
    if (bodyAt < 0) return false;
    const qsizetype cl = out.indexOf("Content-Length: ");
    if (cl < 0 || cl > bodyAt) return false;
    const qsizetype end = out.indexOf("\r\n", cl);
    return out.size() - (bodyAt + 4) >= out.mid(cl + 16, end - cl - 16).toInt();
  };
  QByteArray out;
  QElapsedTimer clock;
  clock.start();
  char buf[4096];
  while (clock.elapsed() < timeoutMs && !complete(out)) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, n);
  }
  ::close(fd);
  return out;
}

}  // namespace mastertest
