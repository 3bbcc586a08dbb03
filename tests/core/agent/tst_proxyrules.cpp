// Tests NoRouter's Interesting/Resolve as the agent's proxies use them (core/agent/proxy/
// proxyrules.h): hostnameMap names (case-insensitive, canonical), VIPs, learned and CIDR
// routes, hostname-glob routes (go-glob, last match wins) through a fake mesh lookup that
// teaches routes and announces them, and the host resolver fallback, with fake lookups.
#include <QtTest>

#include "agent/proxy/proxyrules.h"
#include "agent/sys/socket.h"
#include "agenttestkit.h"

using namespace routeless::agent;

namespace {

ConfigureArgs meshArgs() {
  ConfigureArgs a;
  a.me = "127.0.42.101";
  a.others.push_back({"127.0.42.103", 8080, "tcp"});
  a.hostnameMap = {
      {"hostA", "127.0.42.101"}, {"hostB", "127.0.42.102"}, {"b.Example.Test", "127.0.42.102"}};
  a.routes.push_back({{"192.168.0.0/16"}, {"*.corp.example"}, "127.0.42.102"});
  a.routes.push_back({{"192.168.5.0/24"}, {"*.eu.corp.example"}, "127.0.42.101"});
  return a;
}

uint32_t ip(const char *text) { return *parseIpv4(text); }

// Runs decide() where every fake lookup answers at once; fails the test if it never answers.
ProxyRules::Decision decideNow(ProxyRules &rules, const std::string &host) {
  std::optional<ProxyRules::Decision> out;
  rules.decide(host, [&](ProxyRules::Decision d) { out = std::move(d); });
  if (!out) {
    ProxyRules::Decision none;
    none.error = "no answer";
    return none;
  }
  return *out;
}

}  // namespace

class TestProxyRules : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void names() {
    ProxyRules rules;
    std::string error;
    QVERIFY(rules.configure(meshArgs(), &error));
    int hostLookups = 0;
    rules.setHostLookup([&](const std::string &, ProxyRules::Addresses) { ++hostLookups; });
    for (const char *name : {"hostb", "HOSTB", "hostB.", "B.EXAMPLE.TEST"}) {
      const auto d = decideNow(rules, name);
      QVERIFY2(d.ok && d.throughMesh, name);
      QCOMPARE(d.stackIp, ip("127.0.42.102"));
    }
    QCOMPARE(hostLookups, 0);  // no DNS traffic for mapped names
  }

  void addresses_data() {
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("mesh");
    QTest::newRow("own vip") << "127.0.42.101" << true;
    QTest::newRow("other vip") << "127.0.42.103" << true;  // from others, not hostnameMap
    QTest::newRow("cidr") << "192.168.1.1" << true;
    QTest::newRow("cidr later") << "192.168.5.9" << true;
    QTest::newRow("outside") << "10.1.2.3" << false;
    QTest::newRow("loopback") << "127.0.0.1" << false;
    QTest::newRow("ipv6") << "::1" << false;
  }
  void addresses() {
    QFETCH(QString, address);
    QFETCH(bool, mesh);
    ProxyRules rules;
    std::string error;
    QVERIFY(rules.configure(meshArgs(), &error));
    const auto d = decideNow(rules, address.toStdString());
    QVERIFY(d.ok);
    QCOMPARE(d.throughMesh, mesh);
    if (!mesh) QCOMPARE(QString::fromStdString(d.hostTarget), address);
  }

  void cidrLastWins() {
    ProxyRules rules;
    std::string error;
    QVERIFY(rules.configure(meshArgs(), &error));
    QCOMPARE(rules.meshVia(ip("192.168.5.9")), ip("127.0.42.101"));  // the /24, later
    QCOMPARE(rules.meshVia(ip("192.168.6.9")), ip("127.0.42.102"));
    QCOMPARE(rules.meshVia(ip("127.0.42.103")), ip("127.0.42.103"));
    QCOMPARE(rules.meshVia(ip("8.8.8.8")), 0u);
  }

  void globLastWinsAndLearns() {
    ProxyRules rules;
    std::string error;
    QVERIFY(rules.configure(meshArgs(), &error));
    std::vector<std::pair<uint32_t, std::string>> asked;
    rules.setMeshLookup([&](uint32_t via, const std::string &name, ProxyRules::Addresses done) {
      asked.emplace_back(via, name);
      done({ip("10.9.0.7"), ip("10.9.0.8")}, {});
    });
    std::vector<RouteSuggestion> told;
    rules.setLearned([&](const RouteSuggestion &s) { told.push_back(s); });
    int hostLookups = 0;
    rules.setHostLookup([&](const std::string &, ProxyRules::Addresses) { ++hostLookups; });

    auto d = decideNow(rules, "db.EU.corp.example");
    QVERIFY(d.ok && d.throughMesh);
    QCOMPARE(d.stackIp, ip("10.9.0.7"));
    QCOMPARE(asked.size(), size_t(1));
    QCOMPARE(asked[0].first, ip("127.0.42.101"));  // the later route matches too, and wins
    QCOMPARE(told.size(), size_t(1));
    QCOMPARE(told[0].route, std::string("127.0.42.101"));
    QCOMPARE(told[0].ips, (std::vector<std::string>{"10.9.0.7", "10.9.0.8"}));
    QCOMPARE(
        encodeRouteSuggestion(told[0]),
        std::string(
            R"({"type":"event","body":{"type":"routeSuggestion","data":{"ip":["10.9.0.7","10.9.0.8"],"route":"127.0.42.101"}}})"));
    // Learned: the address itself is now interesting, through that bastion.
    QCOMPARE(rules.meshVia(ip("10.9.0.8")), ip("127.0.42.101"));
    d = decideNow(rules, "10.9.0.8");
    QVERIFY(d.throughMesh);

    d = decideNow(rules, "www.corp.example");
    QVERIFY(d.ok && d.throughMesh);
    QCOMPARE(asked.back().first, ip("127.0.42.102"));
    QCOMPARE(hostLookups, 0);
  }

  void globWithoutMeshLookupFails() {
    ProxyRules rules;
    std::string error;
    QVERIFY(rules.configure(meshArgs(), &error));
    int hostLookups = 0;
    rules.setHostLookup([&](const std::string &, ProxyRules::Addresses) { ++hostLookups; });
    const auto d = decideNow(rules, "www.corp.example");
    QVERIFY(!d.ok);
    QVERIFY2(d.error.find("hostname-glob") != std::string::npos, d.error.c_str());
    QCOMPARE(hostLookups, 0);  // never silently out through the host
  }

  void meshLookupFailure() {
    ProxyRules rules;
    std::string error;
    QVERIFY(rules.configure(meshArgs(), &error));
    rules.setMeshLookup(
        [](uint32_t, const std::string &, ProxyRules::Addresses done) { done({}, "timed out"); });
    const auto d = decideNow(rules, "x.corp.example");
    QVERIFY(!d.ok);
    QVERIFY2(d.error.find("timed out") != std::string::npos, d.error.c_str());
    QCOMPARE(rules.learnedRoutes().size(), size_t(0));
  }

  void hostFallback() {
    ProxyRules rules;
    std::string error;
    QVERIFY(rules.configure(meshArgs(), &error));
    std::map<std::string, std::vector<uint32_t>> dns = {{"example.org", {ip("93.184.216.34")}},
                                                        {"inside.example", {ip("192.168.7.7")}},
                                                        {"vip.example", {ip("127.0.42.102")}}};
    rules.setHostLookup([&](const std::string &name, ProxyRules::Addresses done) {
      auto it = dns.find(name);
      if (it == dns.end())
        done({}, "no such host");
      else
        done(it->second, {});
    });
    auto d = decideNow(rules, "example.org");
    QVERIFY(d.ok && !d.throughMesh);
    QCOMPARE(d.hostTarget, std::string("93.184.216.34"));
    d = decideNow(rules, "inside.example");  // resolved, then checked again: a CIDR route
    QVERIFY(d.ok && d.throughMesh);
    QCOMPARE(d.stackIp, ip("192.168.7.7"));
    d = decideNow(rules, "vip.example");
    QVERIFY(d.ok && d.throughMesh);
    d = decideNow(rules, "missing.example");
    QVERIFY(!d.ok);
    QVERIFY(d.error.find("no such host") != std::string::npos);
  }

  void badRouteKeepsOldRules() {
    ProxyRules rules;
    std::string error;
    QVERIFY(rules.configure(meshArgs(), &error));
    ConfigureArgs bad = meshArgs();
    bad.routes.push_back({{"10.0.0.0/33"}, {}, "127.0.42.102"});
    QVERIFY(!rules.configure(bad, &error));
    QVERIFY(error.find("10.0.0.0/33") != std::string::npos);
    QCOMPARE(rules.meshVia(ip("192.168.1.1")), ip("127.0.42.102"));
    bad = meshArgs();
    bad.routes.push_back({{}, {"*.x"}, "not-an-ip"});
    QVERIFY(!rules.configure(bad, &error));
  }

  void learnedLru() {
    LearnedRoutes lru;
    for (uint32_t i = 0; i < LearnedRoutes::kCapacity; ++i) lru.learn(0x0A000000 + i, 7);
    QCOMPARE(lru.find(0x0A000000), 7u);  // used: now the most recent
    lru.learn(0x0B000000, 8);            // evicts the least recent, 10.0.0.1
    QCOMPARE(lru.size(), LearnedRoutes::kCapacity);
    QCOMPARE(lru.find(0x0A000001), 0u);
    QCOMPARE(lru.find(0x0A000000), 7u);
    QCOMPARE(lru.find(0x0B000000), 8u);
    lru.learn(0x0B000000, 9);  // relearned: new via, no duplicate
    QCOMPARE(lru.find(0x0B000000), 9u);
    QCOMPARE(lru.size(), LearnedRoutes::kCapacity);
  }

  void glob_data() {
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<bool>("match");
    QTest::newRow("star") << "*"
                          << "" << true;
    QTest::newRow("suffix") << "*.corp.example."
                            << "a.b.corp.example." << true;
    QTest::newRow("suffix only dot") << "*.corp.example."
                                     << "corp.example." << false;
    QTest::newRow("prefix") << "db*"
                            << "db1" << true;
    QTest::newRow("middle") << "a*b*c"
                            << "axxbyyc" << true;
    QTest::newRow("middle order") << "a*c*b"
                                  << "axxbyyc" << false;
    QTest::newRow("overlap") << "ab*ba"
                             << "aba" << false;
    QTest::newRow("exact") << "abc"
                           << "abc" << true;
    QTest::newRow("exact no") << "abc"
                              << "abcd" << false;
    QTest::newRow("question mark literal") << "a?c"
                                           << "abc" << false;
    QTest::newRow("double star") << "**"
                                 << "x" << true;
  }
  void glob() {
    QFETCH(QString, pattern);
    QFETCH(QString, subject);
    QFETCH(bool, match);
    QCOMPARE(goGlobMatch(pattern.toStdString(), subject.toStdString()), match);
  }

  void canonical() {
    QCOMPARE(canonicalName("Foo.Example"), std::string("foo.example."));
    QCOMPARE(canonicalName("foo.example."), std::string("foo.example."));
  }
};

QTEST_APPLESS_MAIN(TestProxyRules)
#include "tst_proxyrules.moc"
