// Tests core/agent/udp: the flow table with an injected clock (idle expiry, the cap on flows,
// activity either way keeping a flow), and UdpForward between host sockets on a real loop
// (loopback mode's own-port relay): datagrams of every size kept whole, clients kept apart,
// a full table refusing new clients, idle flows closed, a dead target not hurting others.
#include <QtTest>
#include <map>
#include <random>

#include "agent/host/resolver.h"
#include "agent/loop/eventloop.h"
#include "agent/udp/hostudpsocket.h"
#include "agent/udp/udpflowtable.h"
#include "agent/udp/udpforward.h"

using namespace routeless::agent;

namespace {

struct FakeFlow {
  explicit FakeFlow(int *alive) : alive(alive) { ++*alive; }
  ~FakeFlow() { --*alive; }
  int *alive;
};

const IpAddress kLocal = IpAddress::v4(0x7F000001);

// Runs the loop until `done` or a generous safety bound (never an assertion on time).
bool runUntil(EventLoop &loop, const std::function<bool()> &done, int64_t boundMs = 20000) {
  const int64_t end = EventLoop::nowMs() + boundMs;
  while (!done() && EventLoop::nowMs() < end) {
    loop.startTimer(5, [&loop] { loop.quit(0); });
    loop.run();
  }
  return done();
}

}  // namespace

class TestUdpFlows : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void idleFlowsExpireWithTheInjectedClock() {
    int alive = 0;
    UdpFlowTable<FakeFlow> table(8, 1000);
    QVERIFY(table.insert(udpFlowKey(1, 10), std::make_unique<FakeFlow>(&alive), 0));
    QVERIFY(table.insert(udpFlowKey(1, 11), std::make_unique<FakeFlow>(&alive), 500));
    QCOMPARE(alive, 2);
    QCOMPARE(table.expire(999), size_t(0));
    QVERIFY(table.find(udpFlowKey(1, 10), 900));  // a datagram up keeps it
    QCOMPARE(table.expire(1600), size_t(1));      // 11 idle since 500
    QCOMPARE(alive, 1);
    QVERIFY(!table.find(udpFlowKey(1, 11), 1600));
    table.touch(udpFlowKey(1, 10), 1800);  // a datagram down keeps it too
    QCOMPARE(table.expire(2700), size_t(0));
    QCOMPARE(table.expire(2800), size_t(1));
    QCOMPARE(alive, 0);
    QVERIFY(table.empty());
    QCOMPARE(table.counters().opened, uint64_t(2));
    QCOMPARE(table.counters().expired, uint64_t(2));
    table.touch(udpFlowKey(9, 9), 3000);  // unknown: harmless
    QVERIFY(table.empty());
  }

  void theCapRefusesNewClientsOnly() {
    int alive = 0;
    UdpFlowTable<FakeFlow> table(3, 1000);
    for (uint16_t p = 1; p <= 3; ++p)
      QVERIFY(table.insert(udpFlowKey(7, p), std::make_unique<FakeFlow>(&alive), 0));
    QVERIFY(!table.insert(udpFlowKey(7, 4), std::make_unique<FakeFlow>(&alive), 0));
    QCOMPARE(alive, 3);  // the refused flow was dropped at once
    QCOMPARE(table.counters().refused, uint64_t(1));
    QVERIFY(table.find(udpFlowKey(7, 2), 10));  // existing clients still served
    QCOMPARE(table.expire(1000), size_t(2));    // 1 and 3 idle; 2 was active at 10
    QVERIFY(table.insert(udpFlowKey(7, 4), std::make_unique<FakeFlow>(&alive), 1000));
    QCOMPARE(table.size(), size_t(2));
    QCOMPARE(udpFlowIp(udpFlowKey(0x7F002A65, 53)), 0x7F002A65u);
    QCOMPARE(udpFlowPort(udpFlowKey(0x7F002A65, 53)), uint16_t(53));
  }

  // loopback mode's own-port relay: host socket in, a connected host socket per client out.
  void hostRelayKeepsBoundariesAndClientsApart() {
    EventLoop loop;
    Resolver resolver(loop);
    HostUdpSocket echo(loop);
    std::string error;
    QVERIFY2(echo.bind(kLocal, 0, &error), error.c_str());
    const uint16_t echoPort = localPortOf(echo);
    std::map<uint16_t, int> echoSources;  // upstream source port -> datagrams
    echo.onDatagram = [&](const char *d, size_t n, const IpAddress &from, uint16_t port) {
      ++echoSources[port];
      echo.send(d, n, &from, port);
    };
    UdpForward relay(loop, resolver, {}, 1000, 16);
    QVERIFY2(relay.listenOnHost(kLocal, 0, &error), error.c_str());
    relay.toHost("localhost", echoPort);
    const uint16_t relayPort = relayPortOf(relay);
    QVERIFY(relayPort != 0);

    // Three clients, each sending datagrams of random sizes (0 and the maximum included).
    std::mt19937 rng(12);
    std::vector<std::unique_ptr<HostUdpSocket>> clients;
    std::vector<std::vector<std::string>> sent(3), received(3);
    for (int c = 0; c < 3; ++c) {
      auto s = std::make_unique<HostUdpSocket>(loop);
      QVERIFY2(s->connect(kLocal, relayPort, &error), error.c_str());
      s->onDatagram = [&received, c](const char *d, size_t n, const IpAddress &, uint16_t) {
        received[size_t(c)].emplace_back(d, n);
      };
      clients.push_back(std::move(s));
    }
    for (int i = 0; i < 60; ++i) {
      const int c = i % 3;
      size_t size = std::uniform_int_distribution<size_t>(0, 20000)(rng);
      if (i == 0) size = 0;
      if (i == 1) size = HostUdpSocket::kMaxDatagram;
      std::string d(size, '\0');
      for (char &ch : d) ch = char(rng());
      if (!d.empty()) d[0] = char('A' + c);
      sent[size_t(c)].push_back(d);
      QVERIFY(clients[size_t(c)]->send(d.data(), d.size()));
      // One at a time: loopback UDP loses nothing that is not sent in bursts.
      QVERIFY(runUntil(loop, [&] { return received[size_t(c)].size() == sent[size_t(c)].size(); }));
    }
    for (int c = 0; c < 3; ++c) QCOMPARE(received[size_t(c)], sent[size_t(c)]);
    QCOMPARE(relay.flowCount(), size_t(3));
    QCOMPARE(echoSources.size(), size_t(3));  // one upstream socket per client
    QCOMPARE(relay.counters().datagramsUp, uint64_t(60));
    QCOMPARE(relay.counters().datagramsDown, uint64_t(60));

    // Idle flows are closed (the loop's timers; idle time 1 s here).
    QVERIFY(runUntil(loop, [&] { return relay.flowCount() == 0; }));
    QCOMPARE(relay.flowCounters().expired, uint64_t(3));
    // A client that speaks again gets a new flow.
    QVERIFY(clients[0]->send("again", 5));
    QVERIFY(runUntil(loop, [&] { return received[0].size() == sent[0].size() + 1; }));
    QCOMPARE(received[0].back(), std::string("again"));
  }

  void fullTableAndDeadTargets() {
    EventLoop loop;
    Resolver resolver(loop);
    std::string error;
    HostUdpSocket echo(loop);
    QVERIFY2(echo.bind(kLocal, 0, &error), error.c_str());
    echo.onDatagram = [&](const char *d, size_t n, const IpAddress &from, uint16_t port) {
      echo.send(d, n, &from, port);
    };
    UdpForward relay(loop, resolver, {}, 60000, 2);
    QVERIFY2(relay.listenOnHost(kLocal, 0, &error), error.c_str());
    relay.toHost("127.0.0.1", localPortOf(echo));
    // A relay to a port nobody listens on: its datagrams vanish, nothing else breaks.
    HostUdpSocket closed(loop);
    QVERIFY(closed.bind(kLocal, 0, &error));
    const uint16_t deadPort = localPortOf(closed);
    closed.close();
    UdpForward dead(loop, resolver, {}, 60000, 2);
    QVERIFY2(dead.listenOnHost(kLocal, 0, &error), error.c_str());
    dead.toHost("127.0.0.1", deadPort);

    std::vector<std::unique_ptr<HostUdpSocket>> clients;
    std::vector<int> answers(3, 0);
    for (int c = 0; c < 3; ++c) {
      auto s = std::make_unique<HostUdpSocket>(loop);
      QVERIFY(s->connect(kLocal, relayPortOf(relay), &error));
      s->onDatagram = [&answers, c](const char *, size_t, const IpAddress &, uint16_t) {
        ++answers[size_t(c)];
      };
      clients.push_back(std::move(s));
    }
    HostUdpSocket deadClient(loop);
    QVERIFY(deadClient.connect(kLocal, relayPortOf(dead), &error));
    for (int round = 0; round < 3; ++round) {
      QVERIFY(deadClient.send("lost", 4));
      QVERIFY(clients[0]->send("x", 1));
      QVERIFY(clients[1]->send("y", 1));
      QVERIFY(runUntil(loop, [&] { return answers[0] == round + 1 && answers[1] == round + 1; }));
    }
    QVERIFY(clients[2]->send("z", 1));  // a third client: over the cap of two
    QVERIFY(runUntil(loop, [&] { return relay.flowCounters().refused == 1; }));
    QCOMPARE(answers[2], 0);
    QCOMPARE(relay.flowCount(), size_t(2));
    QVERIFY(relay.counters().dropped >= 1);
    QCOMPARE(dead.flowCount(), size_t(1));
    QCOMPARE(dead.counters().datagramsDown, uint64_t(0));
  }

 private:
  static uint16_t localPortOf(HostUdpSocket &s) { return s.localPort(); }
  static uint16_t relayPortOf(UdpForward &r) { return r.hostListenPort(); }
};

QTEST_GUILESS_MAIN(TestUdpFlows)
#include "tst_udpflows.moc"
