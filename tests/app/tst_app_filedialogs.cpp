// Integration under Xvfb (a real X server, no platform file dialog, so Qt uses its own QML one,
// which needs Qt.labs.folderlistmodel): every file dialog of the app is opened with the
// keyboard, cancelled or accepted, and the app must stay alive and do what was asked: a
// profile imported from a file, the log saved (and a file replaced only once confirmed), a
// profile exported.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

#include "apptestkit.h"

class TestAppFileDialogs : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void everyFileDialogUnderXvfb() {
    for (const char *tool : {"xvfb-run", "xdotool"}) {
      if (QStandardPaths::findExecutable(QLatin1String(tool)).isEmpty()) {
        const QByteArray why =
            QByteArray(tool) + " is not installed; the file dialog test needs xvfb-run and xdotool";
        qInfo("%s", why.constData());
        QSKIP(why.constData());
      }
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // HOME is where the dialogs open (there is no Documents folder in it); the app's log lives
    // outside it so that the dialogs list only what the test put there.
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("home")));
    // A folder, as every home has: Qt 6.4's dialog only tabs from its list to the Save button
    // when the list shows at least one entry.
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("home/zzz-folder")));
    const QString home = dir.filePath(QStringLiteral("home"));
    const QString log = dir.filePath(QStringLiteral("app.log"));
    {
      QFile links(QDir(home).filePath(QStringLiteral("aaa-tunnels.txt")));
      QVERIFY(links.open(QIODevice::WriteOnly));
      links.write(
          "server://key@:10101/127.0.0.1:8080\nclient://key@127.0.0.1:10101/127.0.0.1:9090\n");
    }

    QProcess run;
    QProcessEnvironment env = appTestEnvironment(dir, false);  // a real X server
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("ROUTELESS_DIALOG_LOG"), log);
    run.setProcessEnvironment(env);
    run.setProcessChannelMode(QProcess::MergedChannels);
    run.start(QStringLiteral("xvfb-run"),
              {QStringLiteral("-a"), QStringLiteral("-s"), QStringLiteral("-screen 0 1280x800x24"),
               QStringLiteral(ROUTELESS_SOURCE_DIR "/tests/app/filedialog_driver.sh"),
               QStringLiteral(ROUTELESS_DESKTOP_BIN)});
    QVERIFY(run.waitForStarted(5000));
    const bool finished = run.waitForFinished(150000);
    if (!finished) {
      run.terminate();
      if (!run.waitForFinished(5000)) run.kill();
    }
    const QString out = QString::fromUtf8(run.readAll());
    QFile f(log);
    const QString appLog = f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    const QByteArray context =
        (out + QStringLiteral("\n--- app log ---\n") + appLog.right(4000)).toUtf8();
    QVERIFY2(finished, context.constData());

    for (const char *mark : {"started", "import-cancelled", "imported", "log-saved",
                             "replace-declined", "replaced", "exported", "alive-at-end"})
      QVERIFY2(out.contains(QStringLiteral("MARK %1\n").arg(QLatin1String(mark))),
               (QByteArray("missing MARK ") + mark + "\n" + context).constData());
    QVERIFY2(out.contains(QLatin1String("MARK exit 0")), context.constData());
    QVERIFY2(!appLog.contains(QLatin1String("is not installed")), context.constData());

    // The import made a profile with both tunnels; the export wrote it back as a profile.
    const QString profiles = dir.filePath(QStringLiteral(".config/Routeless/profiles"));
    const QStringList stored = QDir(profiles).entryList({QStringLiteral("*.json")}, QDir::Files);
    QVERIFY2(stored.contains(QStringLiteral("aaa-tunnels.json")), qPrintable(stored.join(' ')));
    QFile exported(QDir(home).filePath(QStringLiteral("aaa-tunnels.json")));
    QVERIFY2(exported.open(QIODevice::ReadOnly), context.constData());
    const QJsonObject json = QJsonDocument::fromJson(exported.readAll()).object();
    QCOMPARE(json.value(QLatin1String("format")).toString(), QStringLiteral("routeless-profile"));
    QCOMPARE(json.value(QLatin1String("tunnels")).toArray().size(), 2);
    // Saved without keys (the export dialog's default): the key is masked or absent.
    QVERIFY(!QJsonDocument(json).toJson().contains("key@"));

    QFile saved(QDir(home).filePath(QStringLiteral("routeless.log")));
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QVERIFY(saved.readAll().contains("imported 1 profile(s) from aaa-tunnels.txt"));
    // The file the import read was never overwritten.
    QFile source(QDir(home).filePath(QStringLiteral("aaa-tunnels.txt")));
    QVERIFY(source.open(QIODevice::ReadOnly));
    QVERIFY(source.readAll().startsWith("server://key@"));
  }
};

QTEST_GUILESS_MAIN(TestAppFileDialogs)
#include "tst_app_filedialogs.moc"
