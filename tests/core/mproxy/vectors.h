#pragma once
// Shared by the mproxy tests: loads the proxy-packer vectors (tests/data/mproxy/*.jsonl)
// and reproduces proxy-packer's handler selection, so that decoded frames (from the decoder
// or from `routeless-node mproxy decode` lines) can be compared with the recorded JS events.

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QTest>

namespace routeless::mproxy::testing {

inline QString vectorPath(const char *file) {
  return QStringLiteral(ROUTELESS_VECTORS_DIR "/mproxy/") + QLatin1String(file);
}

// Each vector, plus its raw line under "_raw" (QJsonObject sorts keys; JSON bodies whose member
// order matters are read from the raw text). A missing or broken file fails the calling test
// function (not the process: the other functions of the test still run) and yields no vectors.
inline QList<QJsonObject> loadVectors(const char *file) {
  QList<QJsonObject> out;
  QFile f(vectorPath(file));
  if (!f.open(QIODevice::ReadOnly)) {
    QTest::qFail(
        qPrintable(QStringLiteral("cannot open %1: %2").arg(f.fileName(), f.errorString())),
        __FILE__, __LINE__);
    return {};
  }
  while (!f.atEnd()) {
    const QByteArray line = f.readLine().trimmed();
    if (line.isEmpty()) continue;
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &err);
    if (!doc.isObject()) {
      QTest::qFail(qPrintable(f.fileName() + QStringLiteral(": ") + err.errorString()), __FILE__,
                   __LINE__);
      return {};
    }
    QJsonObject o = doc.object();
    o[QLatin1String("_raw")] = QString::fromUtf8(line);
    out << o;
  }
  return out;
}

// A data function's rows: one per vector, in a column named "vector". A file that cannot be read
// (already failed by loadVectors) still gets one empty row, because Qt 6.4 runs a test function
// whose data function added none and QFETCH then aborts the executable; test functions start
// with QVERIFY(!vector.isEmpty()).
inline void addVectorRows(const char *file) {
  QTest::addColumn<QJsonObject>("vector");
  const QList<QJsonObject> vectors = loadVectors(file);
  if (vectors.isEmpty()) QTest::newRow("no vectors") << QJsonObject();
  for (const QJsonObject &v : vectors)
    QTest::newRow(qPrintable(v[QLatin1String("name")].toString())) << v;
}

inline QList<QByteArray> chunksOf(const QJsonObject &v) {
  QList<QByteArray> chunks;
  for (const QJsonValue &c : v[QLatin1String("chunks_hex")].toArray())
    chunks << QByteArray::fromHex(c.toString().toLatin1());
  return chunks;
}

inline QStringList handlersOf(const QJsonObject &v) {
  QStringList h;
  for (const QJsonValue &x : v[QLatin1String("handlers")].toArray()) h << x.toString();
  return h;
}

// One decoded frame in the shape of a `mproxy decode` line: event name, the tun fields
// (family..name, and message/code for error), data_hex (null when DATALEN is 0).
struct DecodedEvent {
  QString event;
  QJsonObject tun;
  QJsonValue dataHex;
  int afterChunk = -1;
};

inline QJsonObject tunOfLine(const QJsonObject &line) {
  QJsonObject tun;
  for (const char *k : {"family", "address", "port", "service", "serviceport", "name"})
    tun[QLatin1String(k)] = line[QLatin1String(k)];
  for (const char *k : {"message", "code"})
    if (line.contains(QLatin1String(k))) tun[QLatin1String(k)] = line[QLatin1String(k)];
  return tun;
}

// proxy-packer's handler selection: kinds without their own handler fall back to onmessage,
// except connection (a built-in no-op); without onmessage the machine emits argument-less events.
inline QJsonArray routeLikeProxyPacker(const QList<DecodedEvent> &events,
                                       const QStringList &handlers) {
  static const QHash<QString, QString> kEmit{
      {"message", "tunnelData"}, {"control", "tunnelControl"}, {"connection", "tunnelConnection"},
      {"error", "tunnelError"},  {"pause", "tunnelPause"},     {"resume", "tunnelResume"},
      {"end", "tunnelEnd"}};
  QJsonArray out;
  const bool emitter = !handlers.contains(QLatin1String("onmessage"));
  for (const DecodedEvent &e : events) {
    QJsonObject o;
    if (emitter) {
      o[QLatin1String("handler")] = QStringLiteral("emit:") + kEmit.value(e.event);
      o[QLatin1String("argc")] = 0;
      o[QLatin1String("after_chunk")] = e.afterChunk;
      out << o;
      continue;
    }
    QString h = QStringLiteral("on") + e.event;
    if (!handlers.contains(h)) {
      if (e.event == QLatin1String("connection")) continue;
      h = QStringLiteral("onmessage");
    }
    o[QLatin1String("handler")] = h;
    o[QLatin1String("argc")] = 1;
    o[QLatin1String("tun")] = e.tun;
    o[QLatin1String("data_hex")] = e.dataHex;
    o[QLatin1String("after_chunk")] = e.afterChunk;
    out << o;
  }
  return out;
}

// The vector's events reduced to what routeLikeProxyPacker() produces.
inline QJsonArray expectedEvents(const QJsonArray &events, bool compareChunks) {
  QJsonArray out;
  for (const QJsonValue &v : events) {
    const QJsonObject e = v.toObject();
    QJsonObject o;
    o[QLatin1String("handler")] = e[QLatin1String("handler")];
    o[QLatin1String("argc")] = e[QLatin1String("argc")];
    o[QLatin1String("after_chunk")] = compareChunks ? e[QLatin1String("after_chunk")] : -1;
    if (e[QLatin1String("argc")].toInt() == 1) {
      const QJsonObject tun = e[QLatin1String("tun")].toObject();
      QJsonObject t;
      for (const char *k :
           {"family", "address", "port", "service", "serviceport", "name", "message", "code"})
        if (tun.contains(QLatin1String(k))) t[QLatin1String(k)] = tun[QLatin1String(k)];
      o[QLatin1String("tun")] = t;
      o[QLatin1String("data_hex")] = e[QLatin1String("data_hex")];
    }
    out << o;
  }
  return out;
}

inline QJsonArray withoutChunks(QJsonArray a) {
  for (int i = 0; i < a.size(); ++i) {
    QJsonObject o = a[i].toObject();
    o[QLatin1String("after_chunk")] = -1;
    a[i] = o;
  }
  return a;
}

inline bool sameJson(const QJsonArray &actual, const QJsonArray &expected) {
  if (actual == expected) return true;
  qWarning().noquote() << "actual:  " << QJsonDocument(actual).toJson(QJsonDocument::Compact);
  qWarning().noquote() << "expected:" << QJsonDocument(expected).toJson(QJsonDocument::Compact);
  return false;
}

// What our decoder must do with a malformed vector (docs/mproxy.md lists the deliberate
// differences): `streamError` empty means "deliver `events` and carry on"; otherwise deliver
// `events` (proxy-packer's events up to where it starts reading garbage) and then fail with a
// message containing `streamError`.
struct BadExpectation {
  QJsonArray events;
  QString streamError;
};

inline BadExpectation expectationForBad(const QJsonObject &vector) {
  const QString name = vector[QLatin1String("name")].toString();
  const QJsonArray js = expectedEvents(vector[QLatin1String("events")].toArray(), true);
  struct Strict {
    const char *name;
    int jsEventsKept;
    const char *errorHas;
  };
  static const Strict strict[] = {
      {"bad-version-0x01", 0, "version byte 0x01"},
      {"bad-version-0xff", 0, "version byte 0xff"},
      {"header-length-0-alone", 0, "empty header"},
      {"header-length-0-then-next-chunk", 0, "empty header"},
      {"header-length-0-then-empty-chunk", 0, "empty header"},
      {"datalen-non-numeric", 0, "non-numeric data length \"abc\""},
      {"datalen-negative-exact", 0, "negative data length \"-5\""},
      {"datalen-negative-then-next", 0, "negative data length"},
      {"datalen-hex-prefix", 0, "non-numeric data length \"0x2\""},
      {"datalen-leading-space", 0, "non-numeric data length \" 2\""},
      {"datalen-float", 0, "non-numeric data length \"2.9\""},
      {"datalen-exponent", 0, "non-numeric data length \"2e1\""},
      {"datalen-larger-swallows-next-frame", 1, "version byte 0x32"},
      {"datalen-smaller-than-actual", 1, "version byte 0x69"},
      {"header-length-too-short", 0, "has 2 field(s)"},
      {"header-too-few-fields", 0, "has 2 field(s)"},
      {"raw-tls-without-header", 0, "version byte 0x16"},
  };
  BadExpectation x;
  for (const Strict &s : strict) {
    if (name != QLatin1String(s.name)) continue;
    for (int i = 0; i < s.jsEventsKept; ++i) x.events << js[i];
    x.streamError = QLatin1String(s.errorHas);
    return x;
  }
  // Error bodies that are not JSON objects: an error event like a non-JSON body, no throw and
  // no desynchronisation.
  auto errorEvent = [](const char *bodyHex, const char *bytes, int afterChunk) {
    QJsonObject tun{
        {"family", "IPv4"},
        {"address", "1.2.3.4"},
        {"port", "5"},
        {"service", "error"},
        {"serviceport", ""},
        {"name", ""},
        {"message",
         QStringLiteral("e:{\"type\":\"Buffer\",\"data\":[%1]}").arg(QLatin1String(bytes))},
        {"code", "E_UNKNOWN_ERR"}};
    return QJsonObject{{"handler", "onerror"},
                       {"argc", 1},
                       {"tun", tun},
                       {"data_hex", bodyHex},
                       {"after_chunk", afterChunk}};
  };
  auto hi = [](int afterChunk) {
    return QJsonObject{{"handler", "onmessage"},
                       {"argc", 1},
                       {"tun", QJsonObject{{"family", "IPv4"},
                                           {"address", "127.0.0.1"},
                                           {"port", "1"},
                                           {"service", "tcp"},
                                           {"serviceport", "2"},
                                           {"name", "n"}}},
                       {"data_hex", "6869"},
                       {"after_chunk", afterChunk}};
  };
  if (name == QLatin1String("error-json-string-throws")) {
    x.events << errorEvent("2273747222", "34,115,116,114,34", 0);
  } else if (name == QLatin1String("error-json-null-throws")) {
    x.events << errorEvent("6e756c6c", "110,117,108,108", 0);
  } else if (name == QLatin1String("error-json-string-throws-then-next-chunk")) {
    x.events << errorEvent("2273747222", "34,115,116,114,34", 0) << hi(1) << hi(2);
  } else if (name == QLatin1String("error-json-array")) {
    x.events << errorEvent("5b312c322c335d", "91,49,44,50,44,51,93", 0);
  } else {
    x.events = js;  // valid for us too: exactly proxy-packer's events
  }
  return x;
}

}  // namespace routeless::mproxy::testing
