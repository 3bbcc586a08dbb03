// macOS and the BSDs: poll(2) over a flat array, with a self-pipe for wake(). The agent
// watches a handful of descriptors (stdio, listeners, a few hundred connections at most), so
// a linear scan costs less than the system calls around it.
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include <algorithm>

#include "agent/loop/poller.h"

namespace routeless::agent {
namespace {

short toPoll(unsigned interest) {
  short e = 0;
  if (interest & kReadable) e |= POLLIN;
  if (interest & kWritable) e |= POLLOUT;
  return e;
}

class PollPoller final : public Poller {
 public:
  PollPoller(int readEnd, int writeEnd) : m_wakeRead(readEnd), m_wakeWrite(writeEnd) {
    m_fds.push_back({readEnd, POLLIN, 0});
    m_tokens.push_back(0);
  }
  ~PollPoller() override {
    ::close(m_wakeRead);
    ::close(m_wakeWrite);
  }

  bool add(NativeHandle handle, unsigned interest, uint64_t token, std::string *) override {
    m_fds.push_back({int(handle), toPoll(interest), 0});
    m_tokens.push_back(token);
    return true;
  }

  void modify(NativeHandle handle, unsigned interest, uint64_t token) override {
    for (size_t i = 1; i < m_fds.size(); ++i)
      if (m_fds[i].fd == int(handle)) {
        m_fds[i].events = toPoll(interest);
        m_tokens[i] = token;
      }
  }

  void remove(NativeHandle handle) override {
    for (size_t i = 1; i < m_fds.size(); ++i)
      if (m_fds[i].fd == int(handle)) {
        m_fds.erase(m_fds.begin() + long(i));
        m_tokens.erase(m_tokens.begin() + long(i));
        return;
      }
  }

  void wait(int timeoutMs, std::vector<Event> &events) override {
    if (::poll(m_fds.data(), nfds_t(m_fds.size()), timeoutMs) <= 0) return;
    if (m_fds[0].revents & POLLIN) {
      char drain[64];
      while (::read(m_wakeRead, drain, sizeof drain) > 0) {
      }
    }
    for (size_t i = 1; i < m_fds.size(); ++i) {
      const short r = m_fds[i].revents;
      if (!r) continue;
      unsigned e = 0;
      if (r & POLLIN) e |= kReadable;
      if (r & POLLOUT) e |= kWritable;
      if (r & (POLLERR | POLLHUP | POLLNVAL)) e |= kHangup;
      events.push_back({m_tokens[i], e});
    }
  }

  void wake() override {
    const char one = 1;
    if (::write(m_wakeWrite, &one, 1) < 0) {
      // EAGAIN: the pipe is full, so the loop is being woken anyway.
    }
  }

 private:
  int m_wakeRead;
  int m_wakeWrite;
  std::vector<pollfd> m_fds;
  std::vector<uint64_t> m_tokens;
};

}  // namespace

std::unique_ptr<Poller> Poller::create(std::string *error) {
  int fds[2];
  if (::pipe(fds) != 0) {
    if (error) *error = std::string("pipe: ") + strerror(errno);
    return nullptr;
  }
  for (int fd : fds) {
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
  }
  return std::make_unique<PollPoller>(fds[0], fds[1]);
}

}  // namespace routeless::agent
