#include "tunnelscontroller.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QPointer>
#include <QTcpSocket>
#include <QThreadPool>

#include "connectioncontroller.h"
#include "net/hostport.h"
#include "profilescontroller.h"

namespace routeless::desktop {

TunnelsController::TunnelsController(ProfilesController *profiles, ConnectionController *connection,
                                     QObject *parent)
    : QObject(parent),
      m_profiles(profiles),
      m_connection(connection),
      m_model(new TunnelModel(this)) {
  connect(profiles, &ProfilesController::currentChanged, this, &TunnelsController::show);
  connect(connection, &ConnectionController::activeChanged, this, &TunnelsController::show);
  connect(connection, &ConnectionController::tunnelsReported, this, &TunnelsController::onTunnels);
}

bool TunnelsController::live() const {
  return !m_connection->activeId().isEmpty() && m_connection->activeId() == m_profiles->currentId();
}

void TunnelsController::show() {
  const profiles::Profile *p = m_profiles->profile(m_profiles->currentId());
  const QList<TunnelStatus> running = m_connection->lastTunnels();
  if (live() && p && running.size() == p->tunnels.size())
    m_model->applySnapshot(running);
  else
    m_model->applySnapshot(p ? restingTunnels(p->tunnels) : QList<TunnelStatus>());
  Q_EMIT liveChanged();
}

void TunnelsController::onTunnels(const QList<TunnelStatus> &tunnels) {
  if (live()) m_model->applySnapshot(tunnels);
}

QString TunnelsController::save(int row, const QString &name, const QString &url, bool autostart) {
  const auto *src = m_profiles->profile(m_profiles->currentId());
  if (!src) return tr("Select or create a profile first.");
  QString why;
  if (!profiles::checkTunnelUrl(url.trimmed(), &why)) return why;
  profiles::Profile p = *src;
  const profiles::TunnelEntry t{
      name.trimmed().isEmpty()
          ? url.trimmed().section(QLatin1Char('?'), 0, 0).section(QLatin1Char('@'), -1)
          : name.trimmed(),
      url.trimmed(), autostart};
  const bool adding = row < 0 || row >= p.tunnels.size();
  if (adding)
    p.tunnels.append(t);
  else
    p.tunnels[row] = t;
  const QString error = m_profiles->save(p);
  if (error.isEmpty() && live() && autostart)
    m_connection->startTunnel(adding ? int(p.tunnels.size()) - 1 : row);
  return error;
}

QString TunnelsController::remove(int row) {
  const auto *src = m_profiles->profile(m_profiles->currentId());
  if (!src || row < 0 || row >= src->tunnels.size()) return tr("No such tunnel.");
  profiles::Profile p = *src;
  const Removed removed{p.id, row, p.tunnels[row]};
  p.tunnels.removeAt(row);
  const QString error = m_profiles->save(p);
  if (!error.isEmpty()) return error;
  m_removed = removed;
  Q_EMIT undoChanged();
  return {};
}

QString TunnelsController::undoRemove() {
  if (!m_removed) return tr("Nothing to undo.");
  const auto *src = m_profiles->profile(m_removed->profileId);
  if (!src) return tr("The profile of tunnel %1 is gone.").arg(m_removed->entry.name);
  profiles::Profile p = *src;
  const int row = int(qMin<qsizetype>(m_removed->row, p.tunnels.size()));
  p.tunnels.insert(row, m_removed->entry);
  const QString error = m_profiles->save(p);
  if (!error.isEmpty()) return error;
  const bool start = m_removed->entry.autostart && p.id == m_connection->activeId();
  m_removed.reset();
  Q_EMIT undoChanged();
  if (start) m_connection->startTunnel(row);
  return {};
}

void TunnelsController::start(int row) {
  if (!live()) m_connection->connectProfile(m_profiles->currentId());
  m_connection->startTunnel(row);
}

void TunnelsController::stop(int row) {
  if (live()) m_connection->stopTunnel(row);
}

void TunnelsController::restart(int row) {
  if (!live()) return start(row);
  m_connection->restartTunnel(row);
}

void TunnelsController::ping(int row) {
  const TunnelStatus *s = m_model->at(row);
  if (!s || s->target.isEmpty()) return;
  // NodePass writes ":port" for a target on every address of this machine.
  net::HostPortRules rules;
  rules.emptyHost = true;
  const auto target = net::parseHostPort(s->target, rules);
  if (!target) {
    m_model->setPing(row, -1);
    return;
  }
  const QString host = target->host;
  const quint16 port = target->port;
  QPointer<TunnelModel> model(m_model);
  const QString name = s->name;
  // A blocking connect is a one-shot: it belongs on the thread pool, never on the GUI thread.
  QThreadPool::globalInstance()->start([model, row, name, host, port] {
    QTcpSocket socket;
    QElapsedTimer clock;
    clock.start();
    socket.connectToHost(host.isEmpty() ? QStringLiteral("127.0.0.1") : host, port);
    const int ms = socket.waitForConnected(3000) ? int(clock.elapsed()) : -1;
    socket.abort();
    QMetaObject::invokeMethod(qApp, [model, row, name, ms] {
      // The list may have changed meanwhile: only the same tunnel gets the answer.
      if (model && model->at(row) && model->at(row)->name == name) model->setPing(row, ms);
    });
  });
}

void TunnelsController::pingAll() {
  for (int row = 0; row < m_model->rowCount(); ++row) ping(row);
}

QString TunnelsController::url(int row) const {
  const auto *p = m_profiles->profile(m_profiles->currentId());
  return p && row >= 0 && row < p->tunnels.size() ? p->tunnels[row].url : QString();
}

QString TunnelsController::name(int row) const {
  const auto *p = m_profiles->profile(m_profiles->currentId());
  return p && row >= 0 && row < p->tunnels.size() ? p->tunnels[row].name : QString();
}

bool TunnelsController::autostart(int row) const {
  const auto *p = m_profiles->profile(m_profiles->currentId());
  return p && row >= 0 && row < p->tunnels.size() ? p->tunnels[row].autostart : true;
}

QString TunnelsController::shareUrlOf(const QString &profileId, int row, bool withKey) const {
  const auto *p = m_profiles->profile(profileId);
  if (!p || row < 0 || row >= p->tunnels.size()) return {};
  return profiles::strippedTunnelUrl(p->tunnels[row].url, {withKey, false});
}

QString TunnelsController::shareUrl(int row, bool withKey) const {
  return shareUrlOf(m_profiles->currentId(), row, withKey);
}

QString TunnelsController::qrSource(int row, bool withKey) const {
  return QStringLiteral("image://qr/%1/%2/%3")
      .arg(m_profiles->currentId())
      .arg(row)
      .arg(withKey ? 1 : 0);
}

}  // namespace routeless::desktop
