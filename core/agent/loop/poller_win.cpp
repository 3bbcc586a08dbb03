// Windows: WSAPoll over a flat array (sockets only: stdin is read on a thread of its own),
// woken by a datagram on a loopback UDP socket connected to itself.
#include <winsock2.h>
#include <ws2tcpip.h>

#include "agent/loop/poller.h"

namespace routeless::agent {
namespace {

SHORT toPoll(unsigned interest) {
  SHORT e = 0;
  if (interest & kReadable) e |= POLLRDNORM;
  if (interest & kWritable) e |= POLLWRNORM;
  return e;
}

class WsaPoller final : public Poller {
 public:
  explicit WsaPoller(SOCKET wake) : m_wake(wake) {
    m_fds.push_back({wake, POLLRDNORM, 0});
    m_tokens.push_back(0);
  }
  ~WsaPoller() override { closesocket(m_wake); }

  bool add(NativeHandle handle, unsigned interest, uint64_t token, std::string *) override {
    m_fds.push_back({SOCKET(handle), toPoll(interest), 0});
    m_tokens.push_back(token);
    return true;
  }

  void modify(NativeHandle handle, unsigned interest, uint64_t token) override {
    for (size_t i = 1; i < m_fds.size(); ++i)
      if (m_fds[i].fd == SOCKET(handle)) {
        m_fds[i].events = toPoll(interest);
        m_tokens[i] = token;
      }
  }

  void remove(NativeHandle handle) override {
    for (size_t i = 1; i < m_fds.size(); ++i)
      if (m_fds[i].fd == SOCKET(handle)) {
        m_fds.erase(m_fds.begin() + long(i));
        m_tokens.erase(m_tokens.begin() + long(i));
        return;
      }
  }

  void wait(int timeoutMs, std::vector<Event> &events) override {
    if (WSAPoll(m_fds.data(), ULONG(m_fds.size()), timeoutMs) <= 0) return;
    if (m_fds[0].revents & POLLRDNORM) {
      char drain[64];
      while (recv(m_wake, drain, sizeof drain, 0) > 0) {
      }
    }
    for (size_t i = 1; i < m_fds.size(); ++i) {
      const SHORT r = m_fds[i].revents;
      if (!r) continue;
      unsigned e = 0;
      if (r & (POLLRDNORM | POLLRDBAND)) e |= kReadable;
      if (r & POLLWRNORM) e |= kWritable;
      // WSAPoll reports a refused connect as POLLHUP | POLLERR, never as writable.
      if (r & (POLLERR | POLLHUP | POLLNVAL)) e |= kHangup;
      events.push_back({m_tokens[i], e});
    }
  }

  void wake() override {
    const char one = 1;
    send(m_wake, &one, 1, 0);
  }

 private:
  SOCKET m_wake;
  std::vector<WSAPOLLFD> m_fds;
  std::vector<uint64_t> m_tokens;
};

}  // namespace

std::unique_ptr<Poller> Poller::create(std::string *error) {
  WSADATA data;
  WSAStartup(MAKEWORD(2, 2), &data);
  SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int len = sizeof a;
  u_long nonBlocking = 1;
  if (s == INVALID_SOCKET || bind(s, reinterpret_cast<sockaddr *>(&a), len) != 0 ||
      getsockname(s, reinterpret_cast<sockaddr *>(&a), &len) != 0 ||
      connect(s, reinterpret_cast<sockaddr *>(&a), len) != 0 ||
      ioctlsocket(s, FIONBIO, &nonBlocking) != 0) {
    if (error)
      *error =
          "cannot create the wake-up socket (WSA error " + std::to_string(WSAGetLastError()) + ")";
    if (s != INVALID_SOCKET) closesocket(s);
    return nullptr;
  }
  return std::make_unique<WsaPoller>(s);
}

}  // namespace routeless::agent
