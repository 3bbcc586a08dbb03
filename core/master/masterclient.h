#pragma once
// MasterClient: one NodePass master (v1.14.0 API, ours or NodePass's) seen from a dashboard:
// its instances from GET /instances, kept live by the /events SSE stream, and instance actions
// by PATCH. It reconnects with back-off when the master goes away. It holds the API key and
// never logs it or puts it in a message. For an https master with a self-signed certificate
// (tls=1 has no verifiable chain) it trusts the first certificate it is shown, and no other
// for the rest of its life (a changed certificate is an error, not a silent switch).

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QTimer>
#include <QUrl>

#include "master/ssedecoder.h"

class QNetworkAccessManager;
class QNetworkRequest;
class QNetworkReply;

namespace routeless::master {

struct MasterInstance {
  QString id;
  QString alias;
  QString type;    // "server" or "client"
  QString status;  // "running", "stopped" or "error"
  QString url;     // as the master reports it (may hold the tunnel key: never log it)
  qint64 ping = 0, pool = 0, tcps = 0, udps = 0;
  qint64 tcprx = 0, tcptx = 0, udprx = 0, udptx = 0;
  bool operator==(const MasterInstance &) const = default;
};

// Reads one instance object as the master API writes it.
MasterInstance masterInstanceFromJson(const QJsonObject &o);
// The API's base URL ("…/api/v1") from a master's address and API path ("/api", "/api/v1").
QUrl masterApiBase(const QString &address, const QString &apiPath);

class MasterClient final : public QObject {
  Q_OBJECT
 public:
  enum class State { Stopped, Connecting, Live, Failed };

  MasterClient(QUrl apiBase, QByteArray apiKey, QObject *parent = nullptr);
  ~MasterClient() override;

  void start();
  void stop();
  State state() const { return m_state; }
  QString lastError() const { return m_lastError; }
  // Sorted by id; the API key's pseudo-instance is left out.
  QList<MasterInstance> instances() const { return m_instances; }
  // PATCH {"action": start|stop|restart|reset}; the change arrives through the event stream.
  void act(const QString &id, const QString &action);

  static int backoffMs(int failures);

 Q_SIGNALS:
  void changed();
  void actionFailed(const QString &id, const QString &message);

 private:
  QNetworkRequest request(const QString &path, bool stream) const;
  QNetworkReply *get(const QString &path, bool stream);
  void list();
  void listen();
  void onEventBytes();
  void handleEvent(const QByteArray &data);
  void upsert(const MasterInstance &instance);
  void fail(const QString &why);
  void setState(State state);
  void trustFirstCertificate(QNetworkReply *reply);

  QUrl m_base;
  QByteArray m_apiKey;
  QNetworkAccessManager *m_nam;
  QNetworkReply *m_events = nullptr;
  SseDecoder m_sse;
  QList<MasterInstance> m_instances;
  State m_state = State::Stopped;
  QString m_lastError;
  QSslCertificate m_pinned;
  QTimer m_retry;
  int m_failures = 0;
  bool m_running = false;
};

}  // namespace routeless::master
