// TLS writes through SocketStream's batching write BIO (TlsWriteBatch), over a socketpair with
// small socket buffers so that the socket refuses sealed records: bytes arrive whole and in
// order; a write answered WouldBlock was not taken (closing then loses nothing the writer was
// told is sent); the repeated call hands the sealed bytes over; a repeat with fewer bytes is
// refused; and a TLS write never answers 0.
#include <sys/socket.h>

#include <QSignalSpy>
#include <QTest>

#include "net/socketstream.h"
#include "tlstestkit.h"

using namespace routeless;

namespace {

constexpr qint64 kChunk = 64 * 1024;
constexpr qint64 kSmall = 4 * 1024;  // several calls fit before the socket refuses one

std::pair<net::SocketStream *, net::SocketStream *> smallBufferPair(QObject *parent) {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) != 0) return {};
  const int small = 16 * 1024;
  for (int fd : fds) {
    ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &small, sizeof(small));
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
  }
  return {new net::SocketStream(fds[0], false, parent),
          new net::SocketStream(fds[1], false, parent)};
}

// Reads what `s` has now (TLS buffers included) into `out`; false at end of stream or failure.
bool drain(net::Stream *s, QByteArray *out) {
  char buf[32 * 1024];
  for (;;) {
    const qint64 n = s->read(buf, sizeof(buf));
    if (n > 0) {
      out->append(buf, n);
      continue;
    }
    return n == net::Stream::WouldBlock;
  }
}

}  // namespace

class TestTlsWriteBatch : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    const QString why = tls_.init();
    QVERIFY2(why.isEmpty(), qPrintable(why));
  }

  void init() {
    owner_ = new QObject;
    std::tie(writer_, reader_) = smallBufferPair(owner_);
    QVERIFY(writer_ && reader_);
    QSignalSpy readyW(writer_, &net::Stream::ready);
    QSignalSpy readyR(reader_, &net::Stream::ready);
    writer_->startTls(tls_.server.context(), true, {}, false);
    reader_->startTls(tls_.client, false, {}, false);
    QVERIFY(QTest::qWaitFor([&] { return readyW.size() == 1 && readyR.size() == 1; }, 5000));
  }
  void cleanup() { delete owner_; }

  // 4 MiB in 64 KiB calls through a 16 KiB socket: the writer is refused again and again, repeats
  // each refused call with the same bytes, and the reader gets every byte in order.
  void bytesArriveWholeThroughASmallSocket() {
    const QByteArray data = tlstest::pattern(4 * 1024 * 1024);
    QByteArray got;
    qint64 offset = 0;
    int refused = 0;
    bool readerOk = true;
    connect(reader_, &net::Stream::readable, this,
            [&] { readerOk = drain(reader_, &got) && readerOk; });
    reader_->setReadWatch(true);
    auto push = [&] {
      while (offset < data.size()) {
        const qint64 n =
            writer_->write(data.constData() + offset, qMin(kChunk, data.size() - offset));
        if (n == net::Stream::WouldBlock) {
          ++refused;
          writer_->setWriteWatch(true);
          return;
        }
        QVERIFY2(n > 0, qPrintable(writer_->errorString()));
        offset += n;
      }
      writer_->setWriteWatch(false);
    };
    connect(writer_, &net::Stream::writable, this, push);
    push();
    QVERIFY(QTest::qWaitFor([&] { return got.size() >= data.size() || !readerOk; }, 20000));
    QVERIFY(readerOk);
    QCOMPARE(got.size(), data.size());
    QVERIFY(got == data);
    QVERIFY2(refused > 0, "the socket never refused a write: the test did not reach the queue");
  }

  // The writer fills the socket until refused, repeats the refused call (refused again: the
  // reader has not read), then closes. Everything it was told was written arrives; nothing it
  // was refused does.
  void refusedBytesAreNotTakenAndTakenBytesAreSent() {
    const QByteArray data = tlstest::pattern(2 * 1024 * 1024);
    qint64 taken = 0;
    qint64 n = 0;
    while (taken < data.size()) {
      n = writer_->write(data.constData() + taken, qMin(kSmall, data.size() - taken));
      if (n <= 0) break;
      taken += n;
    }
    QCOMPARE(n, net::Stream::WouldBlock);
    QVERIFY(taken > 0);
    QCOMPARE(writer_->write(data.constData() + taken, qMin(kSmall, data.size() - taken)),
             net::Stream::WouldBlock);
    writer_->close();

    QByteArray got;
    QVERIFY(QTest::qWaitFor(
        [&] {
          char buf[32 * 1024];
          for (;;) {
            const qint64 r = reader_->read(buf, sizeof(buf));
            if (r > 0) {
              got.append(buf, r);
              continue;
            }
            return r != net::Stream::WouldBlock;  // end of stream (or the hang-up)
          }
        },
        10000));
    QCOMPARE(qint64(got.size()), taken);
    QVERIFY(got == data.left(taken));
  }

  // A refused call repeated with fewer bytes than it sealed is refused with a reason; repeated
  // with the same bytes once the reader has made room, it hands them over.
  void repeatedCallMustOfferTheSameBytes() {
    const QByteArray data = tlstest::pattern(2 * 1024 * 1024);
    qint64 taken = 0;
    qint64 n = 0;
    while ((n = writer_->write(data.constData() + taken, kSmall)) > 0) taken += n;
    QCOMPARE(n, net::Stream::WouldBlock);
    QCOMPARE(writer_->write(data.constData() + taken, 10), net::Stream::Failed);
    QVERIFY2(writer_->errorString().contains(QLatin1String("fewer bytes")),
             qPrintable(writer_->errorString()));

    QByteArray got;
    qint64 handed = 0;
    QVERIFY(QTest::qWaitFor(
        [&] {
          drain(reader_, &got);
          handed = writer_->write(data.constData() + taken, kSmall);
          return handed > 0;
        },
        10000));
    QCOMPARE(handed, kSmall);
    taken += handed;
    QVERIFY(QTest::qWaitFor([&] { return drain(reader_, &got) && got.size() >= taken; }, 10000));
    QCOMPARE(qint64(got.size()), taken);
    QVERIFY(got == data.left(taken));
  }

 private:
  tlstest::Contexts tls_;
  QObject *owner_ = nullptr;
  net::SocketStream *writer_ = nullptr;
  net::SocketStream *reader_ = nullptr;
};

QTEST_GUILESS_MAIN(TestTlsWriteBatch)
#include "tst_tlswritebatch.moc"
