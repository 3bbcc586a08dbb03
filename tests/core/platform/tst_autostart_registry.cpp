// core/platform/autostart_win.cpp, built on Linux with Qt alone: QSettings' native format is
// an INI file here instead of the registry, which is enough to check the Run value it writes
// (the command line quoted by CommandLineToArgvW's rules), its name and its removal.
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include "platform/autostart.h"

using routeless::platform::Autostart;

class TestAutostartRegistry : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void runValue_data() {
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("command");
    QTest::newRow("installed") << QStringLiteral("C:\\Program Files\\Routeless\\routeless.exe")
                               << QStringList{QStringLiteral("--minimized")}
                               << QStringLiteral(
                                      "\"C:\\Program Files\\Routeless\\routeless.exe\" "
                                      "--minimized");
    QTest::newRow("no spaces") << QStringLiteral("C:\\R\\routeless.exe") << QStringList()
                               << QStringLiteral("C:\\R\\routeless.exe");
    QTest::newRow("quote inside") << QStringLiteral("C:\\R\\routeless.exe")
                                  << QStringList{QStringLiteral("say \"hi\"")}
                                  << QStringLiteral("C:\\R\\routeless.exe \"say \\\"hi\\\"\"");
    QTest::newRow("backslashes before the closing quote")
        << QStringLiteral("C:\\My Dir\\") << QStringList() << QStringLiteral("\"C:\\My Dir\\\\\"");
    QTest::newRow("backslashes before an inner quote")
        << QStringLiteral("C:\\R\\routeless.exe") << QStringList{QStringLiteral("a\\\"b")}
        << QStringLiteral("C:\\R\\routeless.exe \"a\\\\\\\"b\"");
    QTest::newRow("empty argument")
        << QStringLiteral("C:\\R\\routeless.exe") << QStringList{QString()}
        << QStringLiteral("C:\\R\\routeless.exe \"\"");
  }
  void runValue() {
    QFETCH(QString, program);
    QFETCH(QStringList, arguments);
    QFETCH(QString, command);
    QTemporaryDir dir;
    const QString key = dir.filePath(QStringLiteral("Run.ini"));
    Autostart a({QStringLiteral("Routeless"), QStringLiteral("routeless"),
                 QStringLiteral("io.github.routeless.Routeless"), QString(), program, arguments},
                key);
    QCOMPARE(a.entryLocation(), key + QStringLiteral("\\Routeless"));
    QVERIFY(!a.isEnabled());
    QString error;
    QVERIFY2(a.setEnabled(true, &error), qPrintable(error));
    QVERIFY(a.isEnabled());
    QCOMPARE(QSettings(key, QSettings::NativeFormat).value(QStringLiteral("Routeless")).toString(),
             command);
    QVERIFY(a.setEnabled(false, &error));
    QVERIFY(!a.isEnabled());
    QVERIFY(!QSettings(key, QSettings::NativeFormat).contains(QStringLiteral("Routeless")));
  }

  void theUninstallersValue() {
    // installer/packaging.cmake deletes HKCU\...\Run\Routeless on uninstall.
    QCOMPARE(
        Autostart::defaultLocation(),
        QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"));
  }
};

QTEST_GUILESS_MAIN(TestAutostartRegistry)
#include "tst_autostart_registry.moc"
