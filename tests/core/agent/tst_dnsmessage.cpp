// Tests core/agent/dns/dnsmessage.cpp: queries read (header, first question, case kept in the
// wire name, lower case in the dotted one), A replies written byte for byte as NoRouter 0.6.5
// writes them (captured from the real binary), A records read back, the TCP length framing,
// and every limit: short messages, label and name lengths, compression pointer loops.
#include <QtTest>

#include "agent/dns/dnsmessage.h"

using namespace routeless::agent;
using namespace routeless::agent::dns;

namespace {

std::string fromHex(const char *hex) { return QByteArray::fromHex(hex).toStdString(); }
std::string hex(const std::string &bytes) {
  return QByteArray::fromStdString(bytes).toHex().toStdString();
}

}  // namespace

class TestDnsMessage : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // The real NoRouter 0.6.5 answered `hb` (query ID 0x1234, flags RD|AD as dig sends them)
  // with exactly these bytes (captured over TCP from VIP:10053, length prefix removed).
  void aReplyMatchesNoRouterBytes() {
    const std::string query = encodeAQuery(0x1234, "hb");
    std::string q = query;
    q[3] = char(0x20);  // dig's AD bit: NoRouter's reply drops it
    std::string error;
    const auto parsed = parseQuery(q, &error);
    QVERIFY2(parsed, error.c_str());
    QCOMPARE(parsed->question->name, std::string("hb"));
    QCOMPARE(hex(encodeAReply(*parsed, {0x7F002AE8})),
             std::string("123481000001000100000000026862000001000102686200000100010000000000047f"
                         "002ae8"));
  }

  void caseIsKeptOnTheWireAndFoldedForLookup() {
    std::string error;
    const auto parsed = parseQuery(encodeAQuery(7, "B.Example.TEST."), &error);
    QVERIFY2(parsed, error.c_str());
    QCOMPARE(parsed->question->name, std::string("b.example.test"));
    QCOMPARE(parsed->question->wireName, fromHex("0142074578616d706c650454455354"
                                                 "00"));
    const std::string reply = encodeAReply(*parsed, {0x7F000001, 0x7F000002});
    // Both answers carry the name uncompressed, as miekg/dns writes without Compress.
    QCOMPARE(reply.size(), size_t(12 + 16 + 4 + 2 * (16 + 14)));
    const auto addresses = parseAReply(reply, 7, &error);
    QVERIFY2(addresses, error.c_str());
    QCOMPARE(*addresses, (std::vector<uint32_t>{0x7F000001, 0x7F000002}));
  }

  void emptyNoErrorKeepsTheQuestionAndFlags() {
    std::string q = encodeAQuery(0x4444, "nothing.example");
    q[3] = char(0x10);  // CD is copied, as miekg's SetReply does
    std::string error;
    const auto parsed = parseQuery(q, &error);
    QVERIFY(parsed);
    const std::string reply = encodeAReply(*parsed, {});
    const auto header = parseHeader(reply);
    QCOMPARE(header->flags, uint16_t(0x8110));
    QCOMPARE(header->qdCount, uint16_t(1));
    QCOMPARE(header->anCount, uint16_t(0));
    QCOMPARE(reply.substr(12), q.substr(12));
    const auto addresses = parseAReply(reply, 0x4444, &error);
    QVERIFY(addresses && addresses->empty());
  }

  void readsCompressedAnswers() {
    // A reply as a resolver writes it: the answer's name is a pointer to the question's.
    std::string reply = fromHex(
        "abcd81800001000200000000"
        "03777777076578616d706c6503636f6d00"
        "00010001");
    reply += fromHex("c00c000500010000003c0002c010");  // CNAME, skipped
    reply += fromHex("c010000100010000003c00045db8d822");
    std::string error;
    const auto addresses = parseAReply(reply, 0xabcd, &error);
    QVERIFY2(addresses, error.c_str());
    QCOMPARE(*addresses, std::vector<uint32_t>{0x5DB8D822});
    // Wrong ID, not a response, an error RCODE: refused with a reason.
    QVERIFY(!parseAReply(reply, 0xabce, &error));
    std::string nx = reply;
    nx[3] = char(0x83);
    QVERIFY(!parseAReply(nx, 0xabcd, &error));
    QVERIFY2(error.find("RCODE 3") != std::string::npos, error.c_str());
  }

  void pointerLoopsAreRefused() {
    std::string error;
    // A pointer to itself, and two pointers to each other.
    std::string self = fromHex(
        "000100000001000000000000"
        "c00c"
        "00010001");
    QVERIFY(!parseQuery(self, &error));
    QVERIFY2(error.find("loop") != std::string::npos, error.c_str());
    std::string pair = fromHex(
        "000100000001000000000000"
        "c00e"
        "c00c"
        "00010001");
    QVERIFY(!parseQuery(pair, &error));
    // A forward pointer is refused too (only backward pointers can never loop).
    std::string forward = fromHex(
        "000100000001000000000000"
        "c010"
        "00010001"
        "0161"
        "00");
    QVERIFY(!parseQuery(forward, &error));
  }

  void lengthLimits() {
    std::string error;
    QVERIFY(!parseHeader(std::string(11, '\0')));
    QVERIFY(!parseQuery(std::string(11, '\0'), &error));
    // Label of 64 bytes: the 0x40 bits are a reserved label type.
    std::string label64 = fromHex("000100000001000000000000") + char(64) + std::string(64, 'a') +
                          std::string("\0\0\1\0\1", 5);
    QVERIFY(!parseQuery(label64, &error));
    // A 63-byte label is fine; five of them make a 321-byte name, over the 255 limit.
    std::string longName = fromHex("000100000001000000000000");
    for (int i = 0; i < 5; ++i) longName += char(63) + std::string(63, 'a');
    longName += std::string("\0\0\1\0\1", 5);
    QVERIFY(!parseQuery(longName, &error));
    QVERIFY2(error.find("255") != std::string::npos, error.c_str());
    QVERIFY(!encodeName(std::string(64, 'a')));
    QVERIFY(encodeName(std::string(63, 'a')));
    QVERIFY(!encodeName("a..b"));
    QVERIFY(encodeAQuery(1, std::string(300, 'a')).empty());
    // Truncated question, truncated label.
    QVERIFY(!parseQuery(fromHex("000100000001000000000000"
                                "0161"
                                "00"
                                "0001"),
                        &error));
    QVERIFY(!parseQuery(fromHex("000100000001000000000000"
                                "0561"),
                        &error));
    // No question at all is a valid query (nothing to answer locally).
    const auto none = parseQuery(fromHex("000100000000000000000000"), &error);
    QVERIFY(none && !none->question);
    // A record whose data runs past the end.
    std::string bad = encodeAReply(*parseQuery(encodeAQuery(9, "x"), &error), {1});
    bad.pop_back();
    QVERIFY(!parseAReply(bad, 9, &error));
  }

  void formErrEchoesTheHeaderOnly() {
    const auto header =
        parseHeader(fromHex("beef0100"
                            "0001000000000000"));
    const std::string reply = encodeFormErr(*header);
    QCOMPARE(hex(reply), std::string("beef81010000000000000000"));
  }

  void idRewriteAndTcpFraming() {
    std::string m = encodeAQuery(1, "a");
    setId(m, 0xfeed);
    QCOMPARE(parseHeader(m)->id, uint16_t(0xfeed));
    const auto framed = frameForTcp(m);
    QVERIFY(framed);
    QVERIFY(!frameForTcp(std::string(65536, 'x')));
    QVERIFY(!frameForTcp(std::string()));
    // Byte by byte, then two at once: the reader hands out whole messages only.
    TcpMessageReader reader;
    for (char c : *framed) {
      QVERIFY(!reader.next());
      QVERIFY(reader.append(&c, 1));
    }
    const std::string two = *framed + *framed;
    QVERIFY(reader.append(two.data(), two.size()));
    for (int i = 0; i < 3; ++i) QCOMPARE(reader.next(), std::optional<std::string>(m));
    QVERIFY(!reader.next());
    QVERIFY(!reader.broken());
    // A zero length breaks the stream; so does buffering more than two maximal messages.
    TcpMessageReader zero;
    QVERIFY(zero.append("\0\0", 2));
    QVERIFY(!zero.next());
    QVERIFY(zero.broken());
    TcpMessageReader flood;
    const std::string big(TcpMessageReader::kMaxBuffered, 'x');
    QVERIFY(flood.append(big.data(), big.size()));
    QVERIFY(!flood.append("x", 1));
  }
};

QTEST_GUILESS_MAIN(TestDnsMessage)
#include "tst_dnsmessage.moc"
