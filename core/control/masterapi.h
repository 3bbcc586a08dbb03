#pragma once
// The NodePass v1.14.0 master REST API (`master://host:port/prefix?log=&tls=&crt=&key=`):
// instances as child tunnel processes, /events SSE, /info, /tcping, /openapi.json, /docs, an
// X-API-Key made on first start, state kept atomically as our own JSON (mode 0600). Field names
// and shapes follow NodePass so that NodePassDash works unchanged. It never logs the API key and
// never returns it from GET /instances or /events (the `********` entry is listed blanked).

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <memory>

#include "control/httpserver.h"
#include "control/tunnelprocess.h"

namespace routeless::control {

struct MasterConfig {
  QString host;
  quint16 port = 0;
  QString prefix = QStringLiteral("/api");  // base path is prefix + "/v1"
  QString log = QStringLiteral("info");
  int tls = 0;
  QString crt;
  QString key;
  QString stateDir;  // where master.json lives
};

// Parses "master://host:port[/prefix]?log=&tls=&crt=&key=".
std::optional<MasterConfig> parseMasterUrl(const QString &url, QString *error);

class MasterApi : public QObject {
  Q_OBJECT
 public:
  explicit MasterApi(QObject *parent = nullptr);
  ~MasterApi() override;

  bool configure(const QString &masterUrl, QString *error);
  void setConfig(const MasterConfig &config) { m_config = config; }
  const MasterConfig &config() const { return m_config; }
  // Loads (or creates) the state, listens, and starts instances with restart=true.
  bool start(QString *error);
  // Sends `shutdown` to SSE clients, stops every instance and saves the state.
  void shutdown();

  quint16 port() const { return m_http ? m_http->port() : 0; }
  QString stateFile() const;
  QString basePath() const { return m_config.prefix + QStringLiteral("/v1"); }

  static constexpr char kApiKeyId[] = "********";
  static constexpr int kMaxTcping = 10;
  static constexpr int kCheckPointTimeoutMs = 15000;

 private:
  struct Instance {
    QString id;
    QString alias;
    QString type;  // "server" or "client"
    QString status = QStringLiteral("stopped");
    QString url;
    QString config;
    bool restart = false;
    QJsonObject meta;
    TunnelCounters last;  // from the current process run
    TunnelCounters base;  // carried over from earlier runs (and resets)
    qint64 resetTcprx = 0, resetTcptx = 0, resetUdprx = 0, resetUdptx = 0;
    std::unique_ptr<TunnelProcess> process;
    QElapsedTimer lastCheckPoint;
    bool restartPending = false;
  };

  void handle(const HttpRequest &request, HttpReply *reply);
  void route(const HttpRequest &request, HttpReply *reply, const QString &path);
  HttpResponse json(int status, const QJsonValue &body) const;
  HttpResponse error(int status, const QString &message) const;
  bool authorized(const HttpRequest &request, HttpReply *reply) const;

  void listInstances(HttpReply *reply);
  void createInstance(const HttpRequest &request, HttpReply *reply);
  void patchInstance(const QString &id, const HttpRequest &request, HttpReply *reply);
  void putInstance(const QString &id, const HttpRequest &request, HttpReply *reply);
  void deleteInstance(const QString &id, HttpReply *reply);
  void regenerateKey(const HttpRequest &request, HttpReply *reply);
  void openEvents(HttpReply *reply);
  QJsonObject infoJson();
  void tcping(const HttpRequest &request, HttpReply *reply);

  Instance *addInstance(const QString &id, const QString &url, QString *error);
  void attachProcess(Instance *instance);
  void startInstance(Instance *instance);
  void stopInstance(Instance *instance);
  void setStatus(Instance *instance, const QString &status);
  QJsonObject instanceJson(const Instance &instance) const;
  QJsonObject apiKeyEntryJson() const;
  void emitEvent(const QString &type, const Instance *instance, const QString &logs = QString());
  void closeEventStreams();
  void checkHealth();

  bool load(QString *error);
  bool save(QString *error = nullptr);
  void scheduleSave();
  QString enhancedUrl(const QUrl &url, const QString &type) const;
  static QString fullConfig(const QUrl &url, const QString &type);

  MasterConfig m_config;
  HttpServer *m_http = nullptr;
  QString m_apiKey;  // never logged
  QString m_masterId;
  QString m_alias;
  QHash<QString, std::shared_ptr<Instance>> m_instances;
  QStringList m_order;
  QList<QPointer<HttpReply>> m_subscribers;
  QTimer m_healthTimer;
  QElapsedTimer m_uptime;
  int m_tcpingInFlight = 0;
  quint64 m_prevCpuTotal = 0, m_prevCpuIdle = 0;
  bool m_shuttingDown = false;
  bool m_saveScheduled = false;
};

}  // namespace routeless::control
