// routeless-node mproxy | relay | relay-device: argv -> core/mproxy. The relay and the device
// run on their own threads (core/mproxy/relayruntime.h); this file only parses arguments.
#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>
#include <QTextStream>
#include <QUrl>

#include "commands.h"
#include "mproxy/deviceurl.h"
#include "mproxy/jsonlines.h"
#include "mproxy/relayruntime.h"
#include "net/hostport.h"
#include "platform/stoprequests.h"

namespace routeless::node {
namespace {

using mproxy::DeviceConfig;
using mproxy::DeviceTarget;
using mproxy::RelayConfig;
using mproxy::RelayListener;

const char kMproxyUsage[] =
    "usage: routeless-node mproxy decode|encode\n"
    "  decode   M-PROXY bytes on stdin -> one JSON line per frame on stdout:\n"
    "           {\"event\":\"message|control|connection|error|pause|resume|end\",\"family\",\n"
    "            "
    "\"address\",\"port\",\"datalen\",\"service\",\"serviceport\",\"name\",\"data_hex\"}\n"
    "           (+\"message\",\"code\" for error). A broken stream prints\n"
    "           {\"event\":\"stream-error\",\"message\":...} and exits with status 3.\n"
    "  encode   the same JSON lines on stdin -> M-PROXY bytes on stdout. Bodies come from\n"
    "           \"data_hex\" or \"data_json\"; \"fn\":\"pack\" or \"packHeader\" (with "
    "\"andBody\",\n"
    "           \"oldways\") reproduce proxy-packer's calls. A refused line (header over 255\n"
    "           bytes, a comma in a field, bad JSON) is reported on stderr, exit status 3.\n";

const char kRelayUsage[] =
    "usage: routeless-node relay --listen [ADDR:]PORT --token-file FILE [options]\n"
    "  The M-PROXY relay: devices link in over WebSocket, clients connect to public TCP ports.\n"
    "  --listen [ADDR:]PORT         WebSocket endpoint for device links (ADDR defaults to\n"
    "                               127.0.0.1; give 0.0.0.0 or :: to accept remote devices)\n"
    "  --token-file FILE            tokens devices may present, one per line: TOKEN (any\n"
    "                               device name) or DEVICE TOKEN (only that device); # comments\n"
    "  --cert FILE --key FILE       serve wss:// with this PEM certificate chain and key\n"
    "  --map [ADDR:]PORT=DEVICE     public TCP listener; every client goes to DEVICE\n"
    "  --vhost [ADDR:]PORT[=DEVICE] public TCP listener routed by TLS SNI or HTTP Host to the\n"
    "                               device that announced the name (DEVICE: fallback)\n"
    "  --keepalive SECONDS          ping interval on device links (default 15)\n"
    "  --verbose                    one log line per client\n"
    "  Public listeners bind 127.0.0.1 unless ADDR says otherwise. Port 0 picks a free port;\n"
    "  the bound ports are printed on stdout.\n";

const char kDeviceUsage[] =
    "usage: routeless-node relay-device --relay URL --token-file FILE --name NAME\n"
    "                                   --target KEY=HOST:PORT... [options]\n"
    "       routeless-node relay-device --url device://... [--verbose]\n"
    "  Links this machine to an M-PROXY relay and serves its clients from local targets.\n"
    "  --relay URL                  ws://HOST:PORT or wss://HOST:PORT\n"
    "  --token-file FILE            the token (first line that is not empty or a # comment)\n"
    "  --name NAME                  this device's name on the relay (A-Z a-z 0-9 . _ -)\n"
    "  --target KEY=HOST:PORT       where clients go. KEY is a host name (TLS SNI / HTTP Host;\n"
    "                               announced to the relay), *.domain, a relay port number\n"
    "                               (clients of that --map listener), or * (anything else)\n"
    "  --ca FILE                    also trust these PEM CA certificates for wss://\n"
    "  --keepalive SECONDS          ping interval on the link (default 15)\n"
    "  --url device://TOKEN@HOST:PORT/NAME?target=KEY=HOST:PORT[&target=...][&tls=1]\n"
    "        [&ca=FILE][&keepalive=SECONDS]\n"
    "                               the whole link in one string, instead of --relay,\n"
    "                               --token-file, --name, --target, --ca and --keepalive\n"
    "                               (tls=1: wss://). The token is then visible to other\n"
    "                               local users in the process list; prefer --token-file\n"
    "  --verbose                    one log line per client\n"
    "  Reconnects with exponential backoff (0.5 s to 30 s); exits with status 1 when the relay\n"
    "  refuses the token.\n";

struct Args {
  QStringList list;
  int i = 0;
  QString error;
  bool next(QString *value) {
    if (i + 1 >= list.size()) {
      error = QStringLiteral("%1 needs a value").arg(list[i]);
      return false;
    }
    *value = list[++i];
    return true;
  }
};

// "[ADDR:]PORT", "[v6]:PORT" -> address and port; ADDR defaults to 127.0.0.1 ("localhost" is
// 127.0.0.1 too), port 0 picks a free port.
bool parseEndpoint(const QString &text, QHostAddress *addr, quint16 *port, QString *error) {
  net::HostPortRules rules;
  rules.emptyHost = true;
  rules.portOnly = true;
  rules.portZero = true;
  QString why;
  const std::optional<net::HostPort> endpoint = net::parseHostPort(text, rules, &why);
  if (!endpoint) {
    *error = QStringLiteral("bad address \"%1\": %2").arg(text, why);
    return false;
  }
  if (endpoint->host.isEmpty() || endpoint->host == QLatin1String("localhost")) {
    *addr = QHostAddress(QHostAddress::LocalHost);
  } else if (endpoint->address.isNull()) {
    *error = QStringLiteral("bad address \"%1\": an IP address is expected, not \"%2\"")
                 .arg(text, endpoint->host);
    return false;
  } else {
    *addr = endpoint->address;
  }
  *port = endpoint->port;
  return true;
}

// A token file: one token per line, or "DEVICE TOKEN" to bind a token to one device name;
// empty lines and # comments are skipped.
QList<mproxy::RelayToken> readTokens(const QString &path, QString *error) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) {
    *error = QStringLiteral("cannot read token file %1: %2").arg(path, f.errorString());
    return {};
  }
  if (f.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther))
    QTextStream(stderr) << "warning: token file " << path
                        << " is readable by other users (chmod 600 it)\n";
  QList<mproxy::RelayToken> tokens;
  for (const QByteArray &raw : f.readAll().split('\n')) {
    const QByteArray line = raw.simplified();
    if (line.isEmpty() || line.startsWith('#')) continue;
    const qsizetype space = line.indexOf(' ');
    if (space < 0)
      tokens.append({line, QString()});
    else
      tokens.append({line.mid(space + 1), QString::fromUtf8(line.left(space))});
  }
  if (tokens.isEmpty()) *error = QStringLiteral("token file %1 holds no token").arg(path);
  return tokens;
}

bool parseKeepalive(const QString &text, mproxy::MuxLimits *limits, QString *error) {
  const std::optional<int> ms = mproxy::parseKeepaliveSeconds(text);
  if (!ms) {
    *error = QStringLiteral("bad --keepalive \"%1\" (seconds, up to 3600)").arg(text);
    return false;
  }
  limits->keepaliveMs = *ms;
  return true;
}

int usageError(const QString &message, const char *usage) {
  QTextStream(stderr) << "routeless-node: " << message << "\n" << usage;
  return 2;
}

// --url device://...: the whole link in one string, so it excludes the options it replaces.
int configFromUrl(const QString &url, const QStringList &linkOptions, DeviceConfig *config) {
  if (!linkOptions.isEmpty())
    return usageError(QStringLiteral("--url already holds the relay, token, name, targets, CA and "
                                     "keepalive; drop %1")
                          .arg(linkOptions.join(QLatin1String(", "))),
                      kDeviceUsage);
  QString error;
  std::optional<DeviceConfig> fromUrl = mproxy::parseDeviceUrl(url, &error);
  if (!fromUrl) return usageError(QStringLiteral("bad --url: ") + error, kDeviceUsage);
  fromUrl->verbose = config->verbose;
  *config = *fromUrl;
  return 0;
}

// --relay, --name, --target and --token-file: each is required without --url.
int configFromOptions(const QString &tokenFile, DeviceConfig *config) {
  if (config->relayUrl.isEmpty())
    return usageError(QStringLiteral("--relay is required"), kDeviceUsage);
  if (config->name.isEmpty()) return usageError(QStringLiteral("--name is required"), kDeviceUsage);
  if (config->targets.isEmpty())
    return usageError(QStringLiteral("at least one --target is required"), kDeviceUsage);
  if (tokenFile.isEmpty())
    return usageError(QStringLiteral("--token-file is required"), kDeviceUsage);
  QString error;
  const QList<mproxy::RelayToken> tokens = readTokens(tokenFile, &error);
  if (tokens.isEmpty()) return usageError(error, kDeviceUsage);
  config->token = tokens.first().secret;  // the device file may use either form too
  return 0;
}

}  // namespace

int runMproxy(const QStringList &args) {
  if (args.size() == 1 && args[0] == QLatin1String("decode")) return mproxy::runDecodeFilter(0, 1);
  if (args.size() == 1 && args[0] == QLatin1String("encode"))
    return mproxy::runEncodeFilter(0, 1, 2);
  if (args.size() == 1 && (args[0] == QLatin1String("--help") || args[0] == QLatin1String("-h"))) {
    QTextStream(stdout) << kMproxyUsage;
    return 0;
  }
  QTextStream(stderr) << kMproxyUsage;
  return 2;
}

int runRelay(const QStringList &argv) {
  RelayConfig config;
  Args a;
  a.list = argv;
  QString value, error, tokenFile;
  bool haveListen = false;
  for (; a.i < a.list.size(); ++a.i) {
    const QString opt = a.list[a.i];
    if (opt == QLatin1String("--help") || opt == QLatin1String("-h")) {
      QTextStream(stdout) << kRelayUsage;
      return 0;
    } else if (opt == QLatin1String("--verbose")) {
      config.verbose = true;
      continue;
    }
    if (!a.next(&value)) return usageError(a.error, kRelayUsage);
    if (opt == QLatin1String("--listen")) {
      if (!parseEndpoint(value, &config.linkAddress, &config.linkPort, &error))
        return usageError(error, kRelayUsage);
      haveListen = true;
    } else if (opt == QLatin1String("--token-file")) {
      tokenFile = value;
    } else if (opt == QLatin1String("--cert")) {
      config.certFile = value;
    } else if (opt == QLatin1String("--key")) {
      config.keyFile = value;
    } else if (opt == QLatin1String("--map") || opt == QLatin1String("--vhost")) {
      RelayListener l;
      l.byName = opt == QLatin1String("--vhost");
      const qsizetype eq = value.indexOf(QLatin1Char('='));
      const QString endpoint = eq < 0 ? value : value.left(eq);
      l.device = eq < 0 ? QString() : value.mid(eq + 1);
      if (!l.byName && l.device.isEmpty())
        return usageError(QStringLiteral("--map needs [ADDR:]PORT=DEVICE"), kRelayUsage);
      if (!parseEndpoint(endpoint, &l.address, &l.port, &error))
        return usageError(error, kRelayUsage);
      config.listeners << l;
    } else if (opt == QLatin1String("--keepalive")) {
      if (!parseKeepalive(value, &config.limits, &error)) return usageError(error, kRelayUsage);
    } else {
      return usageError(QStringLiteral("unknown option \"%1\"").arg(opt), kRelayUsage);
    }
  }
  if (!haveListen) return usageError(QStringLiteral("--listen is required"), kRelayUsage);
  if (tokenFile.isEmpty())
    return usageError(QStringLiteral("--token-file is required"), kRelayUsage);
  config.tokens = readTokens(tokenFile, &error);
  if (config.tokens.isEmpty()) return usageError(error, kRelayUsage);

  mproxy::RelayRuntime relay(config);
  QObject::connect(&relay, &mproxy::RelayRuntime::log,
                   [](const QString &line) { QTextStream(stderr) << line << "\n"; });
  if (!relay.start(&error)) {
    QTextStream(stderr) << "routeless-node relay: " << error << "\n";
    return 1;
  }
  QTextStream out(stdout);
  const QString host = config.linkAddress.protocol() == QAbstractSocket::IPv6Protocol
                           ? QLatin1Char('[') + config.linkAddress.toString() + QLatin1Char(']')
                           : config.linkAddress.toString();
  out << "relay: device links on " << (relay.isSecure() ? "wss://" : "ws://") << host << ":"
      << relay.linkPort() << "\n";
  const QList<quint16> ports = relay.listenerPorts();
  for (int i = 0; i < config.listeners.size(); ++i) {
    const RelayListener &l = config.listeners[i];
    out << "relay: public " << l.address.toString() << ":" << ports[i] << " -> "
        << (l.byName
                ? QStringLiteral("by TLS SNI / HTTP Host") +
                      (l.device.isEmpty() ? QString()
                                          : QStringLiteral(", else device \"%1\"").arg(l.device))
                : QStringLiteral("device \"%1\"").arg(l.device))
        << "\n";
  }
  out.flush();
  platform::StopRequests stop;  // Ctrl-C / SIGTERM: stop the engine thread cleanly, exit 0
  QObject::connect(&stop, &platform::StopRequests::requested, qApp,
                   [] { QCoreApplication::quit(); });
  return QCoreApplication::exec();
}

int runRelayDevice(const QStringList &argv) {
  DeviceConfig config;
  Args a;
  a.list = argv;
  QString value, error, tokenFile, url;
  QStringList linkOptions;  // the options given that --url replaces
  for (; a.i < a.list.size(); ++a.i) {
    const QString opt = a.list[a.i];
    if (opt == QLatin1String("--help") || opt == QLatin1String("-h")) {
      QTextStream(stdout) << kDeviceUsage;
      return 0;
    } else if (opt == QLatin1String("--verbose")) {
      config.verbose = true;
      continue;
    }
    if (!a.next(&value)) return usageError(a.error, kDeviceUsage);
    if (opt != QLatin1String("--url") && !linkOptions.contains(opt)) linkOptions << opt;
    if (opt == QLatin1String("--url")) {
      url = value;
    } else if (opt == QLatin1String("--relay")) {
      config.relayUrl = QUrl(value);
      if (!config.relayUrl.isValid() || config.relayUrl.host().isEmpty())
        return usageError(QStringLiteral("bad --relay URL \"%1\"").arg(value), kDeviceUsage);
    } else if (opt == QLatin1String("--token-file")) {
      tokenFile = value;
    } else if (opt == QLatin1String("--name")) {
      config.name = value;
    } else if (opt == QLatin1String("--target")) {
      const std::optional<DeviceTarget> target = mproxy::parseDeviceTarget(value, nullptr);
      if (!target)
        return usageError(QStringLiteral("bad --target \"%1\" (KEY=HOST:PORT)").arg(value),
                          kDeviceUsage);
      config.targets << *target;
    } else if (opt == QLatin1String("--ca")) {
      config.caFile = value;
    } else if (opt == QLatin1String("--keepalive")) {
      if (!parseKeepalive(value, &config.limits, &error)) return usageError(error, kDeviceUsage);
    } else {
      return usageError(QStringLiteral("unknown option \"%1\"").arg(opt), kDeviceUsage);
    }
  }
  if (const int status = url.isEmpty() ? configFromOptions(tokenFile, &config)
                                       : configFromUrl(url, linkOptions, &config))
    return status;

  mproxy::DeviceRuntime device(config);
  QObject::connect(&device, &mproxy::DeviceRuntime::log,
                   [](const QString &line) { QTextStream(stderr) << line << "\n"; });
  QObject::connect(&device, &mproxy::DeviceRuntime::refused,
                   [](const QString &) { QCoreApplication::exit(1); });
  if (!device.start(&error)) {
    QTextStream(stderr) << "routeless-node relay-device: " << error << "\n";
    return 1;
  }
  platform::StopRequests stop;
  QObject::connect(&stop, &platform::StopRequests::requested, qApp,
                   [] { QCoreApplication::quit(); });
  return QCoreApplication::exec();
}

}  // namespace routeless::node
