#include "screenshotter.h"

#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QQuickItem>
#include <QTimer>
#include <cstdio>

#include "app.h"
#include "connectioncontroller.h"
#include "hostmodel.h"

namespace routeless::desktop {

namespace {
const char *const kPages[] = {"mesh", "tunnels", "profiles", "logs", "settings"};
constexpr int kPageCount = 5;
constexpr int kShotCount = kPageCount + 1;  // and the host dialog, open on the second host

void report(const QString &line) {
  const QByteArray b = line.toLocal8Bit() + '\n';
  std::fwrite(b.constData(), 1, size_t(b.size()), stdout);
  std::fflush(stdout);
}
}  // namespace

Screenshotter::Screenshotter(App *app, QQuickWindow *window, QString directory, int waitSeconds,
                             QObject *parent)
    : QObject(parent),
      m_app(app),
      m_window(window),
      m_dir(std::move(directory)),
      m_waitSeconds(waitSeconds) {}

void Screenshotter::start() {
  QDir().mkpath(m_dir);
  m_clock.start();
  QTimer::singleShot(250, this, &Screenshotter::waitForReady);
}

void Screenshotter::waitForReady() {
  const HostModel *hosts = m_app->connection()->hosts();
  const bool ready = hosts->rowCount() > 0 && hosts->readyCount() == hosts->rowCount();
  // Let a couple of 1 Hz samples arrive after Ready so rates and sparklines show traffic.
  static qint64 readySince = -1;
  if (ready && readySince < 0) readySince = m_clock.elapsed();
  if (!ready) readySince = -1;
  const bool settled = ready && m_clock.elapsed() - readySince >= 3500;
  if (!settled && m_clock.elapsed() < m_waitSeconds * 1000) {
    QTimer::singleShot(250, this, &Screenshotter::waitForReady);
    return;
  }
  if (m_window) report(QStringLiteral("screenshot: title %1").arg(m_window->title()));
  report(QStringLiteral("screenshot: hosts ready %1/%2 after %3 ms")
             .arg(hosts->readyCount())
             .arg(hosts->rowCount())
             .arg(m_clock.elapsed()));
  shoot(0);
}

void Screenshotter::shoot(int page) {
  if (page >= kPageCount || !m_window) {
    if (m_window && page == kPageCount) return shootHostDialog();
    report(QStringLiteral("screenshot: saved %1 of %2").arg(m_saved).arg(kShotCount));
    m_app->setCurrentPage(0);
    QCoreApplication::exit(m_saved == kShotCount ? 0 : 3);
    return;
  }
  m_app->setCurrentPage(page);
  QTimer::singleShot(700, this, [this, page] {
    if (!m_window) return shoot(kPageCount);
    save(QLatin1String(kPages[page]));
    shoot(page + 1);
  });
}

void Screenshotter::save(const QString &name) {
  const QImage image = m_window->grabWindow();
  const QString path = QDir(m_dir).filePath(name + QStringLiteral(".png"));
  if (!image.isNull() && image.save(path)) {
    ++m_saved;
    report(QStringLiteral("screenshot: %1 %2x%3").arg(path).arg(image.width()).arg(image.height()));
  } else {
    report(QStringLiteral("screenshot: FAILED %1").arg(path));
  }
}

// The Mesh page's host dialog, opened as "Edit" opens it, on the second host (the first is
// the local agent, whose dialog has less to show).
void Screenshotter::shootHostDialog() {
  m_app->setCurrentPage(0);
  QTimer::singleShot(500, this, [this] {
    if (!m_window) return shoot(kShotCount);
    QObject *dialog = nullptr;
    for (QObject *o : m_window->findChildren<QObject *>())
      if (o->objectName() == QLatin1String("hostDialog")) dialog = o;
    if (!dialog) {
      report(QStringLiteral("screenshot: FAILED no host dialog"));
      return shoot(kShotCount);
    }
    if (!QMetaObject::invokeMethod(dialog, "openFor", Q_ARG(QVariant, QVariant(1)))) {
      report(QStringLiteral("screenshot: FAILED the host dialog did not open"));
      return shoot(kShotCount);
    }
    QTimer::singleShot(700, this, [this, dialog] {
      if (m_window) save(QStringLiteral("host-dialog"));
      QMetaObject::invokeMethod(dialog, "close");
      shoot(kShotCount);
    });
  });
}

}  // namespace routeless::desktop
