// TLS reads through SocketStream's buffering read BIO (TlsReadBuffer). The test stands between
// the two TLS ends and delivers the writer's ciphertext to the reader's socket in pieces of its
// choosing: records split anywhere (inside a header, inside a body) still arrive whole; records
// already read from the socket come out in one read call; records buffered after the socket is
// drained are reported by hasBufferedInput() (nothing announces them otherwise); a hang-up
// without close_notify is the end of the stream; an oversized or tampered record is an error, not
// data.
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <QSignalSpy>
#include <QTest>

#include "net/socketstream.h"
#include "tlstestkit.h"

using namespace routeless;

namespace {

// Everything `fd` has now (non-blocking).
QByteArray takeAll(int fd) {
  QByteArray out;
  char buf[64 * 1024];
  for (;;) {
    const ssize_t n = ::recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
    if (n <= 0) return out;
    out.append(buf, qsizetype(n));
  }
}

bool giveAll(int fd, const QByteArray &bytes) {
  qsizetype off = 0;
  while (off < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.constData() + off, size_t(bytes.size() - off), 0);
    if (n <= 0) return false;
    off += n;
  }
  return true;
}

// Reads what `s` has now into `out`: WouldBlock, 0 (end of stream) or Failed, whichever stopped it.
qint64 drain(net::Stream *s, QByteArray *out) {
  char buf[16 * 1024];
  for (;;) {
    const qint64 n = s->read(buf, sizeof(buf));
    if (n <= 0) return n;
    out->append(buf, n);
  }
}

int unreadInSocket(int fd) {
  int n = -1;
  ::ioctl(fd, FIONREAD, &n);
  return n;
}

}  // namespace

class TestTlsReadBuffer : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    const QString why = tls_.init();
    QVERIFY2(why.isEmpty(), qPrintable(why));
  }

  // writer <-> writerPeer_ (the test) ... readerPeer_ (the test) <-> reader; the test relays the
  // handshake both ways.
  void init() {
    owner_ = new QObject;
    int w[2], r[2];
    QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, w), 0);
    QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, r), 0);
    writer_ = new net::SocketStream(w[0], false, owner_);
    reader_ = new net::SocketStream(r[0], false, owner_);
    writerPeer_ = w[1];
    readerPeer_ = r[1];
    QSignalSpy readyW(writer_, &net::Stream::ready);
    QSignalSpy readyR(reader_, &net::Stream::ready);
    writer_->startTls(tls_.server.context(), true, {}, false);
    reader_->startTls(tls_.client, false, {}, false);
    bool relayed = true;
    QVERIFY(QTest::qWaitFor(
        [&] {
          relayed = relayed && giveAll(readerPeer_, takeAll(writerPeer_)) &&
                    giveAll(writerPeer_, takeAll(readerPeer_));
          return !relayed || (readyW.size() == 1 && readyR.size() == 1);
        },
        5000));
    QVERIFY(relayed);
  }
  void cleanup() {
    delete owner_;
    ::close(writerPeer_);
    ::close(readerPeer_);
  }

  // The ciphertext of 40,001 bytes (four records) reaches the reader in pieces of 1, 2, 3, 5 and
  // 4,096 bytes in turn, so headers and bodies are cut everywhere: the reader says WouldBlock
  // while a record is incomplete, never fails, and gets every byte in order.
  void recordsSplitAnywhereArriveWhole() {
    const QByteArray data = tlstest::pattern(40001);
    QCOMPARE(writer_->write(data.constData(), 40000), qint64(40000));
    QCOMPARE(writer_->write(data.constData() + 40000, 1), qint64(1));
    const QByteArray cipher = takeAll(writerPeer_);
    QVERIFY(cipher.size() > data.size());

    const int pieces[] = {1, 2, 3, 5, 4096};
    QByteArray got;
    int waits = 0;
    for (qsizetype off = 0, i = 0; off < cipher.size(); ++i) {
      const qsizetype n = qMin<qsizetype>(pieces[i % 5], cipher.size() - off);
      QVERIFY(giveAll(readerPeer_, cipher.mid(off, n)));
      off += n;
      const qint64 last = drain(reader_, &got);
      QVERIFY2(last == net::Stream::WouldBlock, qPrintable(reader_->errorString()));
      ++waits;
    }
    QVERIFY(waits > 4);
    QCOMPARE(got.size(), data.size());
    QVERIFY(got == data);
  }

  // One 64 KiB write is four records sent at once; all of them in the reader's socket come out
  // of one read call, so the plain side behind it writes 64 KiB per system call, not 16.
  void recordsAlreadyBufferedComeOutInOneRead() {
    const QByteArray data = tlstest::pattern(64 * 1024);
    QCOMPARE(writer_->write(data.constData(), data.size()), qint64(data.size()));
    QVERIFY(giveAll(readerPeer_, takeAll(writerPeer_)));
    QByteArray buf(data.size(), Qt::Uninitialized);
    QCOMPARE(reader_->read(buf.data(), buf.size()), qint64(data.size()));
    QVERIFY(buf == data);
  }

  // Twenty small records arrive together; a read that takes only the first leaves the socket
  // empty (the buffer holds the rest), so no notifier will fire: hasBufferedInput() must say so,
  // and the records are all there.
  void recordsBufferedAfterTheSocketIsDrainedAreReported() {
    const QByteArray data = tlstest::pattern(20 * 100);
    for (int i = 0; i < 20; ++i)
      QCOMPARE(writer_->write(data.constData() + i * 100, 100), qint64(100));
    QVERIFY(giveAll(readerPeer_, takeAll(writerPeer_)));

    char first[100];
    QCOMPARE(reader_->read(first, sizeof(first)), qint64(100));
    QCOMPARE(unreadInSocket(reader_->fd()), 0);
    QVERIFY(reader_->hasBufferedInput());
    QByteArray got(first, sizeof(first));
    QCOMPARE(drain(reader_, &got), net::Stream::WouldBlock);
    QVERIFY(!reader_->hasBufferedInput());
    QVERIFY(got == data);
  }

  // The writer's side goes away without a close_notify: the reader gets the data, then the end of
  // the stream (0), as NodePass peers that just close the socket expect.
  void hangUpWithoutCloseNotifyIsTheEndOfTheStream() {
    const QByteArray data = tlstest::pattern(30000);
    QCOMPARE(writer_->write(data.constData(), data.size()), qint64(data.size()));
    QVERIFY(giveAll(readerPeer_, takeAll(writerPeer_)));
    QCOMPARE(::shutdown(readerPeer_, SHUT_WR), 0);
    QByteArray got;
    QCOMPARE(drain(reader_, &got), qint64(0));
    QVERIFY(got == data);
  }

  // A peer announces a 65,535-byte record (OpenSSL's limit is 16 KiB plus overhead) and sends it:
  // the reader fails with a reason instead of buffering it, and hands over nothing.
  void anOversizedRecordIsRefused() {
    QByteArray attack("\x17\x03\x03\xff\xff", 5);
    attack += QByteArray(0xffff, 'A');
    QVERIFY(giveAll(readerPeer_, attack));
    QByteArray got;
    QCOMPARE(drain(reader_, &got), net::Stream::Failed);
    QVERIFY(got.isEmpty());
    QVERIFY2(!reader_->errorString().isEmpty(), "no reason given");
  }

  // One byte of a record's ciphertext changed on the way: the reader fails with OpenSSL's reason
  // and hands over none of that record.
  void aTamperedRecordIsAnError() {
    const QByteArray data = tlstest::pattern(1000);
    QCOMPARE(writer_->write(data.constData(), data.size()), qint64(data.size()));
    QByteArray cipher = takeAll(writerPeer_);
    cipher[cipher.size() / 2] = char(cipher[cipher.size() / 2] ^ 0x40);
    QVERIFY(giveAll(readerPeer_, cipher));
    QByteArray got;
    QCOMPARE(drain(reader_, &got), net::Stream::Failed);
    QVERIFY(got.isEmpty());
    QVERIFY2(!reader_->errorString().isEmpty(), "no reason given");
  }

 private:
  tlstest::Contexts tls_;
  QObject *owner_ = nullptr;
  net::SocketStream *writer_ = nullptr;
  net::SocketStream *reader_ = nullptr;
  int writerPeer_ = -1;
  int readerPeer_ = -1;
};

QTEST_GUILESS_MAIN(TestTlsReadBuffer)
#include "tst_tlsreadbuffer.moc"
