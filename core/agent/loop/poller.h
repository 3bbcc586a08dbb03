#pragma once
// Readiness of sockets and pipes, one implementation per OS family behind one interface:
// epoll on Linux (poller_epoll.cpp), poll(2) on macOS and the BSDs (poller_poll.cpp), WSAPoll
// on Windows (poller_win.cpp). Only EventLoop uses it; it never calls back into anything.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace routeless::agent {

// A POSIX file descriptor or a Windows SOCKET.
using NativeHandle = std::intptr_t;
inline constexpr NativeHandle kInvalidHandle = -1;

// Interest and event bits.
inline constexpr unsigned kReadable = 1;
inline constexpr unsigned kWritable = 2;
// Error or hang-up: reported whatever the interest; a read or write tells which.
inline constexpr unsigned kHangup = 4;

class Poller {
 public:
  struct Event {
    uint64_t token;
    unsigned events;
  };

  // The poller of this OS; nullptr with *error set if the OS refused one.
  static std::unique_ptr<Poller> create(std::string *error);
  virtual ~Poller() = default;

  // `token` comes back with every event of `handle` (never 0: that is the wake-up's).
  virtual bool add(NativeHandle handle, unsigned interest, uint64_t token, std::string *error) = 0;
  virtual void modify(NativeHandle handle, unsigned interest, uint64_t token) = 0;
  virtual void remove(NativeHandle handle) = 0;
  // Waits up to timeoutMs (-1: no limit) and appends what is ready to `events`. A wake() from
  // any thread ends the wait early (no event is reported for it).
  virtual void wait(int timeoutMs, std::vector<Event> &events) = 0;
  // Thread-safe.
  virtual void wake() = 0;
};

}  // namespace routeless::agent
