#include "commands.h"

#include <QTextStream>

namespace routeless::node {
namespace {

void printUsage(QTextStream &out) {
  out << "usage: routeless-node COMMAND [ARGS]\n"
         "  agent --automated        run a mesh agent on stdin/stdout (NoRouter framing)\n"
         "  mesh FILE                run the mesh manager for a NoRouter manifest\n"
         "  server://... client://... master://...   NodePass-compatible tunnel roles\n"
         "  daemon [--ui-port N]     the local UI protocol daemon (WebSocket on 127.0.0.1;\n"
         "                           daemon --help lists its options)\n"
         "  ctl OPCODE [JSON]        send one UI protocol request to the daemon, print JSON\n"
         "                           (options: --ui-port N --ui-token-file FILE --timeout MS)\n"
         "  mproxy decode|encode     M-PROXY byte stream <-> JSON lines (stdin -> stdout)\n"
         "  relay ...                M-PROXY relay server\n"
         "  relay-device ...         M-PROXY device link\n"
         "  --version                print the version\n";
}

}  // namespace

int dispatch(const QStringList &args) {
  QTextStream err(stderr);
  // NoRouter places global flags before the subcommand (`norouter --debug agent --automated`).
  QStringList rest = args.mid(1);
  while (!rest.isEmpty() && (rest.first() == QLatin1String("--debug"))) rest.removeFirst();
  if (rest.isEmpty()) {
    printUsage(err);
    return 2;
  }
  const QString cmd = rest.first();
  if (cmd == QLatin1String("--version") || cmd == QLatin1String("-v")) {
    QTextStream(stdout) << "routeless-node version " << ROUTELESS_VERSION << "\n";
    return 0;
  }
  if (cmd == QLatin1String("agent")) {
    std::vector<std::string> agentArgs;
    for (const QString &a : args.mid(1)) agentArgs.push_back(a.toStdString());
    return runAgent(agentArgs);
  }
  if (cmd == QLatin1String("mesh") || cmd == QLatin1String("manager") || cmd == QLatin1String("m"))
    return runMesh(rest.mid(1));
  if (cmd.startsWith(QLatin1String("server://")) || cmd.startsWith(QLatin1String("client://")))
    return runNodePass(rest);
  if (cmd.startsWith(QLatin1String("master://"))) return runMaster(rest);
  if (cmd == QLatin1String("daemon")) return runDaemon(rest.mid(1));
  if (cmd == QLatin1String("engine")) return runEngine(rest.mid(1));
  if (cmd == QLatin1String("ctl")) return runCtl(rest.mid(1));
  if (cmd == QLatin1String("mproxy")) return runMproxy(rest.mid(1));
  if (cmd == QLatin1String("relay")) return runRelay(rest.mid(1));
  if (cmd == QLatin1String("relay-device")) return runRelayDevice(rest.mid(1));
  if (cmd == QLatin1String("--help") || cmd == QLatin1String("-h") ||
      cmd == QLatin1String("help")) {
    QTextStream out(stdout);
    printUsage(out);
    return 0;
  }
  err << "routeless-node: unknown command \"" << cmd << "\"\n";
  printUsage(err);
  return 2;
}

}  // namespace routeless::node
