#include "agent/speedtest/stackconnection.h"

#include "agent/stack/netstack.h"

extern "C" {
#include "lwip/ip_addr.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"
}

namespace routeless::agent {
namespace {

// Zeros written by reference (no copy): lwIP keeps pointers into this until acknowledged.
constexpr u16_t kZeroChunk = 65535 - 3;
const char kZeros[kZeroChunk] = {};

err_t recvCallback(void *arg, struct tcp_pcb *, struct pbuf *p, err_t) {
  if (!arg) {
    if (p) pbuf_free(p);
    return ERR_OK;
  }
  return static_cast<StackConnection *>(arg)->handleRecv(p);
}
err_t sentCallback(void *arg, struct tcp_pcb *, u16_t) {
  return arg ? static_cast<StackConnection *>(arg)->handleSent() : err_t(ERR_OK);
}
err_t connectedCallback(void *arg, struct tcp_pcb *, err_t) {
  return arg ? static_cast<StackConnection *>(arg)->handleConnected() : err_t(ERR_OK);
}
void errorCallback(void *arg, err_t err) {
  if (arg) static_cast<StackConnection *>(arg)->handleError(err);
}

}  // namespace

StackConnection::StackConnection() = default;

StackConnection::StackConnection(struct tcp_pcb *accepted) { attach(accepted); }

StackConnection::~StackConnection() {
  if (m_pcb) {
    detach();
    tcp_abort(m_pcb);
    m_pcb = nullptr;
  }
}

void StackConnection::attach(struct tcp_pcb *pcb) {
  m_pcb = pcb;
  tcp_arg(pcb, this);
  tcp_recv(pcb, recvCallback);
  tcp_sent(pcb, sentCallback);
  tcp_err(pcb, errorCallback);
  tcp_nagle_disable(pcb);
}

void StackConnection::detach() {
  if (!m_pcb) return;
  tcp_arg(m_pcb, nullptr);
  tcp_recv(m_pcb, nullptr);
  tcp_sent(m_pcb, nullptr);
  tcp_err(m_pcb, nullptr);
}

bool StackConnection::dial(uint32_t ip, uint16_t port, std::string *error) {
  struct tcp_pcb *pcb = tcp_new_ip_type(IPADDR_TYPE_V4);
  if (!pcb) {
    *error = "lwIP is out of memory";
    return false;
  }
  attach(pcb);
  ip_addr_t dst;
  ip_addr_set_ip4_u32_val(dst, lwip_htonl(ip));
  const err_t err = tcp_connect(pcb, &dst, port, connectedCallback);
  if (err != ERR_OK) {
    detach();
    tcp_abort(pcb);
    m_pcb = nullptr;
    *error = std::string("cannot dial in the network stack: ") + lwipErrorText(err);
    return false;
  }
  return true;
}

bool StackConnection::write(const void *data, size_t size) {
  if (!m_pcb || size > 0xFFFF) return false;
  if (tcp_write(m_pcb, data, u16_t(size), TCP_WRITE_FLAG_COPY) != ERR_OK) return false;
  tcp_output(m_pcb);
  return true;
}

void StackConnection::startZeros() {
  m_zeros = true;
  fillZeros();
}

void StackConnection::fillZeros() {
  if (!m_pcb || !m_zeros) return;
  bool wrote = false;
  // snd_buf, not tcp_sndbuf(): the latter is clamped to 64 KiB with window scaling.
  while (m_pcb->snd_buf >= kZeroChunk / 4 && m_pcb->snd_queuelen + 64 < TCP_SND_QUEUELEN) {
    const u16_t n = u16_t(m_pcb->snd_buf < kZeroChunk ? m_pcb->snd_buf : kZeroChunk);
    if (tcp_write(m_pcb, kZeros, n, 0) != ERR_OK) break;
    wrote = true;
  }
  if (wrote) tcp_output(m_pcb);
}

void StackConnection::shutdownWrite() {
  m_zeros = false;
  if (m_pcb) tcp_shutdown(m_pcb, 0, 1);
}

void StackConnection::close() {
  m_zeros = false;
  if (!m_pcb) return;
  detach();
  if (tcp_close(m_pcb) != ERR_OK) tcp_abort(m_pcb);  // out of memory for the FIN
  m_pcb = nullptr;
}

signed char StackConnection::handleRecv(struct pbuf *p) {
  if (!p) {
    if (onEof) onEof();
    return ERR_OK;
  }
  m_received += p->tot_len;
  // The window first: a close() in onData with data unacknowledged to the application would
  // make lwIP reset the connection instead of sending a FIN.
  tcp_recved(m_pcb, p->tot_len);
  for (struct pbuf *q = p; q && onData && m_pcb; q = q->next)
    onData(static_cast<const char *>(q->payload), q->len);
  pbuf_free(p);
  return ERR_OK;
}

signed char StackConnection::handleSent() {
  fillZeros();
  return ERR_OK;
}

signed char StackConnection::handleConnected() {
  if (onConnected) onConnected();
  return ERR_OK;
}

void StackConnection::handleError(signed char err) {
  m_pcb = nullptr;  // lwIP has freed it
  m_zeros = false;
  if (onError) onError(lwipErrorText(err));
}

}  // namespace routeless::agent
