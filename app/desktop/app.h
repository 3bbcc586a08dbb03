#pragma once
// App: what QML sees as the `App` singleton: the controllers, each holding one part of the app
// (profiles, connection, hosts, tunnels, masters), the settings and the log, plus what belongs
// to the window (the page shown, the tray, the language). It wires the controllers together
// and owns them; it holds no engine and no profile logic of its own.

#include <QtQml/qqmlregistration.h>

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>
#include <memory>

class QQmlEngine;
class QJSEngine;
class QTranslator;

namespace routeless::desktop {

class AppSettings;
class ConnectionController;
class ControlHost;
class HostsController;
class LogFilterModel;
class LogModel;
class MastersController;
class ProfilesController;
class TunnelsController;

class App final : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_SINGLETON
  Q_MOC_INCLUDE("appsettings.h")
  Q_MOC_INCLUDE("connectioncontroller.h")
  Q_MOC_INCLUDE("hostscontroller.h")
  Q_MOC_INCLUDE("logfiltermodel.h")
  Q_MOC_INCLUDE("logmodel.h")
  Q_MOC_INCLUDE("masterscontroller.h")
  Q_MOC_INCLUDE("profilescontroller.h")
  Q_MOC_INCLUDE("tunnelscontroller.h")
  Q_PROPERTY(routeless::desktop::AppSettings *settings READ settings CONSTANT)
  Q_PROPERTY(routeless::desktop::ProfilesController *profiles READ profiles CONSTANT)
  Q_PROPERTY(routeless::desktop::ConnectionController *connection READ connection CONSTANT)
  Q_PROPERTY(routeless::desktop::HostsController *hosts READ hosts CONSTANT)
  Q_PROPERTY(routeless::desktop::TunnelsController *tunnels READ tunnels CONSTANT)
  Q_PROPERTY(routeless::desktop::MastersController *masters READ masters CONSTANT)
  Q_PROPERTY(routeless::desktop::LogModel *logs READ logs CONSTANT)
  Q_PROPERTY(routeless::desktop::LogFilterModel *logView READ logView CONSTANT)
  Q_PROPERTY(int currentPage READ currentPage WRITE setCurrentPage NOTIFY currentPageChanged)
  Q_PROPERTY(bool trayAvailable READ trayAvailable NOTIFY trayAvailableChanged)
  Q_PROPERTY(QString version READ version CONSTANT)
  Q_PROPERTY(QString nodeProgram READ nodeProgram CONSTANT)
  Q_PROPERTY(bool qrAvailable READ qrAvailable CONSTANT)
  // The local UI protocol: 0 off, 1 looking for a daemon, 2 serving it, 3 attached to a daemon.
  Q_PROPERTY(int controlMode READ controlMode NOTIFY controlChanged)
  Q_PROPERTY(QString controlStatus READ controlStatus NOTIFY controlChanged)
  Q_PROPERTY(bool controlNodeRunning READ controlNodeRunning NOTIFY controlChanged)

 public:
  enum Page { MeshPage = 0, TunnelsPage, ProfilesPage, LogsPage, SettingsPage };
  Q_ENUM(Page)

  struct Options {
    QString configDir;           // settings.ini and profiles/
    QString autostartDir;        // where the autostart entry goes (platform::Autostart)
    QString nodeProgram;         // routeless-node
    bool startEngines = true;    // false in unit tests of the screens
    quint16 uiPort = 0;          // the UI protocol: attach to a daemon or serve there; 0: off
    QString uiTokenFile;         // --ui-token-file (empty: $ROUTELESS_UI_TOKEN_FILE or default)
    QStringList uiAllowOrigins;  // --ui-allow-origin values (web pages allowed to connect)
  };

  explicit App(const Options &options, QObject *parent = nullptr);
  ~App() override;

  // The instance QML gets (set by main() before the engine loads anything).
  static void setInstance(App *app);
  static App *instance();
  static App *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);
  // Registers the image providers and makes retranslation reach `engine`.
  void attachQmlEngine(QQmlEngine *engine);

  AppSettings *settings() const { return m_settings; }
  ProfilesController *profiles() const { return m_profiles; }
  ConnectionController *connection() const { return m_connection; }
  HostsController *hosts() const { return m_hosts; }
  TunnelsController *tunnels() const { return m_tunnels; }
  MastersController *masters() const { return m_masters; }
  LogModel *logs() const { return m_logs; }
  LogFilterModel *logView() const { return m_logView; }
  int currentPage() const { return m_page; }
  void setCurrentPage(int page);
  bool trayAvailable() const { return m_trayAvailable; }
  void setTrayAvailable(bool available);
  QString version() const;
  QString nodeProgram() const { return m_options.nodeProgram; }
  bool qrAvailable() const;
  int controlMode() const;
  QString controlStatus() const;
  bool controlNodeRunning() const;

  // First run: creates, shows and connects the demo profile; later runs show the last or
  // default one and connect it if asked.
  void startUp();
  void shutdown();

  Q_INVOKABLE void copyText(const QString &text) const;
  // Where file dialogs open: the user's documents folder, or home when there is none.
  Q_INVOKABLE QUrl documentsFolder() const;
  Q_INVOKABLE bool fileExists(const QUrl &file) const;
  Q_INVOKABLE QString displayPath(const QUrl &file) const;
  // Shows the window (from the tray, or a second launch), on `page` when given.
  Q_INVOKABLE void requestActivation(int page = -1);
  // Attached to a daemon: start its node / shut the node down.
  Q_INVOKABLE void startDaemonNode();
  Q_INVOKABLE void stopDaemonNode();
  Q_INVOKABLE void quit();

 Q_SIGNALS:
  void currentPageChanged();
  void trayAvailableChanged();
  void controlChanged();
  void activationRequested();
  void languageChanged();

 private:
  void applyLanguage();

  Options m_options;
  AppSettings *m_settings;
  LogModel *m_logs;
  LogFilterModel *m_logView;
  ProfilesController *m_profiles;
  ConnectionController *m_connection;
  HostsController *m_hosts;
  TunnelsController *m_tunnels;
  MastersController *m_masters;
  std::unique_ptr<ControlHost> m_control;
  QPointer<QQmlEngine> m_qmlEngine;
  QTranslator *m_translator = nullptr;
  int m_page = MeshPage;
  bool m_trayAvailable = false;
};

}  // namespace routeless::desktop
