// Linux: epoll, with an eventfd for wake(). Regular files (stdin redirected from a file)
// cannot be watched by epoll; they are always ready, so they are reported on every wait.
#include <errno.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <map>

#include "agent/loop/poller.h"

namespace routeless::agent {
namespace {

uint32_t toEpoll(unsigned interest) {
  uint32_t e = 0;
  if (interest & kReadable) e |= EPOLLIN | EPOLLRDHUP;
  if (interest & kWritable) e |= EPOLLOUT;
  return e;
}

class EpollPoller final : public Poller {
 public:
  EpollPoller(int epoll, int wakeFd) : m_epoll(epoll), m_wake(wakeFd) {}
  ~EpollPoller() override {
    ::close(m_wake);
    ::close(m_epoll);
  }

  bool add(NativeHandle handle, unsigned interest, uint64_t token, std::string *error) override {
    epoll_event ev{};
    ev.events = toEpoll(interest);
    ev.data.u64 = token;
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, int(handle), &ev) == 0) return true;
    if (errno == EPERM) {  // a regular file: always readable and writable
      m_always[handle] = {interest, token};
      return true;
    }
    if (error) *error = std::string("epoll_ctl: ") + strerror(errno);
    return false;
  }

  void modify(NativeHandle handle, unsigned interest, uint64_t token) override {
    auto it = m_always.find(handle);
    if (it != m_always.end()) {
      it->second = {interest, token};
      return;
    }
    epoll_event ev{};
    ev.events = toEpoll(interest);
    ev.data.u64 = token;
    epoll_ctl(m_epoll, EPOLL_CTL_MOD, int(handle), &ev);
  }

  void remove(NativeHandle handle) override {
    if (m_always.erase(handle)) return;
    epoll_event ev{};
    epoll_ctl(m_epoll, EPOLL_CTL_DEL, int(handle), &ev);
  }

  void wait(int timeoutMs, std::vector<Event> &events) override {
    bool alwaysReady = false;
    for (const auto &[handle, w] : m_always) alwaysReady |= w.interest != 0;
    epoll_event ready[128];
    const int n = epoll_wait(m_epoll, ready, 128, alwaysReady ? 0 : timeoutMs);
    for (int i = 0; i < n; ++i) {
      if (ready[i].data.u64 == 0) {
        uint64_t count;
        if (::read(m_wake, &count, sizeof count) < 0) {
          // Nothing to do: the counter was drained by an earlier read.
        }
        continue;
      }
      unsigned e = 0;
      if (ready[i].events & EPOLLIN) e |= kReadable;
      if (ready[i].events & EPOLLOUT) e |= kWritable;
      if (ready[i].events & (EPOLLERR | EPOLLHUP | EPOLLRDHUP)) e |= kHangup;
      events.push_back({ready[i].data.u64, e});
    }
    for (const auto &[handle, w] : m_always)
      if (w.interest) events.push_back({w.token, w.interest});
  }

  void wake() override {
    const uint64_t one = 1;
    if (::write(m_wake, &one, sizeof one) < 0) {
      // EAGAIN: the counter is saturated, so the loop is being woken anyway.
    }
  }

 private:
  struct AlwaysReady {
    unsigned interest;
    uint64_t token;
  };
  int m_epoll;
  int m_wake;
  std::map<NativeHandle, AlwaysReady> m_always;
};

}  // namespace

std::unique_ptr<Poller> Poller::create(std::string *error) {
  const int epoll = epoll_create1(EPOLL_CLOEXEC);
  if (epoll < 0) {
    if (error) *error = std::string("epoll_create1: ") + strerror(errno);
    return nullptr;
  }
  const int wake = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = 0;
  if (wake < 0 || epoll_ctl(epoll, EPOLL_CTL_ADD, wake, &ev) != 0) {
    if (error) *error = std::string("eventfd: ") + strerror(errno);
    if (wake >= 0) ::close(wake);
    ::close(epoll);
    return nullptr;
  }
  return std::make_unique<EpollPoller>(epoll, wake);
}

}  // namespace routeless::agent
