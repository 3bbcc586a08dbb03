#pragma once
// Backend: the one object QML talks to. It owns the profile store, the engines (mesh manager,
// tunnel runner, demo responder, each on its own thread) and the list models, and turns user
// actions into queued engine calls. It must never block the GUI thread on an engine.

#include <QtQml/qqmlregistration.h>

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QStringList>
#include <QTimer>
#include <QTranslator>
#include <QUrl>
#include <memory>

#include "mastermodel.h"
#include "mesh/meshmanager.h"
#include "profiles/profile.h"
#include "profiles/profilestore.h"
#include "tunnelmodel.h"

class QQmlEngine;
class QJSEngine;

namespace routeless::desktop {

class ControlHost;
class MasterSync;

class AppSettings;
class DemoResponder;
class ForwardModel;
class HostModel;
class LogFilterModel;
class LogModel;
class MeshEngine;
class ProfileModel;
class RouteModel;
class TunnelModel;

class Backend final : public QObject {
  Q_OBJECT
  Q_MOC_INCLUDE("appsettings.h")
  Q_MOC_INCLUDE("forwardmodel.h")
  Q_MOC_INCLUDE("hostmodel.h")
  Q_MOC_INCLUDE("logmodel.h")
  Q_MOC_INCLUDE("logfiltermodel.h")
  Q_MOC_INCLUDE("profilemodel.h")
  Q_MOC_INCLUDE("routemodel.h")
  Q_MOC_INCLUDE("tunnelmodel.h")
  QML_ELEMENT
  QML_SINGLETON
  Q_PROPERTY(routeless::desktop::HostModel *hosts READ hosts CONSTANT)
  Q_PROPERTY(routeless::desktop::ForwardModel *forwards READ forwards CONSTANT)
  Q_PROPERTY(routeless::desktop::RouteModel *routes READ routes CONSTANT)
  Q_PROPERTY(routeless::desktop::TunnelModel *tunnels READ tunnels CONSTANT)
  Q_PROPERTY(routeless::desktop::MasterModel *masters READ masters CONSTANT)
  Q_PROPERTY(routeless::desktop::LogModel *logs READ logs CONSTANT)
  Q_PROPERTY(routeless::desktop::LogFilterModel *logView READ logView CONSTANT)
  Q_PROPERTY(routeless::desktop::ProfileModel *profiles READ profiles CONSTANT)
  Q_PROPERTY(routeless::desktop::AppSettings *settings READ settings CONSTANT)
  Q_PROPERTY(QString currentProfileId READ currentProfileId WRITE setCurrentProfileId NOTIFY
                 currentProfileChanged)
  Q_PROPERTY(QString currentProfileName READ currentProfileName NOTIFY currentProfileChanged)
  Q_PROPERTY(QString activeProfileId READ activeProfileId NOTIFY activeProfileChanged)
  Q_PROPERTY(bool currentIsActive READ currentIsActive NOTIFY activeProfileChanged)
  Q_PROPERTY(int connectionState READ connectionState NOTIFY connectionStateChanged)
  Q_PROPERTY(QString connectionStateText READ connectionStateText NOTIFY connectionStateChanged)
  Q_PROPERTY(QString rxRate READ rxRate NOTIFY trafficChanged)
  Q_PROPERTY(QString txRate READ txRate NOTIFY trafficChanged)
  Q_PROPERTY(bool demoTrafficOk READ demoTrafficOk NOTIFY trafficChanged)
  Q_PROPERTY(bool trayAvailable READ trayAvailable NOTIFY trayAvailableChanged)
  Q_PROPERTY(int currentPage READ currentPage WRITE setCurrentPage NOTIFY currentPageChanged)
  Q_PROPERTY(QString version READ version CONSTANT)
  Q_PROPERTY(QString nodeProgram READ nodeProgram CONSTANT)
  // The local UI protocol: 0 off, 1 looking for a daemon, 2 serving it, 3 attached to a daemon.
  Q_PROPERTY(int controlMode READ controlMode NOTIFY controlChanged)
  Q_PROPERTY(QString controlStatus READ controlStatus NOTIFY controlChanged)
  Q_PROPERTY(bool controlNodeRunning READ controlNodeRunning NOTIFY controlChanged)

 public:
  enum ConnectionState { Idle = 0, Connecting, Connected, Error };
  Q_ENUM(ConnectionState)
  enum Format { RoutelessJson = 0, NoRouterYaml, NodePassUrls };
  Q_ENUM(Format)

  struct Options {
    QString configDir;           // settings.ini and profiles/
    QString autostartDir;        // where the autostart entry goes (platform::Autostart)
    QString nodeProgram;         // routeless-node
    bool startEngines = true;    // false in unit tests of the screens
    quint16 uiPort = 0;          // the UI protocol: attach to a daemon or serve there; 0: off
    QString uiTokenFile;         // --ui-token-file (empty: $ROUTELESS_UI_TOKEN_FILE or default)
    QStringList uiAllowOrigins;  // --ui-allow-origin values (web pages allowed to connect)
  };

  explicit Backend(const Options &options, QObject *parent = nullptr);
  ~Backend() override;

  // The instance QML gets (set by main() before the engine loads anything).
  static void setInstance(Backend *backend);
  static Backend *instance();
  static Backend *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);
  void setQmlEngine(QQmlEngine *engine) { m_qmlEngine = engine; }

  HostModel *hosts() const { return m_hosts; }
  ForwardModel *forwards() const { return m_forwards; }
  RouteModel *routes() const { return m_routes; }
  TunnelModel *tunnels() const { return m_tunnels; }
  MasterModel *masters() const { return m_masters; }
  LogModel *logs() const { return m_logs; }
  LogFilterModel *logView() const { return m_logView; }
  ProfileModel *profiles() const { return m_profiles; }
  AppSettings *settings() const { return m_settings; }

  QString currentProfileId() const { return m_currentId; }
  void setCurrentProfileId(const QString &id);
  QString currentProfileName() const;
  QString activeProfileId() const { return m_activeId; }
  bool currentIsActive() const { return !m_activeId.isEmpty() && m_activeId == m_currentId; }
  int connectionState() const { return m_state; }
  QString connectionStateText() const;
  QString rxRate() const;
  QString txRate() const;
  bool demoTrafficOk() const;
  bool trayAvailable() const { return m_trayAvailable; }
  void setTrayAvailable(bool available);
  int currentPage() const { return m_page; }
  void setCurrentPage(int page);
  QString version() const;
  QString nodeProgram() const { return m_options.nodeProgram; }
  int controlMode() const;
  QString controlStatus() const;
  bool controlNodeRunning() const;
  // Attached to a daemon: start its node / shut the node down.
  Q_INVOKABLE void controlStartNode();
  Q_INVOKABLE void controlStopNode();

  // First run: creates and selects the demo profile; later runs select the last/default one
  // and, if asked, connect it.
  void startUp();
  void shutdown();
  const profiles::Profile *profile(const QString &id) const;
  // What the engines last reported (the UI protocol reads these through AppEngine).
  mesh::MeshSnapshot lastMeshSnapshot() const { return m_lastMesh; }
  QList<TunnelStatus> lastTunnels() const { return m_lastTunnels; }
  // Saves `p`; reconnects it when it is the running profile and `restartIfActive`.
  QString storeProfile(profiles::Profile p, bool restartIfActive);
  // The running profile's tunnel list changed on disk: hand it to the controller, keeping the
  // unchanged tunnels running.
  void reloadActiveTunnels();
  void startActiveTunnel(int row);
  void stopActiveTunnel(int row);

  // --- connection
  Q_INVOKABLE void connectProfile(const QString &id);
  Q_INVOKABLE void disconnectProfile();
  Q_INVOKABLE void toggleProfile(const QString &id);

  // --- profiles (each returns "" on success, else a message for the user)
  Q_INVOKABLE QString createProfile(const QString &name);
  Q_INVOKABLE QString duplicateProfile(const QString &id);
  Q_INVOKABLE QString renameProfile(const QString &id, const QString &name);
  Q_INVOKABLE QString deleteProfile(const QString &id);
  Q_INVOKABLE void setDefaultProfile(const QString &id);
  Q_INVOKABLE QString defaultProfileId() const;
  Q_INVOKABLE QString profileName(const QString &id) const {
    const auto *p = profile(id);
    return p ? p->name : QString();
  }
  Q_INVOKABLE QString importFile(const QUrl &file);
  Q_INVOKABLE QString importText(const QString &text, const QString &source);
  Q_INVOKABLE QString importClipboard();
  Q_INVOKABLE QString exportProfileToFile(const QString &id, const QUrl &file, int format,
                                          bool includeSecrets, bool includeLocalPaths);
  Q_INVOKABLE QString exportProfileText(const QString &id, int format, bool includeSecrets,
                                        bool includeLocalPaths) const;

  // --- mesh hosts of the current profile
  Q_INVOKABLE QVariantMap hostDetails(int row) const;
  // row < 0 adds. `command` is one shell-like line; `ports` one "L:HOST:P" per line or comma.
  Q_INVOKABLE QString saveHost(int row, const QString &name, const QString &vip,
                               const QString &command, const QString &ports, bool loopbackDisable);
  Q_INVOKABLE QString removeHost(int row);
  Q_INVOKABLE QString commandPreset(const QString &kind, const QString &target) const;
  Q_INVOKABLE QString suggestVip() const;

  // --- tunnels of the current profile
  Q_INVOKABLE QString saveTunnel(int row, const QString &name, const QString &url, bool autostart);
  Q_INVOKABLE QString removeTunnel(int row);
  Q_INVOKABLE void startTunnel(int row);
  Q_INVOKABLE void stopTunnel(int row);
  Q_INVOKABLE void restartTunnel(int row);
  Q_INVOKABLE void pingTunnel(int row);
  // Builds a NodePass URL (role server/client) or a device:// link (role device) from form
  // fields; returns {url, error, field}.
  Q_INVOKABLE QVariantMap buildTunnelUrl(const QVariantMap &fields) const;
  Q_INVOKABLE QString validateTunnelUrl(const QString &url) const;
  Q_INVOKABLE QString tunnelUrl(int row) const;  // the unmasked URL, for editing
  Q_INVOKABLE QString tunnelName(int row) const;
  // An instance row of `masters`: start, stop, restart or reset on its NodePass master.
  Q_INVOKABLE void masterAction(int row, const QString &action);

  Q_INVOKABLE void copyText(const QString &text) const;
  // Where file dialogs open: the user's documents folder, or home when there is none.
  Q_INVOKABLE QUrl documentsFolder() const;
  Q_INVOKABLE bool fileExists(const QUrl &file) const;
  Q_INVOKABLE QString displayPath(const QUrl &file) const;
  // Delegates ask their screen to open a dialog through these (QML ids of the screen are out
  // of a delegate's scope).
  Q_INVOKABLE void requestHostEdit(int row) { Q_EMIT hostEditRequested(row); }
  Q_INVOKABLE void requestTunnelEdit(int row) { Q_EMIT tunnelEditRequested(row); }
  Q_INVOKABLE void requestProfileRename(const QString &id) { Q_EMIT profileRenameRequested(id); }
  Q_INVOKABLE void requestProfileExport(const QString &id) { Q_EMIT profileExportRequested(id); }
  // Shows the outcome of a profile action on the Profiles screen ("" = success).
  Q_INVOKABLE void reportResult(const QString &error, const QString &okText) {
    Q_EMIT resultReported(error.isEmpty() ? okText : error, !error.isEmpty());
  }
  Q_INVOKABLE void requestActivation() { Q_EMIT activationRequested(); }
  Q_INVOKABLE void quit();

 Q_SIGNALS:
  void currentProfileChanged();
  void activeProfileChanged();
  void connectionStateChanged();
  void trafficChanged();
  void trayAvailableChanged();
  void currentPageChanged();
  void profilesChanged();
  void activationRequested();
  // A user-visible outcome (the tray shows it as a notification).
  void notify(const QString &title, const QString &message, bool error);
  void hostEditRequested(int row);
  void tunnelEditRequested(int row);
  void profileRenameRequested(const QString &id);
  void profileExportRequested(const QString &id);
  void resultReported(const QString &text, bool isError);
  void controlChanged();
  // Engine state for the UI protocol (AppEngine): a mesh host by name, a tunnel of the running
  // profile by position.
  void hostStateChanged(const QString &name, const QString &state);
  void tunnelStateChanged(int row, routeless::tunnels::TunnelState state, const QString &detail);

 private:
  QVariantMap buildDeviceUrl(const QVariantMap &fields) const;
  void reloadProfiles();
  void showProfile(const profiles::Profile *p);
  void onMeshSnapshot(const mesh::MeshSnapshot &snapshot);
  void onTunnelSnapshot(const QList<TunnelStatus> &tunnels);
  void recomputeState();
  void setState(ConnectionState state);
  void announceState();
  void applyLanguage();
  QString uniqueName(const QString &name) const;

  Options m_options;
  profiles::ProfileStore m_store;
  AppSettings *m_settings;
  HostModel *m_hosts;
  ForwardModel *m_forwards;
  RouteModel *m_routes;
  TunnelModel *m_tunnels;
  MasterModel *m_masters;
  LogModel *m_logs;
  LogFilterModel *m_logView;
  ProfileModel *m_profiles;
  std::unique_ptr<MeshEngine> m_mesh;
  QThread *m_tunnelThread = nullptr;
  TunnelController *m_tunnelController = nullptr;  // lives on m_tunnelThread
  std::unique_ptr<DemoResponder> m_demo;
  QPointer<QQmlEngine> m_qmlEngine;
  QTranslator *m_translator = nullptr;

  QString m_currentId;
  QString m_activeId;
  ConnectionState m_state = Idle;
  bool m_trayAvailable = false;
  bool m_announcePending = false;
  QTimer m_announceTimeout;
  QTimer m_graceTimer;  // hosts get this long to become Ready before "Connecting" is an error
  qint64 m_lastSnapshotMs = 0;
  QList<TunnelStatus> m_lastTunnels;
  mesh::MeshSnapshot m_lastMesh;
  std::unique_ptr<ControlHost> m_control;
  std::unique_ptr<MasterSync> m_masterSync;
  int m_page = 0;
};

}  // namespace routeless::desktop
