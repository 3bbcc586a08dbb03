// core/platform/autostart_mac.cpp, built on Linux with Qt alone: the LaunchAgent it writes is a
// well-formed property list naming the app, its program and arguments (XML-escaped, read back
// unchanged) and RunAtLoad; removing it removes the file.
#include <QFile>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include "platform/autostart.h"

using routeless::platform::Autostart;

namespace {

struct Plist {
  QString label;
  QStringList programArguments;
  bool runAtLoad = false;
  bool wellFormed = false;
};

// Reads the few keys a LaunchAgent needs from a flat <dict>.
Plist readPlist(const QString &path) {
  Plist p;
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return p;
  QXmlStreamReader xml(&f);
  QString key;
  bool inArguments = false;
  while (!xml.atEnd()) {
    xml.readNext();
    if (xml.isStartElement()) {
      const auto name = xml.name();
      if (name == QLatin1String("key")) {
        key = xml.readElementText();
      } else if (name == QLatin1String("array") && key == QLatin1String("ProgramArguments")) {
        inArguments = true;
      } else if (name == QLatin1String("string")) {
        const QString text = xml.readElementText();
        if (inArguments)
          p.programArguments << text;
        else if (key == QLatin1String("Label"))
          p.label = text;
      } else if (name == QLatin1String("true") && key == QLatin1String("RunAtLoad")) {
        p.runAtLoad = true;
      }
    } else if (xml.isEndElement() && xml.name() == QLatin1String("array")) {
      inArguments = false;
    }
  }
  p.wellFormed = !xml.hasError();
  return p;
}

}  // namespace

class TestAutostartLaunchAgent : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void agentRoundTrip() {
    QTemporaryDir home;
    const QString folder = home.filePath(QStringLiteral("Library/LaunchAgents"));
    const QString program = QStringLiteral("/Applications/R&D <test>.app/Contents/MacOS/Routeless");
    Autostart a({QStringLiteral("Routeless"),
                 QStringLiteral("routeless"),
                 QStringLiteral("io.github.routeless.Routeless"),
                 QString(),
                 program,
                 {QStringLiteral("--minimized"), QStringLiteral("a \"quoted\" 'arg'")}},
                folder);
    QCOMPARE(a.entryLocation(), folder + QStringLiteral("/io.github.routeless.Routeless.plist"));
    QVERIFY(!a.isEnabled());
    QString error;
    QVERIFY2(a.setEnabled(true, &error), qPrintable(error));
    QVERIFY(a.isEnabled());
    const Plist p = readPlist(a.entryLocation());
    QVERIFY(p.wellFormed);
    QCOMPARE(p.label, QStringLiteral("io.github.routeless.Routeless"));
    QCOMPARE(p.programArguments, QStringList({program, QStringLiteral("--minimized"),
                                              QStringLiteral("a \"quoted\" 'arg'")}));
    QVERIFY(p.runAtLoad);
    QVERIFY(a.setEnabled(false, &error));
    QVERIFY(!a.isEnabled());
    QVERIFY(!QFile::exists(a.entryLocation()));
  }
};

QTEST_GUILESS_MAIN(TestAutostartLaunchAgent)
#include "tst_autostart_launchagent.moc"
