// HTTP/1.1 server: limits (request line, headers, body), keep-alive and pipelining, chunked
// streams, delayed replies and peers that leave early.
#include <QPointer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include "control/httpserver.h"

using namespace routeless::control;

class TestHttpServer : public QObject {
  Q_OBJECT

  std::unique_ptr<HttpServer> m_server;
  QPointer<HttpReply> m_stream;
  QPointer<HttpReply> m_delayed;
  int m_closed = 0;

  // The server lives on this thread, so the client must never block: it spins the event loop.
  QByteArray exchange(const QByteArray &request, int waitMs = 3000, bool untilClosed = false) {
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, m_server->port());
    QByteArray out;
    bool closed = false;
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

 private Q_SLOTS:
  void init() {
    m_closed = 0;
    m_server = std::make_unique<HttpServer>([this](const HttpRequest &r, HttpReply *reply) {
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
    lim.maxRequestLine = 256;
    lim.maxHeaderBytes = 512;
    lim.maxHeaders = 8;
    lim.maxBody = 64;
    lim.headerTimeoutMs = 500;
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
    const QByteArray r = exchange("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello");
    QVERIFY(r.endsWith("body=hello"));
  }

  void keepAliveAndPipelining() {
    const QByteArray r = exchange(
        "GET /one HTTP/1.1\r\n\r\nGET /two HTTP/1.1\r\n\r\nGET /three HTTP/1.1\r\nConnection: "
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
    QTest::newRow("long request line") << "GET /" + QByteArray(400, 'a') + " HTTP/1.1\r\n\r\n"
                                       << QByteArray("414");
    QTest::newRow("huge header") << "GET / HTTP/1.1\r\nX: " + QByteArray(700, 'b') + "\r\n\r\n"
                                 << QByteArray("431");
    QTest::newRow("too many headers")
        << QByteArray("GET / HTTP/1.1\r\n") + QByteArray("A: 1\r\n").repeated(9) + "\r\n"
        << QByteArray("431");
    QTest::newRow("body too large")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 65\r\n\r\n") << QByteArray("413");
    QTest::newRow("bad length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: -3\r\n\r\n")
                                << QByteArray("400");
    QTest::newRow("chunked request")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n") << QByteArray("501");
    QTest::newRow("bad version") << QByteArray("GET / HTTP/2.0\r\n\r\n") << QByteArray("505");
    QTest::newRow("garbage") << QByteArray("hello there\r\n\r\n") << QByteArray("400");
    QTest::newRow("bad header") << QByteArray("GET / HTTP/1.1\r\nno colon here\r\n\r\n")
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
    const QByteArray r = exchange("GET /later HTTP/1.1\r\n\r\n");
    QVERIFY2(r.endsWith("late"), r.constData());
  }

  void chunkedStream() {
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, m_server->port());
    QTRY_COMPARE(s.state(), QAbstractSocket::ConnectedState);
    s.write("GET /stream HTTP/1.1\r\n\r\n");
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
};

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
