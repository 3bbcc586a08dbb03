// Integration: `routeless` started where a QML module it needs is not installed must say which
// module and which package is missing, exit with status 4 and start nothing (no profile, no
// agent), never crash. The import folder is hidden with a qt.conf beside a copy of the binary
// (Qt reads qt.conf from the executable's folder), pointing QmlImports at a mirror of the real
// one that lacks the module.
#include <QLibraryInfo>
#include <QProcess>
#include <QtTest>

#include "apptestkit.h"

namespace {
// Recreates `from` in `to` as symbolic links, except `hidden` (a path relative to `from`): the
// folders on the way to it are real, everything else links to the original.
bool mirrorWithout(const QString &from, const QString &to, const QString &hidden) {
  if (!QDir().mkpath(to)) return false;
  const auto entries =
      QDir(from).entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
  for (const QFileInfo &e : entries) {
    const QString name = e.fileName();
    if (name == hidden) continue;
    if (hidden.startsWith(name + QLatin1Char('/'))) {
      if (!mirrorWithout(e.filePath(), QDir(to).filePath(name), hidden.mid(name.size() + 1)))
        return false;
    } else if (!QFile::link(e.filePath(), QDir(to).filePath(name))) {
      return false;
    }
  }
  return true;
}
}  // namespace

class TestAppQmlModules : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void missingModuleIsNamed_data() {
    QTest::addColumn<QString>("hidden");
    QTest::addColumn<QString>("package");
    QTest::newRow("file dialogs' folder model") << "Qt/labs/folderlistmodel"
                                                << "qml6-module-qt-labs-folderlistmodel";
    QTest::newRow("controls") << "QtQuick/Controls"
                              << "qml6-module-qtquick-controls";
    QTest::newRow("dialogs") << "QtQuick/Dialogs"
                             << "qml6-module-qtquick-dialogs";
    QTest::newRow("layouts") << "QtQuick/Layouts"
                             << "qml6-module-qtquick-layouts";
  }

  void missingModuleIsNamed() {
    QFETCH(QString, hidden);
    QFETCH(QString, package);
    const QString qmlDir = QLibraryInfo::path(QLibraryInfo::QmlImportsPath);
    if (!QFileInfo::exists(QDir(qmlDir).filePath(hidden)))
      QSKIP(qPrintable(hidden + QStringLiteral(" is not installed here in the first place")));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString imports = dir.filePath(QStringLiteral("qml"));
    QVERIFY(mirrorWithout(qmlDir, imports, hidden));
    const QString bin = dir.filePath(QStringLiteral("bin"));
    QVERIFY(QDir().mkpath(bin));
    const QString app = QDir(bin).filePath(QStringLiteral("routeless"));
    QVERIFY(QFile::copy(QStringLiteral(ROUTELESS_DESKTOP_BIN), app));
    QFile conf(QDir(bin).filePath(QStringLiteral("qt.conf")));
    QVERIFY(conf.open(QIODevice::WriteOnly));
    conf.write(QStringLiteral("[Paths]\nPrefix=%1\nLibraries=%2\nPlugins=%3\nQmlImports=%4\n"
                              "Translations=%5\n")
                   .arg(QLibraryInfo::path(QLibraryInfo::PrefixPath),
                        QLibraryInfo::path(QLibraryInfo::LibrariesPath),
                        QLibraryInfo::path(QLibraryInfo::PluginsPath), imports,
                        QLibraryInfo::path(QLibraryInfo::TranslationsPath))
                   .toUtf8());
    conf.close();

    QProcess run;
    QProcessEnvironment env = appTestEnvironment(dir);
    env.remove(QStringLiteral("QML_IMPORT_PATH"));
    env.remove(QStringLiteral("QML2_IMPORT_PATH"));
    run.setProcessEnvironment(env);
    run.start(app, {QStringLiteral("--ui-port"), QStringLiteral("0")});
    QVERIFY(run.waitForStarted(5000));
    QVERIFY(run.waitForFinished(30000));
    const QString err = QString::fromUtf8(run.readAllStandardError());
    QCOMPARE(run.exitStatus(), QProcess::NormalExit);  // no segfault
    QVERIFY2(run.exitCode() == 4, qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("Routeless cannot start")), qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("sudo apt install ") + package), qPrintable(err));
    // Nothing started: no first-run demo profile was written, no agent was launched.
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral(".config/Routeless/profiles"))));
    QVERIFY(!err.contains(QLatin1String("starting alpha")));
  }

  void everythingInstalledStarts() {
    // The same copy with the real import folder starts and shows a frame: the test above fails
    // for the module it hides, not for the copy.
    QTemporaryDir dir;
    const QString bin = dir.filePath(QStringLiteral("bin"));
    QVERIFY(QDir().mkpath(bin));
    const QString app = QDir(bin).filePath(QStringLiteral("routeless"));
    QVERIFY(QFile::copy(QStringLiteral(ROUTELESS_DESKTOP_BIN), app));
    QVERIFY(QFile::link(QStringLiteral(ROUTELESS_NODE_BIN),
                        QDir(bin).filePath(QStringLiteral("routeless-node"))));
    QProcess run;
    run.setProcessEnvironment(appTestEnvironment(dir));
    run.start(app, {QStringLiteral("--ui-port"), QStringLiteral("0"),
                    QStringLiteral("--quit-after-first-frame")});
    QVERIFY(run.waitForStarted(5000));
    QVERIFY(run.waitForFinished(30000));
    const QString err = QString::fromUtf8(run.readAllStandardError());
    QVERIFY2(run.exitStatus() == QProcess::NormalExit && run.exitCode() == 0, qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("first frame after")), qPrintable(err));
  }
};

QTEST_GUILESS_MAIN(TestAppQmlModules)
#include "tst_app_qmlmodules.moc"
