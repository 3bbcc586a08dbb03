// UdpSender/UdpReceiver: a batch of datagrams of mixed sizes sent over a loopback UDP pair
// arrives whole and in order, with GSO and without, to a connected or an unconnected socket;
// the queue keeps what does not fit, and a hard error drops datagrams instead of hanging.
#include <QTest>
#include <cstring>
#include <vector>

#include "net/sockets.h"
#include "net/udpbatch.h"

using namespace routeless::net;

namespace {

// Datagram i: its index in the first two bytes, then a byte pattern that depends on it.
std::vector<uint8_t> datagram(int i, size_t len) {
  std::vector<uint8_t> out(len);
  for (size_t k = 0; k < len; ++k) out[k] = uint8_t((i * 131 + int(k) * 7) & 0xff);
  if (len >= 2) {
    out[0] = uint8_t(i >> 8);
    out[1] = uint8_t(i & 0xff);
  }
  return out;
}

// Runs of equal sizes (what GSO batches) broken by shorter and longer ones, and tiny ones.
std::vector<size_t> mixedSizes(int n) {
  std::vector<size_t> sizes;
  for (int i = 0; i < n; ++i) {
    if (i % 50 < 30)
      sizes.push_back(1200);  // a full-packet run
    else if (i % 50 == 30)
      sizes.push_back(700);  // ends the run
    else if (i % 7 == 0)
      sizes.push_back(2);
    else
      sizes.push_back(size_t(100 + (i * 37) % 1352));
  }
  return sizes;
}

struct UdpPair {
  int receiverFd = -1;
  int senderFd = -1;
  SocketAddress receiverAddress;
  ~UdpPair() {
    if (receiverFd >= 0) closeFd(receiverFd);
    if (senderFd >= 0) closeFd(senderFd);
  }
};

bool makePair(UdpPair *p, bool connected) {
  QString error;
  p->receiverFd = bindUdp(QHostAddress::LocalHost, 0, &error);
  if (p->receiverFd < 0) return false;
  setUdpBuffers(p->receiverFd, 4 << 20);  // the whole batch fits, so loopback drops nothing
  p->receiverAddress = localAddress(p->receiverFd);
  p->senderFd = connected ? connectUdp(QHostAddress::LocalHost, p->receiverAddress.port,
                                       QHostAddress(), &error)
                          : bindUdp(QHostAddress::LocalHost, 0, &error);
  return p->senderFd >= 0;
}

using Datagrams = std::vector<std::vector<uint8_t>>;

// Reads until `got` holds `count` datagrams or nothing more comes for a while.
void receiveInto(UdpReceiver *receiver, size_t count, Datagrams *got) {
  int idle = 0;
  while (got->size() < count && idle < 200) {
    const size_t n = receiver->receive();
    if (n == 0) {
      ++idle;
      QTest::qWait(10);
      continue;
    }
    idle = 0;
    for (size_t i = 0; i < n; ++i)
      got->emplace_back(receiver->at(i).data, receiver->at(i).data + receiver->at(i).len);
  }
}

Datagrams receiveAll(UdpReceiver *receiver, size_t count) {
  Datagrams got;
  receiveInto(receiver, count, &got);
  return got;
}

}  // namespace

class TestUdpBatch : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void batchArrivesWholeAndInOrder_data() {
    QTest::addColumn<bool>("gso");
    QTest::addColumn<bool>("connected");
    QTest::newRow("gso, connected") << true << true;
    QTest::newRow("gso, sendto") << true << false;
    QTest::newRow("no gso, connected") << false << true;
    QTest::newRow("no gso, sendto") << false << false;
  }

  void batchArrivesWholeAndInOrder() {
    QFETCH(bool, gso);
    QFETCH(bool, connected);
    UdpPair pair;
    QVERIFY(makePair(&pair, connected));
    UdpSender sender(pair.senderFd);
    if (gso && !sender.gsoEnabled()) QSKIP("this kernel has no UDP GSO (UDP_SEGMENT) here");
    if (!gso) sender.disableGso();
    UdpReceiver receiver(pair.receiverFd);

    alignas(8) unsigned char to[128];  // a sockaddr_storage, without the system headers
    unsigned toLen = 0;
    QCOMPARE(toSockaddr(pair.receiverAddress.address, pair.receiverAddress.port, to, &toLen), 0);
    const std::vector<size_t> sizes = mixedSizes(400);
    // Several batches: the 64 KiB queue fills, is sent, and is filled again. Each batch is read
    // before the next goes, so a receive buffer capped by the system (no SO_RCVBUFFORCE
    // without privileges) never overflows.
    Datagrams got;
    size_t sent = 0;
    for (int i = 0; i < int(sizes.size()); ++i) {
      const std::vector<uint8_t> d = datagram(i, sizes[size_t(i)]);
      if (!sender.append(d.data(), d.size())) {
        sent += sender.queued();
        QVERIFY(sender.queued() > 1);
        QCOMPARE(sender.send(connected ? nullptr : to, connected ? 0 : toLen),
                 UdpSender::Result::Sent);
        QVERIFY(!sender.hasQueued());
        receiveInto(&receiver, sent, &got);
        QVERIFY(sender.append(d.data(), d.size()));
      }
    }
    QVERIFY(sender.queued() > 1);
    QCOMPARE(sender.send(connected ? nullptr : to, connected ? 0 : toLen), UdpSender::Result::Sent);
    QCOMPARE(sender.queued(), size_t(0));
    receiveInto(&receiver, sizes.size(), &got);
    QCOMPARE(got.size(), sizes.size());
    for (int i = 0; i < int(sizes.size()); ++i) {
      const std::vector<uint8_t> want = datagram(i, sizes[size_t(i)]);
      if (got[size_t(i)] != want)
        QFAIL(qPrintable(QStringLiteral("datagram %1 (%2 bytes) arrived as %3 bytes or changed")
                             .arg(i)
                             .arg(want.size())
                             .arg(got[size_t(i)].size())));
    }
  }

  void reserveCommitKeepsDatagramBoundaries() {
    UdpPair pair;
    QVERIFY(makePair(&pair, true));
    UdpSender sender(pair.senderFd, 4096);
    UdpReceiver receiver(pair.receiverFd);
    // Written in place, as QUIC writes packets: reserve the most, commit what was used.
    for (int i = 0; i < 3; ++i) {
      uint8_t *p = sender.reserve(1500);
      QVERIFY(p);
      const std::vector<uint8_t> d = datagram(i, size_t(10 + i));
      memcpy(p, d.data(), d.size());
      sender.commit(d.size());
    }
    // 33 bytes used of 4096: room for 1500 more twice, not three times.
    QVERIFY(sender.reserve(1500));
    sender.commit(1500);
    QVERIFY(sender.reserve(1500));
    sender.commit(1500);
    QVERIFY(!sender.reserve(1500));
    QCOMPARE(sender.queued(), size_t(5));
    QCOMPARE(sender.send(nullptr, 0), UdpSender::Result::Sent);
    QVERIFY(sender.reserve(4096));  // empty again: the whole buffer is free
    const auto got = receiveAll(&receiver, 5);
    QCOMPARE(got.size(), size_t(5));
    for (int i = 0; i < 3; ++i) QCOMPARE(got[size_t(i)], datagram(i, size_t(10 + i)));
    QCOMPARE(got[3].size(), size_t(1500));
    QCOMPARE(got[4].size(), size_t(1500));
  }

  void largestDatagramArrivesWhole() {
    UdpPair pair;
    QVERIFY(makePair(&pair, true));
    UdpSender sender(pair.senderFd);
    UdpReceiver receiver(pair.receiverFd);
    const std::vector<uint8_t> big = datagram(7, 65507);  // the IPv4 UDP maximum
    QVERIFY(sender.append(big.data(), big.size()));
    QCOMPARE(sender.send(nullptr, 0), UdpSender::Result::Sent);
    const auto got = receiveAll(&receiver, 1);
    QCOMPARE(got.size(), size_t(1));
    QVERIFY(got[0] == big);
  }

  void hardErrorDropsInsteadOfHanging() {
    // A connected socket whose peer is gone: the kernel reports ECONNREFUSED on a later send.
    UdpPair pair;
    QVERIFY(makePair(&pair, true));
    closeFd(pair.receiverFd);
    pair.receiverFd = -1;
    UdpSender sender(pair.senderFd);
    const std::vector<uint8_t> d = datagram(1, 100);
    bool failed = false;
    for (int round = 0; round < 50 && !failed; ++round) {
      for (int i = 0; i < 4; ++i) QVERIFY(sender.append(d.data(), d.size()));
      const UdpSender::Result r = sender.send(nullptr, 0);
      QVERIFY(r != UdpSender::Result::Blocked);
      QCOMPARE(sender.queued(), size_t(0));  // sent or dropped, never left behind
      failed = r == UdpSender::Result::Failed;
      if (!failed) QTest::qWait(20);  // the ICMP error comes back asynchronously
    }
    if (!failed) QSKIP("no ICMP port-unreachable came back on this system's loopback");
    QVERIFY(sender.lastError() != 0);
  }
};

QTEST_MAIN(TestUdpBatch)
#include "tst_udpbatch.moc"
