// Autostart on Linux: an XDG autostart entry written atomically into the given folder (made when
// missing), with the program and arguments quoted as the Desktop Entry spec asks; removing it
// twice is fine; a folder that cannot be made is an error naming the file.
#include <QTemporaryDir>
#include <QtTest>

#include "platform/autostart.h"

using routeless::platform::Autostart;

namespace {

Autostart::App app(const QString &program, const QStringList &arguments) {
  return {QStringLiteral("Routeless"),
          QStringLiteral("routeless"),
          QStringLiteral("io.github.routeless.Routeless"),
          QStringLiteral("Meshes and tunnels"),
          program,
          arguments};
}

QString fileText(const QString &path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

}  // namespace

class TestAutostart : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void entryRoundTrip() {
    QTemporaryDir home;
    const QString folder = home.filePath(QStringLiteral("config/autostart"));
    Autostart a(app(QStringLiteral("/usr/bin/routeless"), {QStringLiteral("--minimized")}), folder);
    QCOMPARE(a.entryLocation(), folder + QStringLiteral("/routeless.desktop"));
    QVERIFY(!a.isEnabled());
    QString error;
    QVERIFY2(a.setEnabled(true, &error), qPrintable(error));
    QVERIFY(a.isEnabled());
    const QString text = fileText(a.entryLocation());
    QVERIFY(text.startsWith(QLatin1String("[Desktop Entry]\n")));
    QVERIFY(text.contains(QLatin1String("\nType=Application\n")));
    QVERIFY(text.contains(QLatin1String("\nName=Routeless\n")));
    QVERIFY(text.contains(QLatin1String("\nComment=Meshes and tunnels\n")));
    QVERIFY(text.contains(QLatin1String("\nExec=/usr/bin/routeless --minimized\n")));
    QVERIFY(text.contains(QLatin1String("\nIcon=routeless\n")));
    QVERIFY2(a.setEnabled(true, &error), qPrintable(error));  // again: rewritten, still one file
    QVERIFY(a.setEnabled(false, &error));
    QVERIFY(!a.isEnabled());
    QVERIFY(!QFile::exists(a.entryLocation()));
    QVERIFY(a.setEnabled(false, &error));  // nothing to remove is not an error
  }

  void execLineQuoting_data() {
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("exec");
    QTest::newRow("space") << QStringLiteral("/opt/My Apps/routeless") << QStringList()
                           << QStringLiteral("\"/opt/My Apps/routeless\"");
    QTest::newRow("reserved characters")
        << QStringLiteral("/opt/a$b`c\"d\\e/routeless") << QStringList()
        << QStringLiteral("\"/opt/a\\\\$b\\\\`c\\\\\"d\\\\\\\\e/routeless\"");
    QTest::newRow("percent") << QStringLiteral("/usr/bin/routeless")
                             << QStringList{QStringLiteral("--note=100%")}
                             << QStringLiteral("/usr/bin/routeless --note=100%%");
    QTest::newRow("empty argument")
        << QStringLiteral("/usr/bin/routeless") << QStringList{QString()}
        << QStringLiteral("/usr/bin/routeless \"\"");
  }
  void execLineQuoting() {
    QFETCH(QString, program);
    QFETCH(QStringList, arguments);
    QFETCH(QString, exec);
    QTemporaryDir home;
    Autostart a(app(program, arguments), home.path());
    QVERIFY(a.setEnabled(true));
    QVERIFY2(fileText(a.entryLocation()).contains(QStringLiteral("\nExec=") + exec + u'\n'),
             qPrintable(fileText(a.entryLocation())));
  }

  void unwritableFolderIsAnError() {
    QTemporaryDir home;
    QFile blocker(home.filePath(QStringLiteral("autostart")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));  // a file where the folder should be
    blocker.close();
    Autostart a(app(QStringLiteral("/usr/bin/routeless"), {}),
                home.filePath(QStringLiteral("autostart/sub")));
    QString error;
    QVERIFY(!a.setEnabled(true, &error));
    QVERIFY2(error.contains(a.entryLocation()), qPrintable(error));
    QVERIFY(!a.isEnabled());
  }
};

QTEST_GUILESS_MAIN(TestAutostart)
#include "tst_autostart.moc"
