#pragma once
// The agent's event loop: one thread, readiness of sockets and pipes (through the Poller of
// the OS), one-shot timers, tasks deferred to the next pass, tasks posted from other threads
// and hooks that run before every wait (the stack's timers, the batched stdout write).
// Callbacks run on the loop's thread only; the loop itself never blocks but in the wait.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "agent/loop/poller.h"

namespace routeless::agent {

class EventLoop;

// A thread-safe way to hand work to a loop that may already be gone: posting to a stopped or
// destroyed loop does nothing. Cheap to copy; worker threads keep one.
class LoopPoster {
 public:
  LoopPoster() = default;
  // False when the loop no longer exists (the task was dropped).
  bool post(std::function<void()> task) const;

 private:
  friend class EventLoop;
  struct Mailbox {
    std::mutex mutex;
    std::vector<std::function<void()>> tasks;
    Poller *poller = nullptr;  // null once the loop is gone
  };
  std::shared_ptr<Mailbox> m_mailbox;
};

class EventLoop {
 public:
  using Task = std::function<void()>;
  using IoCallback = std::function<void(unsigned events)>;
  // Runs before every wait; returns how long the loop may sleep at most (ms), or -1.
  using PrepareHook = std::function<int()>;

  EventLoop();
  ~EventLoop();
  EventLoop(const EventLoop &) = delete;
  EventLoop &operator=(const EventLoop &) = delete;

  // False if the OS gave no poller (the error says why); nothing else works then.
  bool isValid() const { return m_poller != nullptr; }
  const std::string &error() const { return m_error; }

  // Calls `callback` with IoEvent bits while `handle` is ready for `interest`. Returns a
  // watch id (> 0), or 0 with *error set. The handle must stay open until unwatch().
  uint64_t watch(NativeHandle handle, unsigned interest, IoCallback callback,
                 std::string *error = nullptr);
  void setInterest(uint64_t watchId, unsigned interest);
  // Safe from inside any callback, including the watch's own; no later event is delivered.
  void unwatch(uint64_t watchId);

  // One-shot timer; returns its id (> 0). Cancelling an expired or unknown id is harmless.
  uint64_t startTimer(int64_t delayMs, Task task);
  void cancelTimer(uint64_t timerId);

  // Runs `task` on this thread after the current callback, before the next wait.
  void defer(Task task);
  // Any thread.
  void post(Task task) { m_poster.post(std::move(task)); }
  LoopPoster poster() const { return m_poster; }

  void addPrepareHook(PrepareHook hook) { m_prepareHooks.push_back(std::move(hook)); }

  // Runs until quit(); returns quit's code.
  int run();
  void quit(int code);
  bool isRunning() const { return m_running; }

  // Milliseconds of a monotonic clock.
  static int64_t nowMs();

 private:
  struct WatchEntry {
    NativeHandle handle;
    unsigned interest;
    std::shared_ptr<IoCallback> callback;  // shared: it may unwatch itself while it runs
  };
  void runDeferred();
  void runTimers();
  void runPosted();
  int nextWaitMs();

  std::string m_error;
  std::unique_ptr<Poller> m_poller;
  LoopPoster m_poster;
  std::unordered_map<uint64_t, WatchEntry> m_watches;
  uint64_t m_nextWatchId = 1;
  std::map<std::pair<int64_t, uint64_t>, Task> m_timers;  // (due, id) -> task
  std::unordered_map<uint64_t, int64_t> m_timerDue;
  uint64_t m_nextTimerId = 1;
  std::vector<Task> m_deferred;
  std::vector<PrepareHook> m_prepareHooks;
  std::vector<Poller::Event> m_events;
  bool m_running = false;
  bool m_quit = false;
  int m_exitCode = 0;
};

}  // namespace routeless::agent
