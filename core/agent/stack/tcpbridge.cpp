#include "agent/stack/tcpbridge.h"

#include <algorithm>
#include <memory>

#include "agent/log.h"
#include "agent/stack/netstack.h"

extern "C" {
#include "lwip/pbuf.h"
#include "lwip/tcp.h"  // TCP_MSS, TCP_SND_BUF: the sizes reads are measured against
}

namespace routeless::agent {
namespace {

// Host bytes are read only when lwIP can take at least this much: reading a few bytes into a
// nearly full send buffer would only make small segments.
constexpr u32_t kMinRoom = LWIP_MIN(TCP_MSS, TCP_SND_BUF / 4);
// Paused reads resume only once this much is free: each pause and resume costs two epoll_ctl
// calls, so they should come once per half window, not once per segment acknowledged.
constexpr u32_t kResumeRoom = TCP_SND_BUF / 2;
constexpr size_t kScratchSize = 256 * 1024;

char *scratch() {
  // One read buffer for the loop thread: bridges copy host bytes straight into lwIP segments.
  static std::unique_ptr<char[]> buffer(new char[kScratchSize]);
  return buffer.get();
}

}  // namespace

TcpBridge::TcpBridge(EventLoop &loop, Resolver *resolver, Done done)
    : m_loop(loop), m_host(loop, resolver), m_onDone(std::move(done)) {
  m_host.onReadable = [this] {
    if (pumpToStack()) maybeFinish();
  };
  m_host.onWritable = [this] {
    if (flushToHost()) maybeFinish();
  };
  m_host.onConnected = [this] { onHostConnected(); };
  m_host.onConnectFailed = [this](const std::string &error) { onHostConnectFailed(error); };
  m_stack.onChain = [this](struct pbuf *p) { onStackChain(p); };
  m_stack.onEof = [this] { onStackEof(); };
  m_stack.onWritable = [this] { onStackWritable(); };
  m_stack.onConnected = [this] { onStackConnected(); };
  m_stack.onError = [this](const std::string &why) { onStackError(why); };
  // A safety net: retries data that tcp_write refused for lack of memory.
  m_stack.onPoll = [this] {
    if (!m_pending.empty()) onStackWritable();
  };
  m_stack.enablePoll(4);
}

TcpBridge::~TcpBridge() {
  m_stack.abort();
  freeQueue();
}

std::unique_ptr<TcpBridge> TcpBridge::fromStack(EventLoop &loop, Resolver &resolver,
                                                struct tcp_pcb *pcb, const std::string &host,
                                                uint16_t port, Done done) {
  std::unique_ptr<TcpBridge> b(new TcpBridge(loop, &resolver, std::move(done)));
  b->m_stackConnected = true;
  b->m_stack.adopt(pcb);
  b->m_target = host + ":" + std::to_string(port);
  b->m_host.connectTo(host, port);
  return b;
}

std::unique_ptr<TcpBridge> TcpBridge::intoStack(EventLoop &loop, NativeHandle handle, uint32_t ip,
                                                uint16_t port, Done done, Greeting greeting) {
  std::unique_ptr<TcpBridge> b(new TcpBridge(loop, nullptr, std::move(done)));
  b->m_target = formatIpv4(ip) + ":" + std::to_string(port);
  b->m_pending = std::move(greeting.toStack);
  b->m_greeting = std::move(greeting);
  std::string why;
  if (!b->m_host.adopt(handle, &why)) {
    log::warning("bridge to %s: %s", b->m_target.c_str(), why.c_str());
    b->end();
    return b;
  }
  b->m_hostConnected = true;  // host reads start once the stack side is connected
  if (!b->m_stack.dial(ip, port, &why)) {
    log::warning("bridge to %s: %s", b->m_target.c_str(), why.c_str());
    b->sayFailure();
    b->m_host.close();
    b->end();
  }
  return b;
}

std::string TcpBridge::description() const {
  return m_target + " (host " + m_host.peerName() + ")";
}

// ---- stack side -------------------------------------------------------------------------

void TcpBridge::onStackChain(struct pbuf *p) {
  m_toHost.push_back(p);
  // Written once per loop pass, after every packet of this read of stdin is in: one
  // gathered send instead of one per segment.
  scheduleFlushToHost();
}

void TcpBridge::onStackEof() {
  m_stackEof = true;
  scheduleFlushToHost();
}

void TcpBridge::onStackWritable() {
  if (!m_pending.empty() || (m_readPaused && m_stack.sendRoom() >= kResumeRoom)) pumpToStack();
}

void TcpBridge::onStackConnected() {
  m_stackConnected = true;
  if (!m_greeting.toHostOnConnect.empty()) {
    // A few bytes into a socket that has sent nothing yet: one write takes them.
    const ConstBuffer reply{m_greeting.toHostOnConnect.data(), m_greeting.toHostOnConnect.size()};
    const long n = m_host.write(&reply, 1);
    m_greeting.toHostOnConnect.clear();
    if (n != long(reply.size)) {
      fail("could not answer the proxy client", true);
      return;
    }
  }
  m_host.setReadInterest(true);
  if (!m_pending.empty()) onStackWritable();
}

void TcpBridge::sayFailure() {
  if (m_greeting.toHostOnFailure.empty() || !m_host.isOpen()) return;
  const ConstBuffer reply{m_greeting.toHostOnFailure.data(), m_greeting.toHostOnFailure.size()};
  m_host.write(&reply, 1);  // best effort: the connection closes next anyway
  m_greeting.toHostOnFailure.clear();
}

void TcpBridge::onStackError(const std::string &why) {
  // lwIP has freed the pcb already.
  if (m_finished) return;
  if (m_stack.endedCleanly()) {
    // Closed normally after both FINs; whatever is queued still goes to the host.
    m_stackTxShut = true;
    scheduleFinishCheck();
    return;
  }
  if (!m_stackConnected) {
    log::warning("failed to dial %s in the network stack: %s", m_target.c_str(), why.c_str());
    sayFailure();
    m_host.close();
    freeQueue();
    end();
    return;
  }
  fail("stack side: " + why, true);
}

// ---- host side ----------------------------------------------------------------------------

void TcpBridge::onHostConnected() {
  m_hostConnected = true;
  log::debug("bridge %s: host side connected", description().c_str());
  m_host.setReadInterest(true);
  if (flushToHost()) maybeFinish();
}

void TcpBridge::onHostConnectFailed(const std::string &error) {
  // NoRouter behaviour: the stack connection was accepted; it is closed now.
  log::warning("%s", error.c_str());
  freeQueue();
  m_stack.close();  // FIN, or RST without memory for it
  end();
}

bool TcpBridge::writePendingToStack() {
  if (m_pending.empty()) return true;
  std::string error;
  const long done = m_stack.writeCopied(m_pending.data(), m_pending.size(), false, &error);
  if (done < 0) {
    fail(error, true);
    return false;
  }
  m_bytesToStack += uint64_t(done);
  m_pending.erase(0, size_t(done));
  if (!m_stack.inCallback() && done > 0) m_stack.push();
  return true;
}

bool TcpBridge::pumpToStack() {
  if (!m_stack.isOpen() || !m_stackConnected || !m_hostConnected || m_hostEof) return true;
  if (!writePendingToStack()) return false;
  if (!m_pending.empty()) {
    m_readPaused = true;
    m_host.setReadInterest(false);
    return true;
  }
  char *buf = scratch();
  bool wrote = false;
  for (;;) {
    const size_t room = m_stack.sendRoom();
    if (room < kMinRoom || m_stack.sendQueueHalfFull()) {
      // Resumed from the sent callback as the peer acknowledges.
      m_readPaused = true;
      m_host.setReadInterest(false);
      break;
    }
    if (m_readPaused) {
      m_readPaused = false;
      m_host.setReadInterest(true);
    }
    const size_t want = std::min<size_t>(room, kScratchSize);
    const long n = m_host.read(buf, want);
    if (n == sys::kWouldBlock) break;
    if (n == sys::kFailed) {
      fail(m_host.errorString(), true);
      return false;
    }
    if (n == 0) {
      m_hostEof = true;
      m_host.setReadInterest(false);
      shutdownStackTx();
      break;
    }
    std::string error;
    const long written = m_stack.writeCopied(buf, size_t(n), true, &error);
    if (written < 0) {
      fail(error, true);
      return false;
    }
    const size_t done = size_t(written);
    m_bytesToStack += done;
    wrote = true;
    if (done < size_t(n)) {
      // lwIP ran out of memory: keep the rest and stop reading until it drains.
      m_pending.assign(buf + done, size_t(n) - done);
      m_readPaused = true;
      m_host.setReadInterest(false);
      break;
    }
    if (size_t(n) < want) break;  // the socket is drained for now
  }
  if (wrote && m_stack.isOpen() && !m_stack.inCallback()) m_stack.push();
  return true;
}

void TcpBridge::shutdownStackTx() {
  if (!m_hostEof || !m_pending.empty() || m_stackTxShut || !m_stack.isOpen()) return;
  std::string error;
  if (m_stack.shutdownWriteNow(&error))
    m_stackTxShut = true;
  else
    log::debug("bridge %s: %s", description().c_str(), error.c_str());
}

bool TcpBridge::flushToHost() {
  if (!m_hostConnected) return true;
  while (!m_toHost.empty()) {
    ConstBuffer bufs[64];
    int count = 0;
    uint64_t total = 0;
    uint32_t skip = m_toHostOffset;
    for (struct pbuf *chain : m_toHost) {
      for (struct pbuf *q = chain; q && count < 64; q = q->next) {
        if (skip >= q->len) {
          skip -= q->len;
          continue;
        }
        bufs[count++] = {static_cast<const char *>(q->payload) + skip, size_t(q->len - skip)};
        total += q->len - skip;
        skip = 0;
      }
      if (count == 64) break;
    }
    const long written = m_host.write(bufs, count);
    if (written == sys::kFailed) {
      fail(m_host.errorString(), true);
      return false;
    }
    uint64_t left = uint64_t(written);
    while (left > 0) {
      struct pbuf *front = m_toHost.front();
      const uint64_t rest = front->tot_len - m_toHostOffset;
      if (left >= rest) {
        left -= rest;
        m_toHost.pop_front();
        m_toHostOffset = 0;
        pbuf_free(front);
      } else {
        m_toHostOffset += uint32_t(left);
        left = 0;
      }
    }
    m_bytesToHost += uint64_t(written);
    ackToStack(uint64_t(written));
    if (uint64_t(written) < total) {
      m_host.setWriteInterest(true);
      return true;
    }
  }
  m_host.setWriteInterest(false);
  if (m_stackEof && !m_hostWriteShut) {
    m_host.shutdownWrite();
    m_hostWriteShut = true;
  }
  return true;
}

void TcpBridge::ackToStack(uint64_t bytes) { m_stack.received(bytes); }

void TcpBridge::scheduleFlushToHost() {
  if (m_flushScheduled) return;
  m_flushScheduled = true;
  m_loop.defer([this, alive = m_life.watch()] {
    if (alive.expired()) return;
    m_flushScheduled = false;
    if (!m_finished && flushToHost()) maybeFinish();
  });
}

void TcpBridge::scheduleFinishCheck() {
  if (m_finishCheckScheduled) return;
  m_finishCheckScheduled = true;
  m_loop.defer([this, alive = m_life.watch()] {
    if (alive.expired()) return;
    m_finishCheckScheduled = false;
    maybeFinish();
  });
}

void TcpBridge::maybeFinish() {
  if (m_finished) return;
  const bool toHostDone = m_stackEof && m_toHost.empty() && m_hostWriteShut;
  const bool toStackDone = m_hostEof && m_pending.empty() && (m_stackTxShut || !m_stack.isOpen());
  if (toHostDone && toStackDone) finish();
}

void TcpBridge::finish() {
  m_stack.close();  // FIN, or RST without memory for it
  m_host.close();
  freeQueue();
  log::debug("bridge %s: closed, %llu bytes to host, %llu to stack", m_target.c_str(),
             (unsigned long long)m_bytesToHost, (unsigned long long)m_bytesToStack);
  end();
}

void TcpBridge::fail(const std::string &why, bool resetHost) {
  if (m_finished) return;
  log::debug("bridge %s: %s", m_target.c_str(), why.c_str());
  m_stack.abort();  // lwIP hears ERR_ABRT when this runs inside one of its callbacks
  if (resetHost)
    m_host.abort();
  else
    m_host.close();
  freeQueue();
  end();
}

void TcpBridge::end() {
  if (m_finished) return;
  m_finished = true;
  m_loop.defer([done = m_onDone, self = this, alive = m_life.watch()] {
    if (!alive.expired() && done) done(self);
  });
}

void TcpBridge::freeQueue() {
  for (struct pbuf *p : m_toHost) pbuf_free(p);
  m_toHost.clear();
  m_toHostOffset = 0;
}

}  // namespace routeless::agent
