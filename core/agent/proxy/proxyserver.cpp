#include "agent/proxy/proxyserver.h"

#include "agent/log.h"
#include "agent/proxy/httpproxyhead.h"
#include "agent/proxy/sockshandshake.h"

namespace routeless::agent {
namespace {

std::string httpError(int status, const std::string &reason, const std::string &body) {
  return "HTTP/1.1 " + std::to_string(status) + " " + reason +
         "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

const char *reasonFor(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 431:
      return "Request Header Fields Too Large";
    default:
      return "Error";
  }
}

bool isLoopback(const IpAddress &a) {
  if (a.family == IpAddress::Family::V4) return a.bytes[0] == 127;
  static const uint8_t one[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  return std::equal(std::begin(one), std::end(one), a.bytes);
}

}  // namespace

// One client between accept and a decided target: reads the handshake, answers what the
// protocol needs before the dial, then gives its socket to the server.
class ProxyServer::Session {
 public:
  Session(ProxyServer &server, NativeHandle handle) : m_server(server), m_client(server.m_loop) {
    std::string why;
    if (!m_client.adopt(handle, &why)) {
      log::warning("%s proxy: %s", server.name(), why.c_str());
      finishLater();
      return;
    }
    m_peer = m_client.peerName();
    m_client.onReadable = [this] { readMore(); };
    m_client.onWritable = [this] { flush(); };
    m_client.setReadInterest(true);
    m_timer = server.m_loop.startTimer(server.m_limits.handshakeMs, [this, alive = m_life.watch()] {
      if (alive.expired()) return;
      m_timer = 0;
      log::warning("%s proxy: %s sent no complete request within %lld ms", m_server.name(),
                   m_peer.c_str(), static_cast<long long>(m_server.m_limits.handshakeMs));
      m_client.close();
      finishLater();
    });
  }
  ~Session() {
    if (m_timer) m_server.m_loop.cancelTimer(m_timer);
  }
  NativeHandle take() { return m_client.release(); }

 private:
  void readMore() {
    if (m_deciding || m_finished) return;
    char buffer[4096];
    for (;;) {
      const long n = m_client.read(buffer, sizeof buffer);
      if (n == sys::kWouldBlock) break;
      if (n <= 0) {  // closed or failed before a request
        m_client.close();
        finishLater();
        return;
      }
      m_in.append(buffer, size_t(n));
      if (m_in.size() > HttpProxyHead::kMaxHead + 1) break;
    }
    if (m_server.m_kind == Kind::Http)
      parseHttp();
    else
      parseSocks();
  }

  void parseHttp() {
    const HttpProxyHead::Result r = m_head.parse(m_in);
    if (r.status == HttpProxyHead::Status::NeedMore) return;
    if (r.status == HttpProxyHead::Status::Failed) {
      log::warning("http proxy: %s: %s", m_peer.c_str(), r.error.c_str());
      refuse(httpError(r.httpStatus, reasonFor(r.httpStatus), r.error + "\n"));
      return;
    }
    const std::string rest = m_in.substr(r.consumed);
    const bool connect = m_head.isConnect();
    const std::string toTarget = connect ? rest : m_head.originHead() + rest;
    decide(m_head.host, m_head.port,
           connect ? "HTTP/1.1 200 Connection established\r\n\r\n" : std::string(),
           connect ? std::string("HTTP/1.1 500 Cannot reach destination\r\n\r\n")
                   : httpError(500, "Internal Server Error", "See NoRouter agent log"),
           toTarget);
  }

  void parseSocks() {
    for (;;) {
      const SocksHandshake::Step s = m_socks.feed(m_in);
      switch (s.status) {
        case SocksHandshake::Status::NeedMore:
          if (m_in.size() > SocksHandshake::kMaxHandshake) {
            log::warning("socks proxy: %s: handshake too long", m_peer.c_str());
            m_client.close();
            finishLater();
          }
          return;
        case SocksHandshake::Status::Failed:
          log::warning("socks proxy: %s: %s", m_peer.c_str(), s.error.c_str());
          refuse(s.reply);
          return;
        case SocksHandshake::Status::Reply:
          m_in.erase(0, s.consumed);
          m_out += s.reply;
          flush();
          if (m_finished) return;
          continue;
        case SocksHandshake::Status::Done:
          decide(m_socks.host(), m_socks.port(), m_socks.successReply(), m_socks.failureReply(),
                 m_in.substr(s.consumed));
          return;
      }
    }
  }

  void decide(const std::string &host, uint16_t port, std::string onConnect, std::string onFailure,
              std::string toTarget) {
    m_deciding = true;
    m_client.setReadInterest(false);
    m_server.m_rules.decide(host, [this, alive = m_life.watch(), host, port, onConnect, onFailure,
                                   toTarget](ProxyRules::Decision d) {
      if (alive.expired() || m_finished) return;
      if (!d.ok) {
        log::warning("%s proxy: %s: %s", m_server.name(), m_peer.c_str(), d.error.c_str());
        refuse(onFailure);
        return;
      }
      if (!m_out.empty()) {  // a SOCKS5 method reply the kernel has not taken: give up
        refuse({});
        return;
      }
      log::debug("%s proxy: %s -> %s:%d %s", m_server.name(), m_peer.c_str(), host.c_str(),
                 int(port),
                 d.throughMesh ? ("through the mesh to " + formatIpv4(d.stackIp)).c_str()
                               : "through the host");
      if (d.throughMesh)
        m_server.dialStack(this, d.stackIp, port, {toTarget, onConnect, onFailure});
      else
        m_server.dialHost(this, d.hostTarget, port, {toTarget, onConnect, onFailure});
    });
  }

  // Answers (best effort: a short reply into a fresh socket) and closes.
  void refuse(const std::string &reply) {
    if (!reply.empty()) {
      const ConstBuffer b{reply.data(), reply.size()};
      m_client.write(&b, 1);
    }
    m_client.close();
    finishLater();
  }

  void flush() {
    if (m_out.empty()) {
      m_client.setWriteInterest(false);
      return;
    }
    const ConstBuffer b{m_out.data(), m_out.size()};
    const long n = m_client.write(&b, 1);
    if (n == sys::kFailed) {
      m_client.close();
      finishLater();
      return;
    }
    m_out.erase(0, size_t(n));
    m_client.setWriteInterest(!m_out.empty());
  }

  void finishLater() {
    if (m_finished) return;
    m_finished = true;
    m_server.m_loop.defer([server = &m_server, self = this, alive = m_life.watch()] {
      if (!alive.expired()) server->endSession(self);
    });
  }

  ProxyServer &m_server;
  HostSocket m_client;
  std::string m_peer;
  std::string m_in;
  std::string m_out;
  HttpProxyHead m_head;
  SocksHandshake m_socks;
  uint64_t m_timer = 0;
  bool m_deciding = false;
  bool m_finished = false;
  LifeToken m_life;
};

ProxyServer::ProxyServer(EventLoop &loop, Resolver &resolver, ProxyRules &rules, Kind kind,
                         Limits limits)
    : m_loop(loop),
      m_resolver(resolver),
      m_rules(rules),
      m_kind(kind),
      m_limits(limits),
      m_listener(loop, [this](NativeHandle h) { accepted(h); }) {}

ProxyServer::~ProxyServer() {
  m_listener.close();
  m_sessions.clear();
  m_bridges.clear();
  m_relays.clear();
}

bool ProxyServer::listen(const std::string &listen, bool allowRemote, std::string *error) {
  const std::optional<HostPortText> parsed = splitHostPort(listen);
  const bool portOk = parsed && parsed->hasPort;
  std::string hostText = parsed ? parsed->host : std::string();
  if (portOk && hostText.empty()) hostText = "0.0.0.0";  // Go's ":port"
  const uint32_t port = portOk ? parsed->port : 0;
  const std::optional<IpAddress> address = IpAddress::parse(hostText);
  if (!address || !portOk) {
    if (error) *error = std::string(name()) + ".listen: expected ip:port, got \"" + listen + "\"";
    return false;
  }
  if (!isLoopback(*address) && !allowRemote) {
    if (error)
      *error = std::string(name()) + ".listen " + listen +
               " is not a loopback address: refused, as anyone who can reach it could use this "
               "proxy into the mesh (set \"allowRemote\": true under \"" +
               name() + "\" in the manifest to allow it)";
    return false;
  }
  if (!m_listener.listen(*address, uint16_t(port), error)) return false;
  if (isLoopback(*address))
    log::info("%s proxy listening on %s", name(), listen.c_str());
  else
    log::warning(
        "%s proxy listening on %s (allowRemote): any host that can reach this address "
        "can use it, into the mesh and out through this host's network",
        name(), listen.c_str());
  return true;
}

void ProxyServer::accepted(NativeHandle handle) {
  if (connections() >= m_limits.maxConnections) {
    log::warning("%s proxy: %llu connections already, closing a new one from %s", name(),
                 static_cast<unsigned long long>(connections()), sys::peerName(handle).c_str());
    sys::closeSocket(handle);
    return;
  }
  auto session = std::make_unique<Session>(*this, handle);
  Session *key = session.get();
  m_sessions.emplace(key, std::move(session));
}

void ProxyServer::endSession(Session *session) { m_sessions.erase(session); }

void ProxyServer::dialStack(Session *session, uint32_t ip, uint16_t port,
                            TcpBridge::Greeting greeting) {
  const NativeHandle handle = session->take();
  // The session goes after this callback returns: it is the one running.
  m_loop.defer([this, session, alive = m_life.watch()] {
    if (!alive.expired()) endSession(session);
  });
  auto bridge = TcpBridge::intoStack(
      m_loop, handle, ip, port, [this](TcpBridge *b) { m_bridges.erase(b); }, std::move(greeting));
  TcpBridge *key = bridge.get();
  m_bridges.emplace(key, std::move(bridge));
}

void ProxyServer::dialHost(Session *session, const std::string &host, uint16_t port,
                           HostRelay::Greeting greeting) {
  const NativeHandle handle = session->take();
  m_loop.defer([this, session, alive = m_life.watch()] {
    if (!alive.expired()) endSession(session);
  });
  auto relay = std::make_unique<HostRelay>(
      m_loop, m_resolver, handle, host, port, [this](HostRelay *r) { m_relays.erase(r); },
      std::move(greeting));
  HostRelay *key = relay.get();
  m_relays.emplace(key, std::move(relay));
}

}  // namespace routeless::agent
