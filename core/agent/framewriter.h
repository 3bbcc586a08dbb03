#pragma once
// Writes the agent's outgoing frames to stdout: L3 packets as the stack's own buffers (no
// copy; each frame is an 8-byte header plus the pbufs, held until written) and JSON messages,
// gathered into one write per loop pass (or sooner once a batch passes 1 MiB). When stdout is
// a full non-blocking pipe it keeps the rest and resumes when the pipe drains, so the agent
// keeps reading stdin meanwhile. It never writes anything but whole frames.

#include <cstdint>
#include <deque>
#include <functional>
#include <string>

#include "agent/loop/eventloop.h"
#include "agent/stack/netstack.h"

namespace routeless::agent {

class FrameWriter final : public PacketSink {
 public:
  explicit FrameWriter(EventLoop &loop);
  ~FrameWriter() override;

  // Called once when stdout fails (the manager is gone): the agent should exit.
  std::function<void(const std::string &error)> onFailed;

  // Sets up the writability watch when stdout is a pipe or socket that can be non-blocking.
  void start();
  void sendPacket(OutgoingPacket packet) override;
  // Queues a JSON frame and writes at once.
  void writeJson(std::string json);
  // Writes what is queued (from the loop's prepare hook): as much as stdout takes.
  void flush();

  bool failed() const { return m_failed; }
  uint64_t bytesWritten() const { return m_written; }
  size_t bytesQueued() const { return m_pending; }

 private:
  struct Frame {
    char header[8];
    OutgoingPacket packet;
    std::string json;
  };
  void setBlocked(bool blocked);

  EventLoop &m_loop;
  std::deque<Frame> m_frames;
  size_t m_skip = 0;     // bytes of m_frames.front() already written
  size_t m_pending = 0;  // bytes queued, m_skip not deducted
  NativeHandle m_handle = kInvalidHandle;
  uint64_t m_watch = 0;
  bool m_blocked = false;
  bool m_failed = false;
  uint64_t m_written = 0;
};

}  // namespace routeless::agent
