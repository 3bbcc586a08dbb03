#pragma once
// Thin socket helpers shared by engines: non-blocking listen/connect/accept, socket options,
// error names and address conversion in Qt's types (sockets.cpp), over the Qt-free system calls
// of socketcalls.h (socketcalls_posix.cpp, socketcalls_win.cpp). They return descriptors and error
// text; they must never block or log. Descriptors are ints on every platform (a Winsock SOCKET
// fits, as in Qt).
#include <QHostAddress>
#include <QString>

namespace routeless::net {

struct SocketAddress {
  QHostAddress address;
  quint16 port = 0;
  QString toString() const;  // "1.2.3.4:80" / "[::1]:80"
};

// Listening TCP socket (SO_REUSEADDR, non-blocking). -1 and *error on failure.
int listenTcp(const QHostAddress &address, quint16 port, QString *error, int backlog = 1024);
// Bound non-blocking UDP socket.
int bindUdp(const QHostAddress &address, quint16 port, QString *error);
// Non-blocking connect; the fd becomes writable when the connect finishes. `source` may be null.
// On failure *errorCode (when given) holds the system error code (see errorName()).
int connectTcp(const QHostAddress &address, quint16 port, const QHostAddress &source,
               QString *error, int *errorCode = nullptr);
// Connected non-blocking UDP socket.
int connectUdp(const QHostAddress &address, quint16 port, const QHostAddress &source,
               QString *error);
// Accepts one connection (non-blocking, CLOEXEC). -1 when none is pending or on error.
int acceptTcp(int listenFd, SocketAddress *peer);
// SO_ERROR of a socket after a non-blocking connect: 0 when connected.
int pendingError(int fd);
SocketAddress peerAddress(int fd);
SocketAddress localAddress(int fd);
void setKeepAlive(int fd, int periodSeconds);
// Larger kernel buffers for a UDP socket that takes bursts (best effort, capped by the system).
void setUdpBuffers(int fd, int bytes);
void setNoDelay(int fd);
// For a connected TCP descriptor from elsewhere: non-blocking, not inherited, Nagle off, no
// SIGPIPE where the system has a socket option for it.
void setStreamOptions(int fd);
// The next close sends RST instead of FIN (SO_LINGER 0).
void setResetOnClose(int fd);
// Bytes the kernel holds for reading now (0 on error).
qint64 bytesReadable(int fd);
void closeFd(int fd);

// Node's name for a system error code ("ECONNREFUSED"; "E<number>" when it has none) and the
// system's text for it.
QByteArray errorName(int code);
QString errorText(int code);

// A port that was free a moment ago on `address` (for tests and tools).
quint16 freeTcpPort(const QHostAddress &address = QHostAddress::LocalHost);
quint16 freeUdpPort(const QHostAddress &address = QHostAddress::LocalHost);

// Internal: sockaddr conversion for UDP code.
int toSockaddr(const QHostAddress &address, quint16 port, void *storage, unsigned *length);
SocketAddress fromSockaddr(const void *storage);

}  // namespace routeless::net
