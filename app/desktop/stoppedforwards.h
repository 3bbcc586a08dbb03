#pragma once
// StoppedForwards: the forwards and proxies of the connected profile that the user stopped
// (from the tray or the Mesh page), by key, and the manifest the mesh runs without them. It
// lives in the running session only: it must never change the saved profile.

#include <QSet>
#include <QString>

#include "mesh/manifest.h"

namespace routeless::desktop {

class StoppedForwards {
 public:
  // The key of one `ports` entry of host `host` ("beta/18080/tcp"), of its HTTP proxy
  // ("beta/http") and of its SOCKS proxy ("beta/socks").
  static QString portKey(const QString &host, const mesh::PortSpec &port);
  static QString httpKey(const QString &host);
  static QString socksKey(const QString &host);

  bool contains(const QString &key) const { return m_keys.contains(key); }
  bool isEmpty() const { return m_keys.isEmpty(); }
  // False when nothing changed (already stopped, or already running).
  bool stop(const QString &key);
  bool start(const QString &key) { return m_keys.remove(key); }
  void clear() { m_keys.clear(); }
  // Whether `manifest` has a forward or proxy with this key.
  static bool exists(const mesh::Manifest &manifest, const QString &key);
  // Forgets the keys `manifest` no longer has (a forward removed or edited while stopped).
  void prune(const mesh::Manifest &manifest);
  // `manifest` without the stopped forwards and proxies: what the mesh runs.
  mesh::Manifest apply(mesh::Manifest manifest) const;

 private:
  QSet<QString> m_keys;
};

}  // namespace routeless::desktop
