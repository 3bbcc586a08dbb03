#include "tunnels/tunnelcontroller.h"

#include <QLoggingCategory>
#include <algorithm>

Q_LOGGING_CATEGORY(lcTunnel, "tunnel")

namespace routeless::tunnels {

TunnelController::TunnelController(QObject *parent) : QObject(parent), m_snapshotTimer(this) {
  m_snapshotTimer.setInterval(1000);
  connect(&m_snapshotTimer, &QTimer::timeout, this, [this] { Q_EMIT snapshotReady(snapshot()); });
}

TunnelController::~TunnelController() = default;  // each runner stops its engine

QList<TunnelStatus> TunnelController::snapshot() const {
  QList<TunnelStatus> out;
  for (const auto &e : m_entries) out.append(e->runner->status());
  return out;
}

int TunnelController::indexOf(const TunnelRunner *runner) const {
  for (int i = 0; i < int(m_entries.size()); ++i)
    if (m_entries[size_t(i)]->runner.get() == runner) return i;
  return -1;
}

std::unique_ptr<TunnelController::Entry> TunnelController::makeEntry(
    const profiles::TunnelEntry &t) {
  auto e = std::make_unique<Entry>();
  e->entry = t;
  e->runner = std::make_unique<TunnelRunner>(t.name, t.url);
  TunnelRunner *runner = e->runner.get();
  connect(runner, &TunnelRunner::stateChanged, this,
          [this, runner](TunnelState state, const QString &detail) {
            const int index = indexOf(runner);
            if (index < 0) return;  // being replaced
            Q_EMIT stateChanged(index, runner->name(), state, detail);
            Q_EMIT snapshotReady(snapshot());
          });
  connect(runner, &TunnelRunner::logLine, this,
          [runner](TunnelEngine::Level level, const QString &text) {
            const QString line = runner->name() + QStringLiteral(": ") + text;
            switch (level) {
              case TunnelEngine::Level::Debug:
                qCDebug(lcTunnel).noquote() << line;
                break;
              case TunnelEngine::Level::Info:
                qCInfo(lcTunnel).noquote() << line;
                break;
              case TunnelEngine::Level::Warn:
              case TunnelEngine::Level::Error:
                qCWarning(lcTunnel).noquote() << line;
                break;
            }
          });
  return e;
}

void TunnelController::setTunnels(const QList<profiles::TunnelEntry> &tunnels) {
  m_entries.clear();
  for (const auto &t : tunnels) m_entries.push_back(makeEntry(t));
  Q_EMIT snapshotReady(snapshot());
}

void TunnelController::updateTunnels(const QList<profiles::TunnelEntry> &tunnels) {
  std::vector<std::unique_ptr<Entry>> old = std::move(m_entries);
  m_entries.clear();
  for (const auto &t : tunnels) {
    auto same =
        std::find_if(old.begin(), old.end(), [&t](const auto &e) { return e && e->entry == t; });
    if (same != old.end()) {
      m_entries.push_back(std::move(*same));
    } else {
      m_entries.push_back(makeEntry(t));
    }
  }
  old.clear();  // the ones that went away stop here
  Q_EMIT snapshotReady(snapshot());
}

void TunnelController::startAutostart() {
  for (int i = 0; i < int(m_entries.size()); ++i) {
    if (m_entries[size_t(i)]->entry.autostart) startTunnel(i);
  }
}

void TunnelController::stopAll() {
  for (int i = 0; i < int(m_entries.size()); ++i) stopTunnel(i);
}

void TunnelController::startTunnel(int index) {
  if (index < 0 || index >= int(m_entries.size())) return;
  m_entries[size_t(index)]->runner->start();
  if (!m_snapshotTimer.isActive()) m_snapshotTimer.start();
}

void TunnelController::stopTunnel(int index) {
  if (index < 0 || index >= int(m_entries.size())) return;
  m_entries[size_t(index)]->runner->stop();
  Q_EMIT snapshotReady(snapshot());
}

void TunnelController::restartTunnel(int index) {
  stopTunnel(index);
  startTunnel(index);
}

}  // namespace routeless::tunnels
