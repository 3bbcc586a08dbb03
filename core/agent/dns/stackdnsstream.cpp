#include "agent/dns/stackdnsstream.h"

namespace routeless::agent {

StackDnsStream::StackDnsStream(EventLoop &loop) : m_loop(loop) {
  m_tcp.setMaxQueued(kMaxPendingOut);
  wire();
}

// The StackTcp's destructor sends a FIN after what lwIP holds (RST without memory for it).
StackDnsStream::~StackDnsStream() = default;

void StackDnsStream::wire() {
  // lwIP's callbacks only record or defer: the owner hears everything from the loop.
  m_tcp.onConnected = [this] {
    m_loop.defer([this, alive = m_life.watch()] {
      if (!alive.expired() && onConnected && !m_ended) onConnected();
    });
  };
  m_tcp.onData = [this](const char *data, size_t size) {
    if (m_reader.append(data, size)) return deliver();
    m_tcp.abort();
    end("too much data without a whole message");
  };
  m_tcp.onEof = [this] {  // answers may still go out (half-close)
    m_loop.defer([this, alive = m_life.watch()] {
      if (alive.expired() || m_ended) return;
      if (onPeerFinished)
        onPeerFinished();
      else
        close();
    });
  };
  m_tcp.onClosed = [this] { end(""); };
  m_tcp.onError = [this](const std::string &why) { end(why); };
}

void StackDnsStream::adopt(struct tcp_pcb *pcb) { m_tcp.adopt(pcb); }

bool StackDnsStream::connect(uint32_t ip, uint16_t port, std::string *error) {
  return m_tcp.dial(ip, port, error);
}

bool StackDnsStream::send(std::string_view message) {
  const auto framed = dns::frameForTcp(message);
  return framed && !m_ended && m_tcp.send(framed->data(), framed->size());
}

void StackDnsStream::close() { m_tcp.close(); }

void StackDnsStream::deliver() {
  m_loop.defer([this, alive = m_life.watch()] {
    if (alive.expired()) return;
    while (auto message = m_reader.next()) {
      if (onMessage) onMessage(std::move(*message));
      if (alive.expired() || m_ended) return;
    }
    if (m_reader.broken()) {
      m_tcp.abort();
      end("malformed DNS stream (zero length)");
    }
  });
}

void StackDnsStream::end(const std::string &why) {
  if (m_ended) return;
  m_ended = true;
  m_loop.defer([this, why, alive = m_life.watch()] {
    if (!alive.expired() && onClosed) onClosed(why);
  });
}

}  // namespace routeless::agent
