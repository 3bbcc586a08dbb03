#pragma once
// ControlHost: the app's place on the local UI protocol (core/control). At start it looks for a
// `routeless-node daemon` on 127.0.0.1:PORT; if one answers, the app attaches to it as one more
// UI (node state, start/stop, its log lines in the Logs screen); if none does, the app serves
// the protocol itself there, over its own engines (AppEngine + NodeService), so the CLI and
// scripts can drive the window's profile. Both ways it uses the user's UI token file (created
// on first start). It binds loopback only and never logs a payload or the token.

#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <memory>
#include <optional>

#include "control/uiaccess.h"

namespace routeless::control {
class NodeService;
class UiClient;
struct Envelope;
}  // namespace routeless::control

namespace routeless::desktop {

class AppEngine;
class App;

class ControlHost final : public QObject {
  Q_OBJECT
 public:
  enum class Mode { Off, Probing, Serving, Attached };
  Q_ENUM(Mode)

  // `tokenFile` and `allowOrigins` are --ui-token-file and --ui-allow-origin (see UiAccess);
  // the origins in the app's settings are added to them.
  ControlHost(App *app, quint16 port, const QString &tokenFile = QString(),
              const QStringList &allowOrigins = {}, QObject *parent = nullptr);
  ~ControlHost() override;

  void start();
  Mode mode() const { return m_mode; }
  quint16 port() const { return m_port; }
  // One line for the Settings screen, e.g. "Serving on 127.0.0.1:5333 (2 UIs attached)".
  QString statusText() const { return m_statusText; }
  // Attached: the daemon's node is running.
  bool nodeRunning() const { return m_nodeRunning; }

  // Attached mode: ask the daemon to start its node / the node to shut down.
  void startNode();
  void stopNode();

 Q_SIGNALS:
  void changed();

 private:
  void probeFailed();
  void serve();
  void attach();
  void onMessage(const control::Envelope &message);
  void refreshAttached();
  void setStatus(Mode mode, const QString &text);

  App *m_app;
  quint16 m_port;
  QString m_tokenFileOption;
  QStringList m_allowOrigins;
  std::optional<control::UiAccess> m_access;
  Mode m_mode = Mode::Off;
  QString m_statusText;
  bool m_nodeRunning = false;
  std::unique_ptr<AppEngine> m_engine;
  std::unique_ptr<control::NodeService> m_service;
  control::UiClient *m_client = nullptr;
  QTimer m_probeTimeout;
  QTimer m_refresh;  // attached: status every 2 s; serving: client count
};

}  // namespace routeless::desktop
