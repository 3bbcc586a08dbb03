#include "mproxy/relaydevice.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QWebSocket>

#include "mproxy/jsontext.h"
#include "mproxy/servername.h"
#include "mproxy/tcpchannel.h"
#include "net/backoff.h"

namespace routeless::mproxy {

bool isValidDeviceName(QStringView name) {
  static const QRegularExpression nameRe(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
  return nameRe.match(name).hasMatch();
}

const DeviceTarget *matchTarget(const QList<DeviceTarget> &targets, const QString &rawName,
                                const QString &servicePort) {
  const QString name = normalizeHostName(rawName);
  if (!name.isEmpty()) {
    for (const DeviceTarget &t : targets)
      if (t.key == name) return &t;
    const DeviceTarget *best = nullptr;
    for (const DeviceTarget &t : targets)
      if (t.key.startsWith(QLatin1String("*.")) && hostNameMatches(t.key, name) &&
          (!best || t.key.size() > best->key.size()))
        best = &t;
    if (best) return best;
  }
  if (!servicePort.isEmpty())
    for (const DeviceTarget &t : targets)
      if (t.key == servicePort) return &t;
  for (const DeviceTarget &t : targets)
    if (t.key == QLatin1String("*")) return &t;
  return nullptr;
}

QStringList announcedNames(const QList<DeviceTarget> &targets) {
  QStringList names;
  for (const DeviceTarget &t : targets) {
    bool numeric = false;
    t.key.toUShort(&numeric);
    if (numeric || t.key == QLatin1String("*")) continue;
    if (!names.contains(t.key)) names << t.key;
  }
  return names;
}

// The link as the device sees it: sends the hello, waits for the relay's answer, then dials a
// target for every `connection` frame.
class RelayDevice::RelaySession final : public MuxSession {
 public:
  RelaySession(QWebSocket *ws, RelayDevice *device)
      : MuxSession(ws, device->m_config.limits, device->m_counters, device), m_device(device) {
    const DeviceConfig &c = device->m_config;
    QByteArray names;
    for (const QString &n : announcedNames(c.targets)) {
      if (!names.isEmpty()) names += ',';
      names += quoteJson(n);
    }
    sendControl("[1,\"hello\",254,{\"name\":" + quoteJson(c.name) + ",\"token\":" +
                quoteJson(QString::fromUtf8(c.token)) + ",\"names\":[" + names + "]}]");
    m_helloTimer.setSingleShot(true);
    QObject::connect(&m_helloTimer, &QTimer::timeout, this, [this] {
      close(QStringLiteral("the relay did not answer the hello within %1 ms")
                .arg(m_device->m_config.helloTimeoutMs));
    });
    m_helloTimer.start(c.helloTimeoutMs);
  }

  bool ready() const { return m_ready; }

 protected:
  bool framesAllowed() const override { return m_ready; }

  void controlReceived(const QByteArray &body) override {
    JsValue msg;
    if (!parseJson(decodeUtf8Lossy(body), &msg) || msg.type != JsValue::Array ||
        msg.items.empty() || msg.items[0].type != JsValue::Number)
      return;
    if (m_ready) return;
    m_helloTimer.stop();
    if (msg.items[0].number < 0) {  // [-1, "[Error] bad hello"]
      const QString text = msg.items.size() > 1 && msg.items[1].type == JsValue::String
                               ? msg.items[1].string
                               : QStringLiteral("refused");
      m_device->onHelloRefused(text);
      return;
    }
    if (msg.items.size() >= 2 && msg.items[1].type == JsValue::String &&
        msg.items[1].string == QLatin1String("hello")) {
      m_ready = true;
      m_device->onHelloAccepted();
    }
  }

  void connectionReceived(const FrameHeader &h) override { m_device->openStream(this, h); }

 private:
  RelayDevice *m_device;
  QTimer m_helloTimer;
  bool m_ready = false;
};

RelayDevice::RelayDevice(const DeviceConfig &config, MuxCounters *counters, QObject *parent)
    : QObject(parent), m_config(config), m_counters(counters), m_redial(this), m_dialTimeout(this) {
  // The timers are children so that moveToThread() takes them along.
  m_redial.setSingleShot(true);
  connect(&m_redial, &QTimer::timeout, this, &RelayDevice::dial);
  m_dialTimeout.setSingleShot(true);
  connect(&m_dialTimeout, &QTimer::timeout, this, [this] {
    if (m_dialing) m_dialing->abort();
  });
}

RelayDevice::~RelayDevice() { stop(); }

bool RelayDevice::start(QString *error) {
  const QString scheme = m_config.relayUrl.scheme();
  if (scheme != QLatin1String("ws") && scheme != QLatin1String("wss")) {
    *error = QStringLiteral("the relay URL must be ws:// or wss://, not \"%1\"")
                 .arg(m_config.relayUrl.toString());
    return false;
  }
  if (m_config.token.isEmpty()) {
    *error = QStringLiteral("no token");
    return false;
  }
  if (!isValidDeviceName(m_config.name)) {
    *error =
        QStringLiteral("bad device name \"%1\" (1-64 of A-Z a-z 0-9 . _ -)").arg(m_config.name);
    return false;
  }
  if (m_config.targets.isEmpty()) {
    *error = QStringLiteral("no target to serve");
    return false;
  }
  if (!m_config.caFile.isEmpty()) {
    QSslConfiguration probe;
    if (!probe.addCaCertificates(m_config.caFile)) {
      *error = QStringLiteral("no PEM certificate in %1").arg(m_config.caFile);
      return false;
    }
  }
  m_stopped = false;
  dial();
  return true;
}

void RelayDevice::stop() {
  m_stopped = true;
  m_redial.stop();
  m_dialTimeout.stop();
  if (m_dialing) {
    m_dialing->disconnect(this);
    m_dialing->abort();
    m_dialing->deleteLater();
    m_dialing = nullptr;
  }
  if (m_session) {
    m_session->disconnect(this);
    m_session->close(QStringLiteral("device stopping"));
    m_session->deleteLater();
    m_session = nullptr;
  }
  m_linked = false;
}

void RelayDevice::dial() {
  if (m_stopped || m_dialing || m_session) return;
  m_dialing = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
  if (m_config.relayUrl.scheme() == QLatin1String("wss")) {
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!m_config.caFile.isEmpty()) tls.addCaCertificates(m_config.caFile);
    m_dialing->setSslConfiguration(tls);
  }
  QWebSocket *ws = m_dialing;
  connect(ws, &QWebSocket::connected, this, [this, ws] {
    m_dialTimeout.stop();
    ws->disconnect(this);
    m_dialing = nullptr;
    m_session = new RelaySession(ws, this);
    connect(m_session, &MuxSession::closed, this, &RelayDevice::onSessionClosed);
  });
  // A failed dial (refused, TLS, handshake) ends in UnconnectedState; Qt sets the error text
  // around that signal, so it is read a moment later.
  connect(ws, &QWebSocket::stateChanged, this, [this, ws](QAbstractSocket::SocketState state) {
    if (state != QAbstractSocket::UnconnectedState) return;
    QMetaObject::invokeMethod(
        this,
        [this, ws] {
          if (m_dialing == ws) onDialFailed(ws->errorString());
        },
        Qt::QueuedConnection);
  });
  connect(ws, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
    QStringList texts;
    for (const QSslError &e : errors) texts << e.errorString();
    Q_EMIT log(QStringLiteral("relay-device: TLS: %1").arg(texts.join(u"; ")));
  });
  m_dialTimeout.start(m_config.helloTimeoutMs);
  ws->open(m_config.relayUrl);
}

void RelayDevice::onDialFailed(const QString &reason) {
  if (m_dialing) {
    m_dialing->disconnect(this);
    m_dialing->deleteLater();
    m_dialing = nullptr;
  }
  m_dialTimeout.stop();
  scheduleRedial(QStringLiteral("cannot reach %1: %2")
                     .arg(m_config.relayUrl.toString(QUrl::RemoveUserInfo), reason));
}

void RelayDevice::onSessionClosed(const QString &reason) {
  if (m_session) {
    m_session->deleteLater();
    m_session = nullptr;
  }
  if (m_linked) {
    m_linked = false;
    m_counters->linksDown.fetch_add(1, std::memory_order_relaxed);
    Q_EMIT unlinked(reason);
  }
  scheduleRedial(reason);
}

void RelayDevice::scheduleRedial(const QString &reason) {
  if (m_stopped) return;
  // Exponential backoff with +-20 % jitter, so that many devices do not return in lockstep.
  const qint64 base = net::backoffMs(m_attempt, m_config.backoffInitialMs, m_config.backoffMaxMs);
  const qint64 delay = qMax<qint64>(1, base * (80 + QRandomGenerator::global()->bounded(41)) / 100);
  ++m_attempt;
  Q_EMIT log(QStringLiteral("relay-device: %1; retrying in %2 ms").arg(reason).arg(delay));
  m_redial.start(int(delay));
}

void RelayDevice::onHelloAccepted() {
  m_attempt = 0;
  m_linked = true;
  m_counters->linksUp.fetch_add(1, std::memory_order_relaxed);
  Q_EMIT log(QStringLiteral("relay-device: linked to %1 as \"%2\"")
                 .arg(m_config.relayUrl.toString(QUrl::RemoveUserInfo), m_config.name));
  Q_EMIT linked();
}

void RelayDevice::onHelloRefused(const QString &message) {
  m_counters->linksRefused.fetch_add(1, std::memory_order_relaxed);
  Q_EMIT log(QStringLiteral("relay-device: the relay refused the hello (%1); check the token "
                            "and the device name")
                 .arg(message));
  stop();
  Q_EMIT refused(message);
}

void RelayDevice::openStream(RelaySession *session, const FrameHeader &h) {
  const DeviceTarget *target = matchTarget(m_config.targets, h.tun.name, h.tun.serviceport);
  if (!target) {
    const HeaderTemplate tpl(h.tun, m_config.limits.maxFrameData);
    const QString why = QStringLiteral("no target for name \"%1\" on relay port %2")
                            .arg(h.tun.name, h.tun.serviceport);
    if (tpl.isValid()) {
      tpl.appendError(session->batch(),
                      "{\"message\":" + quoteJson(why) + ",\"code\":\"ENOTARGET\"}");
      session->batchAppended();
    }
    m_counters->clientsRefused.fetch_add(1, std::memory_order_relaxed);
    Q_EMIT log(QStringLiteral("relay-device: client %1: %2").arg(h.id(), why));
    return;
  }
  TcpChannel *channel = TcpChannel::dial(target->host, target->port);
  QString error;
  if (!session->addStream(channel, h.tun, /*announce=*/false, {}, &error)) {
    Q_EMIT log(QStringLiteral("relay-device: client %1 refused: %2").arg(h.id(), error));
    return;
  }
  if (m_config.verbose)
    Q_EMIT log(QStringLiteral("relay-device: client %1 -> %2:%3")
                   .arg(h.id(), target->host)
                   .arg(target->port));
}

}  // namespace routeless::mproxy
