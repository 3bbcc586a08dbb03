#pragma once
// The agent builds the manager can copy to a host (share/routeless/agents/<os>-<arch>/, beside
// the running program's bin/), each named by the SHA-256 of its bytes. It only reads files; it
// never runs or uploads anything.

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace routeless::mesh {

struct AgentBuild {
  QString target;     // "linux-x86_64", "linux-arm64", ...
  QString path;       // the file on this machine
  QByteArray sha256;  // lowercase hex of the whole file
  qint64 size = 0;
  QByteArray cacheName() const;  // "routeless-agent-" + the first 16 hex digits of sha256
};

class AgentBuilds {
 public:
  // Scans `dir` (one sub-folder per target); an empty `dir` means defaultDir().
  explicit AgentBuilds(const QString &dir = QString());

  // $ROUTELESS_AGENTS_DIR, else <folder of this program>/../share/routeless/agents.
  static QString defaultDir();
  // `uname -sm` ("Linux x86_64", "Linux aarch64") as a target name ("linux-x86_64",
  // "linux-arm64"); empty when the line is not two words.
  static QString targetForUname(const QString &unameSm);

  const QString &dir() const { return m_dir; }
  const QList<AgentBuild> &all() const { return m_builds; }
  std::optional<AgentBuild> forTarget(const QString &target) const;
  QStringList targets() const;

 private:
  QString m_dir;
  QList<AgentBuild> m_builds;
};

}  // namespace routeless::mesh
