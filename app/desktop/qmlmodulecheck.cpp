#include "qmlmodulecheck.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace routeless::desktop {

QList<QmlModuleRequirement> requiredQmlModules() {
  // Qt's own dialogs are QML files that import more modules than the screens do: without a
  // platform file dialog (plain X11, Xvfb, most window managers without a portal) Qt falls back
  // to QtQuick.Dialogs.quickimpl, whose FileDialog imports Qt.labs.folderlistmodel; when that is
  // missing, Qt 6.4 dereferences a null dialog in FileDialog.open() and the app dies.
  const QString screens = QCoreApplication::translate("QmlModuleCheck", "every screen");
  const QString dialogs = QCoreApplication::translate("QmlModuleCheck", "the file dialogs");
  return {
      {QStringLiteral("QtQml"), QStringLiteral("qml6-module-qtqml"), screens},
      {QStringLiteral("QtQml.Models"), QStringLiteral("qml6-module-qtqml-models"), screens},
      {QStringLiteral("QtQml.WorkerScript"), QStringLiteral("qml6-module-qtqml-workerscript"),
       screens},
      {QStringLiteral("QtQuick"), QStringLiteral("qml6-module-qtquick"), screens},
      {QStringLiteral("QtQuick.Window"), QStringLiteral("qml6-module-qtquick-window"), screens},
      {QStringLiteral("QtQuick.Layouts"), QStringLiteral("qml6-module-qtquick-layouts"), screens},
      {QStringLiteral("QtQuick.Templates"), QStringLiteral("qml6-module-qtquick-templates"),
       screens},
      {QStringLiteral("QtQuick.Controls"), QStringLiteral("qml6-module-qtquick-controls"), screens},
      {QStringLiteral("QtQuick.Controls.Fusion"), QStringLiteral("qml6-module-qtquick-controls"),
       screens},
      {QStringLiteral("QtQuick.Dialogs"), QStringLiteral("qml6-module-qtquick-dialogs"), dialogs},
      {QStringLiteral("QtQuick.Dialogs.quickimpl"), QStringLiteral("qml6-module-qtquick-dialogs"),
       dialogs},
      {QStringLiteral("Qt.labs.folderlistmodel"),
       QStringLiteral("qml6-module-qt-labs-folderlistmodel"), dialogs},
  };
}

namespace {
QString localFolder(const QString &importPath) {
  if (importPath.startsWith(QLatin1String("qrc:"))) return QLatin1Char(':') + importPath.mid(4);
  return importPath;
}
}  // namespace

QList<QmlModuleRequirement> missingQmlModules(const QStringList &importPaths,
                                              const QList<QmlModuleRequirement> &required) {
  QList<QmlModuleRequirement> missing;
  for (const QmlModuleRequirement &module : required) {
    const QString relative =
        QString(module.uri).replace(QLatin1Char('.'), QLatin1Char('/')) + QStringLiteral("/qmldir");
    bool found = false;
    for (const QString &path : importPaths) {
      if (QFileInfo::exists(QDir(localFolder(path)).filePath(relative))) {
        found = true;
        break;
      }
    }
    if (!found) missing.append(module);
  }
  return missing;
}

QString missingQmlModulesMessage(const QList<QmlModuleRequirement> &missing) {
  QStringList lines;
  QStringList packages;
  for (const QmlModuleRequirement &m : missing) {
    lines << QCoreApplication::translate("QmlModuleCheck", "%1 (package %2), needed by %3")
                 .arg(m.uri, m.package, m.neededBy);
    if (!packages.contains(m.package)) packages << m.package;
  }
  return QCoreApplication::translate("QmlModuleCheck",
                                     "Routeless cannot start: these Qt QML modules are not "
                                     "installed:\n  %1\nOn Debian or Ubuntu, install them with:\n"
                                     "  sudo apt install %2")
      .arg(lines.join(QStringLiteral("\n  ")), packages.join(QLatin1Char(' ')));
}

}  // namespace routeless::desktop
