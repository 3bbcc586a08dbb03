#include "trayicon.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QMetaEnum>
#include <QPainter>
#include <QPainterPath>

#include "app.h"
#include "connectioncontroller.h"
#include "profilescontroller.h"
#include "tunnelmodel.h"

Q_LOGGING_CATEGORY(lcTray, "tray")

namespace routeless::desktop {

QIcon TrayIcon::stateIcon(int state) {
  QColor dot;
  switch (state) {
    case ConnectionController::Connected:
      dot = QColor(0x2e, 0xa0, 0x43);
      break;
    case ConnectionController::Connecting:
      dot = QColor(0xd2, 0x99, 0x22);
      break;
    case ConnectionController::Problem:
      dot = QColor(0xd7, 0x3a, 0x49);
      break;
    default:
      dot = QColor(0x8b, 0x94, 0x9e);
  }
  QIcon icon;
  for (int size : {16, 22, 24, 32, 48, 64}) {
    QPixmap pm(size, size);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal s = size;
    // The Routeless mark: two nodes joined by a curved route on a rounded tile.
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0x1f, 0x6f, 0xeb));
    p.drawRoundedRect(QRectF(0, 0, s, s), s * 0.22, s * 0.22);
    QPainterPath route;
    route.moveTo(s * 0.25, s * 0.72);
    route.cubicTo(s * 0.25, s * 0.35, s * 0.75, s * 0.65, s * 0.75, s * 0.28);
    p.setPen(QPen(Qt::white, qMax(1.5, s * 0.09), Qt::SolidLine, Qt::RoundCap));
    p.setBrush(Qt::NoBrush);
    p.drawPath(route);
    p.setPen(Qt::NoPen);
    p.setBrush(Qt::white);
    p.drawEllipse(QPointF(s * 0.25, s * 0.72), s * 0.1, s * 0.1);
    p.drawEllipse(QPointF(s * 0.75, s * 0.28), s * 0.1, s * 0.1);
    // State badge in the lower right corner.
    p.setBrush(dot);
    p.setPen(QPen(Qt::white, qMax(1.0, s * 0.05)));
    p.drawEllipse(QPointF(s * 0.78, s * 0.78), s * 0.2, s * 0.2);
    p.end();
    icon.addPixmap(pm);
  }
  return icon;
}

TrayIcon::TrayIcon(App *app, QObject *parent)
    : QObject(parent),
      m_app(app),
      m_tray(new QSystemTrayIcon(this)),
      m_menu(std::make_unique<QMenu>()),
      m_profiles(std::make_unique<ProfileMenuSection>(app)),
      m_activity(std::make_unique<ActivityMenuSection>(app)) {
  m_menu->setObjectName(QStringLiteral("trayMenu"));
  m_tray->setContextMenu(m_menu.get());
  rebuildMenu();
  updateIcon();
  ConnectionController *connection = app->connection();
  connect(m_menu.get(), &QMenu::aboutToShow, this, &TrayIcon::rebuildMenu);
  connect(app->profiles(), &ProfilesController::listChanged, this, &TrayIcon::rebuildMenu);
  connect(connection, &ConnectionController::activeChanged, this, &TrayIcon::rebuildMenu);
  connect(connection, &ConnectionController::forwardsChanged, this, &TrayIcon::rebuildMenu);
  connect(connection, &ConnectionController::stateChanged, this, [this] {
    updateIcon();
    rebuildMenu();
  });
  connect(connection, &ConnectionController::notify, this,
          [this](const QString &title, const QString &text, bool error) {
            m_tray->showMessage(
                title, text, error ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information, 5000);
          });
  connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
    if (r == QSystemTrayIcon::Trigger || r == QSystemTrayIcon::DoubleClick)
      Q_EMIT showWindowRequested();
  });
  m_tray->show();
}

TrayIcon::~TrayIcon() { m_tray->hide(); }

void TrayIcon::updateIcon() {
  const ConnectionController *c = m_app->connection();
  m_tray->setIcon(stateIcon(c->state()));
  qCInfo(lcTray).noquote() << QStringLiteral("icon shows %1")
                                  .arg(QString::fromLatin1(
                                      QMetaEnum::fromType<ConnectionController::State>().valueToKey(
                                          c->state())));
  const QString name = c->activeName();
  m_tray->setToolTip(name.isEmpty() ? tr("Routeless: %1").arg(c->stateText())
                                    : tr("Routeless: %1 (%2)").arg(name, c->stateText()));
}

void TrayIcon::rebuildMenu() {
  // Rebuilding while the menu is open would close it; the next aboutToShow catches up.
  if (m_menu->isVisible() && sender() != m_menu.get()) return;
  ConnectionController *c = m_app->connection();
  // Submenus are children of the menu, which clear() leaves: they go too, later, since this may
  // run inside one of their actions' triggered().
  for (QMenu *sub : m_menu->findChildren<QMenu *>(QString(), Qt::FindDirectChildrenOnly))
    sub->deleteLater();
  m_menu->clear();
  m_menu->addAction(tr("Routeless — %1").arg(c->stateText()))->setEnabled(false);
  if (c->state() == ConnectionController::Problem && !c->progressText().isEmpty())
    m_menu->addAction(c->progressText())->setEnabled(false);
  m_menu->addSeparator();
  m_profiles->fill(m_menu.get());
  if (!c->activeId().isEmpty()) {
    QAction *off = m_menu->addAction(tr("Disconnect %1").arg(c->activeName()));
    off->setObjectName(QStringLiteral("disconnect"));
    connect(off, &QAction::triggered, c, &ConnectionController::disconnectProfile);
  }
  m_activity->fill(m_menu.get());
  m_menu->addSeparator();
  QAction *logs = m_menu->addAction(tr("Open Logs"));
  logs->setObjectName(QStringLiteral("openLogs"));
  connect(logs, &QAction::triggered, m_app, [this] { m_app->requestActivation(App::LogsPage); });
  QAction *show = m_menu->addAction(tr("Show window"));
  show->setObjectName(QStringLiteral("showWindow"));
  connect(show, &QAction::triggered, this, &TrayIcon::showWindowRequested);
  QAction *quit = m_menu->addAction(tr("Quit"));
  quit->setObjectName(QStringLiteral("quit"));
  connect(quit, &QAction::triggered, m_app, &App::quit);
}

ProfileMenuSection::ProfileMenuSection(App *app, QObject *parent) : QObject(parent), m_app(app) {}

void ProfileMenuSection::fill(QMenu *menu) {
  const auto &list = m_app->profiles()->model()->profiles();
  if (list.isEmpty()) {
    menu->addAction(tr("No profiles"))->setEnabled(false);
    return;
  }
  ConnectionController *c = m_app->connection();
  for (const auto &p : list) {
    QAction *a = menu->addAction(p.name);
    a->setObjectName(QStringLiteral("profile:") + p.id);
    a->setCheckable(true);
    a->setChecked(p.id == c->activeId());
    const QString id = p.id;
    connect(a, &QAction::triggered, c, [c, id] { c->toggle(id); });
  }
}

ActivityMenuSection::ActivityMenuSection(App *app, QObject *parent) : QObject(parent), m_app(app) {}

void ActivityMenuSection::fill(QMenu *menu) {
  ConnectionController *c = m_app->connection();
  const profiles::Profile *p = m_app->profiles()->profile(c->activeId());
  if (!p) return;
  const QList<TunnelStatus> tunnels = c->lastTunnels();
  struct Address {
    QString label;
    QString address;  // to copy
    QString key;      // StoppedForwards' key
  };
  QList<Address> addresses;
  for (const auto &h : p->mesh.hosts) {
    for (const auto &port : h.ports)
      addresses.append({tr("Forward %1:%2 → %3:%4 on %5")
                            .arg(h.vip)
                            .arg(port.listenPort)
                            .arg(port.connectHost)
                            .arg(port.connectPort)
                            .arg(h.name),
                        QStringLiteral("%1:%2").arg(h.vip).arg(port.listenPort),
                        StoppedForwards::portKey(h.name, port)});
    if (!h.httpListen.isEmpty())
      addresses.append({tr("HTTP proxy of %1 on %2").arg(h.name, h.httpListen), h.httpListen,
                        StoppedForwards::httpKey(h.name)});
    if (!h.socksListen.isEmpty())
      addresses.append({tr("SOCKS proxy of %1 on %2").arg(h.name, h.socksListen), h.socksListen,
                        StoppedForwards::socksKey(h.name)});
  }
  if (tunnels.isEmpty() && addresses.isEmpty()) return;
  menu->addSeparator();
  for (int i = 0; i < tunnels.size(); ++i) {
    const TunnelStatus &t = tunnels[i];
    QMenu *sub = menu->addMenu(tr("Tunnel %1: %2").arg(t.name, TunnelModel::stateText(t.state)));
    sub->setObjectName(QStringLiteral("tunnel:%1").arg(i));
    const bool running = t.state != TunnelState::Stopped && t.state != TunnelState::Failed;
    QAction *start = sub->addAction(tr("Start"));
    start->setEnabled(!running);
    connect(start, &QAction::triggered, c, [c, i] { c->startTunnel(i); });
    QAction *stop = sub->addAction(tr("Stop"));
    stop->setEnabled(running);
    connect(stop, &QAction::triggered, c, [c, i] { c->stopTunnel(i); });
  }
  for (const Address &a : addresses) {
    // Start and Stop act on this session only (ConnectionController::stopForward).
    const bool running = c->isForwardRunning(a.key);
    QMenu *sub = menu->addMenu(running ? a.label : tr("%1 (stopped)").arg(a.label));
    sub->setObjectName(QStringLiteral("forward:") + a.key);
    const QString key = a.key;
    QAction *start = sub->addAction(tr("Start"));
    start->setObjectName(QStringLiteral("start"));
    start->setEnabled(!running);
    connect(start, &QAction::triggered, c, [c, key] { c->startForward(key); });
    QAction *stop = sub->addAction(tr("Stop"));
    stop->setObjectName(QStringLiteral("stop"));
    stop->setEnabled(running);
    connect(stop, &QAction::triggered, c, [c, key] { c->stopForward(key); });
    QAction *copy = sub->addAction(tr("Copy address %1").arg(a.address));
    copy->setObjectName(QStringLiteral("copy"));
    App *app = m_app;
    const QString text = a.address;
    connect(copy, &QAction::triggered, app, [app, text] { app->copyText(text); });
  }
}

}  // namespace routeless::desktop
