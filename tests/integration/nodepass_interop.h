#pragma once
// The interop matrix shared by tst_nodepass_interop_{tcp,quic,ws,h2}: for one pool transport,
// every tls mode NodePass v1.14.0 accepts x both directions (our server with its client, its
// server with our client) x both flows, each row checking HTTP through the tunnel, a bulk upload
// with sha256, 50 concurrent connections, a UDP echo and a server restart; plus exact datagram
// boundaries between two Routeless ends. Rows needing the real binary skip when it is absent.
#include <sys/socket.h>

#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include "nodepass/proxyheader.h"
#include "tst_nodepass_support.h"

namespace nptest {

using routeless::nodepass::parseProxyV2;
using routeless::nodepass::ProxyParse;
using routeless::nodepass::ProxyV2Info;

// TCP target: "G..." HTTP, "U"/"D" bulk, "E" echo (the byte itself included).
inline void multiHandler(int fd) {
  char first = 0;
  if (::recv(fd, &first, 1, MSG_PEEK) != 1) return;
  if (first == 'G') return httpHandler(fd);
  if (first == 'U' || first == 'D') return bulkHandler(fd);
  echoHandler(fd);
}

inline void enlargeBuffers(int fd) {
  const int size = 8 << 20;
  if (::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)) != 0)
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
  if (::setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof(size)) != 0)
    ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof(size));
}

// The last lines of a log without the per-session and CHECK_POINT noise.
inline QString logTail(Node &n) {
  QStringList keep;
  const QStringList lines = n.log().split(QLatin1Char('\n'));
  for (const QString &l : lines)
    if (!l.contains(QLatin1String("CHECK_POINT")) && !l.contains(QLatin1String("exchange: ")) &&
        !l.contains(QLatin1String("Exchange complete: EOF")))
      keep << l;
  return keep.mid(qMax(0, int(keep.size()) - 40)).join(QLatin1Char('\n'));
}

class InteropKit {
 public:
  explicit InteropKit(int type) : type_(type) {}

  // A certificate for tls=2 that Go accepts too (SANs localhost and 127.0.0.1).
  bool makeCertificate() {
    if (!dir_.isValid()) return false;
    QProcess p;
    p.start(QStringLiteral("openssl"),
            {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
             QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
             QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
             QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
             QStringLiteral("/CN=localhost"), QStringLiteral("-addext"),
             QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1"), QStringLiteral("-keyout"),
             dir_.filePath(QStringLiteral("key.pem")), QStringLiteral("-out"),
             dir_.filePath(QStringLiteral("cert.pem"))});
    return p.waitForFinished(20000) && p.exitCode() == 0;
  }

  static void addColumns() {
    QTest::addColumn<QString>("server");  // "routeless" or "nodepass"
    QTest::addColumn<QString>("client");
    QTest::addColumn<QString>("flow");
    QTest::addColumn<int>("tls");
  }

  // NodePass v1.14.0 sends an empty fingerprint from a tls=2 server (its certificate comes from
  // GetCertificate), so no client can verify it: tls=2 rows only have our server.
  void addMatrixRows() const {
    for (int tls : {0, 1, 2})
      for (const char *flow : {"-", "+"})
        for (const char *pair : {"routeless-nodepass", "nodepass-routeless"}) {
          const QString p = QString::fromLatin1(pair);
          const QString server = p.section(QLatin1Char('-'), 0, 0);
          if (tls == 2 && server == QLatin1String("nodepass")) continue;
          QTest::addRow("%s server, %s client, flow%s, tls=%d", qPrintable(server),
                        qPrintable(p.section(QLatin1Char('-'), 1, 1)), flow, tls)
              << server << p.section(QLatin1Char('-'), 1, 1) << QString::fromLatin1(flow) << tls;
        }
  }

  struct Tunnel {
    std::unique_ptr<Node> server;
    std::unique_ptr<Node> client;
    QString serverProgram;
    QString serverUrl;
    QStringList serverEnv;
    quint16 userPort = 0;
  };

  QString program(const QString &who) const {
    return who == QLatin1String("nodepass") ? nodePassBinary() : QStringLiteral(ROUTELESS_NODE_BIN);
  }

  static QStringList env() {
    return {QStringLiteral("NP_REPORT_INTERVAL=1s"), QStringLiteral("NP_SERVICE_COOLDOWN=500ms")};
  }

  Tunnel start(const QString &server, const QString &client, const QString &flow, int tls,
               quint16 targetPort, const QString &extra = QString()) {
    Tunnel t;
    const quint16 tunnelPort = freePort();
    t.userPort = targetPort == 0 ? freePort() : freePort();
    QString serverQuery = QStringLiteral("type=%1&tls=%2").arg(type_).arg(tls);
    QString clientQuery = QStringLiteral("mode=2&min=64");
    QStringList clientEnv = env();
    if (tls == 2) {
      serverQuery += QStringLiteral("&crt=%1&key=%2")
                         .arg(dir_.filePath(QStringLiteral("cert.pem")),
                              dir_.filePath(QStringLiteral("key.pem")));
      clientQuery += QStringLiteral("&sni=localhost");
      clientEnv
          << QStringLiteral("SSL_CERT_FILE=%1").arg(dir_.filePath(QStringLiteral("cert.pem")));
    }
    serverQuery += extra;
    clientQuery += extra;
    const bool serverReceives = flow == QLatin1String("-");
    const quint16 serverTarget = serverReceives ? t.userPort : targetPort;
    const quint16 clientTarget = serverReceives ? targetPort : t.userPort;
    t.serverProgram = program(server);
    t.serverUrl = QStringLiteral("server://k3y@127.0.0.1:%1/127.0.0.1:%2?mode=%3&%4")
                      .arg(tunnelPort)
                      .arg(serverTarget)
                      .arg(serverReceives ? 1 : 2)
                      .arg(serverQuery);
    t.serverEnv = env();
    t.server = std::make_unique<Node>(t.serverProgram, t.serverUrl, t.serverEnv);
    t.server->waitFor(QStringLiteral("Pending tunnel handshake"), 5000);
    t.client = std::make_unique<Node>(program(client),
                                      QStringLiteral("client://k3y@127.0.0.1:%1/127.0.0.1:%2?%3")
                                          .arg(tunnelPort)
                                          .arg(clientTarget)
                                          .arg(clientQuery),
                                      clientEnv);
    return t;
  }

  // Until an HTTP request goes through (the listening side opens after the TLS verify).
  static bool waitHttp(Tunnel &t, int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
      if (httpGet(t.userPort, "/ready").startsWith("HTTP/1.1 200 OK")) return true;
      QTest::qWait(100);
    }
    return false;
  }

  static bool bulkUpload(quint16 port, qint64 size, QByteArray *digest) {
    const int fd = dial(port);
    if (fd < 0) return false;
    setTimeout(fd, 60000);
    bool ok = sendAll(fd, "U" + QByteArray::number(size) + "\n");
    const QByteArray &pat = pattern();
    for (qint64 left = size; ok && left > 0;) {
      const qint64 n = qMin<qint64>(left, pat.size());
      ok = sendAll(fd, pat.constData(), n);
      left -= n;
    }
    *digest = ok ? recvLine(fd).trimmed() : QByteArray();
    ::close(fd);
    return ok;
  }

  // 50 connections open at once, each echoing its own payload.
  static int concurrentEchoes(quint16 port, int count) {
    std::vector<int> fds;
    QList<QByteArray> payloads;
    for (int i = 0; i < count; ++i) {
      fds.push_back(dial(port, 10000));
      QByteArray p = "E" + QByteArray::number(i) + ":";
      p += QByteArray(512 + i * 7, char('a' + i % 26));
      payloads << p;
    }
    for (int i = 0; i < count; ++i)
      if (fds[size_t(i)] >= 0) sendAll(fds[size_t(i)], payloads[i]);
    int good = 0;
    for (int i = 0; i < count; ++i) {
      const int fd = fds[size_t(i)];
      if (fd < 0) continue;
      setTimeout(fd, 10000);
      if (recvN(fd, payloads[i].size()) == payloads[i]) ++good;
      ::close(fd);
    }
    return good;
  }

  // The whole row; returns an empty string or what failed (with both logs).
  QString runRow(const QString &server, const QString &client, const QString &flow, int tls) {
    Server target(multiHandler);
    UdpEcho udp(target.port());
    Tunnel t = start(server, client, flow, tls, target.port());
    auto failure = [&t](const QString &what) {
      return what + QStringLiteral("\n--- server log:\n") + logTail(*t.server) +
             QStringLiteral("\n--- client log:\n") + logTail(*t.client);
    };
    if (!waitHttp(t, 20000)) return failure(QStringLiteral("no HTTP through the tunnel in 20 s"));
    // NodePass v1.14.0 as the HTTP/2 pool client sometimes resets a stream (CANCEL, "http2:
    // response body closed") before it sends what the target answered: traced on a busy machine,
    // the target had written its whole answer and our server received no DATA on that stream
    // before the reset. That one loss is retried once, saying so; a second miss fails the row.
    const bool peerMayDropAnswer = type_ == 3 && client == QLatin1String("nodepass");
    for (int i = 0; i < 3; ++i) {
      const QByteArray path = "/page" + QByteArray::number(i);
      const QByteArray expected = "hello from target: " + path + "\n";
      QByteArray resp = httpGet(t.userPort, path);
      if (resp.isEmpty() && peerMayDropAnswer) {
        qInfo("NodePass's HTTP/2 client dropped the answer to %s; asking once more",
              path.constData());
        resp = httpGet(t.userPort, path);
      }
      if (!resp.endsWith(expected))
        return failure(QStringLiteral("HTTP answer: ") + QString::fromLatin1(resp));
    }
    const qint64 size = (100LL << 20) / scaleDiv();
    QByteArray digest;
    // NodePass's QUIC pool sometimes fails its first verify ("stream not found") and restarts
    // (shared/peers/README.md), ending the sessions of that moment: a transfer cut by a
    // restart of the NodePass end is retried once, after the tunnel is back.
    const QString restartPattern = QStringLiteral("(Server|Client) error:");
    Node &peer = server == QLatin1String("nodepass") ? *t.server : *t.client;
    const int restartsBefore = peer.count(restartPattern);
    auto upload = [&] {
      return bulkUpload(t.userPort, size, &digest) && digest == patternSha(size);
    };
    bool bulkOk = upload();
    // At most one more upload, for one of two known NodePass losses; a wrong digest is never
    // retried.
    if (!bulkOk && peer.count(restartPattern) > restartsBefore && waitHttp(t, 20000)) {
      qInfo("NodePass restarted during the transfer; retrying it once");
      bulkOk = upload();
    } else if (!bulkOk && digest.isEmpty() && peerMayDropAnswer) {
      // The HTTP/2 loss above, at the end of an upload: no digest line at all.
      qInfo("NodePass's HTTP/2 client dropped the digest after the upload; uploading once more");
      bulkOk = upload();
    }
    if (!bulkOk)
      return failure(QStringLiteral("bulk upload of %1 bytes: sha256 %2, expected %3")
                         .arg(size)
                         .arg(QString::fromLatin1(digest), QString::fromLatin1(patternSha(size))));
    const int echoes = concurrentEchoes(t.userPort, 50);
    if (echoes != 50) return failure(QStringLiteral("%1 of 50 concurrent echoes").arg(echoes));
    const QList<QByteArray> datagrams{"first", "second datagram", QByteArray(1200, 'x')};
    const QList<QByteArray> echoed = udpRoundTrips(t.userPort, datagrams);
    if (echoed != datagrams) return failure(QStringLiteral("UDP echo differs"));
    // The server dies and comes back: the client must carry traffic again within 5 s, plus what
    // NodePass v1.14.0 itself needs where it is involved (shared/peers/README.md): with TLS it
    // sends its fingerprint only at its first or second report tick (2 x 1 s here), and its TLS
    // pool server serves the first connection only after about 5 s, so it fails its own 5 s
    // control-channel wait once and restarts (cooldown 0.5 s here).
    // QUIC and HTTP/2 pools always run TLS (tls=0 means 1).
    const int effectiveTls = (type_ == 1 || type_ == 3) ? qMax(tls, 1) : tls;
    int boundMs = 5000;
    if (effectiveTls > 0 &&
        (server == QLatin1String("nodepass") || client == QLatin1String("nodepass")))
      boundMs += 2000;
    if (server == QLatin1String("nodepass")) boundMs += effectiveTls > 0 ? 5500 : 0;
    t.server->kill();
    t.server = std::make_unique<Node>(t.serverProgram, t.serverUrl, t.serverEnv);
    QElapsedTimer clock;
    clock.start();
    if (!waitHttp(t, boundMs))
      return failure(
          QStringLiteral("client not back within %1 ms of the server restart").arg(boundMs));
    qInfo("back after the restart in %lld ms (bound %d ms)", clock.elapsed(), boundMs);
    return {};
  }

  // proxy=2 on the dialing side: the target reads a PROXY v2 header naming the user's address
  // before the user's bytes (two Routeless ends; NodePass v1.14.0 writes no v2 header).
  QString proxyV2(const QString &flow) {
    std::atomic<int> good{0};
    QByteArray seen;
    std::mutex lock;
    Server target([&](int fd) {
      QByteArray in;
      char buf[4096];
      ProxyV2Info info;
      QString error;
      for (;;) {
        const ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
        if (n <= 0) return;
        in.append(buf, int(n));
        const ProxyParse st = parseProxyV2(in, &info, &error);
        if (st == ProxyParse::NeedMore) continue;
        if (st == ProxyParse::Done && info.src == QHostAddress(QHostAddress::LocalHost) &&
            info.srcPort != 0 && in.mid(info.headerLength).startsWith("E")) {
          ++good;
          sendAll(fd, in.mid(info.headerLength));
          echoHandler(fd);
        } else {
          std::lock_guard<std::mutex> g(lock);
          seen = in.left(64).toHex();
        }
        return;
      }
    });
    Tunnel t = start(QStringLiteral("routeless"), QStringLiteral("routeless"), flow, 1,
                     target.port(), QStringLiteral("&proxy=2"));
    QDeadlineTimer deadline(20000);
    bool ok = false;
    while (!ok && !deadline.hasExpired()) {
      ok = echoOnce(t.userPort, "Echo after a PROXY v2 header");
      if (!ok) QTest::qWait(200);
    }
    if (!ok || good.load() < 1)
      return QStringLiteral("no echo through a proxy=2 tunnel; target saw %1\n%2\n%3")
          .arg(QString::fromLatin1(seen), logTail(*t.server), logTail(*t.client));
    return {};
  }

  // Two Routeless ends: 1,000 datagrams of 1-1,400 random bytes sent back to back come back
  // whole and in order (framing negotiated in the handshake).
  QString exactDatagrams(const QString &flow, int tls) {
    Server target(multiHandler);
    UdpEcho udp(target.port());
    Tunnel t =
        start(QStringLiteral("routeless"), QStringLiteral("routeless"), flow, tls, target.port());
    auto failure = [&t](const QString &what) {
      return what + QStringLiteral("\n--- server log:\n") + logTail(*t.server) +
             QStringLiteral("\n--- client log:\n") + logTail(*t.client);
    };
    if (!waitHttp(t, 20000)) return failure(QStringLiteral("no HTTP through the tunnel"));
    if (!t.server->waitFor(QStringLiteral("Datagram framing: on"), 1000) ||
        !t.client->waitFor(QStringLiteral("Datagram framing: on"), 1000))
      return failure(QStringLiteral("datagram framing not negotiated"));
    // Two Routeless ends on this transport run the hardened mode (pool greetings bound to the
    // TLS exporter of the transport's session), never NodePass compatibility.
    if (!t.server->waitFor(QStringLiteral("authenticated in hardened mode"), 1000) ||
        !t.client->waitFor(QStringLiteral("authenticated in hardened mode"), 1000) ||
        t.server->log().contains(QStringLiteral("compatibility mode")) ||
        t.client->log().contains(QStringLiteral("compatibility mode")))
      return failure(QStringLiteral("the link is not in hardened mode"));
    QByteArray digest;
    const qint64 size = (20LL << 20) / scaleDiv();
    if (!bulkUpload(t.userPort, size, &digest) || digest != patternSha(size))
      return failure(QStringLiteral("bulk upload sha256 differs"));
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    enlargeBuffers(fd);
    sockaddr_in sin{};
    sin.sin_family = AF_INET;
    sin.sin_port = htons(t.userPort);
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::connect(fd, reinterpret_cast<sockaddr *>(&sin), sizeof(sin));
    // The first datagram opens the session; the rest go once it answers.
    QList<QByteArray> sent;
    auto *rng = QRandomGenerator::global();
    for (int i = 0; i < 1000; ++i) {
      QByteArray d(int(rng->bounded(1, 1401)), Qt::Uninitialized);
      for (char &c : d) c = char(rng->bounded(256));
      sent << d;
    }
    setTimeout(fd, 5000);
    char buf[65536];
    ::send(fd, sent[0].constData(), size_t(sent[0].size()), 0);
    ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
    if (n != sent[0].size() || QByteArray(buf, int(n)) != sent[0]) {
      ::close(fd);
      return failure(QStringLiteral("first datagram not echoed whole"));
    }
    for (int i = 1; i < sent.size(); ++i)
      ::send(fd, sent[i].constData(), size_t(sent[i].size()), 0);
    int got = 0;
    int mismatched = 0;
    for (int i = 1; i < sent.size(); ++i) {
      n = ::recv(fd, buf, sizeof(buf), 0);
      if (n < 0) break;
      ++got;
      if (QByteArray(buf, int(n)) != sent[i]) ++mismatched;
    }
    ::close(fd);
    if (got != 999 || mismatched != 0)
      return failure(QStringLiteral("%1 of 999 datagrams came back, %2 with other boundaries")
                         .arg(got)
                         .arg(mismatched));
    return {};
  }

 private:
  int type_;
  QTemporaryDir dir_;
};

}  // namespace nptest
