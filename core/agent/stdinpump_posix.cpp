// POSIX: stdin is read on the loop thread whenever it is readable. No thread, no hand-over:
// each read goes straight into the stack.
#include "agent/stdinpump.h"
#include "agent/sys/stdio.h"

namespace routeless::agent {

struct StdinPump::Impl {
  EventLoop &loop;
  BatchHandler onBatch;
  EndHandler onEnd;
  FrameReader reader;
  uint64_t watch = 0;

  void onReadable() {
    InputBatch batch;
    std::string end;
    const bool more = reader.readOnce(sys::readStdin, &batch, &end);
    if (!batch.frames.empty()) onBatch(batch);
    if (!more) {
      loop.unwatch(watch);
      watch = 0;
      onEnd(end);
    }
  }
};

StdinPump::StdinPump(EventLoop &loop, BatchHandler onBatch, EndHandler onEnd)
    : m_impl(new Impl{loop, std::move(onBatch), std::move(onEnd), {}, 0}) {}

StdinPump::~StdinPump() {
  if (m_impl->watch) m_impl->loop.unwatch(m_impl->watch);
}

bool StdinPump::start(std::string *error) {
  m_impl->watch = m_impl->loop.watch(
      sys::stdinWatchHandle(), kReadable, [impl = m_impl.get()](unsigned) { impl->onReadable(); },
      error);
  return m_impl->watch != 0;
}

}  // namespace routeless::agent
