#include "agent/agentcommand.h"

#include <cstdio>
#include <optional>

#include "agent/agent.h"
#include "agent/log.h"
#include "agent/stdinpump.h"
#include "agent/sys/process.h"
#include "agent/sys/socket.h"
#include "agent/sys/stdio.h"
#include "agent/sys/termination.h"

namespace routeless::agent {
namespace {

void printUsage(FILE *out, const AgentProgram &program) {
  fprintf(out,
          "usage: %s [--debug] agent --automated\n"
          "  The mesh agent, started by a mesh manager (routeless-node mesh, or NoRouter's)\n"
          "  through a host's command: it speaks NoRouter's framing on stdin/stdout and logs\n"
          "  to stderr. It is not meant to be run by hand.\n"
          "\n"
          "  --debug                        debug messages on stderr\n"
          "  --debug-init-config JSON       configure at start (a configure request's args)\n"
          "  --version, -v                  print the version\n"
          "  --help, -h                     this help\n",
          program.name.c_str());
}

int run(const std::optional<ConfigureArgs> &init, const AgentProgram &program) {
  sys::prepareStdio();
  sys::tuneMemoryForTraffic();
  if (program.builtinResolverOnly) sys::useBuiltinResolverOnly();

  EventLoop loop;
  if (!loop.isValid()) {
    log::error("cannot start the event loop: %s", loop.error().c_str());
    return 1;
  }
  FrameWriter writer(loop);
  Agent agent(loop, writer);
  writer.onFailed = [&loop](const std::string &error) {
    log::error("%s", error.c_str());
    loop.quit(1);
  };
  writer.start();
  if (init) {
    std::string error;
    if (!agent.configure(*init, &error)) {
      log::error("%s", error.c_str());
      return 1;
    }
    log::debug("configured from --debug-init-config: %s", init->me.c_str());
  }
  // Once per pass, before the loop sleeps: the stack's due timers (they may send packets),
  // then one gathered write of everything this pass produced.
  loop.addPrepareHook([&agent, &writer] {
    const int next = agent.checkTimeouts();
    writer.flush();
    return next;
  });
  StdinPump stdinPump(
      loop, [&agent](InputBatch &batch) { agent.handleInput(batch); },
      [&loop](const std::string &why) {
        log::error("%s", why.c_str());
        loop.quit(1);
      });
  std::string error;
  if (!stdinPump.start(&error)) {
    log::error("cannot read stdin: %s", error.c_str());
    return 1;
  }
  // SIGTERM is a clean stop, as stdin EOF is: the agent unwinds and undoes what it wrote.
  std::string why;
  const NativeHandle termination = sys::terminationHandle(&why);
  if (termination != kInvalidHandle)
    loop.watch(termination, kReadable, [&loop](unsigned) {
      log::info("terminated");
      loop.quit(0);
    });
  else if (!why.empty())
    log::warning("SIGTERM will not stop the agent cleanly: %s", why.c_str());
  const int status = loop.run();
  writer.flush();
  return status;
}

}  // namespace

bool isAgentCommand(const std::vector<std::string> &args) {
  for (const std::string &a : args) {
    if (a == "--debug") continue;
    return a == "agent";
  }
  return false;
}

int runAgentCommand(const std::vector<std::string> &args, const AgentProgram &program) {
  size_t i = 0;
  // NoRouter places global flags before the subcommand (`norouter --debug agent --automated`).
  for (; i < args.size(); ++i) {
    const std::string &a = args[i];
    if (a == "--debug") {
      log::setDebug(true);
    } else if (a == "--version" || a == "-v") {
      printf("%s version %s (NoRouter %s agent protocol)\n", program.name.c_str(),
             program.version.c_str(), kNoRouterVersion);
      return 0;
    } else if (a == "--help" || a == "-h" || a == "help" || a == "h") {
      printUsage(stdout, program);
      return 0;
    } else {
      break;
    }
  }
  if (i == args.size()) {
    printUsage(stderr, program);
    return 2;
  }
  if (args[i] != "agent") {
    fprintf(stderr,
            "%s: \"%s\": this program is the mesh agent only; the manager is "
            "`routeless-node mesh FILE`\n",
            program.name.c_str(), args[i].c_str());
    return 2;
  }
  bool automated = false;
  std::optional<std::string> initConfig;
  for (++i; i < args.size(); ++i) {
    const std::string &a = args[i];
    if (a == "--automated") {
      automated = true;
    } else if (a == "--debug") {
      log::setDebug(true);
    } else if (a == "--help" || a == "-h") {
      printUsage(stdout, program);
      return 0;
    } else if (a == "--debug-init-config" && i + 1 < args.size()) {
      initConfig = args[++i];
    } else if (a.rfind("--debug-init-config=", 0) == 0) {
      initConfig = a.substr(sizeof("--debug-init-config=") - 1);
    } else {
      log::error("flag provided but not defined: %s", a.c_str());
      return 1;
    }
  }
  if (!automated) {
    log::error("do not launch agent manually");
    return 1;
  }
  std::optional<ConfigureArgs> init;
  if (initConfig) {
    std::string error;
    init = decodeConfigureArgs(*initConfig, &error);
    if (!init) {
      log::error("--debug-init-config: %s", error.c_str());
      return 1;
    }
  }
  return run(init, program);
}

}  // namespace routeless::agent
