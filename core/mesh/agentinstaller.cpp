#include "mesh/agentinstaller.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTimer>

#include "platform/childguard.h"

namespace routeless::mesh {
namespace {

QString shellQuote(const QString &s) {
  return QLatin1Char('\'') + QString(s).replace(QLatin1Char('\''), QLatin1String("'\\''")) +
         QLatin1Char('\'');
}

bool isSsh(const QStringList &transport) {
  return !transport.isEmpty() && QFileInfo(transport.first()).fileName() == QLatin1String("ssh");
}

// The first line of the host's stderr, for messages (a missing `sh` or a refused login says
// why there).
QString firstLine(const QByteArray &err) {
  const QString s = QString::fromUtf8(err).trimmed();
  return s.section(QLatin1Char('\n'), 0, 0).left(200);
}

}  // namespace

QString agentSourceName(AgentSource source) {
  switch (source) {
    case AgentSource::Found:
      return QStringLiteral("found");
    case AgentSource::Uploaded:
      return QStringLiteral("uploaded");
    case AgentSource::Cached:
      return QStringLiteral("cached");
    case AgentSource::None:
      break;
  }
  return QString();
}

AgentInstaller::AgentInstaller(QString hostName, QStringList transport, QString agentName,
                               const AgentBuilds &builds, QObject *parent)
    : QObject(parent),
      m_host(std::move(hostName)),
      m_transport(std::move(transport)),
      m_agentName(std::move(agentName)),
      m_builds(builds) {}

AgentInstaller::~AgentInstaller() {
  if (m_process) {
    m_process->disconnect(this);
    m_process->kill();
    m_process->waitForFinished(1000);
  }
}

// The scripts use no redirection to /dev/null: a bare host (a chroot, a distroless image) may
// have no /dev at all. What they print on stderr is kept for error messages.
QString AgentInstaller::probeScript(const QString &agentName, const QList<AgentBuild> &builds) {
  static const QRegularExpression safeName(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
  QStringList names;
  for (const AgentBuild &b : builds) names << QString::fromLatin1(b.cacheName());
  QString script = QStringLiteral(
      "echo 'routeless-probe 1'\n"
      "echo \"uname $(uname -sm)\"\n");
  if (safeName.match(agentName).hasMatch())
    script += QStringLiteral("p=$(command -v %1) && echo \"path $p\"\n").arg(agentName);
  script += QStringLiteral(
                "d=\"$HOME/.cache/routeless\"\n"
                "if [ -n \"$HOME\" ] && mkdir -p \"$d\" && [ -w \"$d\" ]; then\n"
                "  echo \"cache $d\"\n"
                "  for f in %1; do [ -x \"$d/$f\" ] && echo \"cached $f\"; done\n"
                "else\n"
                "  echo nohome\n"
                "fi\n"
                "echo 'routeless-probe end'\n")
                .arg(names.isEmpty() ? QStringLiteral("none") : names.join(QLatin1Char(' ')));
  return script;
}

QString AgentInstaller::uploadScript(const AgentBuild &b) {
  // Written under a temporary name, checked (length always, SHA-256 when the host has
  // sha256sum), made executable, then renamed: a cut upload never leaves a runnable file under
  // the name the probe looks for.
  return QStringLiteral(
             "d=\"$HOME/.cache/routeless\"; f=\"$d/%1\"; t=\"$d/.%1.$$\"\n"
             "mkdir -p \"$d\" || exit 1\n"
             "cat > \"$t\" || { rm -f \"$t\"; echo 'upload-error write'; exit 1; }\n"
             "n=$(wc -c < \"$t\"); n=$((n + 0))\n"
             "if [ \"$n\" != %2 ]; then rm -f \"$t\"; echo \"upload-short $n\"; exit 1; fi\n"
             "if [ -n \"$(command -v sha256sum)\" ]; then\n"
             "  set -- $(sha256sum \"$t\")\n"
             "  if [ \"$1\" != %3 ]; then rm -f \"$t\"; echo upload-corrupt; exit 1; fi\n"
             "fi\n"
             "chmod 700 \"$t\" && mv -f \"$t\" \"$f\" && echo \"upload-ok $f\"\n")
      .arg(QString::fromLatin1(b.cacheName()))
      .arg(b.size)
      .arg(QString::fromLatin1(b.sha256));
}

QStringList AgentInstaller::shellCommand(const QStringList &transport, const QString &script) {
  QStringList argv = transport;
  argv << QStringLiteral("sh") << QStringLiteral("-c")
       << (isSsh(transport) ? shellQuote(script) : script);
  return argv;
}

void AgentInstaller::start() {
  m_uploadAttempts = 0;
  run(Step::Probe, probeScript(m_agentName, m_builds.all()), QByteArray());
}

void AgentInstaller::run(Step step, const QString &script, const QByteArray &input) {
  if (m_process) {
    m_process->disconnect(this);
    m_process->deleteLater();
  }
  m_step = step;
  m_timedOut = false;
  const QStringList argv = shellCommand(m_transport, script);
  m_process = new QProcess(this);
  platform::guardChild(*m_process, {});
  connect(m_process, &QProcess::finished, this, &AgentInstaller::onFinished);
  connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
    if (e == QProcess::FailedToStart)
      finishWithError(QStringLiteral("%1: cannot run %2 to reach the host: %3")
                          .arg(m_host, m_process->program(), m_process->errorString()),
                      true);
    // A write error (the host closed stdin early) shows in the script's answer instead.
  });
  QTimer::singleShot(step == Step::Probe ? kProbeTimeoutMs : kUploadTimeoutMs, m_process,
                     [p = m_process, this] {
                       if (p->state() == QProcess::NotRunning) return;
                       m_timedOut = true;
                       p->kill();
                     });
  m_process->start(argv.first(), argv.mid(1));
  if (!input.isEmpty()) m_process->write(input);
  m_process->closeWriteChannel();
}

void AgentInstaller::onFinished(int exitCode, QProcess::ExitStatus status) {
  const QByteArray out = m_process->readAllStandardOutput();
  const QByteArray err = m_process->readAllStandardError();
  if (m_timedOut) {
    finishWithError(
        QStringLiteral("%1: the agent %2 timed out after %3 s")
            .arg(m_host, m_step == Step::Probe ? QStringLiteral("probe") : QStringLiteral("upload"))
            .arg((m_step == Step::Probe ? kProbeTimeoutMs : kUploadTimeoutMs) / 1000),
        true);
    return;
  }
  if (status != QProcess::NormalExit) exitCode = -1;
  // One handler per finished process: onProbe may start the upload (and so change m_step).
  if (m_step == Step::Probe)
    onProbe(exitCode, out, err);
  else if (m_step == Step::Upload)
    onUpload(exitCode, out, err);
}

void AgentInstaller::onProbe(int exitCode, const QByteArray &out, const QByteArray &err) {
  QString uname, path, cacheDir;
  QStringList cached;
  bool began = false, ended = false, noHome = false;
  for (const QByteArray &raw : out.split('\n')) {
    const QString line = QString::fromUtf8(raw).trimmed();
    if (line == QLatin1String("routeless-probe 1")) began = true;
    if (line == QLatin1String("routeless-probe end")) ended = true;
    if (line.startsWith(QLatin1String("uname "))) uname = line.mid(6);
    if (line.startsWith(QLatin1String("path "))) path = line.mid(5);
    if (line.startsWith(QLatin1String("cache "))) cacheDir = line.mid(6);
    if (line.startsWith(QLatin1String("cached "))) cached << line.mid(7);
    if (line == QLatin1String("nohome")) noHome = true;
  }
  if (!began) {
    if (exitCode == 127)
      return finishWithError(QStringLiteral("%1: `sh` is missing on the host (exit 127: %2); "
                                            "zero-install needs sh, cat, mkdir, chmod, mv, wc "
                                            "and uname there (busybox is enough)")
                                 .arg(m_host, firstLine(err)));
    return finishWithError(QStringLiteral("%1: the probe through the host's command failed "
                                          "(exit %2): %3")
                               .arg(m_host)
                               .arg(exitCode)
                               .arg(firstLine(err)),
                           true);
  }
  if (!ended)
    return finishWithError(QStringLiteral("%1: the probe stopped half-way (exit %2): %3")
                               .arg(m_host)
                               .arg(exitCode)
                               .arg(firstLine(err)),
                           true);
  if (!path.isEmpty()) return finish(launchVia(path, AgentSource::Found));
  m_target = AgentBuilds::targetForUname(uname);
  const auto build = m_builds.forTarget(m_target);
  if (!build) {
    const QStringList have = m_builds.targets();
    return finishWithError(
        QStringLiteral("%1: no agent build for %2 (`uname -sm`: \"%3\"); this manager has %4 "
                       "in %5")
            .arg(m_host, m_target.isEmpty() ? QStringLiteral("this OS/arch") : m_target, uname,
                 have.isEmpty() ? QStringLiteral("none") : have.join(QLatin1String(", ")),
                 m_builds.dir()));
  }
  if (noHome || cacheDir.isEmpty())
    return finishWithError(QStringLiteral("%1: no writable home on the host to copy the agent "
                                          "into (~/.cache/routeless); put %2 on its PATH instead")
                               .arg(m_host, m_agentName));
  m_cacheDir = cacheDir;
  const QString name = QString::fromLatin1(build->cacheName());
  if (cached.contains(name))
    return finish(launchVia(cacheDir + QLatin1Char('/') + name, AgentSource::Cached));
  upload();
}

void AgentInstaller::upload() {
  const auto build = m_builds.forTarget(m_target);
  QFile f(build->path);
  if (!f.open(QIODevice::ReadOnly))
    return finishWithError(QStringLiteral("%1: cannot read the agent build %2: %3")
                               .arg(m_host, f.fileName(), f.errorString()));
  m_payload = f.readAll();
  if (m_payload.size() != build->size)
    return finishWithError(QStringLiteral("%1: the agent build %2 changed while the mesh ran")
                               .arg(m_host, f.fileName()));
  ++m_uploadAttempts;
  run(Step::Upload, uploadScript(*build), m_payload);
}

void AgentInstaller::onUpload(int exitCode, const QByteArray &out, const QByteArray &err) {
  const auto build = m_builds.forTarget(m_target);
  QString problem;
  for (const QByteArray &raw : out.split('\n')) {
    const QString line = QString::fromUtf8(raw).trimmed();
    if (line.startsWith(QLatin1String("upload-ok ")) && exitCode == 0) {
      m_payload.clear();
      return finish(launchVia(line.mid(10), AgentSource::Uploaded));
    }
    if (line.startsWith(QLatin1String("upload-short ")))
      problem = QStringLiteral("the upload was cut: %1 of %2 bytes arrived")
                    .arg(line.mid(13))
                    .arg(build->size);
    if (line == QLatin1String("upload-corrupt"))
      problem = QStringLiteral("the upload arrived corrupted (its SHA-256 differs)");
  }
  if (problem.isEmpty())
    problem = QStringLiteral("the upload failed (exit %1): %2").arg(exitCode).arg(firstLine(err));
  if (m_uploadAttempts < 2) return upload();  // once more: links drop
  finishWithError(QStringLiteral("%1: %2 (tried twice; %3 for %4 not copied)")
                      .arg(m_host, problem, build->path, m_target));
}

AgentInstallResult AgentInstaller::launchVia(const QString &remotePath, AgentSource source) const {
  AgentInstallResult r;
  r.ok = true;
  r.source = source;
  r.target = m_target;
  r.remotePath = remotePath;
  const QString word = isSsh(m_transport) ? shellQuote(remotePath) : remotePath;
  if (m_transport.isEmpty()) {
    r.program = remotePath;
  } else {
    r.program = m_transport.first();
    r.arguments = m_transport.mid(1);
    r.arguments << word;
  }
  return r;
}

void AgentInstaller::finish(AgentInstallResult result) {
  m_step = Step::Idle;
  if (m_process) m_process->disconnect(this);
  Q_EMIT finished(result);
}

void AgentInstaller::finishWithError(const QString &error, bool retryable) {
  if (m_step == Step::Idle) return;
  AgentInstallResult r;
  r.error = error;
  r.retryable = retryable;
  finish(r);
}

}  // namespace routeless::mesh
