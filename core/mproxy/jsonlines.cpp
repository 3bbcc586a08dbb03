#include "mproxy/jsonlines.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "mproxy/jsontext.h"

namespace routeless::mproxy {
namespace {

void appendField(QByteArray &out, const char *key, const QString &value) {
  out += ",\"";
  out += key;
  out += "\":";
  out += value.isNull() ? QByteArray("null") : quoteJson(value);
}

// Plain POSIX I/O: QFile's read on a pipe waits until its buffer is full, which would hold
// decoded lines back while a live stream trickles in.
qint64 readSome(int fd, char *buf, qint64 max) {
  while (true) {
    const ssize_t n = ::read(fd, buf, size_t(max));
    if (n < 0 && errno == EINTR) continue;
    return n;
  }
}

bool writeAll(int fd, QByteArray &buf) {
  const char *p = buf.constData();
  qint64 left = buf.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, size_t(left));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    p += n;
    left -= n;
  }
  buf.clear();
  return true;
}

struct Line {
  JsValue root;
  const JsValue *get(const char *key) const { return root.member(QLatin1String(key)); }
  bool has(const char *key) const {
    const JsValue *v = get(key);
    return v && v->type != JsValue::Null;
  }
};

// Array#join semantics: undefined/null print as "".
QString joinField(const Line &l, const char *key) {
  const JsValue *v = l.get(key);
  return v ? jsJoinString(*v) : QLatin1String("");
}
// `tun.x || ''`
QString orEmptyField(const Line &l, const char *key) {
  const JsValue *v = l.get(key);
  return (!v || v->isFalsy()) ? QLatin1String("") : jsJoinString(*v);
}

}  // namespace

QByteArray eventName(FrameKind kind) {
  if (kind == FrameKind::Message) return "message";
  return serviceWord(kind).toLatin1();
}

void JsonLineWriter::frameBegin(const FrameHeader &) { m_body.clear(); }

void JsonLineWriter::dataPiece(const FrameHeader &, QByteArrayView piece) {
  m_body.append(piece.data(), piece.size());
}

void JsonLineWriter::frameEnd(const FrameHeader &h) {
  m_out += "{\"event\":\"";
  m_out += eventName(h.kind);
  m_out += '"';
  appendField(m_out, "family", h.tun.family);
  appendField(m_out, "address", h.tun.address);
  appendField(m_out, "port", h.tun.port);
  m_out += ",\"datalen\":";
  m_out += QByteArray::number(h.dataLength);
  appendField(m_out, "service", h.tun.service);
  appendField(m_out, "serviceport", h.tun.serviceport);
  appendField(m_out, "name", h.tun.name);
  m_out += ",\"data_hex\":";
  if (h.dataLength == 0) {
    m_out += "null";
  } else {
    m_out += '"';
    m_out += m_body.toHex();
    m_out += '"';
  }
  if (h.kind == FrameKind::Error) {
    const ErrorBody e = parseErrorBody(m_body, h.dataLength > 0);
    if (!e.messageJson.isEmpty()) m_out += ",\"message\":" + e.messageJson;
    if (!e.codeJson.isEmpty()) m_out += ",\"code\":" + e.codeJson;
  }
  m_out += "}\n";
  m_body.clear();
}

QByteArray streamErrorLine(const QString &message) {
  return "{\"event\":\"stream-error\",\"message\":" + quoteJson(message) + "}\n";
}

bool encodeJsonLine(QByteArrayView raw, QByteArray &out, QString *error) {
  Line l;
  QString why;
  if (!parseJson(QString::fromUtf8(raw), &l.root, &why)) {
    *error = QStringLiteral("not JSON: %1").arg(why);
    return false;
  }
  if (l.root.type != JsValue::Object) {
    *error = QStringLiteral("a line must be a JSON object");
    return false;
  }
  const QString event = l.has("event") ? jsJoinString(*l.get("event")) : QStringLiteral("message");
  FrameKind kind;
  if (event == QLatin1String("message")) {
    kind = FrameKind::Message;
  } else {
    kind = kindOfService(event);
    if (kind == FrameKind::Message) {
      *error = QStringLiteral("unknown event \"%1\"").arg(event);
      return false;
    }
  }
  Tun tun;
  tun.family = joinField(l, "family");
  tun.address = joinField(l, "address");
  tun.port = joinField(l, "port");
  tun.service = orEmptyField(l, "service");
  tun.serviceport = orEmptyField(l, "serviceport");
  tun.name = orEmptyField(l, "name");

  QByteArray data;
  bool hasData = false;
  if (l.has("data_hex") && l.has("data_json")) {
    *error = QStringLiteral("give data_hex or data_json, not both");
    return false;
  }
  if (l.has("data_hex")) {
    const JsValue *h = l.get("data_hex");
    const QByteArray hex = h->type == JsValue::String ? h->string.toLatin1() : QByteArray("?");
    for (char c : hex) {
      if (!isxdigit(uchar(c))) {
        *error = QStringLiteral("data_hex is not a hex string");
        return false;
      }
    }
    if (hex.size() % 2) {
      *error = QStringLiteral("data_hex has an odd number of digits");
      return false;
    }
    data = QByteArray::fromHex(hex);
    hasData = true;
  } else if (l.has("data_json")) {
    data = stringify(*l.get("data_json"));  // pack(): non-Buffer data is JSON.stringify-ed
    hasData = true;
  }

  bool andBody = true;
  EmptyBody empty = EmptyBody::AsIs;
  if (l.has("fn")) {
    const QString fn = jsJoinString(*l.get("fn"));
    if (fn == QLatin1String("pack")) {
      empty = EmptyBody::Space;
    } else if (fn == QLatin1String("packHeader")) {
      andBody = l.has("andBody") && !l.get("andBody")->isFalsy();
      if (l.has("oldways") && !l.get("oldways")->isFalsy()) empty = EmptyBody::Space;
    } else {
      *error = QStringLiteral("unknown fn \"%1\" (pack or packHeader)").arg(fn);
      return false;
    }
  }
  Q_UNUSED(hasData);
  if (data.isEmpty() && empty == EmptyBody::Space) data = " ";
  if (!andBody) return appendHeader(out, kind, tun, data.size(), error);
  return appendFrame(out, kind, tun, data, EmptyBody::AsIs, error);
}

int runDecodeFilter(int inFd, int outFd, qint64 maxDataLength) {
  FrameDecoder decoder(maxDataLength);
  JsonLineWriter writer;
  QByteArray chunk(64 * 1024, Qt::Uninitialized);
  while (true) {
    const qint64 n = readSome(inFd, chunk.data(), chunk.size());
    if (n < 0) {
      writer.output() += streamErrorLine(
          QStringLiteral("read error: %1").arg(QString::fromLocal8Bit(strerror(errno))));
      writeAll(outFd, writer.output());
      return kStreamErrorExitCode;
    }
    if (n == 0) break;
    const bool ok = decoder.feed(QByteArrayView(chunk.constData(), n), writer);
    if (!ok) writer.output() += streamErrorLine(decoder.error());
    if (!writeAll(outFd, writer.output())) return kStreamErrorExitCode;
    if (!ok) return kStreamErrorExitCode;
  }
  if (!decoder.finish()) {
    writer.output() += streamErrorLine(decoder.error());
    writeAll(outFd, writer.output());
    return kStreamErrorExitCode;
  }
  return 0;
}

int runEncodeFilter(int inFd, int outFd, int errFd) {
  QByteArray pending;
  QByteArray frames;
  QByteArray chunk(64 * 1024, Qt::Uninitialized);
  qint64 lineNo = 0;
  bool eof = false;
  while (!eof) {
    const qint64 n = readSome(inFd, chunk.data(), chunk.size());
    if (n < 0) {
      QByteArray msg =
          QByteArray("routeless-node mproxy encode: read error: ") + strerror(errno) + '\n';
      writeAll(errFd, msg);
      return kStreamErrorExitCode;
    }
    if (n == 0) {
      eof = true;
      if (!pending.isEmpty() && !pending.endsWith('\n')) pending += '\n';
    } else {
      pending.append(chunk.constData(), n);
    }
    qsizetype start = 0;
    while (true) {
      const qsizetype nl = pending.indexOf('\n', start);
      if (nl < 0) break;
      const QByteArrayView line = QByteArrayView(pending).sliced(start, nl - start).trimmed();
      start = nl + 1;
      ++lineNo;
      if (line.isEmpty()) continue;
      QString error;
      if (!encodeJsonLine(line, frames, &error)) {
        writeAll(outFd, frames);
        QByteArray msg = QStringLiteral("routeless-node mproxy encode: line %1: %2\n")
                             .arg(lineNo)
                             .arg(error)
                             .toUtf8();
        writeAll(errFd, msg);
        return kStreamErrorExitCode;
      }
    }
    pending.remove(0, start);
    if (!writeAll(outFd, frames)) return kStreamErrorExitCode;
  }
  return 0;
}

}  // namespace routeless::mproxy
