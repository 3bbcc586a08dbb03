// libFuzzer target: the HTTP/2 pool's server glue (request heads, stream set-up, the handshake
// byte, flow-control credit) behind nghttp2, fed arbitrary client bytes after the connection
// preface over a socket pair; it must never crash, hang or hand out a stream that did not send
// POST /stream with its first byte.
#include <sys/socket.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QPointer>
#include <cstddef>
#include <cstdint>

#include "nodepass/h2pool.h"
#include "nodepass/logger.h"

using namespace routeless::nodepass;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv) {
  static QCoreApplication app(*argc, *argv);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) != 0) return 0;
  static Logger log(LogLevel::None);
  PoolTransportConfig config;
  config.log = &log;
  config.maxSlots = 8;
  config.poolFull = [] { return false; };
  auto *socket = new routeless::net::SocketStream(fds[0]);
  int ready = 0;
  {
    QObject owner;
    QPointer<H2Connection> h2 = new H2Connection(socket, true, config, &owner);
    QObject::connect(h2, &H2Connection::streamReady, &owner, [&ready](H2Stream *s) {
      ++ready;
      s->write("\x01\x02\x03\x04", 4);
      s->deleteLater();
    });
    const QByteArray input = QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") +
                             QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
    qsizetype at = 0;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 200) {
      if (at < input.size()) {
        const ssize_t n =
            ::send(fds[1], input.constData() + at, size_t(input.size() - at), MSG_NOSIGNAL);
        if (n > 0) at += n;
      } else {
        ::shutdown(fds[1], SHUT_WR);
      }
      char sink[65536];
      while (::recv(fds[1], sink, sizeof(sink), 0) > 0) {
      }
      QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
      if (at >= input.size() && !h2) break;
    }
  }
  QCoreApplication::processEvents();
  QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
  ::close(fds[1]);
  if (ready > 8 * 1024) __builtin_trap();
  return 0;
}
