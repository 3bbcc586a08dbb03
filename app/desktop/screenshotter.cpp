#include "screenshotter.h"

#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QTimer>
#include <cstdio>

#include "app.h"
#include "connectioncontroller.h"
#include "hostmodel.h"

namespace routeless::desktop {

namespace {
const char *const kPages[] = {"mesh", "tunnels", "profiles", "logs", "settings"};
constexpr int kPageCount = 5;

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
    report(QStringLiteral("screenshot: saved %1 of %2").arg(m_saved).arg(kPageCount));
    m_app->setCurrentPage(0);
    QCoreApplication::exit(m_saved == kPageCount ? 0 : 3);
    return;
  }
  m_app->setCurrentPage(page);
  QTimer::singleShot(700, this, [this, page] {
    if (!m_window) return shoot(kPageCount);
    const QImage image = m_window->grabWindow();
    const QString path =
        QDir(m_dir).filePath(QStringLiteral("%1.png").arg(QLatin1String(kPages[page])));
    if (!image.isNull() && image.save(path)) {
      ++m_saved;
      report(
          QStringLiteral("screenshot: %1 %2x%3").arg(path).arg(image.width()).arg(image.height()));
    } else {
      report(QStringLiteral("screenshot: FAILED %1").arg(path));
    }
    shoot(page + 1);
  });
}

}  // namespace routeless::desktop
