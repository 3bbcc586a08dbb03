// The Internet checksum routine given to lwIP (core/agent/stack/arch/checksum.c), checked against
// a plain RFC 1071 reference at every length and alignment, and against the checksums gVisor
// put into the captured NoRouter packets.
#include <QFile>
#include <QRandomGenerator>
#include <QtTest>
#include <cstring>
#include <vector>

#include "agent/stack/checksum.h"
#include "agent/wire/frame.h"

namespace {

// RFC 1071, byte by byte: the big-endian 16-bit one's-complement sum, not inverted.
quint16 referenceSum(const uchar *p, int len) {
  quint32 sum = 0;
  for (int i = 0; i + 1 < len; i += 2) sum += quint32(p[i] << 8 | p[i + 1]);
  if (len & 1) sum += quint32(p[len - 1] << 8);
  while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
  return quint16(sum);
}

// lwIP's convention: the u16 whose in-memory bytes are the big-endian sum.
quint16 asStored(quint16 bigEndianSum) {
  const uchar bytes[2] = {uchar(bigEndianSum >> 8), uchar(bigEndianSum & 0xFF)};
  quint16 v;
  memcpy(&v, bytes, 2);
  return v;
}

}  // namespace

class TestChecksum : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void matchesReferenceAtEveryLengthAndAlignment() {
    std::vector<uchar> data(4096 + 16);
    QRandomGenerator rng(42);
    for (auto &b : data) b = uchar(rng.generate());
    for (int offset = 0; offset < 8; ++offset) {
      for (int len = 0; len <= 1100; ++len) {
        const uchar *p = data.data() + offset;
        QCOMPARE(routeless_chksum(p, len), asStored(referenceSum(p, len)));
      }
    }
  }

  void handlesCarriesAndLargeBuffers() {
    // All-ones data makes every addition carry; 64K-class lengths as in 65535-byte packets.
    for (const uchar fill : {uchar(0xFF), uchar(0x00), uchar(0x80), uchar(0x01)}) {
      std::vector<uchar> data(65535 + 7, fill);
      for (const int len : {65535, 65534, 65495, 4097, 8})
        for (int offset = 0; offset < 3; ++offset)
          QCOMPARE(routeless_chksum(data.data() + offset, len),
                   asStored(referenceSum(data.data() + offset, len)));
    }
  }

  void copyVariantCopiesAndSums() {
    std::vector<uchar> src(70000), dst(70000);
    QRandomGenerator rng(7);
    for (auto &b : src) b = uchar(rng.generate());
    for (const int len : {0, 1, 2, 3, 7, 8, 9, 2047, 2048, 2049, 4095, 40000, 65535}) {
      for (int offset = 0; offset < 4; ++offset) {
        std::fill(dst.begin(), dst.end(), 0);
        const quint16 sum = routeless_chksum_copy(dst.data() + offset, src.data() + 3,
                                                  static_cast<unsigned short>(len));
        QCOMPARE(memcmp(dst.data() + offset, src.data() + 3, size_t(len)), 0);
        QCOMPARE(sum, asStored(referenceSum(src.data() + 3, len)));
      }
    }
  }

  void validatesCapturedGvisorPackets() {
    // Every L3 packet NoRouter's gVisor stack wrote carries valid checksums: summing the IP
    // header, or the pseudo-header and TCP segment, must give 0xFFFF.
    QFile f(QStringLiteral(ROUTELESS_VECTORS_DIR "/norouter/a2m-A.bin"));
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
    const QByteArray stream = f.readAll();
    routeless::agent::FrameDecoder decoder;
    int packets = 0;
    QVERIFY(decoder.feed(std::string_view(stream.constData(), size_t(stream.size())),
                         [&](const routeless::agent::FrameDecoder::Frame &frame) {
                           if (frame.type != 1) return;
                           const auto *ip = reinterpret_cast<const uchar *>(frame.payload.data());
                           const int ihl = (ip[0] & 0x0F) * 4;
                           const int total = ip[2] << 8 | ip[3];
                           QCOMPARE(routeless_chksum(ip, ihl), quint16(0xFFFF));
                           QCOMPARE(ip[9], uchar(6));
                           // Pseudo-header: src, dst, zero, protocol, TCP length.
                           const int tcpLength = total - ihl;
                           std::vector<uchar> buf(12 + size_t(tcpLength));
                           memcpy(buf.data(), ip + 12, 8);
                           buf[8] = 0;
                           buf[9] = 6;
                           buf[10] = uchar(tcpLength >> 8);
                           buf[11] = uchar(tcpLength & 0xFF);
                           memcpy(buf.data() + 12, ip + ihl, size_t(tcpLength));
                           QCOMPARE(routeless_chksum(buf.data(), int(buf.size())), quint16(0xFFFF));
                           ++packets;
                         }));
    QVERIFY(packets > 10);
  }
};

QTEST_GUILESS_MAIN(TestChecksum)
#include "tst_checksum.moc"
