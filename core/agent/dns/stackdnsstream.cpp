#include "agent/dns/stackdnsstream.h"

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
  return static_cast<StackDnsStream *>(arg)->lwipRecv(p);
}
err_t sentCallback(void *arg, struct tcp_pcb *, u16_t) {
  return arg ? err_t(static_cast<StackDnsStream *>(arg)->lwipSent()) : err_t(ERR_OK);
}
err_t connectedCallback(void *arg, struct tcp_pcb *, err_t) {
  return arg ? err_t(static_cast<StackDnsStream *>(arg)->lwipConnected()) : err_t(ERR_OK);
}
void errorCallback(void *arg, err_t) {
  if (arg) static_cast<StackDnsStream *>(arg)->lwipError();
}

}  // namespace

StackDnsStream::StackDnsStream(EventLoop &loop) : m_loop(loop) {}

StackDnsStream::~StackDnsStream() {
  if (!m_pcb) return;
  struct tcp_pcb *pcb = m_pcb;
  detach();
  if (tcp_close(pcb) != ERR_OK) tcp_abort(pcb);
}

void StackDnsStream::attach(struct tcp_pcb *pcb) {
  m_pcb = pcb;
  tcp_arg(pcb, this);
  tcp_recv(pcb, recvCallback);
  tcp_sent(pcb, sentCallback);
  tcp_err(pcb, errorCallback);
  tcp_nagle_disable(pcb);
}

void StackDnsStream::detach() {
  if (!m_pcb) return;
  tcp_arg(m_pcb, nullptr);
  tcp_recv(m_pcb, nullptr);
  tcp_sent(m_pcb, nullptr);
  tcp_err(m_pcb, nullptr);
  m_pcb = nullptr;
}

void StackDnsStream::adopt(struct tcp_pcb *pcb) { attach(pcb); }

bool StackDnsStream::connect(uint32_t ip, uint16_t port, std::string *error) {
  struct tcp_pcb *pcb = tcp_new_ip_type(IPADDR_TYPE_V4);
  if (!pcb) {
    *error = "out of memory for a connection";
    return false;
  }
  attach(pcb);
  ip_addr_t addr;
  ip_addr_set_ip4_u32_val(addr, lwip_htonl(ip));
  const err_t err = tcp_connect(pcb, &addr, port, connectedCallback);
  if (err != ERR_OK) {
    detach();
    tcp_abort(pcb);
    *error = std::string("connect in the network stack: ") + lwipErrorText(err);
    return false;
  }
  return true;
}

bool StackDnsStream::send(std::string_view message) {
  const auto framed = dns::frameForTcp(message);
  if (!framed || m_ended || m_closing || m_out.size() + framed->size() > kMaxPendingOut)
    return false;
  m_out += *framed;
  flush();
  return true;
}

void StackDnsStream::close() {
  m_closing = true;
  flush();
}

void StackDnsStream::flush() {
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
  if (m_closing && m_out.empty()) {
    // Everything is in lwIP's hands: it sends the rest and the FIN without us.
    struct tcp_pcb *pcb = m_pcb;
    detach();
    if (tcp_close(pcb) != ERR_OK) tcp_abort(pcb);
    end("");
  }
}

signed char StackDnsStream::lwipRecv(struct pbuf *p) {
  if (!p) {  // FIN from the peer: answers may still go out (half-close)
    m_loop.defer([this, alive = m_life.watch()] {
      if (alive.expired() || m_ended) return;
      if (onPeerFinished)
        onPeerFinished();
      else
        close();
    });
    return ERR_OK;
  }
  const u16_t total = p->tot_len;
  bool ok = true;
  for (struct pbuf *q = p; q && ok; q = q->next)
    ok = m_reader.append(static_cast<const char *>(q->payload), q->len);
  pbuf_free(p);
  if (!ok) {
    struct tcp_pcb *pcb = m_pcb;
    detach();
    tcp_abort(pcb);
    end("too much data without a whole message");
    return ERR_ABRT;
  }
  tcp_recved(m_pcb, total);
  // Messages are handed over from the loop, outside lwIP's callback.
  m_loop.defer([this, alive = m_life.watch()] {
    if (alive.expired()) return;
    while (auto message = m_reader.next()) {
      if (onMessage) onMessage(std::move(*message));
      if (alive.expired() || m_ended) return;
    }
    if (m_reader.broken()) {
      if (m_pcb) {
        struct tcp_pcb *pcb = m_pcb;
        detach();
        tcp_abort(pcb);
      }
      end("malformed DNS stream (zero length)");
    }
  });
  return ERR_OK;
}

signed char StackDnsStream::lwipSent() {
  flush();
  return ERR_OK;
}

signed char StackDnsStream::lwipConnected() {
  m_loop.defer([this, alive = m_life.watch()] {
    if (!alive.expired() && onConnected && !m_ended) onConnected();
  });
  flush();
  return ERR_OK;
}

void StackDnsStream::lwipError() {
  m_pcb = nullptr;  // lwIP freed it
  end("connection reset");
}

void StackDnsStream::end(const std::string &why) {
  if (m_ended) return;
  m_ended = true;
  m_loop.defer([this, why, alive = m_life.watch()] {
    if (!alive.expired() && onClosed) onClosed(why);
  });
}

}  // namespace routeless::agent
