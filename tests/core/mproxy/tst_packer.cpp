// Tests core/mproxy/packer.cpp (and the JSON-line adapter the CLI uses) against proxy-packer's
// pack/packHeader/Transform and id vectors.
#include <QJsonArray>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include "core/mproxy/vectors.h"
#include "mproxy/jsonlines.h"
#include "mproxy/jsontext.h"
#include "mproxy/packer.h"
#include "mproxy/unpacker.h"

using namespace routeless::mproxy;
using routeless::mproxy::testing::addVectorRows;
using routeless::mproxy::testing::loadVectors;

namespace {

QString eventFor(const QString &service) {
  if (service == QLatin1String("control") || service == QLatin1String("connection") ||
      service == QLatin1String("error") || service == QLatin1String("pause") ||
      service == QLatin1String("resume") || service == QLatin1String("end"))
    return service;
  return QStringLiteral("message");
}

// One `mproxy encode` line for a pack vector: the tun as given (JS values), the service
// argument folded in as pack() does, and the body as data_hex or data_json.
QJsonObject lineFor(const QJsonObject &tun, const QJsonObject &args, const QString &fn,
                    const QString &dataJsonText, const QString &dataHex) {
  QJsonObject line = tun;
  const QString service = args[QLatin1String("service")].toString();
  line[QLatin1String("event")] = eventFor(service);
  if (!service.isEmpty() && eventFor(service) != QLatin1String("control") &&
      eventFor(service) != QLatin1String("connection"))
    line[QLatin1String("service")] = service;
  line[QLatin1String("fn")] = fn;
  if (args.contains(QLatin1String("andBody")))
    line[QLatin1String("andBody")] = args[QLatin1String("andBody")];
  if (args.contains(QLatin1String("oldways")))
    line[QLatin1String("oldways")] = args[QLatin1String("oldways")];
  line.remove(QLatin1String("data"));  // a tun key, not our body
  if (!dataJsonText.isEmpty()) line[QLatin1String("_data_json_text")] = dataJsonText;
  if (!dataHex.isNull()) line[QLatin1String("data_hex")] = dataHex;
  return line;
}

QString uint8ArrayAsJson(const QByteArray &bytes) {
  QStringList members;  // JSON.stringify(new Uint8Array(...)) -> {"0":1,"1":2,...}
  for (int i = 0; i < bytes.size(); ++i)
    members << QStringLiteral("\"%1\":%2").arg(i).arg(int(uchar(bytes[i])));
  return QLatin1Char('{') + members.join(QLatin1Char(',')) + QLatin1Char('}');
}

// data_json is spliced in as text: its member order is part of the expected bytes.
bool encodeLine(QJsonObject line, QByteArray &out, QString *error) {
  const QByteArray dataJson = line.take(QLatin1String("_data_json_text")).toString().toUtf8();
  QByteArray text = QJsonDocument(line).toJson(QJsonDocument::Compact);
  if (!dataJson.isEmpty()) text.insert(text.size() - 1, ",\"data_json\":" + dataJson);
  return encodeJsonLine(text, out, error);
}

// The vector's data_json exactly as written (member order kept).
QString rawDataJson(const QJsonObject &vector) {
  JsValue v;
  if (!parseJson(vector[QLatin1String("_raw")].toString(), &v)) return {};
  const JsValue *d = v.member(QStringLiteral("data_json"));
  return d ? QString::fromUtf8(stringify(*d)) : QString();
}

}  // namespace

class TestPacker : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void packVectors_data();
  void packVectors();
  void headerTemplateMatchesPack();
  void headerTemplateRefusesLongHeaders();
  void idVectors();
  void realSocketId();
  void encodeLineErrors();
};

void TestPacker::packVectors_data() { addVectorRows("vectors-pack.jsonl"); }

void TestPacker::packVectors() {
  QFETCH(QJsonObject, vector);
  QVERIFY(!vector.isEmpty());
  const QString name = vector[QLatin1String("name")].toString();
  const QString fn = vector[QLatin1String("fn")].toString();
  const QJsonObject args = vector[QLatin1String("args")].toObject();
  const QJsonObject tun = vector[QLatin1String("tun")].toObject();
  const QString kind = vector[QLatin1String("data_kind")].toString();
  const QByteArray expected =
      QByteArray::fromHex(vector[QLatin1String("packed_hex")].toString().toLatin1());

  QList<QJsonObject> lines;
  if (fn == QLatin1String("Transform.create")) {
    // Transform fills in service/serviceport/name from its options and pack()s each write.
    QJsonObject filled = tun;
    for (const char *k : {"service", "serviceport", "name"})
      if (!filled.contains(QLatin1String(k))) filled[QLatin1String(k)] = args[QLatin1String(k)];
    for (const QString &hex : vector[QLatin1String("data_hex")].toString().split(QLatin1Char('|')))
      lines << lineFor(filled, {}, QStringLiteral("pack"), QString(), hex);
  } else {
    QString dataJson;
    QString dataHex;
    if (kind == QLatin1String("buffer")) {
      dataHex = vector[QLatin1String("data_hex")].toString();
    } else if (kind == QLatin1String("json")) {
      dataJson = rawDataJson(vector);
    } else if (kind == QLatin1String("uint8array")) {
      dataJson = uint8ArrayAsJson(
          QByteArray::fromHex(vector[QLatin1String("data_hex")].toString().toLatin1()));
    }
    lines << lineFor(tun, args, fn, dataJson, dataHex);
  }

  QByteArray out;
  QString error;
  bool ok = true;
  for (const QJsonObject &line : lines) ok = ok && encodeLine(line, out, &error);

  // Deliberate differences (docs/mproxy.md): refuse what proxy-packer mangles.
  if (name.startsWith(QLatin1String("header-256")) ||
      name.startsWith(QLatin1String("header-300"))) {
    QVERIFY(!ok);
    QVERIFY2(error.contains(QLatin1String("M-PROXY allows at most 255")), qPrintable(error));
    return;
  }
  if (name.startsWith(QLatin1String("comma-in-"))) {
    QVERIFY(!ok);
    QVERIFY2(error.contains(QLatin1String("contains a comma")), qPrintable(error));
    return;
  }
  QVERIFY2(ok, qPrintable(error));
  QCOMPARE(out.toHex(), expected.toHex());
}

void TestPacker::headerTemplateMatchesPack() {
  const Tun t{"IPv6", "fe80::1%lo", "5353", "https", "443", "b\u00fccher.example"};
  const HeaderTemplate tpl(t, 65536);
  QVERIFY2(tpl.isValid(), qPrintable(tpl.error()));
  QCOMPARE(tpl.id(), QStringLiteral("IPv6,fe80::1%lo,5353"));
  for (qint64 len : {0, 1, 9, 10, 199, 65536}) {
    QByteArray a, b;
    tpl.appendData(a, len);
    QVERIFY(appendHeader(b, FrameKind::Message, t, len));
    QCOMPARE(a, b);
  }
  for (FrameKind k : {FrameKind::Pause, FrameKind::Resume, FrameKind::End, FrameKind::Error,
                      FrameKind::Connection}) {
    QByteArray a, b;
    tpl.appendSignal(a, k);
    QVERIFY(appendHeader(b, k, t, 0));
    QCOMPARE(a, b);
  }
  QByteArray a, b;
  tpl.appendError(a, "{\"message\":\"x\"}");
  QVERIFY(appendFrame(b, FrameKind::Error, t, "{\"message\":\"x\"}"));
  QCOMPARE(a, b);
}

void TestPacker::headerTemplateRefusesLongHeaders() {
  Tun t{"IPv4", "127.0.0.1", "1", "tcp", "2", QString(230, QLatin1Char('h'))};
  QVERIFY(!HeaderTemplate(t, 65536).isValid());
  t.name = QString(150, QLatin1Char('h'));
  QVERIFY(HeaderTemplate(t, 65536).isValid());
  t.name = QStringLiteral("a,b");
  const HeaderTemplate bad(t, 10);
  QVERIFY(!bad.isValid());
  QVERIFY(bad.error().contains(QLatin1String("comma")));
}

void TestPacker::idVectors() {
  for (const QJsonObject &v : loadVectors("vectors-id.jsonl")) {
    if (v[QLatin1String("fn")].toString() != QLatin1String("addrToId")) continue;
    const QJsonObject tun = v[QLatin1String("tun")].toObject();
    auto str = [&](const char *k) {
      const QJsonValue x = tun[QLatin1String(k)];
      if (x.isUndefined() || x.isNull()) return QString();
      return x.isDouble() ? QString::number(x.toInteger()) : x.toString();
    };
    Tun t;
    t.family = str("family");
    t.address = str("address");
    t.port = str("port");
    QCOMPARE(addrToId(t), v[QLatin1String("id")].toString());
  }
}

void TestPacker::realSocketId() {
  // socketToId on an accepted loopback socket: "IPv4,127.0.0.1,<client port>", serviceport is
  // the listening port (vector socketToId-real-loopback-socket).
  for (const QHostAddress &addr :
       {QHostAddress(QHostAddress::LocalHost), QHostAddress(QHostAddress::LocalHostIPv6)}) {
    QTcpServer server;
    if (!server.listen(addr)) {
      if (addr.protocol() == QAbstractSocket::IPv6Protocol) continue;  // no IPv6 loopback
      QFAIL("cannot listen");
    }
    QTcpSocket client;
    client.connectToHost(addr, server.serverPort());
    QVERIFY(server.waitForNewConnection(5000));
    QTcpSocket *accepted = server.nextPendingConnection();
    QVERIFY(client.waitForConnected(5000));
    const Tun t = socketToTun(*accepted);
    const bool v4 = addr.protocol() == QAbstractSocket::IPv4Protocol;
    QCOMPARE(t.family, v4 ? QStringLiteral("IPv4") : QStringLiteral("IPv6"));
    QCOMPARE(t.address, v4 ? QStringLiteral("127.0.0.1") : QStringLiteral("::1"));
    QCOMPARE(t.port, QString::number(client.localPort()));
    QCOMPARE(t.serviceport, QString::number(server.serverPort()));
    QCOMPARE(addrToId(t), t.family + QLatin1Char(',') + t.address + QLatin1Char(',') + t.port);
    delete accepted;
  }
}

void TestPacker::encodeLineErrors() {
  QByteArray out;
  QString error;
  QVERIFY(!encodeJsonLine("not json", out, &error));
  QVERIFY(error.startsWith(QLatin1String("not JSON")));
  QVERIFY(!encodeJsonLine("{\"event\":\"bogus\"}", out, &error));
  QVERIFY(error.contains(QLatin1String("unknown event")));
  QVERIFY(!encodeJsonLine("{\"data_hex\":\"abc\"}", out, &error));
  QVERIFY(!encodeJsonLine("{\"data_hex\":\"zz\"}", out, &error));
  QVERIFY(!encodeJsonLine("{\"data_hex\":\"00\",\"data_json\":1}", out, &error));
  QVERIFY(out.isEmpty());
  // The decoder's own output line encodes back to the same bytes.
  const QByteArray frame = QByteArray::fromHex(
      "fe31495076342c3132372e302e302e312c333030302c302c636f6e6e656374696f6e2c3434332c612e746573742c"
      "6874747073");
  FrameDecoder d;
  JsonLineWriter w;
  QVERIFY(d.feed(frame, w));
  QVERIFY(encodeJsonLine(w.output().trimmed(), out, &error));
  QCOMPARE(out.toHex(), frame.toHex());
}

QTEST_GUILESS_MAIN(TestPacker)
#include "tst_packer.moc"
