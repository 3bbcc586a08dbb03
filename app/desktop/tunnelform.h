#pragma once
// TunnelForm: the model behind the tunnel dialog. The form fields and the raw URL are two views
// of it: editing a field rewrites the URL (through the core URL writers, nodepass::tunnelUrlText
// and mproxy::deviceUrl), and a pasted URL fills the fields, keeping every parameter the form
// has no field for. It starts from working defaults, says which field is wrong and why, and
// never logs the key.

#include <QtQml/qqmlregistration.h>

#include <QObject>

#include "mproxy/relaydevice.h"
#include "nodepass/tunnelurl.h"

namespace routeless::desktop {

class TunnelForm : public QObject {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(int role READ role WRITE setRole NOTIFY changed)   // Role
  Q_PROPERTY(QString key READ key WRITE setKey NOTIFY changed)  // a device's token
  Q_PROPERTY(QString tunnelHost READ tunnelHost WRITE setTunnelHost NOTIFY changed)  // or relay
  Q_PROPERTY(QString tunnelPort READ tunnelPort WRITE setTunnelPort NOTIFY changed)
  // "host:port, host:port" (NodePass) or "KEY=HOST:PORT ..." (device)
  Q_PROPERTY(QString targets READ targets WRITE setTargets NOTIFY changed)
  Q_PROPERTY(int tls READ tls WRITE setTls NOTIFY changed)  // 0-2; device: 0 ws, 1 wss
  Q_PROPERTY(QString logLevel READ logLevel WRITE setLogLevel NOTIFY changed)
  Q_PROPERTY(int mode READ mode WRITE setMode NOTIFY changed)
  // A server's pool transport (NodePass `type`): 0 TCP, 1 QUIC, 2 WebSocket, 3 HTTP/2.
  Q_PROPERTY(int transport READ transport WRITE setTransport NOTIFY changed)
  // PROXY protocol header to the target (`proxy`): 0 none, 1 v1 text, 2 v2 binary.
  Q_PROPERTY(int proxy READ proxy WRITE setProxy NOTIFY changed)
  // Why the form changed a field on its own (QUIC/HTTP/2 raised tls 0 to 1); empty otherwise.
  Q_PROPERTY(QString note READ note NOTIFY changed)
  // The pool bound this side sets: a server's max, a client's min.
  Q_PROPERTY(QString pool READ pool WRITE setPool NOTIFY changed)
  Q_PROPERTY(QString deviceName READ deviceName WRITE setDeviceName NOTIFY changed)
  Q_PROPERTY(QString url READ url WRITE setUrl NOTIFY changed)
  Q_PROPERTY(QString maskedUrl READ maskedUrl NOTIFY changed)
  Q_PROPERTY(QString error READ error NOTIFY changed)
  Q_PROPERTY(QString errorField READ errorField NOTIFY changed)
  Q_PROPERTY(QString listens READ listens NOTIFY changed)
  Q_PROPERTY(QString connects READ connects NOTIFY changed)

 public:
  enum Role { Server = 0, Client, Device };
  Q_ENUM(Role)

  explicit TunnelForm(QObject *parent = nullptr);

  int role() const { return m_role; }
  void setRole(int role);
  QString key() const { return m_key; }
  void setKey(const QString &v) { set(m_key, v); }
  QString tunnelHost() const { return m_tunnelHost; }
  void setTunnelHost(const QString &v) { set(m_tunnelHost, v); }
  QString tunnelPort() const { return m_tunnelPort; }
  void setTunnelPort(const QString &v) { set(m_tunnelPort, v); }
  QString targets() const { return m_targets; }
  void setTargets(const QString &v) { set(m_targets, v); }
  int tls() const { return m_tls; }
  void setTls(int v);
  QString logLevel() const { return m_log; }
  void setLogLevel(const QString &v) { set(m_log, v); }
  int mode() const { return m_mode; }
  void setMode(int v);
  int transport() const { return m_transport; }
  void setTransport(int v);
  int proxy() const { return m_proxy; }
  void setProxy(int v);
  QString note() const { return m_note; }
  QString pool() const { return m_pool; }
  void setPool(const QString &v) { set(m_pool, v); }
  QString deviceName() const { return m_deviceName; }
  void setDeviceName(const QString &v) { set(m_deviceName, v); }

  QString url() const { return m_url; }
  // Fills the fields from `url`; an unreadable URL keeps the fields and sets error.
  void setUrl(const QString &url);
  QString maskedUrl() const;
  QString error() const { return m_error; }
  QString errorField() const { return m_errorField; }
  QString listens() const { return m_listens; }
  QString connects() const { return m_connects; }

  // The defaults of `role`: a server on 0.0.0.0:10101 exposing 127.0.0.1:8080, a client of
  // it on this machine, a device link to a relay here.
  Q_INVOKABLE void reset(int role = Server);

 Q_SIGNALS:
  void changed();

 private:
  void set(QString &field, const QString &value);
  void rebuild();
  bool fail(const QString &field, const QString &message);
  bool buildTunnel();
  bool buildDevice();
  // QUIC and HTTP/2 pools run inside TLS 1.3 (NodePass raises tls 0 to 1): the form does the
  // same for a server, visibly, and says so in note.
  void raiseTlsForTransport();

  int m_role = Server;
  QString m_key, m_tunnelHost, m_tunnelPort, m_targets, m_log, m_pool, m_deviceName;
  int m_tls = 0;
  int m_mode = 0;
  int m_transport = 0;
  int m_proxy = 0;
  QString m_note;
  // What the URL holds beyond the form's fields (kept across edits).
  nodepass::TunnelUrl m_tunnel;
  mproxy::DeviceConfig m_device;
  QString m_url, m_error, m_errorField, m_listens, m_connects;
  bool m_loading = false;
};

}  // namespace routeless::desktop
