#include "master/masterclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <algorithm>

#include "net/backoff.h"

namespace routeless::master {

namespace {

constexpr char kApiKeyInstance[] = "********";

// The master's own message from an error body ({"error": "..."}), else Qt's.
QString replyError(QNetworkReply *reply, const QByteArray &body) {
  const QString fromBody =
      QJsonDocument::fromJson(body).object().value(QLatin1String("error")).toString();
  const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  if (!fromBody.isEmpty()) return QStringLiteral("HTTP %1: %2").arg(status).arg(fromBody);
  if (status) return QStringLiteral("HTTP %1").arg(status);
  return reply->errorString();
}

}  // namespace

MasterInstance masterInstanceFromJson(const QJsonObject &o) {
  MasterInstance i;
  i.id = o.value(QLatin1String("id")).toString();
  i.alias = o.value(QLatin1String("alias")).toString();
  i.type = o.value(QLatin1String("type")).toString();
  i.status = o.value(QLatin1String("status")).toString();
  i.url = o.value(QLatin1String("url")).toString();
  auto number = [&o](const char *key) { return qint64(o.value(QLatin1String(key)).toDouble()); };
  i.ping = number("ping");
  i.pool = number("pool");
  i.tcps = number("tcps");
  i.udps = number("udps");
  i.tcprx = number("tcprx");
  i.tcptx = number("tcptx");
  i.udprx = number("udprx");
  i.udptx = number("udptx");
  return i;
}

QUrl masterApiBase(const QString &address, const QString &apiPath) {
  QString path = apiPath.isEmpty() ? QStringLiteral("/api") : apiPath;
  if (!path.startsWith(QLatin1Char('/'))) path.prepend(QLatin1Char('/'));
  while (path.endsWith(QLatin1Char('/'))) path.chop(1);
  if (!path.endsWith(QLatin1String("/v1"))) path += QStringLiteral("/v1");
  QUrl url(address);
  url.setPath(path);
  return url;
}

MasterClient::MasterClient(QUrl apiBase, QByteArray apiKey, QObject *parent)
    : QObject(parent),
      m_base(std::move(apiBase)),
      m_apiKey(std::move(apiKey)),
      m_nam(new QNetworkAccessManager(this)),
      m_retry(this) {
  m_retry.setSingleShot(true);
  connect(&m_retry, &QTimer::timeout, this, &MasterClient::list);
}

MasterClient::~MasterClient() { stop(); }

int MasterClient::backoffMs(int failures) { return net::backoffMs(failures, 1000, 30000); }

void MasterClient::start() {
  if (m_running) return;
  m_running = true;
  m_failures = 0;
  list();
}

void MasterClient::stop() {
  m_running = false;
  m_retry.stop();
  if (m_events) {
    m_events->disconnect(this);
    m_events->abort();
    m_events->deleteLater();
    m_events = nullptr;
  }
  setState(State::Stopped);
}

QNetworkRequest MasterClient::request(const QString &path, bool stream) const {
  QUrl url = m_base;
  url.setPath(m_base.path() + path);
  QNetworkRequest r(url);
  r.setRawHeader("X-API-Key", m_apiKey);
  r.setRawHeader("Accept", stream ? "text/event-stream" : "application/json");
  r.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);  // masters speak HTTP/1.1
  if (!stream) r.setTransferTimeout(10000);
  return r;
}

QNetworkReply *MasterClient::get(const QString &path, bool stream) {
  QNetworkReply *reply = m_nam->get(request(path, stream));
  trustFirstCertificate(reply);
  return reply;
}

void MasterClient::trustFirstCertificate(QNetworkReply *reply) {
  connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError> &errors) {
    const QSslCertificate shown = reply->sslConfiguration().peerCertificate();
    if (m_pinned.isNull()) m_pinned = shown;
    if (!shown.isNull() && shown == m_pinned) reply->ignoreSslErrors(errors);
  });
}

void MasterClient::list() {
  if (!m_running) return;
  if (m_state != State::Live) setState(State::Connecting);
  QNetworkReply *reply = get(QStringLiteral("/instances"), false);
  connect(reply, &QNetworkReply::finished, this, [this, reply] {
    reply->deleteLater();
    if (!m_running) return;
    const QByteArray body = reply->readAll();
    if (reply->error() != QNetworkReply::NoError) return fail(replyError(reply, body));
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isArray()) return fail(QStringLiteral("GET /instances did not return a JSON array"));
    QList<MasterInstance> fresh;
    for (const QJsonValue &v : doc.array()) {
      const MasterInstance i = masterInstanceFromJson(v.toObject());
      if (!i.id.isEmpty() && i.id != QLatin1String(kApiKeyInstance)) fresh.append(i);
    }
    std::sort(fresh.begin(), fresh.end(),
              [](const MasterInstance &a, const MasterInstance &b) { return a.id < b.id; });
    m_instances = fresh;
    Q_EMIT changed();
    listen();
  });
}

void MasterClient::listen() {
  if (m_events) m_events->deleteLater();
  m_sse.reset();
  m_events = get(QStringLiteral("/events"), true);
  QNetworkReply *reply = m_events;
  connect(reply, &QNetworkReply::metaDataChanged, this, [this, reply] {
    if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200) {
      m_failures = 0;
      m_lastError.clear();
      setState(State::Live);
    }
  });
  connect(reply, &QNetworkReply::readyRead, this, &MasterClient::onEventBytes);
  connect(reply, &QNetworkReply::finished, this, [this, reply] {
    if (reply != m_events) return;
    m_events = nullptr;
    reply->deleteLater();
    const QByteArray rest = reply->readAll();
    fail(reply->error() != QNetworkReply::NoError ? replyError(reply, rest)
                                                  : QStringLiteral("the event stream ended"));
  });
}

void MasterClient::onEventBytes() {
  if (!m_events) return;
  for (const QByteArray &data : m_sse.feed(m_events->readAll())) {
    handleEvent(data);
    if (!m_events) return;  // the event ended the stream
  }
  if (m_sse.failed()) {
    QNetworkReply *reply = m_events;
    m_events = nullptr;
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
    fail(QStringLiteral("an event larger than 1 MiB: not a NodePass event stream"));
  }
}

void MasterClient::handleEvent(const QByteArray &data) {
  const QJsonObject event = QJsonDocument::fromJson(data).object();
  const QString type = event.value(QLatin1String("type")).toString();
  const MasterInstance instance =
      masterInstanceFromJson(event.value(QLatin1String("instance")).toObject());
  if (type == QLatin1String("shutdown")) {
    if (m_events) {
      QNetworkReply *reply = m_events;
      m_events = nullptr;
      reply->disconnect(this);
      reply->abort();
      reply->deleteLater();
    }
    return fail(QStringLiteral("the master shut down or renewed its API key"));
  }
  if (instance.id.isEmpty() || instance.id == QLatin1String(kApiKeyInstance)) return;
  if (type == QLatin1String("initial") || type == QLatin1String("create") ||
      type == QLatin1String("update")) {
    upsert(instance);
  } else if (type == QLatin1String("delete")) {
    const auto gone = std::remove_if(m_instances.begin(), m_instances.end(),
                                     [&](const MasterInstance &i) { return i.id == instance.id; });
    if (gone == m_instances.end()) return;
    m_instances.erase(gone, m_instances.end());
    Q_EMIT changed();
  }
}

void MasterClient::upsert(const MasterInstance &instance) {
  auto at = std::lower_bound(m_instances.begin(), m_instances.end(), instance.id,
                             [](const MasterInstance &i, const QString &id) { return i.id < id; });
  if (at != m_instances.end() && at->id == instance.id) {
    if (*at == instance) return;
    *at = instance;
  } else {
    m_instances.insert(at, instance);
  }
  Q_EMIT changed();
}

void MasterClient::act(const QString &id, const QString &action) {
  QNetworkRequest patch = request(QStringLiteral("/instances/") + id, false);
  patch.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
  const QByteArray body =
      QJsonDocument(QJsonObject{{QStringLiteral("action"), action}}).toJson(QJsonDocument::Compact);
  QNetworkReply *reply = m_nam->sendCustomRequest(patch, "PATCH", body);
  trustFirstCertificate(reply);
  connect(reply, &QNetworkReply::finished, this, [this, reply, id] {
    reply->deleteLater();
    const QByteArray answer = reply->readAll();
    if (reply->error() != QNetworkReply::NoError) {
      Q_EMIT actionFailed(id, replyError(reply, answer));
      return;
    }
    upsert(masterInstanceFromJson(QJsonDocument::fromJson(answer).object()));
  });
}

void MasterClient::fail(const QString &why) {
  if (!m_running) return;
  m_lastError = why;
  setState(State::Failed);
  m_retry.start(backoffMs(m_failures++));
}

void MasterClient::setState(State state) {
  if (m_state == state) return;
  m_state = state;
  Q_EMIT changed();
}

}  // namespace routeless::master
