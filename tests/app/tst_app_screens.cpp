// Integration: `routeless` alone, offscreen, in a fresh HOME: the first run creates the demo,
// both hosts become Ready, and every screen renders to a PNG that is not blank.
#include <QProcess>
#include <QtTest>

#include "apptestkit.h"

class TestAppScreens : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void demoAndScreenshots() {
    QTemporaryDir home;
    QVERIFY(home.isValid());
    const QString shots = home.filePath(QStringLiteral("shots"));

    QProcess app;
    const QProcessEnvironment env = appTestEnvironment(home);
    app.setProcessEnvironment(env);
    app.start(QStringLiteral(ROUTELESS_DESKTOP_BIN),
              {QStringLiteral("--screenshot-dir"), shots, QStringLiteral("--screenshot-wait"),
               QStringLiteral("30")});
    QVERIFY(app.waitForStarted(5000));
    const bool finished = app.waitForFinished(70000);
    if (!finished) {
      app.kill();
      app.waitForFinished(3000);
    }
    const QString out = QString::fromUtf8(app.readAllStandardOutput());
    const QString err = QString::fromUtf8(app.readAllStandardError());
    QVERIFY2(finished, qPrintable(err.right(2000)));
    QCOMPARE(app.exitStatus(), QProcess::NormalExit);
    QVERIFY2(app.exitCode() == 0, qPrintable(out + err.right(2000)));

    QVERIFY2(out.contains(QLatin1String("screenshot: hosts ready 2/2")),
             qPrintable(out + err.right(3000)));
    // The window's own title is the state; Qt appends the application's name ("Connected —
    // Routeless"), so the name must not be in it or the bar would say it twice.
    QVERIFY2(out.contains(QLatin1String("screenshot: title Connected\n")), qPrintable(out));
    QVERIFY2(
        !out.contains(QRegularExpression(QStringLiteral("screenshot: title [^\\n]*Routeless"))),
        qPrintable(out));
    QVERIFY(err.contains(QLatin1String("first run: created the \"Local demo\" profile")));
    // The test's own demo ports (apptestkit.h), never the fixed ones a user's demo takes.
    QVERIFY2(err.contains(QStringLiteral("demo traffic reaches the responder via 127.0.42.2:") +
                          demoForwardPort(env)),
             qPrintable(err.right(3000)));
    // The profile landed in the temporary config, never in the real one.
    QVERIFY(
        QFile::exists(home.filePath(QStringLiteral(".config/Routeless/profiles/local-demo.json"))));

    for (const char *page : {"mesh", "tunnels", "profiles", "logs", "settings", "host-dialog"}) {
      const QString path = QDir(shots).filePath(QLatin1String(page) + QStringLiteral(".png"));
      QImage image(path);
      QVERIFY2(!image.isNull(), qPrintable(path));
      QVERIFY(image.width() >= 800 && image.height() >= 500);
      // Not blank: many colours, and a good share of pixels differ from the most common one.
      QHash<QRgb, int> histogram;
      const QImage small =
          image.scaled(image.width() / 2, image.height() / 2).convertToFormat(QImage::Format_RGB32);
      for (int y = 0; y < small.height(); ++y)
        for (int x = 0; x < small.width(); ++x) ++histogram[small.pixel(x, y)];
      int top = 0;
      for (int n : histogram) top = qMax(top, n);
      const double otherShare = 1.0 - double(top) / double(small.width() * small.height());
      QVERIFY2(histogram.size() > 50,
               qPrintable(QStringLiteral("%1: %2 colours").arg(path).arg(histogram.size())));
      QVERIFY2(otherShare > 0.08,
               qPrintable(QStringLiteral("%1: %2 non-background").arg(path).arg(otherShare)));
    }
  }

  void secondLaunchRaisesTheFirst() {
    QTemporaryDir home;
    const QProcessEnvironment env = appTestEnvironment(home);
    QProcess first;
    first.setProcessEnvironment(env);
    first.start(QStringLiteral(ROUTELESS_DESKTOP_BIN), {});
    QVERIFY(first.waitForStarted(5000));
    QString firstLog;
    QTRY_VERIFY_WITH_TIMEOUT((firstLog += QString::fromUtf8(first.readAllStandardError()),
                              firstLog.contains(QLatin1String("first frame after"))),
                             15000);
    QProcess second;
    second.setProcessEnvironment(env);
    second.start(QStringLiteral(ROUTELESS_DESKTOP_BIN), {});
    QVERIFY(second.waitForFinished(10000));
    QCOMPARE(second.exitCode(), 0);
    QVERIFY(QString::fromUtf8(second.readAllStandardError())
                .contains(QLatin1String("already running")));
    QTRY_VERIFY_WITH_TIMEOUT((firstLog += QString::fromUtf8(first.readAllStandardError()),
                              firstLog.contains(QLatin1String("a second launch asked"))),
                             5000);
    first.terminate();  // SIGTERM: the app disconnects and stops its agents and tunnels
    QVERIFY(first.waitForFinished(15000));
    QCOMPARE(first.exitCode(), 0);
    firstLog += QString::fromUtf8(first.readAllStandardError());
    QVERIFY(firstLog.contains(QLatin1String("Disconnected. Nothing is running.")));
  }
};

QTEST_GUILESS_MAIN(TestAppScreens)
#include "tst_app_screens.moc"
