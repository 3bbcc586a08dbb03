#include "mesh/agentbuilds.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>

namespace routeless::mesh {

QByteArray AgentBuild::cacheName() const { return "routeless-agent-" + sha256.left(16); }

AgentBuilds::AgentBuilds(const QString &dir) : m_dir(dir.isEmpty() ? defaultDir() : dir) {
  const QDir root(m_dir);
  for (const QString &target : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
    // Only POSIX hosts can be probed with `sh`, so only their builds are candidates; a Windows
    // build (routeless-agent.exe) is shipped for users to copy, not uploaded.
    QFile f(root.filePath(target + QStringLiteral("/routeless-agent")));
    if (!f.open(QIODevice::ReadOnly)) continue;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&f)) continue;
    m_builds.append(AgentBuild{target, f.fileName(), hash.result().toHex(), f.size()});
  }
}

QString AgentBuilds::defaultDir() {
  const QString env = qEnvironmentVariable("ROUTELESS_AGENTS_DIR");
  if (!env.isEmpty()) return env;
  return QDir(QCoreApplication::applicationDirPath())
      .absoluteFilePath(QStringLiteral("../share/routeless/agents"));
}

QString AgentBuilds::targetForUname(const QString &unameSm) {
  const QStringList words = unameSm.simplified().split(QLatin1Char(' '));
  if (words.size() != 2) return QString();
  const QString os = words[0].toLower();
  QString arch = words[1].toLower();
  if (arch == QLatin1String("amd64") || arch == QLatin1String("x64"))
    arch = QStringLiteral("x86_64");
  if (arch == QLatin1String("aarch64") || arch == QLatin1String("armv8l"))
    arch = QStringLiteral("arm64");
  return os + QLatin1Char('-') + arch;
}

std::optional<AgentBuild> AgentBuilds::forTarget(const QString &target) const {
  for (const AgentBuild &b : m_builds)
    if (b.target == target) return b;
  return std::nullopt;
}

QStringList AgentBuilds::targets() const {
  QStringList out;
  for (const AgentBuild &b : m_builds) out << b.target;
  return out;
}

}  // namespace routeless::mesh
