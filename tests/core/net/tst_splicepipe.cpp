// SplicePipe, the platform half of Pump's zero-copy path: bytes go socket -> pipe -> socket
// unchanged, an empty source or full pipe says "would block" instead of waiting, a closed source
// reads as end of stream, and a bad descriptor fails with the system's reason. Skipped (saying
// why) where the system has no splice.
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QTest>

#include "net/splicepipe.h"

using routeless::net::SplicePipe;

class TstSplicePipe : public QObject {
  Q_OBJECT

  // A connected pair of non-blocking stream sockets.
  static bool socketPair(int fds[2]) {
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) return false;
    return ::fcntl(fds[0], F_SETFL, O_NONBLOCK) == 0 && ::fcntl(fds[1], F_SETFL, O_NONBLOCK) == 0;
  }

 private Q_SLOTS:
  void init() {
    if (!SplicePipe::available()) QSKIP("this system has no splice(); Pump copies instead");
  }

  void movesBytesUnchanged() {
    int in[2], out[2];
    QVERIFY(socketPair(in) && socketPair(out));
    SplicePipe pipe;
    QVERIFY(pipe.open(1 << 20));
    QVERIFY(pipe.isOpen());
    QCOMPARE(pipe.put("head:", 5), int64_t(5));
    const QByteArray body = "the relayed bytes";
    QCOMPARE(::write(in[1], body.constData(), size_t(body.size())), ssize_t(body.size()));
    QCOMPARE(pipe.fill(in[0], 1 << 20), int64_t(body.size()));
    QCOMPARE(pipe.drain(out[0], 1 << 20), int64_t(5 + body.size()));
    char got[64] = {};
    QCOMPARE(::read(out[1], got, sizeof got), ssize_t(5 + body.size()));
    QCOMPARE(QByteArray(got), "head:" + body);
    // Nothing left on either side: both directions say so instead of blocking.
    QCOMPARE(pipe.fill(in[0], 1 << 20), SplicePipe::kWouldBlock);
    QCOMPARE(pipe.drain(out[0], 1 << 20), SplicePipe::kWouldBlock);
    // The writer's end closed: the end of stream reads as 0.
    ::close(in[1]);
    QCOMPARE(pipe.fill(in[0], 1 << 20), int64_t(0));
    for (int fd : {in[0], out[0], out[1]}) ::close(fd);
  }

  void failsWithReason() {
    SplicePipe pipe;
    QVERIFY(pipe.open(1 << 16));
    QCOMPARE(pipe.fill(-1, 100), SplicePipe::kFailed);
    QVERIFY(!pipe.errorText().empty());
    pipe.close();
    QVERIFY(!pipe.isOpen());
  }
};

QTEST_GUILESS_MAIN(TstSplicePipe)
#include "tst_splicepipe.moc"
