#include "net/wsframes.h"

#include <QCryptographicHash>
#include <QtEndian>
#include <cstring>

namespace routeless::net {
namespace {

bool isControl(WsOpcode op) { return quint8(op) & 0x8; }

bool isKnownOpcode(quint8 op) { return op <= 0x2 || (op >= 0x8 && op <= 0xa); }

// Codes a peer may send (RFC 6455 §7.4; 1012-1014 registered since); 1004-1006 and 1015 are
// never sent on the wire.
bool isValidCloseCode(quint16 code) {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) ||
         (code >= 3000 && code <= 4999);
}

void unmask(char *data, qsizetype size, const uchar mask[4], quint64 at) {
  for (qsizetype i = 0; i < size; ++i) data[i] = char(uchar(data[i]) ^ mask[(at + quint64(i)) & 3]);
}

}  // namespace

bool WsFrameDecoder::fail(quint16 code, const QByteArray &why) {
  m_errorCode = code;
  m_errorReason = why;
  m_message.clear();
  m_control.clear();
  return false;
}

bool WsFrameDecoder::feed(QByteArrayView data, QList<WsMessage> *out) {
  if (failed()) return false;
  qsizetype at = 0;
  while (at < data.size() && !m_closed) {
    if (!m_inPayload) {
      // Collect the header: 2 bytes, then the extended length and the mask they announce.
      int need = 2;
      if (m_headerLen >= 2) {
        const int len7 = m_header[1] & 0x7f;
        need += (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + ((m_header[1] & 0x80) ? 4 : 0);
      }
      const int take = int(qMin<qsizetype>(need - m_headerLen, data.size() - at));
      std::memcpy(m_header + m_headerLen, data.data() + at, size_t(take));
      m_headerLen += take;
      at += take;
      if (m_headerLen == 2 && !(m_header[1] & 0x80))
        return fail(wsclose::kProtocolError, "client frames must be masked");
      if (m_headerLen < need || m_headerLen == 2) continue;  // 2: the length may need more
      if (!headerComplete()) return false;
      if (m_remaining == 0 && !frameComplete(out)) return false;
      continue;
    }
    const qsizetype take = qsizetype(qMin<quint64>(m_remaining, quint64(data.size() - at)));
    QByteArray &target = isControl(m_opcode) ? m_control : m_message;
    const qsizetype start = target.size();
    target.append(data.sliced(at, take));
    unmask(target.data() + start, take, m_mask, m_maskAt);
    m_maskAt += quint64(take);
    m_remaining -= quint64(take);
    at += take;
    if (m_remaining == 0 && !frameComplete(out)) return false;
  }
  return true;
}

bool WsFrameDecoder::headerComplete() {
  const uchar b0 = m_header[0], b1 = m_header[1];
  m_fin = b0 & 0x80;
  if (b0 & 0x70) return fail(wsclose::kProtocolError, "reserved bits set (no extension agreed)");
  if (!isKnownOpcode(b0 & 0x0f)) return fail(wsclose::kProtocolError, "unknown opcode");
  m_opcode = WsOpcode(b0 & 0x0f);
  const int len7 = b1 & 0x7f;
  quint64 length = quint64(len7);
  int at = 2;
  if (len7 == 126) {
    length = qFromBigEndian<quint16>(m_header + 2);
    at = 4;
    if (length < 126) return fail(wsclose::kProtocolError, "length not in its shortest form");
  } else if (len7 == 127) {
    length = qFromBigEndian<quint64>(m_header + 2);
    at = 10;
    if (length >> 63) return fail(wsclose::kProtocolError, "length with its top bit set");
    if (length <= 0xffff) return fail(wsclose::kProtocolError, "length not in its shortest form");
  }
  std::memcpy(m_mask, m_header + at, 4);
  m_maskAt = 0;
  m_headerLen = 0;
  if (isControl(m_opcode)) {
    if (!m_fin) return fail(wsclose::kProtocolError, "fragmented control frame");
    if (length > 125) return fail(wsclose::kProtocolError, "control frame over 125 bytes");
    m_control.clear();
  } else if (m_opcode == WsOpcode::Continuation) {
    if (!m_inMessage) return fail(wsclose::kProtocolError, "continuation without a message");
  } else {
    if (m_inMessage) return fail(wsclose::kProtocolError, "new message inside a fragmented one");
    m_inMessage = true;
    m_messageOpcode = m_opcode;
    m_message.clear();
  }
  // Checked on the header, before a byte of the payload is buffered.
  if (!isControl(m_opcode) && length > quint64(m_maxMessage - m_message.size()))
    return fail(wsclose::kTooBig,
                "message larger than " + QByteArray::number(m_maxMessage) + " bytes");
  m_remaining = length;
  m_inPayload = true;
  return true;
}

bool WsFrameDecoder::frameComplete(QList<WsMessage> *out) {
  m_inPayload = false;
  if (isControl(m_opcode)) {
    WsMessage m;
    m.opcode = m_opcode;
    if (m_opcode == WsOpcode::Close) {
      if (m_control.size() == 1) return fail(wsclose::kProtocolError, "close frame of one byte");
      m.closeCode = wsclose::kNoStatus;
      if (m_control.size() >= 2) {
        m.closeCode = qFromBigEndian<quint16>(m_control.constData());
        if (!isValidCloseCode(m.closeCode)) return fail(wsclose::kProtocolError, "bad close code");
        m.payload = m_control.sliced(2);
        if (!isValidUtf8(m.payload))
          return fail(wsclose::kInvalidPayload, "close reason is not UTF-8");
      }
      m_closed = true;
    } else {
      m.payload = m_control;
    }
    m_control.clear();
    out->append(std::move(m));
    return true;
  }
  if (!m_fin) return true;
  m_inMessage = false;
  if (m_messageOpcode == WsOpcode::Text && !isValidUtf8(m_message))
    return fail(wsclose::kInvalidPayload, "text message is not UTF-8");
  WsMessage m;
  m.opcode = m_messageOpcode;
  m.payload = std::move(m_message);
  m_message = QByteArray();
  out->append(std::move(m));
  return true;
}

QByteArray wsServerFrame(WsOpcode opcode, QByteArrayView payload) {
  QByteArray frame;
  const qsizetype n = payload.size();
  frame.reserve(n + 10);
  frame.append(char(0x80 | quint8(opcode)));
  if (n < 126) {
    frame.append(char(n));
  } else if (n <= 0xffff) {
    frame.append(char(126));
    uchar len[2];
    qToBigEndian<quint16>(quint16(n), len);
    frame.append(reinterpret_cast<const char *>(len), 2);
  } else {
    frame.append(char(127));
    uchar len[8];
    qToBigEndian<quint64>(quint64(n), len);
    frame.append(reinterpret_cast<const char *>(len), 8);
  }
  frame.append(payload);
  return frame;
}

QByteArray wsCloseFrame(quint16 code, QByteArrayView reason) {
  qsizetype n = qMin<qsizetype>(reason.size(), 123);
  // Do not cut a UTF-8 sequence: back up over continuation bytes.
  if (n < reason.size())
    while (n > 0 && (uchar(reason[n]) & 0xc0) == 0x80) --n;
  QByteArray body(2, Qt::Uninitialized);
  qToBigEndian<quint16>(code, body.data());
  body.append(reason.first(n));
  return wsServerFrame(WsOpcode::Close, body);
}

QByteArray wsAcceptKey(QByteArrayView secWebSocketKey) {
  QCryptographicHash sha1(QCryptographicHash::Sha1);
  sha1.addData(secWebSocketKey);
  sha1.addData(QByteArrayView("258EAFA5-E914-47DA-95CA-C5AB0DC85B11"));
  return sha1.result().toBase64();
}

bool isValidUtf8(QByteArrayView bytes) {
  const uchar *p = reinterpret_cast<const uchar *>(bytes.data());
  const uchar *const end = p + bytes.size();
  while (p < end) {
    // ASCII runs eight bytes at a time.
    while (end - p >= 8) {
      quint64 word;
      std::memcpy(&word, p, 8);
      if (word & 0x8080808080808080ULL) break;
      p += 8;
    }
    if (p == end) break;
    const uchar c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int more;
    quint32 cp;
    if (c >= 0xc2 && c <= 0xdf) {
      more = 1;
      cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
      more = 2;
      cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      more = 3;
      cp = c & 0x07;
    } else {
      return false;  // a continuation byte, an overlong lead (C0, C1) or past U+10FFFF
    }
    if (end - p <= more) return false;
    for (int i = 1; i <= more; ++i) {
      if ((p[i] & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3f);
    }
    if (more == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) return false;
    if (more == 3 && (cp < 0x10000 || cp > 0x10ffff)) return false;
    p += more + 1;
  }
  return true;
}

}  // namespace routeless::net
