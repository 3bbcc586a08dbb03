#pragma once
// What the desktop app's tests share: the environment they run `routeless` in (a throw-away
// HOME with its own config folder and a private XDG runtime folder, so that a test never reads
// or writes the real user's profiles and two tests never share a single-instance lock, and
// demo ports of its own), and a free loopback port.
#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QTcpServer>
#include <QTemporaryDir>

#include "net/sockets.h"

// Four loopback ports free right now, for the demo profile's forward, responder and NodePass
// pair (ROUTELESS_TEST_DEMO_PORTS, core/profiles/profile.h): two app tests that connect the
// demo at once then never collide on the fixed ports a user's demo uses. The servers stay open
// until all four are picked, so the kernel hands out four different ports.
inline QString demoTestPorts() {
  QTcpServer servers[4];
  QStringList ports;
  for (QTcpServer &s : servers) {
    s.listen(QHostAddress::LocalHost);
    ports << QString::number(s.serverPort());
  }
  return ports.join(QLatin1Char(','));
}

// The demo's forward port in `env` ("forward,responder,tunnel,tunnelClient").
inline QString demoForwardPort(const QProcessEnvironment &env) {
  return env.value(QStringLiteral("ROUTELESS_TEST_DEMO_PORTS")).section(QLatin1Char(','), 0, 0);
}

inline QProcessEnvironment appTestEnvironment(const QTemporaryDir &home, bool offscreen = true) {
  const QString runtime = home.filePath(QStringLiteral("run"));
  QDir().mkpath(runtime);
  QFile::setPermissions(runtime,
                        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("HOME"), home.path());
  env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral(".config")));
  env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
  env.insert(QStringLiteral("ROUTELESS_TEST_DEMO_PORTS"), demoTestPorts());
  if (offscreen)
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
  else
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
  return env;
}

// A port nothing listens on right now, never one this process was handed before.
inline quint16 freePort() { return routeless::net::freeTcpPort(); }
