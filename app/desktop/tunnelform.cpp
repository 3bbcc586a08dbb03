#include "tunnelform.h"

#include <QRandomGenerator>
#include <QRegularExpression>

#include "mproxy/deviceurl.h"
#include "net/hostport.h"
#include "profiles/profile.h"
#include "tunnelsides.h"

namespace routeless::desktop {

namespace {
const QStringList kLogLevels{QStringLiteral("none"),  QStringLiteral("debug"),
                             QStringLiteral("info"),  QStringLiteral("warn"),
                             QStringLiteral("error"), QStringLiteral("event")};

// "[::1]" -> "::1": the URL writer brackets IPv6 itself.
QString bareHost(QString host) {
  host = host.trimmed();
  if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
    host = host.mid(1, host.size() - 2);
  return host;
}

// NodePass's QUIC (1) and HTTP/2 (3) pools only exist inside TLS.
bool transportNeedsTls(int type) { return type == 1 || type == 3; }

std::optional<quint16> portOf(const QString &text) {
  bool ok = false;
  const uint v = text.trimmed().toUInt(&ok);
  if (!ok || v == 0 || v > 65535) return std::nullopt;
  return quint16(v);
}
}  // namespace

TunnelForm::TunnelForm(QObject *parent) : QObject(parent) { reset(Server); }

void TunnelForm::set(QString &field, const QString &value) {
  if (field == value) return;
  field = value;
  rebuild();
}

void TunnelForm::setTls(int v) {
  if (m_tls == v) return;
  m_tls = v;
  m_note.clear();
  rebuild();
}

void TunnelForm::setTransport(int v) {
  v = qBound(0, v, 3);
  if (m_transport == v) return;
  m_transport = v;
  m_note.clear();
  raiseTlsForTransport();
  rebuild();
}

void TunnelForm::setProxy(int v) {
  v = qBound(0, v, 2);
  if (m_proxy == v) return;
  m_proxy = v;
  rebuild();
}

void TunnelForm::raiseTlsForTransport() {
  if (m_role != Server || !transportNeedsTls(m_transport) || m_tls != 0) return;
  m_tls = 1;
  m_note = tr("%1 runs inside TLS, so TLS is set to 1 (self-signed certificate), as NodePass "
              "does.")
               .arg(TunnelSides::transportName(m_transport));
}

void TunnelForm::setMode(int v) {
  if (m_mode == v) return;
  m_mode = v;
  rebuild();
}

void TunnelForm::setRole(int role) {
  if (role == m_role) return;
  // A role change keeps what still makes sense (key, addresses) and drops the rest.
  m_role = qBound(0, role, 2);
  if (m_role == Device) {
    if (m_targets.isEmpty() || !m_targets.contains(QLatin1Char('=')))
      m_targets = QStringLiteral("*=127.0.0.1:8080");
    if (m_deviceName.isEmpty()) m_deviceName = QStringLiteral("laptop");
    m_tls = qMin(m_tls, 1);
  } else if (m_targets.contains(QLatin1Char('='))) {
    m_targets = QStringLiteral("127.0.0.1:8080");
  }
  m_pool = m_role == Client ? QStringLiteral("64") : QStringLiteral("1024");
  m_note.clear();
  raiseTlsForTransport();
  rebuild();
}

void TunnelForm::reset(int role) {
  m_loading = true;
  m_tunnel = nodepass::TunnelUrl{};
  m_device = mproxy::DeviceConfig{};
  m_role = qBound(0, role, 2);
  m_key.clear();
  m_tls = 0;
  m_mode = 0;
  m_transport = 0;
  m_proxy = 0;
  m_note.clear();
  m_log = QStringLiteral("info");
  m_deviceName = QStringLiteral("laptop");
  switch (m_role) {
    case Server: {
      // A server's key keeps strangers out of its pool; NodePass's default (derived from the
      // port) does not, so a new server gets a random one.
      QByteArray secret(12, Qt::Uninitialized);
      QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(secret.data()), 3);
      m_key = QString::fromLatin1(secret.toHex());
      m_tunnelHost = QStringLiteral("0.0.0.0");
      m_tunnelPort = QStringLiteral("10101");
      m_targets = QStringLiteral("127.0.0.1:8080");
      m_pool = QStringLiteral("1024");
      break;
    }
    case Client:
      m_tunnelHost = QStringLiteral("127.0.0.1");
      m_tunnelPort = QStringLiteral("10101");
      m_targets = QStringLiteral("127.0.0.1:8081");
      m_pool = QStringLiteral("64");
      break;
    default:
      m_tunnelHost = QStringLiteral("127.0.0.1");
      m_tunnelPort = QStringLiteral("8443");
      m_targets = QStringLiteral("*=127.0.0.1:8080");
      m_pool = QString();
  }
  m_loading = false;
  rebuild();
}

bool TunnelForm::fail(const QString &field, const QString &message) {
  m_errorField = field;
  m_error = message;
  return false;
}

bool TunnelForm::buildTunnel() {
  nodepass::TunnelUrl t = m_tunnel;
  t.role = m_role == Client ? nodepass::Role::Client : nodepass::Role::Server;
  const auto port = portOf(m_tunnelPort);
  if (!port) return fail(QStringLiteral("tunnelPort"), tr("The tunnel port must be 1-65535."));
  t.tunnel = {bareHost(m_tunnelHost), *port};
  if (m_key.contains(QLatin1Char('@')) || m_key.contains(QLatin1Char('/')))
    return fail(QStringLiteral("key"), tr("The key must not contain '@' or '/'."));
  t.key = m_key;
  t.keyDerived = m_key.isEmpty();
  if (t.keyDerived) t.key = nodepass::keyFromPort(QString::number(*port));
  t.targets.clear();
  for (const QString &raw : m_targets.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    const QString text = raw.trimmed();
    QString why;
    const auto target = net::parseHostPort(text, {}, &why);
    if (!target) return fail(QStringLiteral("targets"), tr("Target \"%1\": %2").arg(text, why));
    t.targets.append({target->host, target->port});
  }
  if (t.targets.isEmpty())
    return fail(QStringLiteral("targets"), tr("Enter the target, e.g. 127.0.0.1:8080."));
  const int log = kLogLevels.indexOf(m_log);
  t.log = log < 0 ? nodepass::LogLevel::Info : nodepass::LogLevel(log);
  t.mode = qBound(0, m_mode, 2);
  t.proxy = qBound(0, m_proxy, 2);
  // A client has no transport of its own: it takes the server's in the handshake.
  t.type = 0;
  if (t.role == nodepass::Role::Server) {
    t.tls = qBound(0, m_tls, 2);
    t.tlsGiven = t.tlsGiven || t.tls != 0;
    t.type = qBound(0, m_transport, 3);
    if (transportNeedsTls(t.type) && t.tls == 0)
      return fail(QStringLiteral("tls"),
                  tr("%1 runs inside TLS: choose TLS 1 or 2, or the TCP or WebSocket transport.")
                      .arg(TunnelSides::transportName(t.type)));
  }
  if (!m_pool.trimmed().isEmpty()) {
    bool ok = false;
    const int n = m_pool.trimmed().toInt(&ok);
    if (!ok || n < 1 || n > 65536)
      return fail(QStringLiteral("pool"), tr("The pool size must be 1-65536."));
    (t.role == nodepass::Role::Server ? t.maxPool : t.minPool) = n;
  }
  const QString text = nodepass::tunnelUrlText(t);
  QString why;
  if (!nodepass::parseTunnelUrl(text, &why)) return fail(QStringLiteral("url"), why);
  m_url = text;
  return true;
}

bool TunnelForm::buildDevice() {
  mproxy::DeviceConfig c = m_device;
  const QString host = bareHost(m_tunnelHost);
  if (host.isEmpty()) return fail(QStringLiteral("tunnelHost"), tr("Enter the relay's host."));
  const auto port = portOf(m_tunnelPort);
  if (!port) return fail(QStringLiteral("tunnelPort"), tr("The relay port must be 1-65535."));
  c.relayUrl = QUrl();
  c.relayUrl.setScheme(m_tls == 1 ? QStringLiteral("wss") : QStringLiteral("ws"));
  c.relayUrl.setHost(host);
  c.relayUrl.setPort(*port);
  c.token = m_key.toUtf8();
  if (c.token.isEmpty())
    return fail(QStringLiteral("key"), tr("A device link needs the relay's token."));
  c.name = m_deviceName.trimmed();
  if (!mproxy::isValidDeviceName(c.name))
    return fail(QStringLiteral("deviceName"),
                tr("The device name is 1-64 letters, digits, '.', '_' or '-'."));
  c.targets.clear();
  QString why;
  static const QRegularExpression separators(QStringLiteral("[\\s,]+"));
  for (const QString &item : m_targets.split(separators, Qt::SkipEmptyParts)) {
    const auto target = mproxy::parseDeviceTarget(item, &why);
    if (!target) return fail(QStringLiteral("targets"), why);
    c.targets << *target;
  }
  if (c.targets.isEmpty())
    return fail(QStringLiteral("targets"), tr("Add at least one target, e.g. *=127.0.0.1:8080"));
  const QString text = mproxy::deviceUrl(c);
  if (!mproxy::parseDeviceUrl(text, &why)) return fail(QStringLiteral("url"), why);
  m_url = text;
  return true;
}

void TunnelForm::rebuild() {
  if (m_loading) return;
  m_error.clear();
  m_errorField.clear();
  const bool ok = m_role == Device ? buildDevice() : buildTunnel();
  if (!ok) m_url.clear();
  const TunnelSides sides = TunnelSides::of(m_url);
  m_listens = sides.listens;
  m_connects = sides.connects;
  Q_EMIT changed();
}

void TunnelForm::setUrl(const QString &input) {
  const QString url = input.trimmed();
  QString why;
  if (mproxy::isDeviceUrl(url)) {
    const auto c = mproxy::parseDeviceUrl(url, &why);
    if (!c) {
      fail(QStringLiteral("url"), why);
      m_url.clear();
      Q_EMIT changed();
      return;
    }
    m_loading = true;
    m_device = *c;
    m_role = Device;
    m_key = QString::fromUtf8(c->token);
    m_tunnelHost = c->relayUrl.host();
    m_tunnelPort =
        QString::number(c->relayUrl.port(c->relayUrl.scheme() == QLatin1String("wss") ? 443 : 80));
    m_tls = c->relayUrl.scheme() == QLatin1String("wss") ? 1 : 0;
    m_deviceName = c->name;
    QStringList targets;
    for (const auto &t : c->targets) targets << mproxy::deviceTargetText(t);
    m_targets = targets.join(QLatin1Char(' '));
    m_pool.clear();
    m_note.clear();
    m_loading = false;
    rebuild();
    return;
  }
  if (!url.startsWith(QLatin1String("server://")) && !url.startsWith(QLatin1String("client://"))) {
    fail(QStringLiteral("url"), tr("A tunnel URL starts with server://, client:// or device://"));
    m_url.clear();
    Q_EMIT changed();
    return;
  }
  const auto t = nodepass::parseTunnelUrl(url, &why);
  if (!t) {
    fail(QStringLiteral("url"), why);
    m_url.clear();
    Q_EMIT changed();
    return;
  }
  m_loading = true;
  m_tunnel = *t;
  m_role = t->role == nodepass::Role::Client ? Client : Server;
  m_key = t->keyDerived ? QString() : t->key;
  m_tunnelHost = t->tunnel.host;
  m_tunnelPort = QString::number(t->tunnel.port);
  QStringList targets;
  for (const auto &target : t->targets) targets << target.toString();
  m_targets = targets.join(QStringLiteral(", "));
  m_tls = t->tls;
  m_mode = t->mode;
  m_transport = t->type;
  m_proxy = t->proxy;
  m_note.clear();
  raiseTlsForTransport();
  m_log = kLogLevels.value(int(t->log), QStringLiteral("info"));
  m_pool = QString::number(m_role == Server ? t->maxPool : t->minPool);
  m_loading = false;
  rebuild();
}

QString TunnelForm::maskedUrl() const { return profiles::maskedTunnelUrl(m_url); }

}  // namespace routeless::desktop
