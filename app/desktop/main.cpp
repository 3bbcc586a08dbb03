// routeless: the desktop app. Parses the command line, checks the QML modules, claims the single
// instance, creates the App (controllers, engines, models), the tray and the QML window.
#include <QtQml/qqmlextensionplugin.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QSystemTrayIcon>
#include <cstdio>
#include <utility>

#include "app.h"
#include "appsettings.h"
#include "connectioncontroller.h"
#include "logcapture.h"
#include "logmodel.h"
#include "platform/autostart.h"
#include "platform/executables.h"
#include "platform/stoprequests.h"
#include "qmlmodulecheck.h"
#include "screenshotter.h"
#include "singleinstance.h"
#include "trayicon.h"

Q_IMPORT_QML_PLUGIN(RoutelessPlugin)

using namespace routeless::desktop;

namespace {
Q_LOGGING_CATEGORY(lcMain, "app")

// The exit status when a QML module the app needs is not installed.
constexpr int kExitMissingQmlModules = 4;

// Says which QML modules are missing, on stderr and, when there is a screen, in a message box
// (the box is a widget: it needs no QML).
int reportMissingQmlModules(const QList<QmlModuleRequirement> &missing) {
  const QString text = missingQmlModulesMessage(missing);
  std::fprintf(stderr, "routeless: %s\n", qPrintable(text));
  const QString platform = QGuiApplication::platformName();
  if (platform != QLatin1String("offscreen") && platform != QLatin1String("minimal"))
    QMessageBox::critical(nullptr, QStringLiteral("Routeless"), text);
  return kExitMissingQmlModules;
}

void showWindow(QQuickWindow *window) {
  if (!window) return;
  if (!window->isVisible()) {
    window->show();
    return;
  }
  window->raise();
  window->requestActivate();
}
}  // namespace

int main(int argc, char **argv) {
  QElapsedTimer startClock;
  startClock.start();
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("Routeless"));
  QApplication::setApplicationDisplayName(QStringLiteral("Routeless"));
  QApplication::setApplicationVersion(QStringLiteral(ROUTELESS_VERSION));
  QGuiApplication::setDesktopFileName(QStringLiteral("routeless"));
  QQuickStyle::setStyle(QStringLiteral("Fusion"));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Routeless: meshes and tunnels from the tray"));
  parser.addHelpOption();
  parser.addVersionOption();
  QCommandLineOption minimized(QStringLiteral("minimized"),
                               QStringLiteral("Start hidden in the tray (when there is one)."));
  parser.addOption(minimized);
  QCommandLineOption screenshotDir(QStringLiteral("screenshot-dir"),
                                   QStringLiteral("Save a PNG of every screen and quit."),
                                   QStringLiteral("dir"));
  screenshotDir.setFlags(QCommandLineOption::HiddenFromHelp);
  parser.addOption(screenshotDir);
  QCommandLineOption screenshotWait(QStringLiteral("screenshot-wait"),
                                    QStringLiteral("Seconds to wait for hosts before shooting."),
                                    QStringLiteral("seconds"), QStringLiteral("30"));
  screenshotWait.setFlags(QCommandLineOption::HiddenFromHelp);
  parser.addOption(screenshotWait);
  QCommandLineOption quitAfter(QStringLiteral("quit-after-first-frame"),
                               QStringLiteral("Quit once the first frame is shown (benchmarks)."));
  quitAfter.setFlags(QCommandLineOption::HiddenFromHelp);
  parser.addOption(quitAfter);
  QCommandLineOption uiPort(
      QStringLiteral("ui-port"),
      QStringLiteral("The local UI protocol's port: attach to a routeless-node daemon there, or "
                     "serve the protocol there when none runs (0: off)."),
      QStringLiteral("port"), QStringLiteral("5333"));
  parser.addOption(uiPort);
  QCommandLineOption uiTokenFile(
      QStringLiteral("ui-token-file"),
      QStringLiteral("The UI protocol's token file (created on first start when the app serves "
                     "the protocol)."),
      QStringLiteral("file"));
  parser.addOption(uiTokenFile);
  QCommandLineOption uiAllowOrigin(
      QStringLiteral("ui-allow-origin"),
      QStringLiteral("Let web pages from this exact origin (scheme://host[:port]) use the UI "
                     "protocol; repeat for more."),
      QStringLiteral("origin"));
  parser.addOption(uiAllowOrigin);
  parser.process(app);
  // SIGTERM, SIGINT, SIGHUP (console events on Windows) end the event loop, so profiles are
  // disconnected and agents and tunnels stopped as on Quit.
  routeless::platform::StopRequests stop;
  QObject::connect(&stop, &routeless::platform::StopRequests::requested, &app,
                   [](const QString &what) {
                     qCInfo(lcMain).noquote() << what << "received: quitting";
                     QCoreApplication::quit();
                   });

  const QString configDir = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
  const QString autostartDir = routeless::platform::Autostart::defaultLocation();

  // Before anything starts: every QML module the screens and Qt's dialogs import must exist.
  auto engine = std::make_unique<QQmlApplicationEngine>();
  if (const auto missing = missingQmlModules(engine->importPathList()); !missing.isEmpty())
    return reportMissingQmlModules(missing);

  SingleInstance instance(configDir);
  if (!instance.claim()) {
    std::fprintf(stderr, "routeless: already running; asked the running instance to show itself\n");
    return 0;
  }

  App::Options options;
  options.configDir = configDir;
  options.autostartDir = autostartDir;
  options.nodeProgram = routeless::platform::siblingExecutable(QStringLiteral("routeless-node"));
  bool portOk = false;
  const uint port = parser.value(uiPort).toUInt(&portOk);
  if (!portOk || port > 65535) {
    std::fprintf(stderr, "routeless: --ui-port wants 0-65535, got \"%s\"\n",
                 qPrintable(parser.value(uiPort)));
    return 2;
  }
  options.uiPort = quint16(port);
  options.uiTokenFile = parser.value(uiTokenFile);
  options.uiAllowOrigins = parser.values(uiAllowOrigin);
  App routeless(options);
  // The screens bind to the App: their engine goes first, on every way out of main().
  const auto engineFirst = qScopeGuard([&engine] { engine.reset(); });
  App::setInstance(&routeless);
  LogCapture::install(routeless.logs());
  qCInfo(lcMain).noquote()
      << QStringLiteral("Routeless %1, config in %2").arg(routeless.version(), configDir);

  const bool trayAvailable = QSystemTrayIcon::isSystemTrayAvailable();
  routeless.setTrayAvailable(trayAvailable);
  QApplication::setQuitOnLastWindowClosed(!trayAvailable);
  std::unique_ptr<TrayIcon> tray;
  if (trayAvailable)
    tray = std::make_unique<TrayIcon>(&routeless);
  else
    qCInfo(lcMain) << "no system tray: closing the window quits";

  routeless.attachQmlEngine(engine.get());
  engine->load(QUrl(QStringLiteral("qrc:/Routeless/Main.qml")));
  if (engine->rootObjects().isEmpty()) {
    LogCapture::uninstall();
    return 1;
  }
  auto *window = qobject_cast<QQuickWindow *>(engine->rootObjects().first());
  // Hidden in the tray, the window gives its graphics resources back (GPU context, textures,
  // glyph caches); showing it again rebuilds them.
  window->setPersistentGraphics(false);
  window->setPersistentSceneGraph(false);
  const QMetaObject::Connection releaseOnHide =
      QObject::connect(window, &QWindow::visibleChanged, window, [window](bool visible) {
        if (!visible) window->releaseResources();
      });
  QObject::connect(&instance, &SingleInstance::activationRequested, window, [window] {
    qCInfo(lcMain) << "a second launch asked this instance to show its window";
    showWindow(window);
  });
  QObject::connect(&routeless, &App::activationRequested, window, [window] { showWindow(window); });
  if (tray)
    QObject::connect(tray.get(), &TrayIcon::showWindowRequested, window,
                     [window] { showWindow(window); });

  const bool quitOnFirstFrame = parser.isSet(quitAfter);
  QMetaObject::Connection firstFrame;
  bool firstFrameSeen = false;
  // frameSwapped comes from the render thread: several may be queued before the disconnect.
  firstFrame = QObject::connect(window, &QQuickWindow::frameSwapped, window, [&] {
    QObject::disconnect(firstFrame);
    if (std::exchange(firstFrameSeen, true)) return;
    qCInfo(lcMain).noquote() << QStringLiteral("first frame after %1 ms").arg(startClock.elapsed());
    if (quitOnFirstFrame) QCoreApplication::exit(0);
  });

  const bool hidden = (parser.isSet(minimized) || routeless.settings()->startMinimized()) &&
                      trayAvailable && !parser.isSet(screenshotDir);
  if (!hidden) showWindow(window);

  routeless.startUp();

  std::unique_ptr<Screenshotter> shooter;
  if (parser.isSet(screenshotDir)) {
    shooter = std::make_unique<Screenshotter>(&routeless, window, parser.value(screenshotDir),
                                              parser.value(screenshotWait).toInt());
    shooter->start();
  }

  const int rc = app.exec();
  // The window's destructor hides it once more, when it is no longer a QQuickWindow.
  QObject::disconnect(releaseOnHide);
  routeless.connection()->disconnectProfile();
  routeless.shutdown();
  tray.reset();
  LogCapture::uninstall();
  return rc;
}
