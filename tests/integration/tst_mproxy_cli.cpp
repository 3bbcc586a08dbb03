// Pipes every proxy-packer vector through the real `routeless-node mproxy decode|encode`
// (ROUTELESS_NODE_BIN): decoded lines against the recorded JS events, encoded bytes against
// the recorded frames, stream errors as a final line with exit status 3.
#include <QJsonArray>
#include <QProcess>
#include <QTest>

#include "core/mproxy/vectors.h"

using namespace routeless::mproxy::testing;

namespace {

struct Run {
  int exitCode = -1;
  QByteArray out;
  QByteArray err;
};

Run runNode(const QStringList &args, const QByteArray &input) {
  QProcess p;
  p.start(QStringLiteral(ROUTELESS_NODE_BIN), args);
  Run r;
  if (!p.waitForStarted(10000)) return r;
  p.write(input);
  p.closeWriteChannel();
  if (!p.waitForFinished(30000)) {
    p.kill();
    p.waitForFinished();
    return r;
  }
  r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  r.out = p.readAllStandardOutput();
  r.err = p.readAllStandardError();
  return r;
}

QList<QJsonObject> linesOf(const QByteArray &out) {
  QList<QJsonObject> lines;
  for (const QByteArray &l : out.split('\n')) {
    if (l.isEmpty()) continue;
    lines << QJsonDocument::fromJson(l).object();
  }
  return lines;
}

// `mproxy decode` lines as proxy-packer events (after_chunk is not visible through a pipe).
QList<DecodedEvent> eventsOf(const QList<QJsonObject> &lines) {
  QList<DecodedEvent> out;
  for (const QJsonObject &line : lines) {
    if (line[QLatin1String("event")] == QLatin1String("stream-error")) continue;
    DecodedEvent e;
    e.event = line[QLatin1String("event")].toString();
    e.tun = tunOfLine(line);
    e.dataHex = line[QLatin1String("data_hex")];
    out << e;
  }
  return out;
}

QString eventFor(const QString &service) {
  static const QStringList special{"control", "connection", "error", "pause", "resume", "end"};
  return special.contains(service) ? service : QStringLiteral("message");
}

// The `mproxy encode` line for a pack vector (see tst_packer.cpp for the same mapping).
QByteArray encodeLineFor(const QJsonObject &vector, const QJsonObject &tun, const QJsonObject &args,
                         const QString &fn, const QString &dataHex) {
  QJsonObject line = tun;
  line.remove(QLatin1String("data"));
  const QString service = args[QLatin1String("service")].toString();
  line[QLatin1String("event")] = eventFor(service);
  if (!service.isEmpty() && eventFor(service) != QLatin1String("control") &&
      eventFor(service) != QLatin1String("connection"))
    line[QLatin1String("service")] = service;
  line[QLatin1String("fn")] = fn;
  for (const char *k : {"andBody", "oldways"})
    if (args.contains(QLatin1String(k))) line[QLatin1String(k)] = args[QLatin1String(k)];
  QByteArray text = QJsonDocument(line).toJson(QJsonDocument::Compact);
  const QString kind = vector[QLatin1String("data_kind")].toString();
  QByteArray body;
  if (!dataHex.isNull()) {
    body = ",\"data_hex\":\"" + dataHex.toLatin1() + "\"";
  } else if (kind == QLatin1String("json")) {
    // Cut data_json out of the raw vector line: its member order is part of the bytes.
    const QByteArray raw = vector[QLatin1String("_raw")].toString().toUtf8();
    const qsizetype from = raw.indexOf("\"data_json\":");
    const qsizetype to = raw.indexOf(",\"data_hex\":", from);
    body = "," + raw.mid(from, to - from);
  } else if (kind == QLatin1String("uint8array")) {
    const QByteArray bytes =
        QByteArray::fromHex(vector[QLatin1String("data_hex")].toString().toLatin1());
    QByteArrayList members;
    for (int i = 0; i < bytes.size(); ++i)
      members << "\"" + QByteArray::number(i) + "\":" + QByteArray::number(uchar(bytes[i]));
    body = ",\"data_json\":{" + members.join(',') + "}";
  }
  text.insert(text.size() - 1, body);
  return text + '\n';
}

}  // namespace

class TestMproxyCli : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void decodeValid();
  void decodeBad();
  void encodePack();
  void decodeEncodeRoundTrip();
  void usage();
};

void TestMproxyCli::decodeValid() {
  for (const QJsonObject &v : loadVectors("vectors-unpack.jsonl")) {
    const QString name = v[QLatin1String("name")].toString();
    const Run r = runNode({QStringLiteral("mproxy"), QStringLiteral("decode")}, chunksOf(v).join());
    QVERIFY2(r.exitCode == 0, qPrintable(name + QLatin1String(": ") + QString::fromUtf8(r.out)));
    const QJsonArray ours = routeLikeProxyPacker(eventsOf(linesOf(r.out)), handlersOf(v));
    QVERIFY2(
        sameJson(withoutChunks(ours), expectedEvents(v[QLatin1String("events")].toArray(), false)),
        qPrintable(name));
  }
}

void TestMproxyCli::decodeBad() {
  for (const QJsonObject &v : loadVectors("vectors-bad.jsonl")) {
    const QString name = v[QLatin1String("name")].toString();
    const BadExpectation x = expectationForBad(v);
    const Run r = runNode({QStringLiteral("mproxy"), QStringLiteral("decode")}, chunksOf(v).join());
    const QList<QJsonObject> lines = linesOf(r.out);
    if (x.streamError.isEmpty()) {
      QVERIFY2(r.exitCode == 0, qPrintable(name));
    } else {
      QVERIFY2(r.exitCode == 3, qPrintable(name));
      QVERIFY(!lines.isEmpty());
      QCOMPARE(lines.last()[QLatin1String("event")].toString(), QStringLiteral("stream-error"));
      QVERIFY2(lines.last()[QLatin1String("message")].toString().contains(x.streamError),
               qPrintable(name));
    }
    const QJsonArray ours = routeLikeProxyPacker(eventsOf(lines), handlersOf(v));
    QVERIFY2(sameJson(withoutChunks(ours), withoutChunks(x.events)), qPrintable(name));
  }
}

void TestMproxyCli::encodePack() {
  for (const QJsonObject &v : loadVectors("vectors-pack.jsonl")) {
    const QString name = v[QLatin1String("name")].toString();
    const QString fn = v[QLatin1String("fn")].toString();
    const QJsonObject args = v[QLatin1String("args")].toObject();
    QByteArray input;
    if (fn == QLatin1String("Transform.create")) {
      QJsonObject filled = v[QLatin1String("tun")].toObject();
      for (const char *k : {"service", "serviceport", "name"})
        if (!filled.contains(QLatin1String(k))) filled[QLatin1String(k)] = args[QLatin1String(k)];
      for (const QString &hex : v[QLatin1String("data_hex")].toString().split(QLatin1Char('|')))
        input += encodeLineFor(v, filled, {}, QStringLiteral("pack"), hex);
    } else {
      const bool buffer = v[QLatin1String("data_kind")] == QLatin1String("buffer");
      input = encodeLineFor(v, v[QLatin1String("tun")].toObject(), args, fn,
                            buffer ? v[QLatin1String("data_hex")].toString() : QString());
    }
    const Run r = runNode({QStringLiteral("mproxy"), QStringLiteral("encode")}, input);
    if (name.startsWith(QLatin1String("header-256")) ||
        name.startsWith(QLatin1String("header-300")) ||
        name.startsWith(QLatin1String("comma-in-"))) {
      QVERIFY2(r.exitCode == 3, qPrintable(name));
      QVERIFY(r.out.isEmpty());
      QVERIFY2(r.err.contains("line 1:"), r.err.constData());
      continue;
    }
    QVERIFY2(r.exitCode == 0, qPrintable(name + QLatin1String(": ") + QString::fromUtf8(r.err)));
    QVERIFY2(r.out.toHex() == v[QLatin1String("packed_hex")].toString().toLatin1(),
             qPrintable(name));
  }
}

void TestMproxyCli::decodeEncodeRoundTrip() {
  // Every complete frame proxy-packer's pack() produced decodes and re-encodes to itself.
  QByteArray stream;
  for (const QJsonObject &v : loadVectors("vectors-pack.jsonl")) {
    const QString name = v[QLatin1String("name")].toString();
    if (v[QLatin1String("fn")] != QLatin1String("pack") ||
        name.startsWith(QLatin1String("header-2")) || name.startsWith(QLatin1String("header-3")) ||
        name.startsWith(QLatin1String("comma-in-")))
      continue;
    stream += QByteArray::fromHex(v[QLatin1String("packed_hex")].toString().toLatin1());
  }
  const Run decoded = runNode({QStringLiteral("mproxy"), QStringLiteral("decode")}, stream);
  QCOMPARE(decoded.exitCode, 0);
  const Run encoded = runNode({QStringLiteral("mproxy"), QStringLiteral("encode")}, decoded.out);
  QVERIFY2(encoded.exitCode == 0, encoded.err.constData());
  QCOMPARE(encoded.out.toHex(), stream.toHex());
  // A truncated stream is a stream error too.
  const Run cut = runNode({QStringLiteral("mproxy"), QStringLiteral("decode")}, stream.chopped(3));
  QCOMPARE(cut.exitCode, 3);
  QVERIFY(linesOf(cut.out).last()[QLatin1String("message")].toString().contains(
      QLatin1String("stream ended inside the header")));
}

void TestMproxyCli::usage() {
  QCOMPARE(runNode({QStringLiteral("mproxy")}, {}).exitCode, 2);
  QCOMPARE(runNode({QStringLiteral("mproxy"), QStringLiteral("bogus")}, {}).exitCode, 2);
  const Run help = runNode({QStringLiteral("mproxy"), QStringLiteral("--help")}, {});
  QCOMPARE(help.exitCode, 0);
  QVERIFY(help.out.contains("stream-error"));
}

QTEST_GUILESS_MAIN(TestMproxyCli)
#include "tst_mproxy_cli.moc"
