// The control-plane roles of routeless-node: the UI protocol daemon, the engine it launches and
// the `ctl` command-line client. Argument parsing only; the work is done by core/control.
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTextStream>
#include <QTimer>

#include "commands.h"
#include "control/daemon.h"
#include "control/nodeengine.h"
#include "control/nodeservice.h"
#include "control/uiaccess.h"
#include "control/uiclient.h"
#include "control/uitoken.h"
#include "platform/stoprequests.h"

namespace routeless::node {
namespace {

// Reads "--name value" options (a name may repeat); unknown ones are errors.
bool parseOptions(const QStringList &args, const QStringList &known,
                  QMultiHash<QString, QString> *out, QString *error) {
  for (qsizetype i = 0; i < args.size(); ++i) {
    const QString &a = args[i];
    if (!a.startsWith(QLatin1String("--"))) {
      *error = QStringLiteral("unexpected argument \"%1\"").arg(a);
      return false;
    }
    QString name = a.mid(2), value;
    const qsizetype eq = name.indexOf(QLatin1Char('='));
    if (eq >= 0) {
      value = name.mid(eq + 1);
      name = name.left(eq);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      *error = QStringLiteral("option --%1 needs a value").arg(name);
      return false;
    }
    if (!known.contains(name)) {
      *error = QStringLiteral("unknown option --%1 (known: %2)")
                   .arg(name, known.join(QStringLiteral(", ")));
      return false;
    }
    out->insert(name, value);
  }
  return true;
}

bool parsePort(const QString &text, quint16 *port, QString *error) {
  bool ok = false;
  const uint v = text.toUInt(&ok);
  if (!ok || v < 1025 || v > 65535) {
    *error = QStringLiteral("--ui-port must be a number from 1025 to 65535, not \"%1\"").arg(text);
    return false;
  }
  *port = quint16(v);
  return true;
}

// The engine's log lines also go to its UIs as logBroadcast (Info and above).
control::NodeService *g_service = nullptr;
QtMessageHandler g_previousHandler = nullptr;

void forwardLog(QtMsgType type, const QMessageLogContext &context, const QString &message) {
  if (g_previousHandler) g_previousHandler(type, context, message);
  if (!g_service || type == QtDebugMsg) return;
  const QString level = type == QtInfoMsg      ? QStringLiteral("Info")
                        : type == QtWarningMsg ? QStringLiteral("Warn")
                                               : QStringLiteral("Error");
  g_service->postLog(level, message);
}

}  // namespace

int runDaemon(const QStringList &args) {
  QTextStream err(stderr);
  if (args.contains(QLatin1String("--help"))) {
    QTextStream(stdout)
        << "usage: routeless-node daemon [--ui-port N] [--ui-token-file FILE] "
           "[--ui-allow-origin ORIGIN]...\n"
           "  --ui-port N               listen on ws://127.0.0.1:N (default 5333)\n"
           "  --ui-token-file FILE      the UI token (created on first start; default "
        << control::UiTokenFile::defaultPath()
        << ")\n"
           "  --ui-allow-origin ORIGIN  let web pages from ORIGIN (scheme://host[:port]) connect\n";
    return 0;
  }
  QMultiHash<QString, QString> opts;
  QString error;
  quint16 port = control::kDefaultDaemonPort;
  if (!parseOptions(args,
                    {QStringLiteral("ui-port"), QStringLiteral("ui-token-file"),
                     QStringLiteral("ui-allow-origin")},
                    &opts, &error) ||
      (opts.contains(QStringLiteral("ui-port")) &&
       !parsePort(opts.value(QStringLiteral("ui-port")), &port, &error))) {
    err << "routeless-node daemon: " << error << "\n";
    return 2;
  }
  const auto access =
      control::UiAccess::forServer(opts.value(QStringLiteral("ui-token-file")),
                                   opts.values(QStringLiteral("ui-allow-origin")), &error);
  if (!access) {
    err << "routeless-node daemon: " << error << "\n";
    return 1;
  }
  applyLogLevel(QStringLiteral("info"));
  control::Daemon daemon(QCoreApplication::applicationFilePath());
  daemon.setUiAccess(*access);
  if (!daemon.listen(port, &error)) {
    err << "routeless-node daemon: " << error << "\n";
    return 1;
  }
  qInfo().noquote() << QStringLiteral(
                           "daemon listening on ws://127.0.0.1:%1 (subprotocol %2, token in %3)")
                           .arg(port)
                           .arg(QLatin1String(control::kUiSubprotocol), access->tokenFile);
  platform::StopRequests stop;
  QObject::connect(&stop, &platform::StopRequests::requested, qApp,
                   [] { QCoreApplication::quit(); });
  const int rc = QCoreApplication::exec();
  daemon.stopNode();
  return rc;
}

int runEngine(const QStringList &args) {
  QTextStream err(stderr);
  QMultiHash<QString, QString> opts;
  QString error;
  QStringList known = control::SetupSpace::parameterNames();
  known << QStringLiteral("ui-port") << QStringLiteral("ui-token-file");
  quint16 port = 0;
  if (!parseOptions(args, known, &opts, &error) ||
      !parsePort(opts.value(QStringLiteral("ui-port")), &port, &error)) {
    err << "routeless-node engine: " << error << "\n";
    return 2;
  }
  const auto access =
      control::UiAccess::forServer(opts.value(QStringLiteral("ui-token-file")),
                                   opts.values(QStringLiteral("ui-allow-origin")), &error);
  if (!access) {
    err << "routeless-node engine: " << error << "\n";
    return 1;
  }
  applyLogLevel(opts.value(QStringLiteral("log-level"), QStringLiteral("info")));
  control::NodeEngine engine;
  control::NodeService service(&engine);
  service.server()->setAccess(access->token, access->allowedOrigins);
  if (opts.contains(QStringLiteral("traffic-interval")))
    service.setTrafficInterval(opts.value(QStringLiteral("traffic-interval")).toInt());
  if (!service.listen(port, &error)) {
    err << "routeless-node engine: " << error << "\n";
    return 1;
  }
  g_service = &service;
  g_previousHandler = qInstallMessageHandler(forwardLog);
  const QString profile = opts.value(QStringLiteral("profile"));
  if (!profile.isEmpty()) {
    const bool start =
        opts.value(QStringLiteral("autostart"), QStringLiteral("true")) == QLatin1String("true");
    if (!service.loadProfileFile(profile, start, &error)) qWarning().noquote() << error;
  }
  qInfo("engine serving the UI protocol on ws://127.0.0.1:%u", port);
  platform::StopRequests stop;
  QObject::connect(&stop, &platform::StopRequests::requested, qApp,
                   [] { QCoreApplication::quit(); });
  QObject::connect(&service, &control::NodeService::shutdownRequested, qApp, [] {
    qInfo("shutdown requested by a UI");
    QTimer::singleShot(50, qApp, [] { QCoreApplication::quit(); });
  });
  const int rc = QCoreApplication::exec();
  qInstallMessageHandler(g_previousHandler);
  g_service = nullptr;
  engine.shutdown();
  return rc;
}

int runCtl(const QStringList &args) {
  QTextStream err(stderr);
  QTextStream out(stdout);
  QStringList rest = args;
  quint16 port = control::kDefaultDaemonPort;
  int timeoutMs = -1;  // 15 s; a speed test (meshTest) takes up to two minutes
  QString tokenFile;
  QString error;
  while (!rest.isEmpty() && rest.first().startsWith(QLatin1String("--"))) {
    const QString opt = rest.takeFirst();
    if (opt == QLatin1String("--help")) {
      rest.clear();
      break;
    }
    if (rest.isEmpty()) {
      err << "routeless-node ctl: " << opt << " needs a value\n";
      return 2;
    }
    if (opt == QLatin1String("--ui-port")) {
      if (!parsePort(rest.takeFirst(), &port, &error)) {
        err << "routeless-node ctl: " << error << "\n";
        return 2;
      }
    } else if (opt == QLatin1String("--timeout")) {
      timeoutMs = rest.takeFirst().toInt();
    } else if (opt == QLatin1String("--ui-token-file")) {
      tokenFile = rest.takeFirst();
    } else {
      err << "routeless-node ctl: unknown option " << opt << "\n";
      return 2;
    }
  }
  if (rest.isEmpty() || rest.size() > 2) {
    err << "usage: routeless-node ctl [--ui-port N] [--ui-token-file FILE] [--timeout MS] OPCODE "
           "[JSON-PAYLOAD]\n"
           "  the token file defaults to $ROUTELESS_UI_TOKEN_FILE, else "
        << control::UiTokenFile::defaultPath() << "\n";
    return 2;
  }
  QJsonObject payload;
  if (rest.size() == 2) {
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(rest[1].toUtf8(), &pe);
    if (!doc.isObject()) {
      err << "routeless-node ctl: the payload must be a JSON object"
          << (pe.error != QJsonParseError::NoError
                  ? QStringLiteral(" (%1 at offset %2)").arg(pe.errorString()).arg(pe.offset)
                  : QString())
          << "\n";
      return 2;
    }
    payload = doc.object();
  }
  const auto token =
      control::UiTokenFile::read(control::UiTokenFile::resolvePath(tokenFile), &error);
  if (!token) {
    err << "routeless-node ctl: " << error << "\n";
    return 1;
  }
  control::UiClient client;
  client.setToken(*token);
  if (!client.connectTo(port, 5000, &error)) {
    err << "routeless-node ctl: " << error << " (is `routeless-node daemon` running?)\n";
    return 1;
  }
  if (timeoutMs < 0) timeoutMs = rest[0] == QLatin1String("meshTest") ? 120000 : 15000;
  const auto reply = client.transact(rest[0], payload, timeoutMs, &error);
  if (!reply) {
    // A node that exits on `shutdown` may close before answering; the daemon is still there.
    if (rest[0] == QLatin1String("shutdown") && !client.isConnected()) {
      out << "{}\n";
      return 0;
    }
    err << "routeless-node ctl: " << error << "\n";
    return 1;
  }
  const control::Envelope e = *reply;
  // Print the whole envelope so that error codes stay exact.
  out << control::marshal(e) << "\n";
  return e.error ? 1 : 0;
}

}  // namespace routeless::node
