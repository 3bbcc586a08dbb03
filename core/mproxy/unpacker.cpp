#include "mproxy/unpacker.h"

#include <QList>
#include <cstring>

#include "mproxy/jsontext.h"

namespace routeless::mproxy {

QString decodeUtf8Lossy(QByteArrayView bytes) {
  // WHATWG "UTF-8 decode": a maximal subpart of an ill-formed sequence becomes one U+FFFD.
  QString out;
  out.reserve(bytes.size());
  const auto *p = reinterpret_cast<const uchar *>(bytes.data());
  const qsizetype n = bytes.size();
  qsizetype i = 0;
  while (i < n) {
    const uchar b = p[i];
    if (b < 0x80) {
      out.append(QChar(b));
      ++i;
      continue;
    }
    int need = 0;
    char32_t cp = 0;
    uchar lower = 0x80, upper = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
      need = 1;
      cp = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
      need = 2;
      cp = b & 0x0F;
      if (b == 0xE0) lower = 0xA0;
      if (b == 0xED) upper = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      need = 3;
      cp = b & 0x07;
      if (b == 0xF0) lower = 0x90;
      if (b == 0xF4) upper = 0x8F;
    } else {
      out.append(QChar(QChar::ReplacementCharacter));
      ++i;
      continue;
    }
    qsizetype j = i + 1;
    bool ok = true;
    for (int k = 0; k < need; ++k, ++j) {
      if (j >= n || p[j] < lower || p[j] > upper) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (p[j] & 0x3F);
      lower = 0x80;
      upper = 0xBF;
    }
    if (!ok) {
      out.append(QChar(QChar::ReplacementCharacter));
      i = j;  // the bytes consumed so far form the maximal subpart
      continue;
    }
    out.append(QStringView(QChar::fromUcs4(cp)));
    i = j;
  }
  return out;
}

void FrameDecoder::fail(const QString &reason) {
  if (m_failed) return;
  m_failed = true;
  m_error = reason;
}

bool FrameDecoder::parseHeader(QByteArrayView header) {
  FrameHeader &h = m_current;
  h = FrameHeader();
  const QString text = decodeUtf8Lossy(header);
  const QList<QStringView> fields = QStringView(text).split(QLatin1Char(','));
  h.fieldCount = int(fields.size());
  if (fields.size() < 4) {
    fail(QStringLiteral("frame at stream offset %1: header \"%2\" has %3 field(s); at least 4 "
                        "(family,address,port,datalen) are needed")
             .arg(m_frameStart)
             .arg(text.left(80))
             .arg(fields.size()));
    return false;
  }
  // DATALEN: decimal digits only. proxy-packer's parseInt() also takes "2abc", " 2", "-5" and
  // turns "abc" into 0, after which the body is parsed as the next frame.
  const QStringView len = fields[3];
  qint64 value = 0;
  for (QChar c : len) {
    if (c < QLatin1Char('0') || c > QLatin1Char('9')) {
      fail(QStringLiteral("frame at stream offset %1: %2 data length \"%3\"")
               .arg(m_frameStart)
               .arg(len.startsWith(QLatin1Char('-')) ? QStringLiteral("negative")
                                                     : QStringLiteral("non-numeric"))
               .arg(len.left(40)));
      return false;
    }
    value = value * 10 + (c.unicode() - '0');
    if (value > m_maxData) {
      fail(QStringLiteral("frame at stream offset %1: data length %2 exceeds the limit of %3 "
                          "bytes")
               .arg(m_frameStart)
               .arg(len.left(40))
               .arg(m_maxData));
      return false;
    }
  }
  h.dataLength = value;
  auto at = [&](int i) { return i < fields.size() ? fields[i].toString() : QString(); };
  h.tun.family = fields[0].toString();
  h.tun.address = fields[1].toString();
  h.tun.port = fields[2].toString();
  h.serviceField = at(4);
  h.tun.serviceport = at(5);
  h.tun.name = at(6);
  h.kind = kindOfService(h.serviceField);
  h.tun.service = h.kind == FrameKind::Connection ? at(7) : h.serviceField;
  // QStringView::toString() of an empty view can be null; present fields must not be.
  auto present = [&](QString &s, int i) {
    if (i < fields.size() && s.isNull()) s = QLatin1String("");
  };
  present(h.tun.family, 0);
  present(h.tun.address, 1);
  present(h.tun.port, 2);
  present(h.serviceField, 4);
  present(h.tun.serviceport, 5);
  present(h.tun.name, 6);
  present(h.tun.service, h.kind == FrameKind::Connection ? 7 : 4);
  return true;
}

bool FrameDecoder::feed(QByteArrayView chunk, FrameSink &sink) {
  if (m_failed) return false;
  const char *p = chunk.data();
  qsizetype left = chunk.size();
  while (left > 0 && !m_failed) {
    switch (m_state) {
      case State::Version: {
        const uchar v = uchar(*p);
        if (v != kVersionByte) {
          fail(QStringLiteral("version byte 0x%1 at stream offset %2 (expected 0xfe, "
                              "M-PROXY v1)")
                   .arg(uint(v), 2, 16, QLatin1Char('0'))
                   .arg(m_offset));
          return false;
        }
        m_frameStart = m_offset;
        ++p, --left, ++m_offset;
        m_state = State::HeaderLength;
        break;
      }
      case State::HeaderLength: {
        m_headerLength = uchar(*p);
        ++p, --left, ++m_offset;
        if (m_headerLength == 0) {
          // proxy-packer holds such a frame until the next chunk and then delivers an event
          // with no fields at all.
          fail(QStringLiteral("frame at stream offset %1 has an empty header").arg(m_frameStart));
          return false;
        }
        m_headerFill = 0;
        m_state = State::Header;
        break;
      }
      case State::Header: {
        const int want = m_headerLength - m_headerFill;
        QByteArrayView header;
        if (m_headerFill == 0 && left >= want) {
          header = QByteArrayView(p, want);  // whole header in this chunk: parse in place
          p += want, left -= want, m_offset += want;
        } else {
          const int n = int(qMin<qsizetype>(want, left));
          memcpy(m_headerBuf + m_headerFill, p, size_t(n));
          m_headerFill += n;
          p += n, left -= n, m_offset += n;
          if (m_headerFill < m_headerLength) return true;  // chunk used up
          header = QByteArrayView(m_headerBuf, m_headerLength);
        }
        if (!parseHeader(header)) return false;
        sink.frameBegin(m_current);
        if (m_failed) return false;
        if (m_current.dataLength == 0) {
          ++m_frames;
          m_state = State::Version;
          sink.frameEnd(m_current);
        } else {
          m_remaining = m_current.dataLength;
          m_state = State::Data;
        }
        break;
      }
      case State::Data: {
        const qsizetype n = qMin<qsizetype>(m_remaining, left);
        const QByteArrayView piece(p, n);
        p += n, left -= n, m_offset += quint64(n);
        m_remaining -= n;
        sink.dataPiece(m_current, piece);
        if (m_failed) return false;
        if (m_remaining == 0) {
          ++m_frames;
          m_state = State::Version;
          sink.frameEnd(m_current);
        }
        break;
      }
    }
  }
  return !m_failed;
}

bool FrameDecoder::finish() {
  if (m_failed) return false;
  if (m_state == State::Version) return true;
  const char *where = m_state == State::HeaderLength ? "after the version byte"
                      : m_state == State::Header     ? "inside the header"
                                                     : "inside the body";
  fail(QStringLiteral("stream ended %1 of the frame at stream offset %2%3")
           .arg(QLatin1String(where))
           .arg(m_frameStart)
           .arg(m_state == State::Data ? QStringLiteral(" (%1 of %2 body bytes missing)")
                                             .arg(m_remaining)
                                             .arg(m_current.dataLength)
                                       : QString()));
  return false;
}

ErrorBody parseErrorBody(QByteArrayView body, bool hasBody) {
  ErrorBody e;
  if (hasBody) {
    JsValue v;
    if (parseJson(decodeUtf8Lossy(body), &v) && v.type == JsValue::Object) {
      if (const JsValue *m = v.member(QStringLiteral("message"))) e.messageJson = stringify(*m);
      if (const JsValue *c = v.member(QStringLiteral("code"))) e.codeJson = stringify(*c);
      return e;
    }
    // JSON.stringify(Buffer): {"type":"Buffer","data":[...]}
    QByteArray text = "e:{\"type\":\"Buffer\",\"data\":[";
    const auto *b = reinterpret_cast<const uchar *>(body.data());
    for (qsizetype i = 0; i < body.size(); ++i) {
      if (i) text += ',';
      text += QByteArray::number(b[i]);
    }
    text += "]}";
    e.messageJson = quoteJson(QString::fromLatin1(text));
  } else {
    e.messageJson = quoteJson(u"e:undefined");
  }
  e.codeJson = quoteJson(u"E_UNKNOWN_ERR");
  return e;
}

}  // namespace routeless::mproxy
