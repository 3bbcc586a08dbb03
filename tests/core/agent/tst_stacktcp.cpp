// Tests the agent's one TCP connection and listener inside the stack (core/agent/stack/
// stacktcp.*, stacklistener.*), which the built-in DNS and the speed test both use: bytes both
// ways through the send queue, half-close, close after the queue, abort inside a callback,
// refused dials, the queue's bound and a port taken twice. Both ends live in one NetStack whose
// packets come back in on the next loop pass. No timing assertions: a watchdog only ends a
// run that would otherwise hang.

#include <QtTest>
#include <memory>
#include <string>

#include "agent/loop/eventloop.h"
#include "agent/stack/netstack.h"
#include "agent/stack/stacklistener.h"
#include "agent/stack/stacktcp.h"
#include "agent/sys/socket.h"
#include "core/agent/agenttestkit.h"
#include "core/agent/stackreflector.h"

using namespace routeless;
using namespace routeless::agent;
using routeless::agenttest::Reflector;

namespace {

// One stack on one VIP with a listener on `port` whose accepted connection it keeps. lwIP's
// state is global and closed connections linger in TIME_WAIT, so each Mesh takes a fresh port.
struct Mesh {
  static constexpr int64_t kWatchdogMs = 60 * 1000;

  Mesh()
      : reflector(loop), stack(&reflector), listener([this](struct tcp_pcb *pcb) {
          accepted = std::make_unique<StackTcp>(pcb);
          if (onAccepted) onAccepted(*accepted);
          return static_cast<signed char>(0);  // ERR_OK
        }) {
    reflector.stack = &stack;
    static uint16_t nextPort = 7000;
    port = nextPort;
    nextPort = uint16_t(nextPort + 2);  // port + 1 stays closed: dials to it are refused
    vip = *parseIpv4("127.0.42.1");
    ok = stack.start(vip, &error) && listener.listen(vip, port, 8, &error);
    loop.addPrepareHook([this] { return stack.checkTimeouts(); });
  }
  ~Mesh() { reflector.stack = nullptr; }

  // Runs the loop until quit(0); false when the watchdog ended it.
  bool run() {
    const uint64_t watchdog = loop.startTimer(kWatchdogMs, [this] { loop.quit(1); });
    const int code = loop.run();
    loop.cancelTimer(watchdog);
    return code == 0;
  }

  EventLoop loop;
  Reflector reflector;
  NetStack stack;
  StackListener listener;
  std::unique_ptr<StackTcp> accepted;
  std::function<void(StackTcp &)> onAccepted;
  uint32_t vip = 0;
  uint16_t port = 0;
  bool ok = false;
  std::string error;
};

std::string pattern(size_t size) {
  std::string s(size, '\0');
  for (size_t i = 0; i < size; ++i) s[i] = char((i * 7 + i / 251) & 0xFF);
  return s;
}

}  // namespace

class TestStackTcp : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void bytesBothWaysThroughTheQueueThenCloseAfterIt() {
    Mesh mesh;
    QVERIFY2(mesh.ok, mesh.error.c_str());
    // More than lwIP's send buffer (TCP_SND_BUF, 1 MiB) takes at once: the rest waits in the
    // queue until acknowledgements open the window.
    const std::string up = pattern(2 * 1024 * 1024 + 5);
    const std::string down = pattern(300 * 1024 + 17);
    std::string gotUp, gotDown;
    bool serverEof = false, clientEof = false, serverClosed = false, answered = false;

    mesh.onAccepted = [&](StackTcp &server) {
      server.setMaxQueued(down.size());
      server.onData = [&](const char *d, size_t n) { gotUp.append(d, n); };
      server.onEof = [&] {
        serverEof = true;
        answered = mesh.accepted->send(down.data(), down.size());
        mesh.accepted->close();  // FIN once `down` is all in lwIP's hands
      };
      server.onClosed = [&] { serverClosed = true; };
    };
    StackTcp client;
    client.setMaxQueued(up.size());
    bool connected = false, sentAll = false;
    size_t queuedAtOnce = 0;
    client.onConnected = [&] {
      connected = true;
      sentAll = client.send(up.data(), up.size());
      queuedAtOnce = client.queued();  // what did not fit at once
      client.shutdownWrite();          // FIN after the queue; the answer still comes in
    };
    client.onData = [&](const char *d, size_t n) { gotDown.append(d, n); };
    client.onEof = [&] {
      clientEof = true;
      mesh.loop.quit(0);
    };
    client.onError = [&](const std::string &why) {
      qWarning("client: %s", why.c_str());
      mesh.loop.quit(2);
    };
    QVERIFY2(client.dial(mesh.vip, mesh.port, &mesh.error), mesh.error.c_str());
    QVERIFY(mesh.run());
    QVERIFY(connected);
    QVERIFY(sentAll);
    QVERIFY(queuedAtOnce > 0);
    QVERIFY(queuedAtOnce < up.size());
    QVERIFY(serverEof);
    QVERIFY(answered);
    QVERIFY(clientEof);
    QVERIFY(serverClosed);
    QVERIFY(!mesh.accepted->isOpen());  // close() let go of the pcb
    QCOMPARE(gotUp.size(), up.size());
    QVERIFY(gotUp == up);
    QCOMPARE(gotDown.size(), down.size());
    QVERIFY(gotDown == down);
    QCOMPARE(client.bytesReceived(), uint64_t(down.size()));
    QCOMPARE(mesh.accepted->bytesReceived(), uint64_t(up.size()));
    QCOMPARE(client.queued(), size_t(0));
  }

  void theQueueIsBoundedAndRefusesAfterClose() {
    Mesh mesh;
    QVERIFY2(mesh.ok, mesh.error.c_str());
    StackTcp client;
    const std::string big = pattern(64);
    QVERIFY(!client.send(big.data(), big.size()));  // not connected yet
    QVERIFY2(client.dial(mesh.vip, mesh.port, &mesh.error), mesh.error.c_str());
    client.setMaxQueued(32);
    QVERIFY(!client.send(big.data(), big.size()));  // over the bound: nothing queued
    QCOMPARE(client.queued(), size_t(0));
    QVERIFY(client.send(big.data(), 32));
    client.close();
    QVERIFY(!client.send(big.data(), 1));
    QCOMPARE(client.roomForUncopied(), size_t(0));
  }

  void abortInsideOnDataResetsThePeer() {
    Mesh mesh;
    QVERIFY2(mesh.ok, mesh.error.c_str());
    int serverCallbacksAfterAbort = 0;
    bool aborted = false;
    mesh.onAccepted = [&](StackTcp &server) {
      server.onData = [&](const char *, size_t) {
        if (aborted) {
          ++serverCallbacksAfterAbort;
          return;
        }
        aborted = true;
        mesh.accepted->abort();
      };
      server.onEof = [&] { ++serverCallbacksAfterAbort; };
      server.onError = [&](const std::string &) { ++serverCallbacksAfterAbort; };
    };
    StackTcp client;
    std::string why;
    client.onConnected = [&] { QVERIFY(client.send("query", 5)); };
    client.onError = [&](const std::string &w) {
      why = w;
      mesh.loop.quit(0);
    };
    client.onEof = [&] { mesh.loop.quit(3); };  // a FIN would be wrong: abort is a reset
    QVERIFY2(client.dial(mesh.vip, mesh.port, &mesh.error), mesh.error.c_str());
    QVERIFY(mesh.run());
    QVERIFY(aborted);
    QCOMPARE(why, std::string("connection reset"));
    QVERIFY(!client.isOpen());
    QVERIFY(!mesh.accepted->isOpen());
    QCOMPARE(serverCallbacksAfterAbort, 0);
  }

  void aDialToAClosedPortIsRefused() {
    Mesh mesh;
    QVERIFY2(mesh.ok, mesh.error.c_str());
    StackTcp client;
    std::string why;
    bool connected = false;
    client.onConnected = [&] { connected = true; };
    client.onError = [&](const std::string &w) {
      why = w;
      mesh.loop.quit(0);
    };
    QVERIFY2(client.dial(mesh.vip, mesh.port + 1, &mesh.error), mesh.error.c_str());
    QVERIFY(mesh.run());
    QVERIFY(!connected);
    QCOMPARE(why, std::string("connection reset"));
    QVERIFY(!client.isOpen());
  }

  void destroyingAnOpenConnectionSendsAFin() {
    Mesh mesh;
    QVERIFY2(mesh.ok, mesh.error.c_str());
    bool serverEof = false;
    mesh.onAccepted = [&](StackTcp &server) {
      server.onEof = [&] {
        serverEof = true;
        mesh.loop.quit(0);
      };
      server.onError = [&](const std::string &) { mesh.loop.quit(4); };
    };
    auto client = std::make_unique<StackTcp>();
    client->onConnected = [&] {
      mesh.loop.defer([&] { client.reset(); });  // outside lwIP's callback, as owners do
    };
    QVERIFY2(client->dial(mesh.vip, mesh.port, &mesh.error), mesh.error.c_str());
    QVERIFY(mesh.run());
    QVERIFY(serverEof);
  }

  void aPortIsListenedOnOnce() {
    Mesh mesh;
    QVERIFY2(mesh.ok, mesh.error.c_str());
    QVERIFY(mesh.listener.isListening());
    StackListener second([](struct tcp_pcb *) { return static_cast<signed char>(0); });
    std::string error;
    QVERIFY(!second.listen(mesh.vip, mesh.port, 8, &error));
    QCOMPARE(error, "failed to listen on \"127.0.42.1:" + std::to_string(mesh.port) +
                        "\" in the network stack: address in use");
    QVERIFY(!second.isListening());
    QVERIFY(!mesh.listener.listen(mesh.vip, mesh.port + 1, 8, &error));  // one port each
    QVERIFY(error.find("already connected") != std::string::npos);
  }
};

QTEST_GUILESS_MAIN(TestStackTcp)
#include "tst_stacktcp.moc"
