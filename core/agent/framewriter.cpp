#include "agent/framewriter.h"

#include "agent/sys/stdio.h"
#include "agent/wire/frame.h"

namespace routeless::agent {
namespace {

constexpr size_t kMaxBatch = 1024 * 1024;
constexpr size_t kMaxFramesPerBatch = 4096;
constexpr int kMaxBuffers = 1024;  // IOV_MAX on Linux and macOS

}  // namespace

FrameWriter::FrameWriter(EventLoop &loop) : m_loop(loop) {}

FrameWriter::~FrameWriter() {
  if (m_watch) m_loop.unwatch(m_watch);
}

void FrameWriter::start() {
  m_handle = sys::prepareStdoutWatch();
  if (m_handle == kInvalidHandle) return;
  m_watch = m_loop.watch(m_handle, 0, [this](unsigned events) {
    setBlocked(false);
    flush();
    if ((events & kHangup) && !m_failed) {
      // The reader closed the pipe and nothing was left to write (a write would have failed
      // with EPIPE): the manager is gone, as NoRouter's agent learns on its next write.
      m_failed = true;
      m_frames.clear();
      m_pending = m_skip = 0;
      if (onFailed) onFailed("failed to write to stdout: the manager closed it");
    }
  });
}

void FrameWriter::setBlocked(bool blocked) {
  if (m_blocked == blocked) return;
  m_blocked = blocked;
  if (m_watch) m_loop.setInterest(m_watch, blocked ? kWritable : 0u);
}

void FrameWriter::sendPacket(OutgoingPacket packet) {
  if (m_failed) return;
  if (!m_blocked && (m_pending > kMaxBatch || m_frames.size() >= kMaxFramesPerBatch)) flush();
  Frame &f = m_frames.emplace_back();
  const size_t size = packet.size();
  writeFrameHeader(f.header, uint16_t(FrameType::L3), uint32_t(size));
  f.packet = std::move(packet);
  m_pending += kFrameHeaderSize + size;
}

void FrameWriter::writeJson(std::string json) {
  if (m_failed) return;
  Frame &f = m_frames.emplace_back();
  writeFrameHeader(f.header, uint16_t(FrameType::Json), uint32_t(json.size()));
  m_pending += kFrameHeaderSize + json.size();
  f.json = std::move(json);
  flush();
}

void FrameWriter::flush() {
  if (m_failed) {
    m_frames.clear();
    m_pending = m_skip = 0;
    return;
  }
  while (!m_frames.empty() && !m_blocked) {
    ConstBuffer buffers[kMaxBuffers];
    int count = 0;
    size_t offered = 0;
    size_t skip = m_skip;
    for (const Frame &f : m_frames) {
      if (count + 2 + 16 > kMaxBuffers) break;
      ConstBuffer parts[2 + 16];
      int n = 0;
      parts[n++] = {f.header, kFrameHeaderSize};
      if (!f.json.empty())
        parts[n++] = {f.json.data(), f.json.size()};
      else
        n += f.packet.buffers(parts + n, 16);
      for (int i = 0; i < n; ++i) {
        // Leave out what an earlier partial write already took.
        if (skip >= parts[i].size) {
          skip -= parts[i].size;
          continue;
        }
        buffers[count++] = {static_cast<const char *>(parts[i].data) + skip, parts[i].size - skip};
        offered += parts[i].size - skip;
        skip = 0;
      }
    }
    std::string error;
    const long written = sys::writeStdout(buffers, count, &error);
    if (written < 0) {
      m_failed = true;
      m_frames.clear();
      m_pending = m_skip = 0;
      if (onFailed) onFailed(error);
      return;
    }
    m_written += size_t(written);
    // Release every frame written in full: lwIP may retransmit them again.
    size_t left = m_skip + size_t(written);
    while (!m_frames.empty()) {
      const Frame &f = m_frames.front();
      const size_t size = kFrameHeaderSize + (f.json.empty() ? f.packet.size() : f.json.size());
      if (left < size) break;
      left -= size;
      m_pending -= size;
      m_frames.pop_front();
    }
    m_skip = left;
    if (size_t(written) < offered && m_watch) {
      // A full non-blocking pipe: resume when it drains. (A blocking stdout that wrote less
      // than offered, after a signal, just goes round again.)
      setBlocked(true);
      return;
    }
  }
}

}  // namespace routeless::agent
