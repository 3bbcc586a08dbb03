// Checks net/socketcalls (the socket system calls without Qt) end to end over loopback: listen,
// connect, accept, addresses, bytes both ways, end of stream, a refused connect and its error
// name and text, and a port that is taken. Built natively as a unit test and, for Winsock, with
// mingw-w64 and run under Wine by .ci/test. Exit code 0 when every check passed; each failure is
// printed.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "net/socketcalls.h"

namespace calls = routeless::net::calls;

namespace {

int failures = 0;

void check(bool ok, const std::string &what) {
  std::printf("%s: %s\n", ok ? "ok  " : "FAIL", what.c_str());
  if (!ok) ++failures;
}

calls::Endpoint loopback(bool ipv6, uint16_t port) {
  calls::Endpoint e;
  e.valid = true;
  e.ipv6 = ipv6;
  if (ipv6)
    e.ip[15] = 1;
  else
    e.ip[0] = 127, e.ip[3] = 1;
  e.port = port;
  return e;
}

bool isLoopback(const calls::Endpoint &e, bool ipv6) {
  const calls::Endpoint want = loopback(ipv6, 0);
  return e.valid && e.ipv6 == ipv6 && std::memcmp(e.ip, want.ip, ipv6 ? 16 : 4) == 0;
}

// Moves all of `data` from `from` to `to`, waiting in between; what `to` received.
std::vector<char> relay(int from, int to, const std::vector<char> &data) {
  std::vector<char> got;
  size_t sent = 0;
  std::vector<char> buffer(64 * 1024);
  for (int idle = 0; got.size() < data.size() && idle < 500;) {
    bool moved = false;
    if (sent < data.size()) {
      const int64_t n = calls::sendBytes(from, data.data() + sent, data.size() - sent);
      if (n > 0) sent += size_t(n), moved = true;
      if (n == calls::kFailed) break;
    }
    const int64_t n = calls::receiveBytes(to, buffer.data(), buffer.size());
    if (n > 0) got.insert(got.end(), buffer.data(), buffer.data() + n), moved = true;
    if (n == 0 || n == calls::kFailed) break;
    if (!moved) {
      calls::waitReady(to, false, 10);
      ++idle;
    }
  }
  return got;
}

void connection(bool ipv6) {
  const std::string family = ipv6 ? "IPv6: " : "IPv4: ";
  const int listener = calls::openSocket(ipv6, false);
  if (listener < 0 && ipv6) {
    std::printf("skip: no IPv6 socket here (%s)\n", calls::errorText(calls::lastError()).c_str());
    return;
  }
  check(listener >= 0, family + "a listening socket opens");
  if (listener < 0) return;
  calls::setReuseAddress(listener);
  const int bound = calls::bindSocket(listener, loopback(ipv6, 0));
  if (bound != 0 && ipv6) {
    std::printf("skip: no IPv6 loopback here (%s)\n", calls::errorText(bound).c_str());
    calls::closeSocket(listener);
    return;
  }
  check(bound == 0, family + "bind to loopback, port 0");
  check(calls::listenSocket(listener, 16) == 0, family + "listen");
  const calls::Endpoint at = calls::localEndpoint(listener);
  check(isLoopback(at, ipv6) && at.port != 0, family + "the kernel picked a loopback port");

  // Nothing pending yet: accept says so at once instead of waiting.
  calls::Endpoint peer;
  check(calls::acceptSocket(listener, &peer) < 0, family + "accept without a client returns");

  const int client = calls::openSocket(ipv6, false);
  check(client >= 0 && calls::connectSocket(client, at) == 0, family + "connect starts");
  check(calls::waitReady(listener, false, 5000) == 1, family + "the listener becomes readable");
  const int server = calls::acceptSocket(listener, &peer);
  check(server >= 0, family + "accept");
  check(calls::waitReady(client, true, 5000) == 1 && calls::pendingError(client) == 0,
        family + "the connect completes");
  const calls::Endpoint clientAt = calls::localEndpoint(client);
  check(isLoopback(peer, ipv6) && peer.port == clientAt.port && peer.port != 0,
        family + "accept names the client's address");
  check(calls::peerEndpoint(client).port == at.port, family + "the client's peer is the listener");
  calls::setNoDelay(client);
  calls::setKeepAlive(client, 30);

  std::vector<char> up(1 << 20);
  for (size_t i = 0; i < up.size(); ++i) up[i] = char((i * 131) ^ (i >> 9));
  check(relay(client, server, up) == up, family + "1 MiB client to server, unchanged");
  const std::vector<char> down = {'p', 'o', 'n', 'g'};
  check(relay(server, client, down) == down, family + "a reply server to client");

  // Three parts (one empty) in one gathered send; a peek leaves them for the read.
  const char head[] = "gath", tail[] = "ered";
  const calls::ConstBuffer parts[] = {{head, 4}, {nullptr, 0}, {tail, 4}};
  check(calls::sendGather(client, parts, 3) == 8, family + "a gathered send takes every part");
  check(calls::waitReady(server, false, 5000) == 1, family + "the gathered bytes arrive");
  char peeked[8] = {};
  int64_t seen = 0;
  for (int i = 0; i < 500 && seen < 8; ++i) {
    seen = calls::peekBytes(server, peeked, sizeof(peeked));
    if (seen < 8) calls::waitReady(server, false, 10);
  }
  check(seen == 8 && std::string(peeked, 8) == "gathered", family + "a peek sees them");
  char got[8] = {};
  check(calls::receiveBytes(server, got, sizeof(got)) == 8 && std::string(got, 8) == "gathered",
        family + "the read after the peek gets the same bytes");

  // Our direction ends, theirs goes on.
  calls::shutdownSend(client);
  char byte;
  int64_t n = calls::kWouldBlock;
  for (int i = 0; i < 500 && n == calls::kWouldBlock; ++i) {
    calls::waitReady(server, false, 10);
    n = calls::receiveBytes(server, &byte, 1);
  }
  check(n == 0, family + "a shut-down send reads as the end of stream");
  check(calls::sendBytes(server, "late", 4) == 4, family + "the other direction still sends");
  char late[4] = {};
  int64_t m = calls::kWouldBlock;
  for (int i = 0; i < 500 && m == calls::kWouldBlock; ++i) {
    calls::waitReady(client, false, 10);
    m = calls::receiveBytes(client, late, sizeof(late));
  }
  check(m == 4 && std::string(late, 4) == "late", family + "and the half-closed side reads it");

  calls::closeSocket(client);
  calls::closeSocket(server);

  // A second listener on the same port is refused, with a reason.
  const int second = calls::openSocket(ipv6, false);
  calls::setReuseAddress(second);
  const int taken = calls::bindSocket(second, at);
  check(taken != 0 && !calls::errorText(taken).empty(), family + "a taken port is refused");
  calls::closeSocket(second);
  calls::closeSocket(listener);

  // Nobody listens there any more: the connect fails with ECONNREFUSED.
  const int refused = calls::openSocket(ipv6, false);
  int code = calls::connectSocket(refused, at);
  if (code == 0 && calls::waitReady(refused, true, 5000) == 1) code = calls::pendingError(refused);
  check(calls::errorName(code) == "ECONNREFUSED", family + "a closed port is refused (" +
                                                      calls::errorName(code) + ": " +
                                                      calls::errorText(code) + ")");
  calls::closeSocket(refused);
}

void addresses() {
  calls::Endpoint e = loopback(true, 8080);
  e.scope = 3;
  unsigned char storage[calls::kSockaddrBytes];
  const unsigned len = calls::toSockaddr(e, storage);
  const calls::Endpoint back = calls::fromSockaddr(storage);
  check(len > 0 && back.valid && back.ipv6 && back.port == 8080 && back.scope == 3 &&
            std::memcmp(back.ip, e.ip, 16) == 0,
        "an IPv6 endpoint survives the sockaddr round trip");
  check(calls::toSockaddr(calls::Endpoint{}, storage) == 0, "an invalid endpoint has no sockaddr");
  check(calls::errorName(123456) == "E123456", "an unnamed error code keeps its number");
}

}  // namespace

int main() {
  addresses();
  connection(false);
  connection(true);
  std::printf("%d failure(s)\n", failures);
  return failures == 0 ? 0 : 1;
}
