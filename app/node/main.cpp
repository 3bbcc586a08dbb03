// routeless-node: the headless entry point. It only parses argv and hands over to a core
// runtime; no engine logic lives here.
#include <QCoreApplication>
#include <QTextStream>

#include "agent/agentcommand.h"
#include "commands.h"

int main(int argc, char **argv) {
  // The agent needs no Qt: it runs before any Qt object exists (and logs in its own format).
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (routeless::agent::isAgentCommand(args)) return routeless::node::runAgent(args);

  // One log format for every role: time, level, component, message (to stderr).
  qSetMessagePattern(QStringLiteral(
      "%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-debug}DEBUG%{endif}%{if-info}INFO%{endif}"
      "%{if-warning}WARN%{endif}%{if-critical}ERROR%{endif}%{if-fatal}FATAL%{endif} "
      "%{category}: %{message}"));
  QCoreApplication app(argc, argv);
  QCoreApplication::setApplicationName(QStringLiteral("routeless-node"));
  QCoreApplication::setApplicationVersion(QStringLiteral(ROUTELESS_VERSION));
  return routeless::node::dispatch(app.arguments());
}
