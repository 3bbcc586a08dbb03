// Manifest benchmark: prints, for each case, its wall time and its peak memory (VmHWM growth
// of a process that runs that case alone), and ratios against the baseline of the same run:
// - configure: every host's configure request for a mesh of HOSTS hosts (default 1,000),
//   built from the per-host argument lists a plan held before MeshConfigure (baseline,
//   O(hosts^2) memory) and from MeshConfigure's shared parts (what the manager runs now);
// - parse: a plain 1 KB manifest (baseline) against a 1 KB alias bomb and merge-key bomb,
//   1,000 hosts and 10,000 hosts (refused by the host cap); each parse the best of five.
// Linux only (reads /proc/self/status). It never asserts: figures go into the README.

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTextStream>
#include <algorithm>
#include <cstdio>

#include "agent/wire/messages.h"
#include "mesh/configurebuilder.h"
#include "mesh/manifest.h"
#include "mesh/meshplan.h"

using namespace routeless;

namespace {

qint64 statusKb(const char *field) {
  QFile f(QStringLiteral("/proc/self/status"));
  if (!f.open(QIODevice::ReadOnly)) return -1;
  for (const QByteArray &line : f.readAll().split('\n'))
    if (line.startsWith(field))
      return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ')[0].toLongLong();
  return -1;
}

mesh::Manifest meshOf(int hosts) {
  mesh::Manifest m;
  for (int i = 0; i < hosts; ++i) {
    mesh::HostSpec h;
    h.name = QStringLiteral("host%1").arg(i);
    h.vip = QStringLiteral("127.%1.%2.%3").arg(i / 40000).arg(i / 200 % 200).arg(i % 200 + 1);
    h.cmd = {QStringLiteral("ssh"), h.name, QStringLiteral("--"), QStringLiteral("routeless-node")};
    h.ports = {mesh::PortSpec{8080, QStringLiteral("127.0.0.1"), 80, QStringLiteral("tcp")}};
    h.aliases = {h.name + QStringLiteral(".example.test")};
    m.hosts.append(h);
  }
  m.routes.append(mesh::RouteSpec{QStringLiteral("host0"), {QStringLiteral("10.0.0.0/8")}, {}, 0});
  return m;
}

QByteArray hostsYaml(int hosts) {
  QByteArray yaml = "hosts:\n";
  for (int i = 0; i < hosts; ++i)
    yaml += "  h" + QByteArray::number(i) + ": {vip: 127." + QByteArray::number(i / 40000) + "." +
            QByteArray::number(i / 200 % 200) + "." + QByteArray::number(i % 200 + 1) +
            ", ports: [\"8080:127.0.0.1:80\"]}\n";
  return yaml;
}

QByteArray laughsYaml() {
  QByteArray yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    yaml += QByteArray(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) yaml += QByteArray(i ? ", *" : "*") + char(c - 1);
    yaml += "]\n";
  }
  return yaml + "hosts: {h: {vip: 127.0.42.1, cmd: *j}}\n";
}

QByteArray mergeBombYaml() {
  QByteArray yaml = "l0: &l0 {k0: 0, k1: 1, k2: 2, k3: 3, k4: 4, k5: 5, k6: 6, k7: 7}\n";
  for (int level = 1; level <= 8; ++level) {
    const QByteArray prev = "*l" + QByteArray::number(level - 1);
    yaml += "l" + QByteArray::number(level) + ": &l" + QByteArray::number(level) + " {<<: [";
    for (int i = 0; i < 10; ++i) yaml += (i ? ", " : "") + prev;
    yaml += "]}\n";
  }
  return yaml + "hosts:\n  h:\n    <<: *l8\n    vip: 127.0.42.1\n";
}

QByteArray plainYaml() {  // about 1 KB, like the bombs
  QByteArray yaml = "hosts:\n";
  for (int i = 0; i < 12; ++i)
    yaml += "  host" + QByteArray::number(i) + ": {vip: 127.0.42." + QByteArray::number(i + 1) +
            ", cmd: \"ssh h -- x\", ports: [\"80:127.0.0.1:80\"]}\n";
  return yaml;
}

// Runs one case in this process; prints "<microseconds> <peak KB growth> <detail>". A parse
// of a small manifest first pays for one-time set-up (yaml-cpp's scanner tables, Qt's
// statics), which none of the cases should carry.
int runCase(const QString &name, int hosts) {
  (void)mesh::parseManifest(plainYaml(), QStringLiteral("warm-up.yaml"));
  const qint64 rssBefore = statusKb("VmRSS:");
  QElapsedTimer timer;
  qint64 bestNs = -1;
  QString detail;
  if (name.startsWith(QLatin1String("configure-"))) {
    const mesh::Manifest m = meshOf(hosts);
    qint64 bytes = 0;
    timer.start();
    if (name == QLatin1String("configure-all-args")) {
      // Before MeshConfigure: the plan held every host's whole arguments.
      const QList<agent::ConfigureArgs> args = mesh::buildConfigureArgs(m);
      for (qsizetype i = 0; i < args.size(); ++i)
        bytes += agent::encodeConfigureRequest(i + 1, args[i]).size();
    } else {
      const mesh::MeshPlan plan = mesh::planFromManifest(m, QStringLiteral("routeless-node"));
      for (qsizetype i = 0; i < plan.hosts.size(); ++i)
        bytes += plan.hosts[i].configureRequest(i + 1).size();
    }
    detail = QStringLiteral("%1 hosts, %2 request bytes").arg(hosts).arg(bytes);
  } else {
    QByteArray yaml;
    if (name == QLatin1String("parse-plain")) yaml = plainYaml();
    if (name == QLatin1String("parse-laughs")) yaml = laughsYaml();
    if (name == QLatin1String("parse-merge-bomb")) yaml = mergeBombYaml();
    if (name == QLatin1String("parse-1000-hosts")) yaml = hostsYaml(1000);
    if (name == QLatin1String("parse-10000-hosts")) yaml = hostsYaml(10000);
    // The best of five: on a shared machine one run can lose its core for milliseconds.
    qint64 best = -1;
    mesh::ManifestResult r;
    for (int run = 0; run < 5; ++run) {
      timer.start();
      r = mesh::parseManifest(yaml, QStringLiteral("bench.yaml"));
      const qint64 ns = timer.nsecsElapsed();
      best = best < 0 ? ns : std::min(best, ns);
    }
    bestNs = best;
    const auto *e = std::get_if<mesh::ManifestError>(&r);
    detail = QStringLiteral("%1 bytes: %2")
                 .arg(yaml.size())
                 .arg(e ? e->toString().left(90)
                        : QStringLiteral("%1 hosts").arg(std::get<mesh::Manifest>(r).hosts.size()));
  }
  const qint64 us = (bestNs >= 0 ? bestNs : timer.nsecsElapsed()) / 1000;
  std::printf("%lld %lld %s\n", us, statusKb("VmHWM:") - rssBefore, qPrintable(detail));
  return 0;
}

struct Figure {
  qint64 us = 0;
  qint64 kb = 0;
  QString detail;
};

Figure runChild(const QString &name, int hosts) {
  QProcess p;
  p.start(QCoreApplication::applicationFilePath(),
          {QStringLiteral("--case"), name, QString::number(hosts)});
  p.waitForFinished(600000);
  const QString out = QString::fromUtf8(p.readAllStandardOutput()).trimmed();
  const QStringList parts = out.split(QLatin1Char(' '));
  if (parts.size() < 3) return Figure{-1, -1, out + QString::fromUtf8(p.readAllStandardError())};
  return Figure{parts[0].toLongLong(), parts[1].toLongLong(), parts.mid(2).join(QLatin1Char(' '))};
}

}  // namespace

int main(int argc, char **argv) {
  QCoreApplication app(argc, argv);
  const QStringList args = app.arguments();
  if (args.size() >= 4 && args[1] == QLatin1String("--case"))
    return runCase(args[2], args[3].toInt());
  const int hosts = args.size() > 1 ? args[1].toInt() : 1000;
  QTextStream out(stdout);
  auto row = [&](const QString &name, const Figure &f, const Figure &base) {
    out << QStringLiteral("%1 %2 ms  %3 KB peak  (x%4 time, x%5 memory of the baseline)  %6\n")
               .arg(name, -20)
               .arg(double(f.us) / 1000.0, 9, 'f', 2)
               .arg(f.kb, 8)
               .arg(base.us > 0 ? double(f.us) / double(base.us) : 0.0, 0, 'f', 3)
               .arg(base.kb > 0 ? double(f.kb) / double(base.kb) : 0.0, 0, 'f', 3)
               .arg(f.detail);
    out.flush();
  };
  const Figure allArgs = runChild(QStringLiteral("configure-all-args"), hosts);
  row(QStringLiteral("configure-all-args"), allArgs, allArgs);
  row(QStringLiteral("configure-shared"), runChild(QStringLiteral("configure-shared"), hosts),
      allArgs);
  const Figure plain = runChild(QStringLiteral("parse-plain"), 0);
  row(QStringLiteral("parse-plain"), plain, plain);
  for (const char *name :
       {"parse-laughs", "parse-merge-bomb", "parse-1000-hosts", "parse-10000-hosts"})
    row(QString::fromLatin1(name), runChild(QString::fromLatin1(name), 0), plain);
  return 0;
}
