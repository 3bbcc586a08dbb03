#include "agent/stack/stacktcp.h"

#include <algorithm>

#include "agent/stack/netstack.h"

extern "C" {
#include "lwip/ip_addr.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"
}

namespace routeless::agent {
namespace {

err_t recvCallback(void *arg, struct tcp_pcb *, struct pbuf *p, err_t) {
  if (!arg) {
    if (p) pbuf_free(p);
    return ERR_OK;
  }
  return static_cast<StackTcp *>(arg)->lwipRecv(p);
}
err_t sentCallback(void *arg, struct tcp_pcb *, u16_t) {
  return arg ? err_t(static_cast<StackTcp *>(arg)->lwipSent()) : err_t(ERR_OK);
}
err_t connectedCallback(void *arg, struct tcp_pcb *, err_t) {
  return arg ? err_t(static_cast<StackTcp *>(arg)->lwipConnected()) : err_t(ERR_OK);
}
void errorCallback(void *arg, err_t err) {
  if (arg) static_cast<StackTcp *>(arg)->lwipError(err);
}
err_t pollCallback(void *arg, struct tcp_pcb *) {
  return arg ? err_t(static_cast<StackTcp *>(arg)->lwipPoll()) : err_t(ERR_OK);
}

}  // namespace

StackTcp::StackTcp() = default;

StackTcp::StackTcp(struct tcp_pcb *accepted) { attach(accepted); }

StackTcp::~StackTcp() {
  if (struct tcp_pcb *pcb = detach()) closeOrAbort(pcb);
}

void StackTcp::closeOrAbort(struct tcp_pcb *pcb) {
  if (tcp_close(pcb) == ERR_OK) return;
  tcp_abort(pcb);  // out of memory for the FIN
  if (m_inCallback) m_abortedInCallback = true;
}

void StackTcp::adopt(struct tcp_pcb *accepted) { attach(accepted); }

void StackTcp::attach(struct tcp_pcb *pcb) {
  m_pcb = pcb;
  tcp_arg(pcb, this);
  tcp_recv(pcb, recvCallback);
  tcp_sent(pcb, sentCallback);
  tcp_err(pcb, errorCallback);
  if (m_pollInterval) tcp_poll(pcb, pollCallback, m_pollInterval);
  tcp_nagle_disable(pcb);
}

struct tcp_pcb *StackTcp::detach() {
  struct tcp_pcb *pcb = m_pcb;
  if (!pcb) return nullptr;
  tcp_arg(pcb, nullptr);
  tcp_recv(pcb, nullptr);
  tcp_sent(pcb, nullptr);
  tcp_err(pcb, nullptr);
  if (m_pollInterval) tcp_poll(pcb, nullptr, 0);
  m_pcb = nullptr;
  return pcb;
}

bool StackTcp::dial(uint32_t ip, uint16_t port, std::string *error) {
  struct tcp_pcb *pcb = tcp_new_ip_type(IPADDR_TYPE_V4);
  if (!pcb) {
    *error = "lwIP is out of memory for a connection";
    return false;
  }
  attach(pcb);
  ip_addr_t dst;
  ip_addr_set_ip4_u32_val(dst, lwip_htonl(ip));
  const err_t err = tcp_connect(pcb, &dst, port, connectedCallback);
  if (err != ERR_OK) {
    tcp_abort(detach());
    *error = std::string("cannot dial in the network stack: ") + lwipErrorText(err);
    return false;
  }
  return true;
}

bool StackTcp::send(const void *data, size_t size) {
  if (!m_pcb || m_closing || m_shutdownPending || m_writeShut || m_out.size() + size > m_maxQueued)
    return false;
  m_out.append(static_cast<const char *>(data), size);
  flush();
  return true;
}

size_t StackTcp::roomForUncopied() const {
  if (!m_pcb || !m_out.empty() || m_closing || m_shutdownPending || m_writeShut) return 0;
  // snd_buf, not tcp_sndbuf(): the latter is clamped to 64 KiB with window scaling. Segments
  // are bounded too, so that a stream of large writes leaves room for the control messages.
  if (m_pcb->snd_queuelen + 64 >= TCP_SND_QUEUELEN) return 0;
  return m_pcb->snd_buf;
}

bool StackTcp::sendUncopied(const void *data, uint16_t size) {
  if (!m_pcb || size > roomForUncopied()) return false;
  return tcp_write(m_pcb, data, size, 0) == ERR_OK;
}

void StackTcp::push() {
  if (m_pcb) tcp_output(m_pcb);
}

size_t StackTcp::sendRoom() const { return m_pcb ? m_pcb->snd_buf : 0; }

bool StackTcp::sendQueueHalfFull() const {
  return m_pcb && tcp_sndqueuelen(m_pcb) >= TCP_SND_QUEUELEN / 2;
}

long StackTcp::writeCopied(const char *data, size_t size, bool more, std::string *error) {
  if (!m_pcb) {
    *error = "the connection is gone";
    return -1;
  }
  size_t done = 0;
  while (done < size) {
    const u16_t n = u16_t(std::min({size - done, size_t(TCP_MSS), size_t(m_pcb->snd_buf)}));
    if (n == 0) break;
    const u8_t flags =
        TCP_WRITE_FLAG_COPY | (more && done + n < size ? TCP_WRITE_FLAG_MORE : u8_t(0));
    const err_t err = tcp_write(m_pcb, data + done, n, flags);
    if (err == ERR_MEM) break;
    if (err != ERR_OK) {
      *error = std::string("tcp_write: ") + lwipErrorText(err);
      return -1;
    }
    done += n;
  }
  return long(done);
}

bool StackTcp::shutdownWriteNow(std::string *error) {
  if (!m_pcb) return false;
  const err_t err = tcp_shutdown(m_pcb, 0, 1);
  if (err != ERR_OK) {
    *error = std::string("tcp_shutdown: ") + lwipErrorText(err);
    return false;
  }
  m_writeShut = true;
  return true;
}

void StackTcp::received(uint64_t bytes) {
  if (!m_pcb) return;
  while (bytes > 0) {
    const u16_t n = u16_t(std::min<uint64_t>(bytes, 0xFFFF));
    tcp_recved(m_pcb, n);
    bytes -= n;
  }
}

void StackTcp::enablePoll(uint8_t interval) {
  m_pollInterval = interval;
  if (m_pcb) tcp_poll(m_pcb, pollCallback, interval);
}

void StackTcp::flush() {
  if (!m_pcb) return;
  size_t written = 0;
  while (written < m_out.size()) {
    const size_t room = tcp_sndbuf(m_pcb);
    if (room == 0) break;
    const size_t n = std::min({room, m_out.size() - written, size_t(0xFFFF)});
    if (tcp_write(m_pcb, m_out.data() + written, u16_t(n), TCP_WRITE_FLAG_COPY) != ERR_OK) break;
    written += n;
  }
  m_out.erase(0, written);
  if (written) tcp_output(m_pcb);
  if (!m_out.empty()) return;
  if (m_closing) {
    // Everything is in lwIP's hands: it sends the rest and the FIN without us.
    closeOrAbort(detach());
    if (onClosed) onClosed();
  } else if (m_shutdownPending) {
    m_shutdownPending = false;
    m_writeShut = true;
    tcp_shutdown(m_pcb, 0, 1);
  }
}

void StackTcp::shutdownWrite() {
  if (m_writeShut) return;
  m_shutdownPending = true;
  flush();
}

void StackTcp::close() {
  if (m_closing) return;
  m_closing = true;
  flush();
}

void StackTcp::abort() {
  struct tcp_pcb *pcb = detach();
  if (!pcb) return;
  tcp_abort(pcb);
  if (m_inCallback) m_abortedInCallback = true;
}

// Marks the span of one lwIP callback: lwIP must hear ERR_ABRT when the pcb was aborted inside
// it, and must not touch it afterwards.
class StackTcp::InCallback {
 public:
  explicit InCallback(StackTcp &tcp) : m_tcp(tcp) {
    m_tcp.m_inCallback = true;
    m_tcp.m_abortedInCallback = false;
  }
  ~InCallback() { m_tcp.m_inCallback = false; }
  err_t result() const { return m_tcp.m_abortedInCallback ? ERR_ABRT : ERR_OK; }

 private:
  StackTcp &m_tcp;
};

signed char StackTcp::lwipRecv(struct pbuf *p) {
  InCallback span(*this);
  if (!p) {
    if (onEof) onEof();
    return span.result();
  }
  m_received += p->tot_len;
  if (onChain) {
    onChain(p);
    return span.result();
  }
  // The window first: a close() in onData with data unacknowledged to the application would
  // make lwIP reset the connection instead of sending a FIN.
  tcp_recved(m_pcb, p->tot_len);
  for (struct pbuf *q = p; q && onData && m_pcb; q = q->next)
    onData(static_cast<const char *>(q->payload), q->len);
  pbuf_free(p);
  return span.result();
}

signed char StackTcp::lwipSent() {
  InCallback span(*this);
  flush();
  if (m_pcb && m_out.empty() && onWritable) onWritable();
  return span.result();
}

signed char StackTcp::lwipConnected() {
  InCallback span(*this);
  flush();
  if (m_pcb && onConnected) onConnected();
  return span.result();
}

signed char StackTcp::lwipPoll() {
  InCallback span(*this);
  if (onPoll) onPoll();
  return span.result();
}

void StackTcp::lwipError(signed char err) {
  m_pcb = nullptr;  // lwIP has freed it
  m_out.clear();
  m_endedCleanly = err == ERR_CLSD;
  if (onError) onError(lwipErrorText(err));
}

}  // namespace routeless::agent
