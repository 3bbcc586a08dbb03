#include "control/uitoken.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include "control/localfile.h"

namespace routeless::control {
namespace {

// localfile takes UTF-8 paths (what Qt 6 uses for file names on Unix; widened on Windows).
std::string toNative(const QString &path) { return path.toUtf8().toStdString(); }

// The first line without its end; the rest of the file is ignored.
QByteArray firstLine(const std::string &contents) {
  QByteArray line = QByteArray::fromStdString(contents);
  const qsizetype nl = line.indexOf('\n');
  if (nl >= 0) line.truncate(nl);
  if (line.endsWith('\r')) line.chop(1);
  return line;
}

std::optional<QByteArray> readExisting(const QString &path, localfile::Read *status,
                                       QString *error) {
  std::string contents, why;
  *status = localfile::readPrivateFile(toNative(path), size_t(UiTokenFile::kMaxFileBytes),
                                       &contents, &why);
  if (*status != localfile::Read::Ok) {
    *error = QStringLiteral("UI token file %1: %2").arg(path, QString::fromStdString(why));
    return std::nullopt;
  }
  const QByteArray token = firstLine(contents);
  if (!UiTokenFile::isWellFormed(token)) {
    *status = localfile::Read::Refused;
    *error = QStringLiteral(
                 "UI token file %1: its first line is not a token (32 to 128 characters from "
                 "A-Z a-z 0-9 - _); delete the file to have a new one made")
                 .arg(path);
    return std::nullopt;
  }
  return token;
}

}  // namespace

QString UiTokenFile::defaultPath() {
  const std::string dir = localfile::privateConfigDirectory();
  if (dir.empty()) return QString();
  return QDir(QString::fromStdString(dir)).filePath(QStringLiteral("ui-token"));
}

QString UiTokenFile::resolvePath(const QString &option) {
  QString path = option;
  if (path.isEmpty()) path = qEnvironmentVariable("ROUTELESS_UI_TOKEN_FILE");
  if (path.isEmpty()) path = defaultPath();
  return path.isEmpty() ? path : QFileInfo(path).absoluteFilePath();
}

bool UiTokenFile::isWellFormed(QByteArrayView token) {
  if (token.size() < 32 || token.size() > 128) return false;
  for (const char c : token)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
          c == '_'))
      return false;
  return true;
}

QByteArray UiTokenFile::generate() {
  // QRandomGenerator::system() is the operating system's CSPRNG.
  quint32 words[kRandomBytes / 4];
  QRandomGenerator::system()->fillRange(words);
  return QByteArray(reinterpret_cast<const char *>(words), kRandomBytes).toHex();
}

std::optional<QByteArray> UiTokenFile::read(const QString &path, QString *error) {
  if (path.isEmpty()) {
    *error = QStringLiteral("no UI token file: the home folder is unknown; pass --ui-token-file");
    return std::nullopt;
  }
  localfile::Read status;
  const auto token = readExisting(path, &status, error);
  if (status == localfile::Read::NotFound)
    *error = QStringLiteral(
                 "UI token file %1 does not exist: start `routeless-node daemon` or the app "
                 "first, or pass --ui-token-file FILE")
                 .arg(path);
  return token;
}

std::optional<QByteArray> UiTokenFile::loadOrCreate(const QString &path, QString *error) {
  if (path.isEmpty()) {
    *error = QStringLiteral("no UI token file: the home folder is unknown; pass --ui-token-file");
    return std::nullopt;
  }
  localfile::Read status;
  if (auto token = readExisting(path, &status, error)) return token;
  if (status != localfile::Read::NotFound) return std::nullopt;
  std::string why;
  if (!localfile::preparePrivateDirectory(toNative(QFileInfo(path).absolutePath()), &why)) {
    *error = QStringLiteral("UI token file %1: %2").arg(path, QString::fromStdString(why));
    return std::nullopt;
  }
  const QByteArray token = generate();
  switch (localfile::createPrivateFile(toNative(path), token.toStdString() + "\n", &why)) {
    case localfile::Created::Yes:
      return token;
    case localfile::Created::AlreadyThere:  // another server started at the same moment
      return readExisting(path, &status, error);
    case localfile::Created::Failed:
      break;
  }
  *error = QStringLiteral("UI token file %1: %2").arg(path, QString::fromStdString(why));
  return std::nullopt;
}

}  // namespace routeless::control
