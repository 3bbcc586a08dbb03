// Control-plane benchmark: (1) `status` round trips over the UI protocol with 10 authenticated
// UIs connected, each keeping one request in flight, reporting requests/s and latency
// percentiles; (2) master API SSE fan-out: one PATCH -> one `update` event delivered to 50
// subscribers, reporting the time until the last subscriber has it and the events delivered per
// second. The servers run on their own thread in this process (as an engine would); clients on
// main.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <memory>
#include <vector>

#include "control/nodeengine.h"
#include "control/nodeservice.h"
#include "control/uiclient.h"
#include "control/uitoken.h"
#include "master/masterapi.h"
#include "net/sockets.h"

using namespace routeless::control;
using routeless::master::MasterApi;
using routeless::master::MasterConfig;

namespace {

double percentile(std::vector<qint64> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i = std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5));
  return double(v[i]) / 1000.0;  // ns -> us
}

void spin(int ms) {
  QElapsedTimer t;
  t.start();
  QTimer wake;
  wake.start(20);  // bounds the blocking wait below
  while (t.elapsed() < ms) QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
}

template <typename F>
bool spinUntil(F done, int ms) {
  QElapsedTimer t;
  t.start();
  QTimer wake;
  wake.start(20);
  while (!done()) {
    if (t.elapsed() > ms) return false;
    QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
  }
  return true;
}

}  // namespace

int main(int argc, char **argv) {
  QCoreApplication app(argc, argv);
  QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false\n*.info=false\n"));
  QTextStream out(stdout);
  QTemporaryDir dir;
  const int seconds = argc > 1 ? QByteArray(argv[1]).toInt() : 5;
  const int uiCount = 10;
  const int subscribers = 50;
  const int events = argc > 2 ? QByteArray(argv[2]).toInt() : 200;

  QThread serverThread;
  QObject anchor;
  anchor.moveToThread(&serverThread);
  serverThread.start();
  NodeEngine *engine = nullptr;
  NodeService *service = nullptr;
  MasterApi *master = nullptr;
  quint16 uiPort = 0, httpPort = 0;
  QString error;
  // Every UI authenticates in its handshake, as a real one does.
  const QByteArray token = UiTokenFile::generate();
  QMetaObject::invokeMethod(
      &anchor,
      [&] {
        engine = new NodeEngine;
        service = new NodeService(engine);
        service->server()->setAccess(token);
        if (!service->listen(0, &error)) return;
        uiPort = service->port();
        master = new MasterApi;
        MasterConfig c;
        c.host = QStringLiteral("127.0.0.1");
        c.stateDir = dir.path();
        master->setConfig(c);
        if (master->start(&error)) httpPort = master->port();
      },
      Qt::BlockingQueuedConnection);
  if (!uiPort || !httpPort) {
    out << "setup failed: " << error << "\n";
    return 1;
  }

  // ---- 1. status round trips with 10 UIs ----
  std::vector<std::unique_ptr<UiClient>> uis;
  for (int i = 0; i < uiCount; ++i) {
    auto c = std::make_unique<UiClient>();
    c->setToken(token);
    // Every reply is taken from messageReceived: keeping them all too would measure this
    // process's hash of 100,000 replies, not the server.
    c->setKeepMessages(false);
    if (!c->connectTo(uiPort, 5000, &error)) {
      out << error << "\n";
      return 1;
    }
    uis.push_back(std::move(c));
  }
  std::vector<qint64> latencies;
  latencies.reserve(200000);
  std::vector<QElapsedTimer> sentAt(uiCount);
  bool running = true;
  for (int i = 0; i < uiCount; ++i) {
    UiClient *c = uis[size_t(i)].get();
    QObject::connect(c, &UiClient::messageReceived, c, [&, i, c](const Envelope &e) {
      if (!e.contextId) return;  // traffic broadcasts
      latencies.push_back(sentAt[size_t(i)].nsecsElapsed());
      if (!running) return;
      sentAt[size_t(i)].start();
      c->sendRequest(QStringLiteral("status"), {});
    });
  }
  QElapsedTimer wall;
  wall.start();
  for (int i = 0; i < uiCount; ++i) {
    sentAt[size_t(i)].start();
    uis[size_t(i)]->sendRequest(QStringLiteral("status"), {});
  }
  spin(seconds * 1000);
  running = false;
  const double elapsed = double(wall.nsecsElapsed()) / 1e9;
  spin(200);
  out << QStringLiteral(
             "UI protocol: %1 UIs, status round trips: %2 in %3 s = %4 req/s; latency p50 %5 us, "
             "p99 %6 us\n")
             .arg(uiCount)
             .arg(latencies.size())
             .arg(elapsed, 0, 'f', 2)
             .arg(double(latencies.size()) / elapsed, 0, 'f', 0)
             .arg(percentile(latencies, 0.50), 0, 'f', 0)
             .arg(percentile(latencies, 0.99), 0, 'f', 0);
  uis.clear();

  // ---- 2. SSE fan-out to 50 subscribers ----
  QFile state(dir.filePath(QStringLiteral("master.json")));
  state.open(QIODevice::ReadOnly);
  const QByteArray key = QJsonDocument::fromJson(state.readAll())
                             .object()
                             .value(QStringLiteral("apiKey"))
                             .toString()
                             .toLatin1();
  // The master is on 127.0.0.1: it answers only requests that name it so (DNS rebinding).
  const QByteArray hostField = "127.0.0.1:" + QByteArray::number(httpPort);
  std::vector<std::unique_ptr<QTcpSocket>> subs;
  std::vector<QByteArray> buffers(subscribers);
  std::vector<int> seen(subscribers, -1);
  int current = -1;
  std::vector<qint64> firstSeen;
  QElapsedTimer eventClock;
  int reached = 0;
  for (int i = 0; i < subscribers; ++i) {
    auto s = std::make_unique<QTcpSocket>();
    QTcpSocket *raw = s.get();
    QObject::connect(raw, &QTcpSocket::readyRead, raw, [&, i, raw] {
      buffers[size_t(i)] += raw->readAll();
      const QByteArray marker = "\"alias\":\"bench-" + QByteArray::number(current) + "\"";
      if (seen[size_t(i)] != current && buffers[size_t(i)].contains(marker)) {
        seen[size_t(i)] = current;
        if (reached++ == 0) firstSeen.push_back(eventClock.nsecsElapsed());
        buffers[size_t(i)].clear();
      }
      if (buffers[size_t(i)].size() > 1 << 20) buffers[size_t(i)].clear();
    });
    raw->connectToHost(QHostAddress::LocalHost, httpPort);
    raw->write("GET /api/v1/events HTTP/1.1\r\nHost: " + hostField + "\r\nX-API-Key: " + key +
               "\r\n\r\n");
    subs.push_back(std::move(s));
  }
  if (!spinUntil(
          [&] {
            for (const auto &b : buffers)
              if (!b.contains("retry: 3000")) return false;
            return true;
          },
          10000)) {
    out << "SSE subscribers did not all connect\n";
    return 1;
  }
  for (auto &b : buffers) b.clear();
  QTcpSocket api;
  QByteArray apiIn;
  QObject::connect(&api, &QTcpSocket::readyRead, &api, [&] { apiIn += api.readAll(); });
  api.connectToHost(QHostAddress::LocalHost, httpPort);
  auto request = [&](const QByteArray &method, const QByteArray &path, const QByteArray &body) {
    apiIn.clear();
    api.write(method + ' ' + path + " HTTP/1.1\r\nHost: " + hostField + "\r\nX-API-Key: " + key +
              "\r\nContent-Type: application/json\r\nContent-Length: " +
              QByteArray::number(body.size()) + "\r\n\r\n" + body);
  };
  // A real (in-process) server instance on free loopback ports; it waits for a client.
  request(
      "POST", "/api/v1/instances",
      "{\"url\":\"server://bench@127.0.0.1:" + QByteArray::number(routeless::net::freeTcpPort()) +
          "/127.0.0.1:" + QByteArray::number(routeless::net::freeTcpPort()) +
          "\",\"alias\":\"x\"}");
  spinUntil([&] { return apiIn.contains("\"id\":\""); }, 5000);
  const qsizetype at = apiIn.indexOf("\"id\":\"");
  const QByteArray id = apiIn.mid(at + 6, 8);
  spin(300);
  std::vector<qint64> fanout;
  QElapsedTimer total;
  total.start();
  for (int n = 0; n < events; ++n) {
    current = n;
    reached = 0;
    QElapsedTimer t;
    t.start();
    eventClock.start();
    request("PATCH", "/api/v1/instances/" + id,
            "{\"alias\":\"bench-" + QByteArray::number(n) + "\"}");
    if (!spinUntil([&] { return reached >= subscribers; }, 5000)) {
      out << "event " << n << " reached only " << reached << " subscribers\n";
      break;
    }
    fanout.push_back(t.nsecsElapsed());
  }
  const double fanSeconds = double(total.nsecsElapsed()) / 1e9;
  out << QStringLiteral(
             "SSE fan-out: %1 subscribers, %2 events; PATCH -> first subscriber p50 %7 us; -> last "
             "subscriber p50 %3 us, p99 %4 us; %5 events delivered/s%6\n")
             .arg(subscribers)
             .arg(fanout.size())
             .arg(percentile(fanout, 0.50), 0, 'f', 0)
             .arg(percentile(fanout, 0.99), 0, 'f', 0)
             .arg(double(fanout.size() * size_t(subscribers)) / fanSeconds, 0, 'f', 0)
             .arg(QString())
             .arg(percentile(firstSeen, 0.50), 0, 'f', 0);
  subs.clear();
  QMetaObject::invokeMethod(
      &anchor,
      [&] {
        delete master;
        delete service;
        delete engine;
      },
      Qt::BlockingQueuedConnection);
  serverThread.quit();
  serverThread.wait();
  return 0;
}
