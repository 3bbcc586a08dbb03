// Tests the SOCKS 4/4a/5 handshake parser of the agent's SOCKS proxy (core/agent/proxy/
// sockshandshake.h): targets read byte by byte as well as at once, the replies it asks for
// (method choice, success, RFC 1928 failure codes: no method, CONNECT only, no IPv6), and the
// limits on names and user ids.
#include <QtTest>

#include "agent/proxy/sockshandshake.h"
#include "agenttestkit.h"

using namespace routeless::agent;
using Status = SocksHandshake::Status;

namespace {

std::string raw(std::initializer_list<int> bytes) {
  std::string s;
  for (int b : bytes) s += char(b);
  return s;
}

// Feeds `input` as a client would send it in pieces of `chunk` bytes; returns the last step
// and every reply sent on the way.
SocksHandshake::Step drive(SocksHandshake &h, const std::string &input, size_t chunk,
                           std::string *replies) {
  std::string buffer;
  SocksHandshake::Step s;
  for (size_t i = 0; i < input.size(); i += chunk) {
    buffer += input.substr(i, chunk);
    for (;;) {
      s = h.feed(buffer);
      if (s.status == Status::Reply) {
        *replies += s.reply;
        buffer.erase(0, s.consumed);
        continue;
      }
      break;
    }
    if (s.status == Status::Done || s.status == Status::Failed) {
      return s;
    }
  }
  return s;
}

}  // namespace

class TestSocksHandshake : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void socks5Domain_data() {
    QTest::addColumn<int>("chunk");
    QTest::newRow("whole") << 1000;
    QTest::newRow("bytewise") << 1;
    QTest::newRow("threes") << 3;
  }
  void socks5Domain() {
    QFETCH(int, chunk);
    const std::string in =
        raw({5, 2, 2, 0}) + raw({5, 1, 0, 3, 5}) + "hostB" + raw({0x1f, 0x90}) + "GET";
    SocksHandshake h;
    std::string replies;
    const auto s = drive(h, in, size_t(chunk), &replies);
    QCOMPARE(int(s.status), int(Status::Done));
    QCOMPARE(replies, raw({5, 0}));
    QCOMPARE(h.host(), std::string("hostB"));
    QCOMPARE(h.port(), uint16_t(8080));
    QCOMPARE(h.version(), 5);
    QCOMPARE(h.successReply(), raw({5, 0, 0, 1, 0, 0, 0, 0, 0, 0}));
    QCOMPARE(h.failureReply(), raw({5, 4, 0, 1, 0, 0, 0, 0, 0, 0}));
  }

  void socks5Ipv4() {
    SocksHandshake h;
    std::string replies;
    const auto s = drive(h, raw({5, 1, 0, 5, 1, 0, 1, 127, 0, 42, 102, 0, 80}), 1000, &replies);
    QCOMPARE(int(s.status), int(Status::Done));
    QCOMPARE(h.host(), std::string("127.0.42.102"));
    QCOMPARE(h.port(), uint16_t(80));
  }

  void socks5Refusals_data() {
    QTest::addColumn<QByteArray>("request");  // after the method choice
    QTest::addColumn<QByteArray>("reply");
    QTest::newRow("ipv6") << routeless::agenttest::bytes(raw({5, 1, 0, 4, 0, 0, 0, 0, 0, 0, 0,
                                                              0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 80}))
                          << routeless::agenttest::bytes(raw({5, 8, 0, 1, 0, 0, 0, 0, 0, 0}));
    QTest::newRow("unknown atyp") << routeless::agenttest::bytes(raw({5, 1, 0, 9, 1, 2}))
                                  << routeless::agenttest::bytes(
                                         raw({5, 8, 0, 1, 0, 0, 0, 0, 0, 0}));
    QTest::newRow("bind") << routeless::agenttest::bytes(raw({5, 2, 0, 1, 1, 2, 3, 4, 0, 80}))
                          << routeless::agenttest::bytes(raw({5, 7, 0, 1, 0, 0, 0, 0, 0, 0}));
    QTest::newRow("udp associate")
        << routeless::agenttest::bytes(raw({5, 3, 0, 1, 1, 2, 3, 4, 0, 80}))
        << routeless::agenttest::bytes(raw({5, 7, 0, 1, 0, 0, 0, 0, 0, 0}));
    QTest::newRow("port 0") << routeless::agenttest::bytes(raw({5, 1, 0, 1, 1, 2, 3, 4, 0, 0}))
                            << routeless::agenttest::bytes(raw({5, 1, 0, 1, 0, 0, 0, 0, 0, 0}));
    QTest::newRow("control in name")
        << routeless::agenttest::bytes(raw({5, 1, 0, 3, 2, 'a', '\n', 0, 80}))
        << routeless::agenttest::bytes(raw({5, 1, 0, 1, 0, 0, 0, 0, 0, 0}));
    QTest::newRow("empty name") << routeless::agenttest::bytes(raw({5, 1, 0, 3, 0, 0, 80}))
                                << routeless::agenttest::bytes(raw({5, 1, 0, 1, 0, 0, 0, 0, 0, 0}));
  }
  void socks5Refusals() {
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, reply);
    SocksHandshake h;
    std::string replies;
    const auto s =
        drive(h, raw({5, 1, 0}) + std::string(routeless::agenttest::view(request)), 1000, &replies);
    QCOMPARE(int(s.status), int(Status::Failed));
    QCOMPARE(s.reply, std::string(routeless::agenttest::view(reply)));
    QVERIFY(!s.error.empty());
  }

  void socks5NoAcceptableMethod() {
    SocksHandshake h;
    auto s = h.feed(raw({5, 1, 2}));  // username/password only
    QCOMPARE(int(s.status), int(Status::Failed));
    QCOMPARE(s.reply, raw({5, 0xff}));
    SocksHandshake none;
    s = none.feed(raw({5, 0}));
    QCOMPARE(int(s.status), int(Status::Failed));
  }

  void socks4() {
    SocksHandshake h;
    std::string replies;
    const std::string in = raw({4, 1, 0x1f, 0x90, 127, 0, 42, 102}) + "user" + raw({0}) + "x";
    const auto s = drive(h, in, 2, &replies);
    QCOMPARE(int(s.status), int(Status::Done));
    QCOMPARE(h.host(), std::string("127.0.42.102"));
    QCOMPARE(h.port(), uint16_t(8080));
    QCOMPARE(h.successReply(), raw({0, 0x5a, 0, 0, 0, 0, 0, 0}));
    QCOMPARE(h.failureReply(), raw({0, 0x5b, 0, 0, 0, 0, 0, 0}));
  }

  void socks4a() {
    SocksHandshake h;
    const std::string in =
        raw({4, 1, 0, 80, 0, 0, 0, 1}) + raw({0}) + "hostB" + raw({0}) + "payload";
    const auto s = h.feed(in);
    QCOMPARE(int(s.status), int(Status::Done));
    QCOMPARE(h.host(), std::string("hostB"));
    QCOMPARE(h.port(), uint16_t(80));
    QCOMPARE(in.substr(s.consumed), std::string("payload"));
    // Incomplete name: waits.
    SocksHandshake partial;
    QCOMPARE(int(partial.feed(raw({4, 1, 0, 80, 0, 0, 0, 1, 0}) + "host").status),
             int(Status::NeedMore));
  }

  void socks4Refusals() {
    SocksHandshake bind;
    auto s = bind.feed(raw({4, 2, 0, 80, 1, 2, 3, 4, 0}));
    QCOMPARE(int(s.status), int(Status::Failed));
    QCOMPARE(s.reply, raw({0, 0x5b, 0, 0, 0, 0, 0, 0}));
    SocksHandshake longUser;
    s = longUser.feed(raw({4, 1, 0, 80, 1, 2, 3, 4}) + std::string(300, 'u'));
    QCOMPARE(int(s.status), int(Status::Failed));
    SocksHandshake longName;
    s = longName.feed(raw({4, 1, 0, 80, 0, 0, 0, 1, 0}) + std::string(300, 'n'));
    QCOMPARE(int(s.status), int(Status::Failed));
  }

  void notSocks() {
    SocksHandshake h;
    const auto s = h.feed("GET / HTTP/1.1\r\n");
    QCOMPARE(int(s.status), int(Status::Failed));
    QVERIFY(s.reply.empty());
  }
};

QTEST_APPLESS_MAIN(TestSocksHandshake)
#include "tst_sockshandshake.moc"
