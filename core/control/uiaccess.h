#pragma once
// What a UI protocol server admits, gathered in one place for every front end that serves it
// (the daemon, the engine it starts, the desktop app): the token file's path (which is what
// gets passed on to a child, never the token), the token read from it, and the web origins
// the user allowed. It never logs the token.

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

#include "control/uihandshake.h"

namespace routeless::control {

struct UiAccess {
  QString tokenFile;
  QByteArray token;
  QList<WebOrigin> allowedOrigins;

  // The token file from `tokenFileOption` (--ui-token-file), else $ROUTELESS_UI_TOKEN_FILE,
  // else the default, created on first use; the origins of every `allowOrigins` entry (each
  // may list several, comma-separated) and of $ROUTELESS_UI_ALLOW_ORIGIN.
  static std::optional<UiAccess> forServer(const QString &tokenFileOption,
                                           const QStringList &allowOrigins, QString *error);
  // The allowed origins as one comma-separated --ui-allow-origin value.
  QString originsText() const;
};

}  // namespace routeless::control
