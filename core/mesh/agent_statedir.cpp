#include "mesh/agent_statedir.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QRegularExpression>
#include <QSaveFile>
#include <QtDebug>

namespace routeless::mesh {
namespace {

constexpr const char kBegin[] = "<Added-by-NoRouter>";
constexpr const char kEnd[] = "</Added-by-NoRouter>";

constexpr const char kReadme[] =
    "# Mesh agent state directory\n"
    "\n"
    "Written by a NoRouter-compatible agent (routeless-node agent). It is safe to delete\n"
    "while no mesh is running.\n"
    "\n"
    "- hosts: the system hosts file plus the mesh names between the Added-by-NoRouter\n"
    "  markers; copy it to /etc/hosts, or set writeEtcHosts in the manifest.\n"
    "- hostaliases: for $HOSTALIASES (see hostname(7)); names with dots cannot appear in it.\n"
    "\n"
    "Move it with stateDir.pathOnAgent in the manifest, or turn it off with\n"
    "stateDir.disable: true.\n";

QString systemHostsPath() {
#ifdef Q_OS_WIN
  return qEnvironmentVariable("SystemRoot", QStringLiteral("C:\\Windows")) +
         QStringLiteral("\\System32\\drivers\\etc\\hosts");
#else
  return QStringLiteral("/etc/hosts");
#endif
}

bool writeFile(const QString &path, const QByteArray &data, QString *error) {
  QSaveFile f(path);
  if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit()) {
    *error = QStringLiteral("%1: %2").arg(path, f.errorString());
    return false;
  }
  return true;
}

// The system hosts file without any earlier mesh block, then the current one.
QByteArray hostsFile(const QMap<QString, QString> &names) {
  QByteArray out;
  QFile system(systemHostsPath());
  if (system.open(QIODevice::ReadOnly)) {
    bool skipping = false;
    for (const QByteArray &raw : system.readAll().split('\n')) {
      const QByteArray line = raw.endsWith('\r') ? raw.chopped(1) : raw;
      const QByteArray comment = line.startsWith('#') ? line.mid(1).trimmed() : QByteArray();
      if (comment == kBegin) skipping = true;
      if (!skipping) out += line + '\n';
      if (comment == kEnd) skipping = false;
    }
    while (out.endsWith("\n\n")) out.chop(1);
    if (out == "\n") out.clear();
  }
  out += QByteArray("# ") + kBegin + '\n';
  for (auto it = names.constBegin(); it != names.constEnd(); ++it)
    out += it.value().toUtf8() + ' ' + it.key().toUtf8() + '\n';
  out += QByteArray("# ") + kEnd + '\n';
  return out;
}

QByteArray hostAliasesFile(const QMap<QString, QString> &names) {
  QMap<QString, QString> aliases;
  const QString existing = qEnvironmentVariable("HOSTALIASES");
  if (!existing.isEmpty()) {
    QFile f(existing);
    if (f.open(QIODevice::ReadOnly)) {
      for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith('#')) continue;
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() == 2)
          aliases.insert(QString::fromUtf8(fields[0]), QString::fromUtf8(fields[1]));
      }
    } else {
      qWarning("failed to read HOSTALIASES file \"%s\": %s", qPrintable(existing),
               qPrintable(f.errorString()));
    }
  }
  for (auto it = names.constBegin(); it != names.constEnd(); ++it) {
    QHostAddress ip;
    if (it.key().contains(QLatin1Char('.')) || !ip.setAddress(it.value()) ||
        ip.protocol() != QAbstractSocket::IPv4Protocol)
      continue;  // hostname(7) aliases cannot hold dots; nip.io needs IPv4
    aliases.insert(it.key(), ip.toString() + QStringLiteral(".nip.io"));
  }
  QByteArray out;
  for (auto it = aliases.constBegin(); it != aliases.constEnd(); ++it)
    out += it.key().toUtf8() + ' ' + it.value().toUtf8() + '\n';
  return out;
}

}  // namespace

QString expandAgentPath(const QString &path) {
  QString p = path;
  if (p == QLatin1String("~") || p.startsWith(QLatin1String("~/"))) p = QDir::homePath() + p.mid(1);
  static const QRegularExpression var(QStringLiteral("\\$(?:\\{(\\w+)\\}|(\\w+))"));
  QString out;
  qsizetype last = 0;
  for (auto it = var.globalMatch(p); it.hasNext();) {
    const QRegularExpressionMatch m = it.next();
    out += p.mid(last, m.capturedStart() - last);
    out += qEnvironmentVariable(
        (m.captured(1).isEmpty() ? m.captured(2) : m.captured(1)).toLocal8Bit().constData());
    last = m.capturedEnd();
  }
  return out + p.mid(last);
}

bool populateStateDir(const QString &path, const QMap<QString, QString> &hostnameMap,
                      QString *error) {
  const QString dir = path.isEmpty() ? QDir::homePath() + QStringLiteral("/.norouter/agent")
                                     : expandAgentPath(path);
  if (!QDir().mkpath(dir)) {
    *error = QStringLiteral("cannot create %1").arg(dir);
    return false;
  }
  qDebug("populating state dir \"%s\"", qPrintable(dir));
  return writeFile(dir + QStringLiteral("/hosts"), hostsFile(hostnameMap), error) &&
         writeFile(dir + QStringLiteral("/hostaliases"), hostAliasesFile(hostnameMap), error) &&
         writeFile(dir + QStringLiteral("/README.md"), QByteArray(kReadme), error);
}

}  // namespace routeless::mesh
