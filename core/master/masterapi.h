#pragma once
// The NodePass v1.14.0 master REST API (`master://host:port/prefix?log=&tls=&crt=&key=`):
// instances run in this process (core/tunnels, one TunnelRunner each), /events SSE, /info,
// /tcping, /openapi.json, /docs, an X-API-Key made on first start and checked on the request
// head, state kept atomically as our own JSON (mode 0600). Field names and shapes follow
// NodePass so that NodePassDash works unchanged. It never logs the API key, never returns it
// from GET /instances or /events (the `********` entry is listed blanked) and never puts a
// tunnel key on a command line.

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

#include "master/httpserver.h"
#include "net/weborigin.h"
#include "nodepass/logger.h"
#include "platform/systemfigures.h"
#include "tunnels/tunnelrunner.h"

namespace routeless::master {

struct MasterConfig {
  QString host;
  quint16 port = 0;
  QString prefix = QStringLiteral("/api");  // base path is prefix + "/v1"
  QString log = QStringLiteral("info");
  int tls = 0;
  QString crt;
  QString key;
  QString stateDir;  // where master.json lives
  // Browser pages that may call the API (`origin=` in the URL, comma-separated, exact
  // scheme://host[:port]); a request with any other Origin gets 403. Empty: no page.
  QList<net::WebOrigin> allowedOrigins;
};

// Parses "master://host:port[/prefix]?log=&tls=&crt=&key=&origin=".
std::optional<MasterConfig> parseMasterUrl(const QString &url, QString *error);
// Where master.json lives unless a directory is given: $ROUTELESS_MASTER_DIR, else
// <generic data location>/routeless/master.
QString defaultMasterStateDir();
// The API key stored in `stateDir`/master.json; empty with *error when there is none.
QString readMasterApiKey(const QString &stateDir, QString *error);
// What /info reports as `ver`: NodePass's version with ours as a pre-release tag
// ("v1.14.0-routeless.0.1.0"), so that dashboards comparing versions see a v1.14.0 master.
QString masterReportedVersion();

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
    // Traffic from earlier master runs and earlier runners (a PUT makes a new one); the
    // runner's own totals are added on top.
    quint64 tcprx = 0, tcptx = 0, udprx = 0, udptx = 0;
    std::unique_ptr<tunnels::TunnelRunner> runner;
    QElapsedTimer lastReport;  // the last CHECK_POINT
  };

  void handle(const HttpRequest &request, HttpReply *reply);
  void route(const HttpRequest &request, HttpReply *reply, const QString &path);
  HttpResponse json(int status, const QJsonValue &body) const;
  HttpResponse error(int status, const QString &message) const;
  // Decides on the head alone, before a body byte is read.
  HttpServer::HeadVerdict checkHead(const HttpRequest &head, HttpResponse *refusal) const;
  // CORS headers for a request from an allowed page; none for any other request.
  HttpHeaders corsHeaders(const HttpRequest &request) const;
  bool listensOnLoopback() const;

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
  void attachRunner(Instance *instance);
  void onRunnerState(Instance *instance, tunnels::TunnelState state);
  void onRunnerLog(Instance *instance, tunnels::TunnelEngine::Level level, const QString &text);
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
  void announceKeyFile(bool created) const;

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
  platform::SystemFigures m_lastFigures;  // the previous /info sample, for the CPU figure
  bool m_shuttingDown = false;
  bool m_saveScheduled = false;
  bool m_createdKey = false;  // master.json was made by this run
  // The master's `log` level, for the instance lines it prints (NodePass colours them unless
  // NO_COLOR is set).
  nodepass::Logger m_instanceLog;
  bool m_logColour = qEnvironmentVariableIsEmpty("NO_COLOR");
};

}  // namespace routeless::master
