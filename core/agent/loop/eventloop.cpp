#include "agent/loop/eventloop.h"

#include <chrono>

namespace routeless::agent {

bool LoopPoster::post(std::function<void()> task) const {
  if (!m_mailbox) return false;
  std::lock_guard<std::mutex> lock(m_mailbox->mutex);
  if (!m_mailbox->poller) return false;
  const bool first = m_mailbox->tasks.empty();
  m_mailbox->tasks.push_back(std::move(task));
  if (first) m_mailbox->poller->wake();  // later posts find the loop already woken
  return true;
}

EventLoop::EventLoop() {
  m_poller = Poller::create(&m_error);
  m_poster.m_mailbox = std::make_shared<LoopPoster::Mailbox>();
  m_poster.m_mailbox->poller = m_poller.get();
  m_events.reserve(256);
}

EventLoop::~EventLoop() {
  std::lock_guard<std::mutex> lock(m_poster.m_mailbox->mutex);
  m_poster.m_mailbox->poller = nullptr;
  m_poster.m_mailbox->tasks.clear();
}

int64_t EventLoop::nowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

uint64_t EventLoop::watch(NativeHandle handle, unsigned interest, IoCallback callback,
                          std::string *error) {
  std::string why;
  if (!m_poller) {
    why = "no event loop: " + m_error;
  } else {
    const uint64_t id = m_nextWatchId++;
    if (m_poller->add(handle, interest, id, &why)) {
      m_watches.emplace(
          id, WatchEntry{handle, interest, std::make_shared<IoCallback>(std::move(callback))});
      return id;
    }
  }
  if (error) *error = why;
  return 0;
}

void EventLoop::setInterest(uint64_t watchId, unsigned interest) {
  auto it = m_watches.find(watchId);
  if (it == m_watches.end() || it->second.interest == interest) return;
  it->second.interest = interest;
  m_poller->modify(it->second.handle, interest, watchId);
}

void EventLoop::unwatch(uint64_t watchId) {
  auto it = m_watches.find(watchId);
  if (it == m_watches.end()) return;
  m_poller->remove(it->second.handle);
  m_watches.erase(it);
}

uint64_t EventLoop::startTimer(int64_t delayMs, Task task) {
  const uint64_t id = m_nextTimerId++;
  const int64_t due = nowMs() + (delayMs < 0 ? 0 : delayMs);
  m_timers.emplace(std::make_pair(due, id), std::move(task));
  m_timerDue.emplace(id, due);
  return id;
}

void EventLoop::cancelTimer(uint64_t timerId) {
  auto it = m_timerDue.find(timerId);
  if (it == m_timerDue.end()) return;
  m_timers.erase(std::make_pair(it->second, timerId));
  m_timerDue.erase(it);
}

void EventLoop::defer(Task task) { m_deferred.push_back(std::move(task)); }

void EventLoop::quit(int code) {
  m_quit = true;
  m_exitCode = code;
}

void EventLoop::runDeferred() {
  // Tasks deferred while these run wait for the next pass, so a task that defers itself
  // cannot starve the sockets.
  std::vector<Task> tasks;
  tasks.swap(m_deferred);
  for (Task &t : tasks) t();
}

void EventLoop::runTimers() {
  const int64_t now = nowMs();
  while (!m_timers.empty() && m_timers.begin()->first.first <= now && !m_quit) {
    auto it = m_timers.begin();
    Task task = std::move(it->second);
    m_timerDue.erase(it->first.second);
    m_timers.erase(it);
    task();
  }
}

void EventLoop::runPosted() {
  std::vector<Task> tasks;
  {
    std::lock_guard<std::mutex> lock(m_poster.m_mailbox->mutex);
    tasks.swap(m_poster.m_mailbox->tasks);
  }
  for (Task &t : tasks) t();
}

int EventLoop::nextWaitMs() {
  int wait = -1;
  for (const PrepareHook &hook : m_prepareHooks) {
    const int limit = hook();
    if (limit >= 0 && (wait < 0 || limit < wait)) wait = limit;
  }
  if (!m_deferred.empty() || m_quit) return 0;
  if (!m_timers.empty()) {
    const int64_t until = m_timers.begin()->first.first - nowMs();
    const int timerWait = until <= 0 ? 0 : (until > 1 << 30 ? 1 << 30 : int(until));
    if (wait < 0 || timerWait < wait) wait = timerWait;
  }
  return wait;
}

int EventLoop::run() {
  if (!m_poller) return 1;
  m_running = true;
  m_quit = false;
  while (!m_quit) {
    runDeferred();
    if (m_quit) break;
    m_events.clear();
    m_poller->wait(nextWaitMs(), m_events);
    for (const Poller::Event &e : m_events) {
      auto it = m_watches.find(e.token);
      if (it == m_watches.end()) continue;  // unwatched earlier in this pass
      // Held here: the callback may unwatch (and so erase) its own entry while it runs.
      const std::shared_ptr<IoCallback> callback = it->second.callback;
      (*callback)(e.events);
      if (m_quit) break;
    }
    runPosted();
    runTimers();
  }
  m_running = false;
  return m_exitCode;
}

}  // namespace routeless::agent
