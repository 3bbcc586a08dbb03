// Integration under Xvfb with trayer (an XEmbed tray): the app starts minimized to the tray,
// connects the demo, xdotool stops the demo's forward from its submenu, then toggles the
// profile off and on again through the tray menu.
#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

#include "apptestkit.h"

class TestAppTray : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void toggleProfileFromTrayMenu() {
    for (const char *tool : {"xvfb-run", "trayer", "xdotool"}) {
      if (QStandardPaths::findExecutable(QLatin1String(tool)).isEmpty()) {
        const QByteArray why =
            QByteArray(tool) +
            " is not installed; the tray test needs xvfb-run, trayer and xdotool";
        qInfo("%s", why.constData());
        QSKIP(why.constData());
      }
    }
    QTemporaryDir home;
    const QString log = home.filePath(QStringLiteral("app.log"));

    QProcess run;
    QProcessEnvironment env = appTestEnvironment(home, false);  // a real X server this time
    run.setProcessEnvironment(env);
    run.setProcessChannelMode(QProcess::MergedChannels);
    run.start(QStringLiteral("xvfb-run"),
              {QStringLiteral("-a"), QStringLiteral("-s"), QStringLiteral("-screen 0 1280x800x24"),
               QStringLiteral(ROUTELESS_SOURCE_DIR "/tests/app/tray_driver.sh"),
               QStringLiteral(ROUTELESS_DESKTOP_BIN), log});
    QVERIFY(run.waitForStarted(5000));
    const bool finished = run.waitForFinished(90000);
    if (!finished) {
      run.terminate();
      if (!run.waitForFinished(5000)) run.kill();
    }
    const QString out = QString::fromUtf8(run.readAll());
    QFile f(log);
    const QString appLog = f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    const QByteArray context =
        (out + QStringLiteral("\n--- app log ---\n") + appLog.right(3000)).toUtf8();
    QVERIFY2(finished, context.constData());

    QVERIFY2(appLog.contains(QLatin1String("[tray] icon shows Idle")), context.constData());
    QVERIFY2(out.contains(QLatin1String("MARK connected-at-start")), context.constData());
    QVERIFY2(appLog.contains(QLatin1String("[tray] icon shows Connected")), context.constData());
    // The forward's submenu, by keyboard: Stop reaches beta's agent, which closes the port in
    // place; no agent restarts.
    QVERIFY2(out.contains(QLatin1String("MARK forward-stop-requested")), context.constData());
    QVERIFY2(out.contains(QLatin1String("MARK forward-stopped")), context.constData());
    QVERIFY2(out.contains(QLatin1String("MARK no-restart")), context.constData());
    // First toggle from the tray menu: off. The icon and the notification say so.
    QVERIFY2(out.contains(QLatin1String("MARK disconnected-by-tray")), context.constData());
    QVERIFY2(out.contains(QLatin1String("MARK icon-idle")), context.constData());
    // Second toggle: on again, and it comes back Connected.
    QVERIFY2(out.contains(QLatin1String("MARK reconnect-requested")), context.constData());
    QVERIFY2(out.contains(QLatin1String("MARK connected-by-tray")), context.constData());
    QVERIFY(out.contains(QLatin1String("MARK done")));
  }
};

QTEST_GUILESS_MAIN(TestAppTray)
#include "tst_app_tray.moc"
