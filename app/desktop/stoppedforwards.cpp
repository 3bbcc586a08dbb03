#include "stoppedforwards.h"

namespace routeless::desktop {

QString StoppedForwards::portKey(const QString &host, const mesh::PortSpec &port) {
  return QStringLiteral("%1/%2/%3").arg(host).arg(port.listenPort).arg(port.proto);
}

QString StoppedForwards::httpKey(const QString &host) { return host + QStringLiteral("/http"); }

QString StoppedForwards::socksKey(const QString &host) { return host + QStringLiteral("/socks"); }

bool StoppedForwards::stop(const QString &key) {
  if (m_keys.contains(key)) return false;
  m_keys.insert(key);
  return true;
}

bool StoppedForwards::exists(const mesh::Manifest &manifest, const QString &key) {
  for (const mesh::HostSpec &h : manifest.hosts) {
    if (!h.httpListen.isEmpty() && key == httpKey(h.name)) return true;
    if (!h.socksListen.isEmpty() && key == socksKey(h.name)) return true;
    for (const mesh::PortSpec &p : h.ports)
      if (key == portKey(h.name, p)) return true;
  }
  return false;
}

void StoppedForwards::prune(const mesh::Manifest &manifest) {
  for (auto it = m_keys.begin(); it != m_keys.end();)
    it = exists(manifest, *it) ? std::next(it) : m_keys.erase(it);
}

mesh::Manifest StoppedForwards::apply(mesh::Manifest manifest) const {
  if (m_keys.isEmpty()) return manifest;
  for (mesh::HostSpec &h : manifest.hosts) {
    h.ports.removeIf([&](const mesh::PortSpec &p) { return m_keys.contains(portKey(h.name, p)); });
    if (m_keys.contains(httpKey(h.name))) h.httpListen.clear();
    if (m_keys.contains(socksKey(h.name))) h.socksListen.clear();
  }
  return manifest;
}

}  // namespace routeless::desktop
