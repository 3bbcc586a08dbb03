#include "agent/stack/tcpbridge.h"

#include <algorithm>
#include <memory>

#include "agent/log.h"
#include "agent/stack/netstack.h"

extern "C" {
#include "lwip/ip_addr.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"
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

// Free space in the pcb's send buffer. lwIP's tcp_sndbuf() clamps it to 65535 when windows
// are scaled, which would cap every host read at 64 KiB and keep reads paused for good.
u32_t sendRoom(const struct tcp_pcb *pcb) { return pcb->snd_buf; }

char *scratch() {
  // One read buffer for the loop thread: bridges copy host bytes straight into lwIP segments.
  static std::unique_ptr<char[]> buffer(new char[kScratchSize]);
  return buffer.get();
}

// C trampolines for lwIP's callback API; `arg` is the bridge (null once detached).
err_t recvCallback(void *arg, struct tcp_pcb *, struct pbuf *p, err_t) {
  if (!arg) {
    if (p) pbuf_free(p);
    return ERR_OK;
  }
  return static_cast<TcpBridge *>(arg)->onRecv(p);
}
err_t sentCallback(void *arg, struct tcp_pcb *, u16_t) {
  return arg ? static_cast<TcpBridge *>(arg)->onSent() : err_t(ERR_OK);
}
err_t connectedCallback(void *arg, struct tcp_pcb *, err_t) {
  return arg ? static_cast<TcpBridge *>(arg)->onConnected() : err_t(ERR_OK);
}
err_t pollCallback(void *arg, struct tcp_pcb *) {
  return arg ? static_cast<TcpBridge *>(arg)->onPoll() : err_t(ERR_OK);
}
void errorCallback(void *arg, err_t err) {
  if (arg) static_cast<TcpBridge *>(arg)->onError(err);
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
}

TcpBridge::~TcpBridge() {
  if (m_pcb) {
    detach();
    tcp_abort(m_pcb);
    m_pcb = nullptr;
  }
  freeQueue();
}

std::unique_ptr<TcpBridge> TcpBridge::fromStack(EventLoop &loop, Resolver &resolver,
                                                struct tcp_pcb *pcb, const std::string &host,
                                                uint16_t port, Done done) {
  std::unique_ptr<TcpBridge> b(new TcpBridge(loop, &resolver, std::move(done)));
  b->m_stackConnected = true;
  b->attach(pcb);
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
  struct tcp_pcb *pcb = tcp_new_ip_type(IPADDR_TYPE_V4);
  if (!pcb) {
    log::warning("bridge to %s: lwIP is out of memory", b->m_target.c_str());
    b->sayFailure();
    b->m_host.close();
    b->end();
    return b;
  }
  b->attach(pcb);
  ip_addr_t dst;
  ip_addr_set_ip4_u32_val(dst, lwip_htonl(ip));
  const err_t err = tcp_connect(pcb, &dst, port, connectedCallback);
  if (err != ERR_OK) {
    log::warning("failed to dial %s in the network stack: %s", b->m_target.c_str(),
                 lwipErrorText(err));
    b->detach();
    tcp_abort(pcb);
    b->m_pcb = nullptr;
    b->sayFailure();
    b->m_host.close();
    b->end();
  }
  return b;
}

std::string TcpBridge::description() const {
  return m_target + " (host " + m_host.peerName() + ")";
}

void TcpBridge::attach(struct tcp_pcb *pcb) {
  m_pcb = pcb;
  tcp_arg(pcb, this);
  tcp_recv(pcb, recvCallback);
  tcp_sent(pcb, sentCallback);
  tcp_err(pcb, errorCallback);
  tcp_poll(pcb, pollCallback, 4);
  // Writes are whole host reads; each pass ends with tcp_output, so Nagle only adds delay.
  tcp_nagle_disable(pcb);
}

void TcpBridge::detach() {
  if (!m_pcb) return;
  tcp_arg(m_pcb, nullptr);
  tcp_recv(m_pcb, nullptr);
  tcp_sent(m_pcb, nullptr);
  tcp_err(m_pcb, nullptr);
  tcp_poll(m_pcb, nullptr, 0);
}

// ---- lwIP callbacks ---------------------------------------------------------------------

signed char TcpBridge::onRecv(struct pbuf *p) {
  m_inCallback = true;
  m_abortedInCallback = false;
  if (!p)
    m_stackEof = true;
  else
    m_toHost.push_back(p);
  m_inCallback = false;
  // Written once per loop pass, after every packet of this read of stdin is in: one
  // gathered send instead of one per segment.
  scheduleFlushToHost();
  return ERR_OK;
}

signed char TcpBridge::onSent() {
  m_inCallback = true;
  m_abortedInCallback = false;
  if (!m_pending.empty() || (m_readPaused && sendRoom(m_pcb) >= kResumeRoom)) pumpToStack();
  m_inCallback = false;
  if (m_abortedInCallback) return ERR_ABRT;
  return ERR_OK;
}

signed char TcpBridge::onPoll() {
  // A safety net: retries data that tcp_write refused for lack of memory.
  if (!m_pending.empty()) return onSent();
  return ERR_OK;
}

signed char TcpBridge::onConnected() {
  m_stackConnected = true;
  if (!m_greeting.toHostOnConnect.empty()) {
    // A few bytes into a socket that has sent nothing yet: one write takes them.
    const ConstBuffer reply{m_greeting.toHostOnConnect.data(), m_greeting.toHostOnConnect.size()};
    const long n = m_host.write(&reply, 1);
    m_greeting.toHostOnConnect.clear();
    if (n != long(reply.size)) {
      m_inCallback = true;
      m_abortedInCallback = false;
      fail("could not answer the proxy client", true);
      m_inCallback = false;
      return m_abortedInCallback ? ERR_ABRT : ERR_OK;
    }
  }
  m_host.setReadInterest(true);
  if (!m_pending.empty()) return onSent();
  return ERR_OK;
}

void TcpBridge::sayFailure() {
  if (m_greeting.toHostOnFailure.empty() || !m_host.isOpen()) return;
  const ConstBuffer reply{m_greeting.toHostOnFailure.data(), m_greeting.toHostOnFailure.size()};
  m_host.write(&reply, 1);  // best effort: the connection closes next anyway
  m_greeting.toHostOnFailure.clear();
}

void TcpBridge::onError(signed char err) {
  // lwIP has freed the pcb already.
  m_pcb = nullptr;
  if (m_finished) return;
  if (err == ERR_CLSD) {
    // Closed normally after both FINs; whatever is queued still goes to the host.
    m_stackTxShut = true;
    scheduleFinishCheck();
    return;
  }
  if (!m_stackConnected) {
    log::warning("failed to dial %s in the network stack: %s", m_target.c_str(),
                 lwipErrorText(err));
    sayFailure();
    m_host.close();
    freeQueue();
    end();
    return;
  }
  fail(std::string("stack side: ") + lwipErrorText(err), true);
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
  if (m_pcb) {
    detach();
    if (tcp_close(m_pcb) != ERR_OK) tcp_abort(m_pcb);
    m_pcb = nullptr;
  }
  end();
}

bool TcpBridge::writePendingToStack() {
  if (m_pending.empty()) return true;
  size_t done = 0;
  while (done < m_pending.size()) {
    const u32_t room = sendRoom(m_pcb);
    const u16_t n =
        u16_t(std::min<size_t>(std::min<size_t>(m_pending.size() - done, TCP_MSS), room));
    if (n == 0) break;
    const err_t err = tcp_write(m_pcb, m_pending.data() + done, n, TCP_WRITE_FLAG_COPY);
    if (err == ERR_MEM) break;
    if (err != ERR_OK) {
      fail(std::string("tcp_write: ") + lwipErrorText(err), true);
      return false;
    }
    done += n;
  }
  m_bytesToStack += done;
  m_pending.erase(0, done);
  if (!m_inCallback && done > 0) tcp_output(m_pcb);
  return true;
}

bool TcpBridge::pumpToStack() {
  if (!m_pcb || !m_stackConnected || !m_hostConnected || m_hostEof) return true;
  if (!writePendingToStack()) return false;
  if (!m_pending.empty()) {
    m_readPaused = true;
    m_host.setReadInterest(false);
    return true;
  }
  char *buf = scratch();
  bool wrote = false;
  for (;;) {
    const u32_t room = sendRoom(m_pcb);
    if (room < kMinRoom || tcp_sndqueuelen(m_pcb) >= TCP_SND_QUEUELEN / 2) {
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
    size_t done = 0;
    while (done < size_t(n)) {
      const u16_t chunk = u16_t(std::min<size_t>(size_t(n) - done, TCP_MSS));
      const err_t err =
          tcp_write(m_pcb, buf + done, chunk,
                    TCP_WRITE_FLAG_COPY | (done + chunk < size_t(n) ? TCP_WRITE_FLAG_MORE : 0));
      if (err == ERR_MEM) break;
      if (err != ERR_OK) {
        fail(std::string("tcp_write: ") + lwipErrorText(err), true);
        return false;
      }
      done += chunk;
    }
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
  if (wrote && m_pcb && !m_inCallback) tcp_output(m_pcb);
  return true;
}

void TcpBridge::shutdownStackTx() {
  if (!m_hostEof || !m_pending.empty() || m_stackTxShut || !m_pcb) return;
  const err_t err = tcp_shutdown(m_pcb, 0, 1);
  if (err == ERR_OK)
    m_stackTxShut = true;
  else
    log::debug("bridge %s: tcp_shutdown: %s", description().c_str(), lwipErrorText(err));
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

void TcpBridge::ackToStack(uint64_t bytes) {
  if (!m_pcb) return;
  while (bytes > 0) {
    const u16_t n = u16_t(std::min<uint64_t>(bytes, 0xFFFF));
    tcp_recved(m_pcb, n);
    bytes -= n;
  }
}

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
  const bool toStackDone = m_hostEof && m_pending.empty() && (m_stackTxShut || !m_pcb);
  if (toHostDone && toStackDone) finish();
}

void TcpBridge::finish() {
  if (m_pcb) {
    detach();
    if (tcp_close(m_pcb) != ERR_OK) tcp_abort(m_pcb);
    m_pcb = nullptr;
  }
  m_host.close();
  freeQueue();
  log::debug("bridge %s: closed, %llu bytes to host, %llu to stack", m_target.c_str(),
             (unsigned long long)m_bytesToHost, (unsigned long long)m_bytesToStack);
  end();
}

void TcpBridge::fail(const std::string &why, bool resetHost) {
  if (m_finished) return;
  log::debug("bridge %s: %s", m_target.c_str(), why.c_str());
  if (m_pcb) {
    detach();
    tcp_abort(m_pcb);
    m_pcb = nullptr;
    if (m_inCallback) m_abortedInCallback = true;
  }
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
