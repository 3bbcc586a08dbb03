// Windows: a thread reads stdin (blocking ReadFile) and posts each batch to the loop.
#include <atomic>
#include <thread>

#include "agent/log.h"
#include "agent/stdinpump.h"
#include "agent/sys/stdio.h"

namespace routeless::agent {
namespace {

constexpr size_t kMaxQueuedBytes = 16 * 1024 * 1024;

}  // namespace

struct StdinPump::Impl {
  EventLoop &loop;
  BatchHandler onBatch;
  EndHandler onEnd;
  // Shared with the thread, which outlives this object when it is stuck in ReadFile at exit.
  struct Shared {
    std::atomic<size_t> queued{0};
    std::atomic<uint64_t> dropped{0};
    std::atomic<bool> alive{true};
  };
  std::shared_ptr<Shared> shared = std::make_shared<Shared>();
};

StdinPump::StdinPump(EventLoop &loop, BatchHandler onBatch, EndHandler onEnd)
    : m_impl(new Impl{loop, std::move(onBatch), std::move(onEnd)}) {}

StdinPump::~StdinPump() { m_impl->shared->alive = false; }

bool StdinPump::start(std::string *) {
  Impl *impl = m_impl.get();
  std::thread([poster = impl->loop.poster(), shared = impl->shared, impl] {
    FrameReader reader;
    for (;;) {
      auto batch = std::make_shared<InputBatch>();
      std::string end;
      const bool more = reader.readOnce(sys::readStdin, batch.get(), &end);
      if (shared->queued.load() > kMaxQueuedBytes) {
        // The loop is behind: drop L3 frames (TCP retransmits them), keep JSON.
        auto &frames = batch->frames;
        const size_t before = frames.size();
        std::erase_if(frames,
                      [](const InputBatch::Frame &f) { return f.type == uint16_t(FrameType::L3); });
        shared->dropped += before - frames.size();
      }
      if (!batch->frames.empty()) {
        shared->queued += batch->bytes;
        poster.post([shared, impl, batch] {
          shared->queued -= batch->bytes;
          if (!shared->alive) return;
          if (const uint64_t dropped = shared->dropped.exchange(0))
            log::warning("dropped %llu L3 packets: the network stack is behind stdin",
                         (unsigned long long)dropped);
          impl->onBatch(*batch);
        });
      }
      if (!more) {
        poster.post([shared, impl, end] {
          if (shared->alive) impl->onEnd(end);
        });
        return;
      }
    }
  }).detach();
  return true;
}

}  // namespace routeless::agent
