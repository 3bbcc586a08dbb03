#include "trayicon.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QMetaEnum>
#include <QPainter>
#include <QPainterPath>

#include "backend.h"
#include "forwardmodel.h"
#include "profilemodel.h"
#include "tunnelmodel.h"

Q_LOGGING_CATEGORY(lcTray, "tray")

namespace routeless::desktop {

QIcon TrayIcon::stateIcon(int state) {
  QColor dot;
  switch (state) {
    case Backend::Connected:
      dot = QColor(0x2e, 0xa0, 0x43);
      break;
    case Backend::Connecting:
      dot = QColor(0xd2, 0x99, 0x22);
      break;
    case Backend::Error:
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

TrayIcon::TrayIcon(Backend *backend, QObject *parent)
    : QObject(parent),
      m_backend(backend),
      m_tray(new QSystemTrayIcon(this)),
      m_menu(std::make_unique<QMenu>()),
      m_profiles(std::make_unique<ProfileMenuSection>(backend)),
      m_activity(std::make_unique<ActivityMenuSection>(backend)) {
  m_menu->setObjectName(QStringLiteral("trayMenu"));
  m_tray->setContextMenu(m_menu.get());
  rebuildMenu();
  updateIcon();
  connect(m_menu.get(), &QMenu::aboutToShow, this, &TrayIcon::rebuildMenu);
  connect(backend, &Backend::profilesChanged, this, &TrayIcon::rebuildMenu);
  connect(backend, &Backend::activeProfileChanged, this, &TrayIcon::rebuildMenu);
  connect(backend, &Backend::connectionStateChanged, this, [this] {
    updateIcon();
    rebuildMenu();
  });
  connect(backend, &Backend::notify, this,
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
  m_tray->setIcon(stateIcon(m_backend->connectionState()));
  qCInfo(lcTray).noquote() << QStringLiteral("icon shows %1")
                                  .arg(QString::fromLatin1(
                                      QMetaEnum::fromType<Backend::ConnectionState>().valueToKey(
                                          m_backend->connectionState())));
  const QString name = m_backend->profile(m_backend->activeProfileId())
                           ? m_backend->profile(m_backend->activeProfileId())->name
                           : QString();
  m_tray->setToolTip(name.isEmpty()
                         ? tr("Routeless: %1").arg(m_backend->connectionStateText())
                         : tr("Routeless: %1 (%2)").arg(name, m_backend->connectionStateText()));
}

void TrayIcon::rebuildMenu() {
  // Rebuilding while the menu is open would close it; the next aboutToShow catches up.
  if (m_menu->isVisible() && sender() != m_menu.get()) return;
  m_menu->clear();
  QAction *header = m_menu->addAction(tr("Routeless — %1").arg(m_backend->connectionStateText()));
  header->setEnabled(false);
  m_menu->addSeparator();
  m_profiles->fill(m_menu.get());
  m_activity->fill(m_menu.get());
  m_menu->addSeparator();
  QAction *show = m_menu->addAction(tr("Show window"));
  show->setObjectName(QStringLiteral("showWindow"));
  connect(show, &QAction::triggered, this, &TrayIcon::showWindowRequested);
  QAction *quit = m_menu->addAction(tr("Quit"));
  quit->setObjectName(QStringLiteral("quit"));
  connect(quit, &QAction::triggered, m_backend, &Backend::quit);
}

ProfileMenuSection::ProfileMenuSection(Backend *backend, QObject *parent)
    : QObject(parent), m_backend(backend) {}

void ProfileMenuSection::fill(QMenu *menu) {
  const auto &list = m_backend->profiles()->profiles();
  if (list.isEmpty()) {
    menu->addAction(tr("No profiles"))->setEnabled(false);
    return;
  }
  for (const auto &p : list) {
    QAction *a = menu->addAction(p.name);
    a->setObjectName(QStringLiteral("profile:") + p.id);
    a->setCheckable(true);
    a->setChecked(p.id == m_backend->activeProfileId());
    const QString id = p.id;
    Backend *backend = m_backend;
    connect(a, &QAction::triggered, backend, [backend, id] { backend->toggleProfile(id); });
  }
}

ActivityMenuSection::ActivityMenuSection(Backend *backend, QObject *parent)
    : QObject(parent), m_backend(backend) {}

void ActivityMenuSection::fill(QMenu *menu) {
  if (m_backend->activeProfileId().isEmpty() || !m_backend->currentIsActive()) return;
  const TunnelModel *tunnels = m_backend->tunnels();
  const ForwardModel *forwards = m_backend->forwards();
  if (tunnels->rowCount() == 0 && forwards->rowCount() == 0) return;
  menu->addSeparator();
  for (int i = 0; i < tunnels->rowCount(); ++i) {
    const QModelIndex idx = tunnels->index(i);
    const QByteArray state = idx.data(TunnelModel::StateRole).toString().toUtf8();
    menu->addAction(tr("Tunnel %1: %2")
                        .arg(idx.data(TunnelModel::NameRole).toString(),
                             QCoreApplication::translate("TunnelState", state.constData())))
        ->setEnabled(false);
  }
  for (const auto &f : forwards->forwards()) {
    menu->addAction(tr("Forward %1 → %2 on %3: %4").arg(f.listen, f.target, f.host, f.state))
        ->setEnabled(false);
  }
}

}  // namespace routeless::desktop
