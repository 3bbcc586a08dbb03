#pragma once
// The UI protocol's shared secret and its file: where the file is, what it holds (one line of
// 64 hex digits, 256 random bits), creating it on a server's first start (private to the user,
// atomically) and reading it in every client. It never logs the token, never writes it
// anywhere but that file, and never accepts a file another user could read or replace.

#include <QByteArray>
#include <QString>
#include <optional>

namespace routeless::control {

class UiTokenFile {
 public:
  static constexpr int kRandomBytes = 32;  // 256 bits, written as 64 hex digits
  static constexpr qsizetype kMaxFileBytes = 4096;

  // The file to use: `option` (--ui-token-file) when given, else $ROUTELESS_UI_TOKEN_FILE,
  // else defaultPath(). Relative paths are made absolute against the working directory.
  static QString resolvePath(const QString &option = QString());
  // ui-token in localfile::privateConfigDirectory(); empty when the home folder is unknown.
  static QString defaultPath();

  // For servers: the token in `path`; on first use a fresh random one is written there (its
  // folder created private if missing). nullopt with *error saying why and what to do.
  static std::optional<QByteArray> loadOrCreate(const QString &path, QString *error);
  // For clients: the token in `path`, which must exist.
  static std::optional<QByteArray> read(const QString &path, QString *error);

  // A token is 32 to 128 characters from A-Z a-z 0-9 - _ (so it fits an HTTP header and a
  // WebSocket subprotocol value unchanged).
  static bool isWellFormed(QByteArrayView token);
  static QByteArray generate();
};

}  // namespace routeless::control
