#pragma once
// QmlModuleCheck: before the window loads, makes sure every QML module the app imports (and
// the ones Qt loads on its behalf, such as the non-native file dialog's folder model) can be
// found, so that a missing package is reported by name instead of crashing later inside Qt.
// It only looks for the modules' qmldir files; it must never load a module itself.

#include <QList>
#include <QString>
#include <QStringList>

namespace routeless::desktop {

struct QmlModuleRequirement {
  QString uri;       // "QtQuick.Dialogs"
  QString package;   // the Debian package that installs it
  QString neededBy;  // what of the app breaks without it
};

// Every module the app needs at run time, in the order Qt resolves them.
QList<QmlModuleRequirement> requiredQmlModules();

// The requirements whose qmldir is in none of `importPaths` (engine import paths: directories,
// or "qrc:/..." / ":/..." resource folders).
QList<QmlModuleRequirement> missingQmlModules(
    const QStringList &importPaths,
    const QList<QmlModuleRequirement> &required = requiredQmlModules());

// What to tell the user: the missing modules, what breaks, and the command that installs them.
QString missingQmlModulesMessage(const QList<QmlModuleRequirement> &missing);

}  // namespace routeless::desktop
