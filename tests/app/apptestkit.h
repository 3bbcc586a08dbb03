#pragma once
// What the desktop app's tests share: the environment they run `routeless` in (a throw-away
// HOME with its own config folder and a private XDG runtime folder, so that a test never reads
// or writes the real user's profiles and two tests never share a single-instance lock), and a
// free loopback port.
#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QTcpServer>
#include <QTemporaryDir>

inline QProcessEnvironment appTestEnvironment(const QTemporaryDir &home, bool offscreen = true) {
  const QString runtime = home.filePath(QStringLiteral("run"));
  QDir().mkpath(runtime);
  QFile::setPermissions(runtime,
                        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("HOME"), home.path());
  env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral(".config")));
  env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
  if (offscreen)
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
  else
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
  return env;
}

// A port nothing listens on right now (the usual race is harmless on a test machine).
inline quint16 freePort() {
  QTcpServer s;
  s.listen(QHostAddress::LocalHost);
  return s.serverPort();
}
