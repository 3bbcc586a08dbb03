// libFuzzer target: whatever a hostile client sends to the master's HTTP server, over a real
// loopback connection: heads, bodies, pipelined requests, streams, garbage, in two writes split
// where the input says. The head parser has its own target (fuzz_http_head); this one drives what
// is around it: the head check before the body, body framing, keep-alive, refusals, deadlines
// and closing. The server must never crash, every answer must be an HTTP/1.1 status line, and
// once the client is gone the server must hold no connection for it.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <cstddef>
#include <cstdint>

#include "master/httpserver.h"

using namespace routeless::master;

namespace {

QCoreApplication *g_app = nullptr;
HttpServer *g_server = nullptr;

void spin(int ms) {
  QElapsedTimer t;
  t.start();
  while (t.elapsed() < ms) {
    QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
  }
}

// Made on the first input (the corpus replay in the normal build has no LLVMFuzzerInitialize).
void setUp() {
  static int argc = 1;
  static char name[] = "fuzz_http_server";
  static char *argv[] = {name, nullptr};
  g_app = new QCoreApplication(argc, argv);
  g_server = new HttpServer([](const HttpRequest &r, HttpReply *reply) {
    if (r.path == QLatin1String("/stream")) {
      reply->startStream(200, {{"Content-Type", "text/event-stream"}});
      reply->write("data: x\n\n");
      reply->endStream();
      return;
    }
    if (r.path == QLatin1String("/later")) {
      QPointer<HttpReply> later(reply);
      QTimer::singleShot(1, g_server, [later] {
        if (later) later->send({200, {}, "late"});
      });
      return;
    }
    reply->send({r.body.isEmpty() ? 204 : 200, {}, r.body});
  });
  HttpServer::Limits lim;
  lim.head = {512, 2048, 16};
  lim.maxBody = 4096;
  lim.requestTimeoutMs = 8;
  lim.idleTimeoutMs = 8;
  lim.lingerMs = 2;
  lim.maxConnections = 4;
  lim.graceMs = 0;
  g_server->setLimits(lim);
  g_server->setHeadCheck([](const HttpRequest &head, HttpResponse *refusal) {
    if (head.path.startsWith(QLatin1String("/open"))) return HttpServer::HeadVerdict::Public;
    if (head.header("x-api-key") == "k") return HttpServer::HeadVerdict::Authenticated;
    *refusal = {401, {}, "{\"error\":\"Unauthorized\"}"};
    return HttpServer::HeadVerdict::Refuse;
  });
  QString error;
  if (!g_server->listen(QHostAddress::LocalHost, 0, std::nullopt, &error)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!g_server) setUp();
  const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
  const qsizetype split = size > 0 ? qsizetype(data[0]) * qsizetype(size) / 256 : 0;
  QTcpSocket client;
  QByteArray answer;
  QObject::connect(&client, &QTcpSocket::readyRead, &client, [&] { answer += client.readAll(); });
  client.connectToHost(QHostAddress::LocalHost, g_server->port());
  if (!client.waitForConnected(1000)) __builtin_trap();
  client.write(input.left(split));
  spin(2);
  client.write(input.mid(split));
  spin(12);  // past the request deadline: every request is answered or refused by now
  if (!answer.isEmpty() && !answer.startsWith("HTTP/1.1 ")) __builtin_trap();
  client.abort();
  QElapsedTimer gone;
  gone.start();
  while (g_server->connectionCount() != 0 && gone.elapsed() < 500) spin(1);
  if (g_server->connectionCount() != 0) __builtin_trap();
  return 0;
}
