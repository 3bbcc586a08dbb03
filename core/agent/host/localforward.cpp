#include "agent/host/localforward.h"

namespace routeless::agent {

LocalForward::LocalForward(EventLoop &loop, Resolver &resolver)
    : m_loop(loop), m_resolver(resolver), m_listener(loop, [this](NativeHandle accepted) {
        auto relay =
            std::make_unique<HostRelay>(m_loop, m_resolver, accepted, m_connectHost, m_connectPort,
                                        [this](HostRelay *r) { m_relays.erase(r); });
        HostRelay *key = relay.get();
        m_relays.emplace(key, std::move(relay));
      }) {}

bool LocalForward::listen(const IpAddress &address, uint16_t port, const std::string &connectHost,
                          uint16_t connectPort, std::string *error) {
  m_connectHost = connectHost;
  m_connectPort = connectPort;
  return m_listener.listen(address, port, error);
}

}  // namespace routeless::agent
