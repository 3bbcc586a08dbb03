#pragma once
// The node's side of the UI protocol: serves the engine's opcodes (status, hosts, forwards,
// routes, tunnels, profile import/export, shutdown) on a UiServer and broadcasts traffic at 1 Hz,
// state changes and log lines to every UI. Reusable: the daemon-launched engine process and the
// desktop app host it the same way. It never blocks on the engine's I/O and never leaves a
// request without a response or an error.

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>
#include <functional>

#include "control/engine.h"
#include "control/uiserver.h"

namespace routeless::control {

class NodeService : public QObject {
  Q_OBJECT
 public:
  // The service does not own `engine`; the caller keeps it alive longer than the service.
  explicit NodeService(Engine *engine, QObject *parent = nullptr);
  ~NodeService() override;

  bool listen(quint16 port, QString *error);
  UiServer *server() const { return m_server; }
  quint16 port() const { return m_server->port(); }

  void setTrafficInterval(int ms);
  // Loads a profile file (NoRouter YAML or NodePass URL lines) into the engine.
  bool loadProfileFile(const QString &path, bool start, QString *error);
  // Thread-safe: queues one log line for the logBroadcast.
  void postLog(const QString &level, const QString &text);

  // Answers one envelope; exposed for embedding (e.g. a desktop facade calling in-process).
  void handle(int clientId, const Envelope &request);

  struct ImportResult {
    int hosts = 0;
    int tunnels = 0;
    QStringList warnings;
  };
  bool importProfile(const QString &text, QString format, bool replace, bool start,
                     ImportResult *result, QString *error);
  // The running manifest ("norouter") or tunnels ("nodepass") through the profile exporter:
  // without `secrets`, keys and password-like words are left out and listed in *removed.
  QString exportProfile(const QString &format, bool secrets, bool localPaths, QStringList *removed,
                        QString *error) const;

  // profileImport {path}: reads at once; more are refused until one is done.
  static constexpr int kMaxFileReadsInFlight = 4;

 Q_SIGNALS:
  // A UI asked the node to exit; the response has been flushed.
  void shutdownRequested();

 private:
  using Handler = std::function<void(int clientId, const Envelope &request)>;
  void importFile(int clientId, const Envelope &request, const QString &path);
  void importText(int clientId, const Envelope &request, const QByteArray &text);
  void reply(int clientId, const Envelope &request, const QJsonObject &payload);
  void fail(int clientId, const Envelope &request, quint64 code, const QString &message);
  void broadcastTraffic();
  QJsonObject statusPayload() const;

  Engine *m_engine;
  UiServer *m_server;
  QHash<QString, Handler> m_handlers;
  QTimer m_trafficTimer;
  QElapsedTimer m_uptime;
  qint64 m_pid = 0;  // read once: applicationPid() is a system call per status request
  QString m_profilePath;
  int m_fileReads = 0;  // profileImport {path} reads running on pool threads
};

}  // namespace routeless::control
