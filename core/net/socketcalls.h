#pragma once
// The socket system calls, one file per platform (socketcalls_posix.cpp: BSD sockets on Linux,
// macOS and the BSDs; socketcalls_win.cpp: Winsock 2) behind a plain C++ interface without Qt, so
// the Windows half builds with a bare mingw-w64 toolchain and runs under Wine
// (tests/platform/socketcalls_check.cpp). Raw calls that return a system error code: they never
// log, block (but waitReady) or hold policy; sockets.cpp holds that and the Qt types.
#include <cstddef>
#include <cstdint>
#include <string>

namespace routeless::net::calls {

// An IP endpoint in no system's types: IPv4 in ip[0..3], or IPv6 with its numeric scope (the
// interface of a link-local address). `valid` is false for a sockaddr of another family.
struct Endpoint {
  bool valid = false;
  bool ipv6 = false;
  uint8_t ip[16] = {};
  uint16_t port = 0;
  uint32_t scope = 0;
};

// Room for any sockaddr the system writes (the size of sockaddr_storage everywhere).
inline constexpr size_t kSockaddrBytes = 128;

// Results of sendBytes()/receiveBytes(): >= 0 is a byte count (0 from receiveBytes is the end of
// stream).
inline constexpr int64_t kWouldBlock = -1;
inline constexpr int64_t kFailed = -2;  // lastError() says why

// The error code of the last failed call on this thread (errno, WSAGetLastError()).
int lastError();

// A non-blocking socket that child processes do not inherit (and that never raises SIGPIPE);
// -1 with lastError() on failure. Starts Winsock on first use.
int openSocket(bool ipv6, bool datagram);
// A listener that can be restarted at once (SO_REUSEADDR; SO_EXCLUSIVEADDRUSE on Windows).
void setReuseAddress(int fd);
// 0 or a system error code.
int bindSocket(int fd, const Endpoint &at);
// 0 when connected or still connecting (the socket becomes writable), else a system error code.
int connectSocket(int fd, const Endpoint &to);
int listenSocket(int fd, int backlog);
// One pending connection, non-blocking and not inherited; -1 (lastError()) when none is pending.
int acceptSocket(int listenFd, Endpoint *peer);
// SO_ERROR: 0 once a non-blocking connect has succeeded, else why it failed.
int pendingError(int fd);
Endpoint peerEndpoint(int fd);
Endpoint localEndpoint(int fd);

void setKeepAlive(int fd, int periodSeconds);
void setUdpBuffers(int fd, int bytes);  // best effort, capped by the system
void setNoDelay(int fd);
// For a connected descriptor from elsewhere: non-blocking, not inherited, no SIGPIPE, Nagle off.
void setStreamOptions(int fd);
void setResetOnClose(int fd);   // the next close sends RST (SO_LINGER 0)
int64_t bytesReadable(int fd);  // 0 on error
void closeSocket(int fd);

int64_t sendBytes(int fd, const void *data, size_t len);
int64_t receiveBytes(int fd, void *data, size_t len);
// One datagram to `to` (a sockaddr of `toLength` bytes, as toSockaddr writes it).
int64_t sendTo(int fd, const void *data, size_t len, const void *to, unsigned toLength);
// The bytes waiting, left in place for the next receiveBytes (MSG_PEEK).
int64_t peekBytes(int fd, void *data, size_t len);
// One part of a gathered send.
struct ConstBuffer {
  const void *data = nullptr;
  size_t len = 0;
};
// The most parts sendGather sends in one call (the rest wait for the next one).
inline constexpr int kMaxGatherParts = 64;
// Sends `parts` in order with one system call (sendmsg, WSASend): the bytes sent, possibly
// ending inside a part, or kWouldBlock / kFailed.
int64_t sendGather(int fd, const ConstBuffer *parts, int count);
// Ends our direction: the peer reads the end of the stream; reading goes on.
void shutdownSend(int fd);
// Waits up to timeoutMs for the socket to become readable (or writable); 1 ready, 0 timed out,
// -1 failed. For tools and checks: the engines wait in their event loops instead.
int waitReady(int fd, bool forWrite, int timeoutMs);

// sockaddr_in/sockaddr_in6 in `storage` (kSockaddrBytes): its length, 0 for an invalid endpoint.
unsigned toSockaddr(const Endpoint &endpoint, void *storage);
Endpoint fromSockaddr(const void *storage);

// Node's name for a system error code ("ECONNREFUSED"; "E<number>" when it has none) and the
// system's text for it in UTF-8.
std::string errorName(int code);
std::string errorText(int code);

}  // namespace routeless::net::calls
