// QmlModuleCheck: which QML modules count as missing for a given import path, that the list
// covers every module the screens import, and that the set-up script and the .deb install every
// package the list names.
#include <QDirIterator>
#include <QQmlEngine>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "qmlmodulecheck.h"

using namespace routeless::desktop;

namespace {
QStringList uris(const QList<QmlModuleRequirement> &list) {
  QStringList out;
  for (const auto &m : list) out << m.uri;
  return out;
}

QString readSource(const QString &relative) {
  QFile f(QStringLiteral(ROUTELESS_SOURCE_DIR "/") + relative);
  return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}
}  // namespace

class TestQmlModuleCheck : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void missingIsWhatNoImportPathHolds() {
    QTemporaryDir a, b;
    auto addQmldir = [](const QTemporaryDir &dir, const QString &uri) {
      const QString folder = dir.filePath(QString(uri).replace(QLatin1Char('.'), QLatin1Char('/')));
      QVERIFY(QDir().mkpath(folder));
      QFile f(folder + QStringLiteral("/qmldir"));
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write("module " + uri.toUtf8() + "\n");
    };
    addQmldir(a, QStringLiteral("QtQuick"));
    addQmldir(b, QStringLiteral("QtQuick.Dialogs"));
    // A folder without its qmldir does not count.
    QVERIFY(QDir().mkpath(a.filePath(QStringLiteral("Qt/labs/folderlistmodel"))));

    const QList<QmlModuleRequirement> required = requiredQmlModules();
    const QStringList missing = uris(missingQmlModules({a.path(), b.path()}, required));
    QVERIFY(!missing.contains(QStringLiteral("QtQuick")));
    QVERIFY(!missing.contains(QStringLiteral("QtQuick.Dialogs")));
    QVERIFY(missing.contains(QStringLiteral("Qt.labs.folderlistmodel")));
    QVERIFY(missing.contains(QStringLiteral("QtQuick.Controls")));
    QCOMPARE(missing.size(), required.size() - 2);
    QCOMPARE(uris(missingQmlModules({}, required)).size(), required.size());
  }

  void resourceImportPathsCount() {
    // The app's own module is compiled in (qrc:/Routeless/qmldir).
    const QList<QmlModuleRequirement> own{{QStringLiteral("Routeless"), {}, {}}};
    QVERIFY(missingQmlModules({QStringLiteral("qrc:/")}, own).isEmpty());
    QVERIFY(missingQmlModules({QStringLiteral(":/")}, own).isEmpty());
    QCOMPARE(missingQmlModules({QStringLiteral("qrc:/nowhere")}, own).size(), 1);
  }

  void messageNamesModulesAndPackagesOnce() {
    const QList<QmlModuleRequirement> missing{
        {QStringLiteral("QtQuick.Dialogs"), QStringLiteral("qml6-module-qtquick-dialogs"),
         QStringLiteral("the file dialogs")},
        {QStringLiteral("QtQuick.Dialogs.quickimpl"), QStringLiteral("qml6-module-qtquick-dialogs"),
         QStringLiteral("the file dialogs")}};
    const QString text = missingQmlModulesMessage(missing);
    QVERIFY(text.contains(QLatin1String("QtQuick.Dialogs.quickimpl")));
    QVERIFY(text.contains(QLatin1String("sudo apt install qml6-module-qtquick-dialogs")));
    QCOMPARE(text.count(QLatin1String("apt install qml6-module-qtquick-dialogs")), 1);
    QVERIFY(
        !text.contains(QLatin1String("qml6-module-qtquick-dialogs qml6-module-qtquick-dialogs")));
  }

  void everyImportOfTheScreensIsChecked() {
    const QStringList required = uris(requiredQmlModules());
    QDirIterator it(QStringLiteral(ROUTELESS_SOURCE_DIR "/qml"), {QStringLiteral("*.qml")});
    static const QRegularExpression importLine(QStringLiteral("^import\\s+([A-Za-z][\\w.]*)"),
                                               QRegularExpression::MultilineOption);
    int files = 0;
    while (it.hasNext()) {
      QFile f(it.next());
      QVERIFY(f.open(QIODevice::ReadOnly));
      ++files;
      auto matches = importLine.globalMatch(QString::fromUtf8(f.readAll()));
      while (matches.hasNext()) {
        const QString uri = matches.next().captured(1);
        if (uri == QLatin1String("Routeless")) continue;
        QVERIFY2(required.contains(uri),
                 qPrintable(QStringLiteral("%1 imports %2, which the start-up check does not know")
                                .arg(f.fileName(), uri)));
      }
    }
    QVERIFY(files >= 10);
  }

  void setupAndPackageInstallEveryModule() {
    const QString setup = readSource(QStringLiteral(".ci/setup"));
    const QString packaging = readSource(QStringLiteral("installer/packaging.cmake"));
    QVERIFY(!setup.isEmpty() && !packaging.isEmpty());
    for (const auto &m : requiredQmlModules()) {
      const QRegularExpression word(
          QStringLiteral("(^|[\\s,\"])%1($|[\\s,\"])").arg(QRegularExpression::escape(m.package)),
          QRegularExpression::MultilineOption);
      QVERIFY2(setup.contains(word), qPrintable(m.package + QStringLiteral(" not in .ci/setup")));
      QVERIFY2(packaging.contains(word),
               qPrintable(m.package + QStringLiteral(" not in the .deb dependencies")));
    }
  }

  void thisMachineHasEveryModule() {
    // What .ci/setup installs is enough for the app to start here.
    QQmlEngine engine;
    const auto missing = missingQmlModules(engine.importPathList());
    QVERIFY2(missing.isEmpty(), qPrintable(missingQmlModulesMessage(missing)));
  }
};

QTEST_MAIN(TestQmlModuleCheck)
#include "tst_qmlmodulecheck.moc"
