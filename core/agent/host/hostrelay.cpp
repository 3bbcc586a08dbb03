#include "agent/host/hostrelay.h"

#include <algorithm>

#include "agent/log.h"

namespace routeless::agent {

HostRelay::HostRelay(EventLoop &loop, Resolver &resolver, NativeHandle accepted,
                     const std::string &host, uint16_t port, Done done, Greeting greeting)
    : m_loop(loop),
      m_client(loop),
      m_server(loop, &resolver),
      m_target(host + ":" + std::to_string(port)),
      m_onDone(std::move(done)) {
  m_up.from = &m_client;
  m_up.to = &m_server;
  m_down.from = &m_server;
  m_down.to = &m_client;
  std::string why;
  if (!m_client.adopt(accepted, &why)) {
    fail(why);
    return;
  }
  auto both = [this] {
    if (pump(m_up) && pump(m_down)) updateInterest();
  };
  m_client.onReadable = both;
  m_client.onWritable = both;
  m_server.onReadable = both;
  m_server.onWritable = both;
  m_server.onConnected = [this, toServer = std::move(greeting.toServer),
                          toClient = std::move(greeting.toClientOnConnect)] {
    m_connected = true;
    m_up.buffer.reset(new char[kBufferSize]);
    m_down.buffer.reset(new char[kBufferSize]);
    m_up.tail = std::min(toServer.size(), kBufferSize);
    toServer.copy(m_up.buffer.get(), m_up.tail);
    if (!toClient.empty()) {
      const ConstBuffer reply{toClient.data(), toClient.size()};
      if (m_client.write(&reply, 1) != long(reply.size)) {
        fail("could not answer the proxy client");
        return;
      }
    }
    if (pump(m_up) && pump(m_down)) updateInterest();
  };
  m_server.onConnectFailed =
      [this, failure = std::move(greeting.toClientOnFailure)](const std::string &error) {
        // As NoRouter: the client was accepted already; it sees the connection close.
        log::warning("local forward: %s", error.c_str());
        if (!failure.empty()) {
          const ConstBuffer reply{failure.data(), failure.size()};
          m_client.write(&reply, 1);  // best effort
        }
        m_client.close();
        finish();
      };
  m_server.connectTo(host, port);
}

HostRelay::~HostRelay() = default;

bool HostRelay::pump(Direction &d) {
  if (!m_connected || m_done) return false;
  for (;;) {
    bool progress = false;
    if (!d.eof && d.tail < kBufferSize) {
      const long n = d.from->read(d.buffer.get() + d.tail, kBufferSize - d.tail);
      if (n == sys::kFailed) {
        fail(d.from->errorString());
        return false;
      }
      if (n == 0) {
        d.eof = true;
        progress = true;
      } else if (n > 0) {
        d.tail += size_t(n);
        d.total += uint64_t(n);
        progress = true;
      }
    }
    if (d.head < d.tail) {
      const ConstBuffer b{d.buffer.get() + d.head, d.tail - d.head};
      const long n = d.to->write(&b, 1);
      if (n == sys::kFailed) {
        fail(d.to->errorString());
        return false;
      }
      d.head += size_t(n);
      if (n > 0) progress = true;
      if (d.head == d.tail) d.head = d.tail = 0;
    }
    if (d.eof && d.head == d.tail && !d.shut) {
      d.to->shutdownWrite();
      d.shut = true;
    }
    if (!progress) break;
  }
  if (m_up.shut && m_down.shut) {
    finish();
    return false;
  }
  return true;
}

void HostRelay::updateInterest() {
  if (m_done) return;
  m_client.setReadInterest(!m_up.eof && m_up.tail < kBufferSize);
  m_server.setReadInterest(!m_down.eof && m_down.tail < kBufferSize);
  m_server.setWriteInterest(m_up.head < m_up.tail);
  m_client.setWriteInterest(m_down.head < m_down.tail);
}

void HostRelay::fail(const std::string &why) {
  if (m_done) return;
  log::debug("local forward to %s: %s", m_target.c_str(), why.c_str());
  m_client.abort();
  m_server.abort();
  finish();
}

void HostRelay::finish() {
  if (m_done) return;
  m_done = true;
  m_client.close();
  m_server.close();
  m_loop.defer([done = m_onDone, self = this, alive = m_life.watch()] {
    if (!alive.expired() && done) done(self);
  });
}

}  // namespace routeless::agent
