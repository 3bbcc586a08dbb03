// HTTP/1.1 server: limits (request line, headers, body), keep-alive and pipelining, chunked
// streams, delayed replies and peers that leave early; the head check before the body, one
// deadline per request, and room made for clients with a key when every slot is taken.
#include <QPointer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include "master/httpserver.h"

using namespace routeless::master;

class TestHttpServer : public QObject {
  Q_OBJECT

  std::unique_ptr<HttpServer> m_server;
  int m_handled = 0;
  QPointer<HttpReply> m_stream;
  QPointer<HttpReply> m_delayed;
  int m_closed = 0;

  // The server lives on this thread, so the client must never block: it spins the event loop.
  QByteArray exchange(const QByteArray &request, int waitMs = 3000, bool untilClosed = false) {
    // Declared before the socket: its destructor still emits disconnected, which sets `closed`.
    QByteArray out;
    bool closed = false;
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, m_server->port());
    connect(&s, &QTcpSocket::readyRead, this, [&] { out += s.readAll(); });
    connect(&s, &QTcpSocket::disconnected, this, [&] { closed = true; });
    connect(&s, &QTcpSocket::connected, this, [&] { s.write(request); });
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < waitMs && !closed) {
      QTest::qWait(10);
      if (!untilClosed && out.contains("\r\n\r\n")) {
        const qsizetype cl = out.indexOf("Content-Length: ");
        if (cl >= 0) {
          const qsizetype end = out.indexOf("\r\n", cl);
          const int len = out.mid(cl + 16, end - cl - 16).toInt();
          if (out.size() - (out.indexOf("\r\n\r\n") + 4) >= len) break;
        }
      }
    }
    out += s.readAll();
    return out;
  }

  // A head check as the master's: /open is public, everything else needs "X-Key: good".
  void requireKey() {
    m_server->setHeadCheck([](const HttpRequest &head, HttpResponse *refusal) {
      if (head.path == QLatin1String("/open")) return HttpServer::HeadVerdict::Public;
      if (head.header("x-key") == "good") return HttpServer::HeadVerdict::Authenticated;
      *refusal = {401, {}, "no"};
      return HttpServer::HeadVerdict::Refuse;
    });
  }

  // Connects and waits until the server has taken the connection.
  std::unique_ptr<QTcpSocket> connectRaw() {
    auto s = std::make_unique<QTcpSocket>();
    s->connectToHost(QHostAddress::LocalHost, m_server->port());
    for (int i = 0; i < 300 && s->state() != QAbstractSocket::ConnectedState; ++i) QTest::qWait(10);
    QTest::qWait(20);  // the server's accept runs on this thread's event loop
    return s;
  }

 private Q_SLOTS:
  void init() {
    m_closed = 0;
    m_handled = 0;
    m_server = std::make_unique<HttpServer>([this](const HttpRequest &r, HttpReply *reply) {
      ++m_handled;
      if (r.path == QLatin1String("/stream")) {
        reply->startStream(200, {{"Content-Type", "text/event-stream"}});
        reply->write("hello\n");
        m_stream = reply;
        connect(reply, &HttpReply::closed, this, [this] { ++m_closed; });
        return;
      }
      if (r.path == QLatin1String("/later")) {
        m_delayed = reply;
        QTimer::singleShot(100, this, [this] {
          if (m_delayed) m_delayed->send({200, {}, "late"});
        });
        return;
      }
      HttpResponse resp;
      resp.body = r.method + ' ' + r.path.toUtf8() + ' ' +
                  r.query.queryItemValue(QStringLiteral("q")).toUtf8() + " body=" + r.body;
      reply->send(resp);
    });
    HttpServer::Limits lim;
    lim.head = {256, 768, 8};
    lim.maxBody = 64;
    lim.requestTimeoutMs = 800;
    lim.lingerMs = 100;
    m_server->setLimits(lim);
    QString error;
    QVERIFY2(m_server->listen(QHostAddress::LocalHost, 0, std::nullopt, &error), qPrintable(error));
  }
  void cleanup() { m_server.reset(); }

  void simpleGet() {
    const QByteArray r = exchange("GET /a%20b?q=1 HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY2(r.startsWith("HTTP/1.1 200 OK\r\n"), r.constData());
    QVERIFY(r.endsWith("GET /a b 1 body="));
    QVERIFY(r.contains("Connection: keep-alive"));
  }

  void bodyWithContentLength() {
    const QByteArray r = exchange("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
    QVERIFY(r.endsWith("body=hello"));
  }

  void keepAliveAndPipelining() {
    const QByteArray r = exchange(
        "GET /one HTTP/1.1\r\nHost: x\r\n\r\nGET /two HTTP/1.1\r\nHost: x\r\n\r\nGET /three "
        "HTTP/1.1\r\nHost: x\r\nConnection: "
        "close\r\n\r\n",
        3000, true);
    QCOMPARE(r.count("HTTP/1.1 200"), 3);
    QVERIFY(r.indexOf("/one") < r.indexOf("/two"));
    QVERIFY(r.indexOf("/two") < r.indexOf("/three"));
    QVERIFY(r.contains("Connection: close"));
  }

  void limits_data() {
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("status");
    QTest::newRow("long request line")
        << "GET /" + QByteArray(400, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n"
        << QByteArray("414");
    QTest::newRow("huge header") << "GET / HTTP/1.1\r\nHost: x\r\nX: " + QByteArray(700, 'b') +
                                        "\r\n\r\n"
                                 << QByteArray("431");
    QTest::newRow("too many headers")
        << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n") + QByteArray("A: 1\r\n").repeated(9) + "\r\n"
        << QByteArray("431");
    QTest::newRow("body too large")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 65\r\n\r\n")
        << QByteArray("413");
    QTest::newRow("bad length") << QByteArray(
                                       "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -3\r\n\r\n")
                                << QByteArray("400");
    QTest::newRow("chunked request")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        << QByteArray("501");
    QTest::newRow("bad version") << QByteArray("GET / HTTP/2.0\r\n\r\n") << QByteArray("505");
    QTest::newRow("garbage") << QByteArray("hello there\r\n\r\n") << QByteArray("400");
    QTest::newRow("bad header") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n")
                                << QByteArray("400");
  }
  void limits() {
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, status);
    const QByteArray r = exchange(request, 3000, true);
    QVERIFY2(r.startsWith("HTTP/1.1 " + status), r.left(80).constData());
    QVERIFY(r.contains("Connection: close"));
  }

  void slowHeadTimesOut() {
    const QByteArray r = exchange("GET / HTTP/1.1\r\nHost: x\r\n", 3000, true);
    QVERIFY2(r.startsWith("HTTP/1.1 408"), r.constData());
  }

  void delayedReply() {
    const QByteArray r = exchange("GET /later HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY2(r.endsWith("late"), r.constData());
  }

  void chunkedStream() {
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, m_server->port());
    QTRY_COMPARE(s.state(), QAbstractSocket::ConnectedState);
    s.write("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
    QTRY_VERIFY(m_stream);
    QVERIFY(m_stream->write("world\n"));
    QByteArray got;
    QTRY_VERIFY_WITH_TIMEOUT((got += s.readAll()).contains("world"), 3000);
    QVERIFY(got.contains("Transfer-Encoding: chunked"));
    QVERIFY(got.contains("6\r\nhello\n\r\n"));
    QVERIFY(got.contains("6\r\nworld\n\r\n"));
    s.abort();
    QTRY_COMPARE(m_closed, 1);
    QTRY_VERIFY(!m_stream);
  }

  // The key is judged on the head: a refused request is answered before its body arrives and
  // its body never reaches the handler; an accepted one is read and handled.
  void headCheckedBeforeTheBody() {
    requireKey();
    QByteArray r =
        exchange("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 60\r\n\r\n", 3000, true);
    QVERIFY2(r.startsWith("HTTP/1.1 401"), r.constData());
    QVERIFY(r.contains("Connection: close"));
    QCOMPARE(m_handled, 0);
    r = exchange("POST /x HTTP/1.1\r\nHost: x\r\nX-Key: good\r\nContent-Length: 5\r\n\r\nhello");
    QVERIFY2(r.endsWith("body=hello"), r.constData());
    QCOMPARE(m_handled, 1);
    // The length is judged after the key: no key, huge length -> 401, not 413.
    r = exchange("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n", 3000, true);
    QVERIFY2(r.startsWith("HTTP/1.1 401"), r.constData());
    r = exchange(
        "POST /x HTTP/1.1\r\nHost: x\r\nX-Key: good\r\nContent-Length: 99999999999\r\n\r\n", 3000,
        true);
    QVERIFY2(r.startsWith("HTTP/1.1 413"), r.constData());
  }

  // A request that shows no key may not carry a body at all, so no such client can make the
  // server hold one.
  void publicRequestsTakeNoBody() {
    requireKey();
    QByteArray r = exchange("GET /open HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY2(r.startsWith("HTTP/1.1 200"), r.constData());
    r = exchange("POST /open HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc", 3000, true);
    QVERIFY2(r.startsWith("HTTP/1.1 413"), r.constData());
    QCOMPARE(m_handled, 1);
  }

  // One deadline for head and body: bytes that keep trickling in (each well within the
  // deadline) do not extend it, so the request ends in 408 instead of being served.
  void tricklingDoesNotExtendTheDeadline() {
    auto s = connectRaw();
    QByteArray got;
    connect(s.get(), &QTcpSocket::readyRead, this, [&] { got += s->readAll(); });
    s->write("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 40\r\n\r\n");
    for (int i = 0; i < 40 && s->state() == QAbstractSocket::ConnectedState; ++i) {
      s->write("b");
      QTest::qWait(50);  // 40 x 50 ms: twice the 800 ms deadline
      if (got.contains("HTTP/1.1")) break;
    }
    QTRY_VERIFY(got.contains("HTTP/1.1"));
    QVERIFY2(got.startsWith("HTTP/1.1 408"), got.constData());
    QCOMPARE(m_handled, 0);
    // The same for a head that trickles.
    auto h = connectRaw();
    QByteArray headGot;
    connect(h.get(), &QTcpSocket::readyRead, this, [&] { headGot += h->readAll(); });
    const QByteArray head =
        "GET /x HTTP/1.1\r\nHost: x\r\nX-Pad: " + QByteArray(30, 'p') + "\r\n\r\n";
    for (char c : head) {
      if (headGot.contains("HTTP/1.1") || h->state() != QAbstractSocket::ConnectedState) break;
      h->write(&c, 1);
      QTest::qWait(50);
    }
    QTRY_VERIFY(headGot.contains("HTTP/1.1"));
    QVERIFY2(headGot.startsWith("HTTP/1.1 408"), headGot.constData());
  }

  // Every slot taken by clients without a key: a client with the key still gets in (the oldest
  // keyless connection makes room), and connections that showed a key are never the ones to go.
  void keylessClientsCannotLockOutAKey() {
    HttpServer::Limits lim = m_server->limits();
    lim.maxConnections = 6;
    lim.requestTimeoutMs = 60000;  // the squatters would otherwise just time out
    lim.graceMs = 0;
    m_server->setLimits(lim);
    requireKey();
    std::vector<std::unique_ptr<QTcpSocket>> squatters;
    for (int i = 0; i < 20; ++i) {
      squatters.push_back(connectRaw());
      squatters.back()->write("GET /x HTTP/1.1\r\nHost: x\r\nX-Pad: ");  // and never more
    }
    QTRY_VERIFY(m_server->connectionCount() <= 6);
    QVERIFY(m_server->evictedCount() >= 14);
    // A client with the key, on a new connection.
    QByteArray r = exchange("GET /x HTTP/1.1\r\nHost: x\r\nX-Key: good\r\n\r\n");
    QVERIFY2(r.startsWith("HTTP/1.1 200"), r.constData());

    // Six clients that have shown the key fill every slot and stay.
    std::vector<std::unique_ptr<QTcpSocket>> members;
    for (int i = 0; i < 6; ++i) {
      auto s = connectRaw();
      s->write("GET /x HTTP/1.1\r\nHost: x\r\nX-Key: good\r\n\r\n");
      QTRY_VERIFY(s->bytesAvailable() > 0);
      s->readAll();
      members.push_back(std::move(s));
    }
    // Now a newcomer finds no room: it is told so, and no member is dropped for it.
    r = exchange("GET /x HTTP/1.1\r\nHost: x\r\nX-Key: good\r\n\r\n", 3000, true);
    QVERIFY2(r.startsWith("HTTP/1.1 503"), r.constData());
    QCOMPARE(m_server->refusedCount(), quint64(1));
    for (auto &s : members) {
      QCOMPARE(s->state(), QAbstractSocket::ConnectedState);
      s->write("GET /again HTTP/1.1\r\nHost: x\r\nX-Key: good\r\n\r\n");
      QTRY_VERIFY(s->bytesAvailable() > 0);
      QVERIFY(s->readAll().startsWith("HTTP/1.1 200"));
    }
  }

  // A connection that has only just come is not pushed out for a newer one: it gets its grace
  // period to show the key, and the newcomer is told to retry instead.
  void newConnectionsHaveAGracePeriod() {
    HttpServer::Limits lim = m_server->limits();
    lim.maxConnections = 3;
    lim.graceMs = 60000;
    m_server->setLimits(lim);
    requireKey();
    std::vector<std::unique_ptr<QTcpSocket>> young;
    for (int i = 0; i < 3; ++i) young.push_back(connectRaw());
    QTRY_COMPARE(m_server->connectionCount(), 3);
    const QByteArray r = exchange("GET /x HTTP/1.1\r\nHost: x\r\nX-Key: good\r\n\r\n", 3000, true);
    QVERIFY2(r.startsWith("HTTP/1.1 503"), r.constData());
    QCOMPARE(m_server->evictedCount(), quint64(0));
    // One of them shows its key in time and is served.
    young[0]->write("GET /x HTTP/1.1\r\nHost: x\r\nX-Key: good\r\n\r\n");
    QTRY_VERIFY(young[0]->bytesAvailable() > 0);
    QVERIFY(young[0]->readAll().startsWith("HTTP/1.1 200"));
  }

  // A pipelined second request waits in the socket until the first is answered; a bad one
  // after a good one closes the connection after the good answer.
  void pipelinedGarbageAfterAGoodRequest() {
    const QByteArray r = exchange(
        "GET /one HTTP/1.1\r\nHost: x\r\n\r\nGET /two HTTP/1.1\r\nHost: x\r\nContent-Length: 1, "
        "2\r\n\r\n",
        3000, true);
    QVERIFY2(r.startsWith("HTTP/1.1 200"), r.constData());
    QVERIFY(r.contains("HTTP/1.1 400"));
    QCOMPARE(m_handled, 1);
  }
};

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
