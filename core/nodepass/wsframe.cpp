#include "wsframe.h"

#include <string.h>

#include <QCryptographicHash>

namespace routeless::nodepass {

bool WsFrameDecoder::fail(const QString &why) {
  failed_ = true;
  error_ = why;
  return false;
}

bool WsFrameDecoder::parseHeader() {
  const unsigned char b0 = head_[0];
  const unsigned char b1 = head_[1];
  if (headNeed_ == 2) {
    if (b0 & 0x70) return fail(QStringLiteral("WebSocket frame with reserved bits set"));
    opcode_ = b0 & 0x0F;
    fin_ = (b0 & 0x80) != 0;
    masked_ = (b1 & 0x80) != 0;
    if (masked_ != fromClient_)
      return fail(fromClient_ ? QStringLiteral("unmasked WebSocket frame from a client")
                              : QStringLiteral("masked WebSocket frame from a server"));
    const bool control = (opcode_ & 0x8) != 0;
    if (control) {
      if (opcode_ != kWsClose && opcode_ != kWsPing && opcode_ != kWsPong)
        return fail(QStringLiteral("unknown WebSocket control opcode %1").arg(opcode_));
      if (!fin_) return fail(QStringLiteral("fragmented WebSocket control frame"));
      if ((b1 & 0x7F) > 125) return fail(QStringLiteral("WebSocket control frame over 125 bytes"));
    } else if (opcode_ == kWsText) {
      return fail(QStringLiteral("WebSocket text message where binary was expected"));
    } else if (opcode_ == kWsBinary) {
      if (inMessage_) return fail(QStringLiteral("WebSocket message started inside another"));
    } else if (opcode_ == kWsContinuation) {
      if (!inMessage_) return fail(QStringLiteral("WebSocket continuation without a message"));
    } else {
      return fail(QStringLiteral("unknown WebSocket opcode %1").arg(opcode_));
    }
    const int len7 = b1 & 0x7F;
    headNeed_ = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + (masked_ ? 4 : 0);
    if (headNeed_ > 2) return true;  // read the rest of the header first
  }
  const int len7 = b1 & 0x7F;
  int pos = 2;
  quint64 len = quint64(len7);
  if (len7 == 126) {
    len = (quint64(head_[2]) << 8) | head_[3];
    pos = 4;
  } else if (len7 == 127) {
    len = 0;
    for (int i = 0; i < 8; ++i) len = (len << 8) | head_[2 + i];
    pos = 10;
    if (len >> 63) return fail(QStringLiteral("WebSocket frame length over 2^63"));
  }
  if (masked_) memcpy(mask_, head_ + pos, 4);
  remaining_ = len;
  maskPos_ = 0;
  inPayload_ = true;
  control_.clear();
  return true;
}

bool WsFrameDecoder::feed(const char *data, qint64 len, const Handler &handler) {
  if (failed_) return false;
  qint64 at = 0;
  for (;;) {
    if (!inPayload_) {
      while (headHave_ < headNeed_ && at < len)
        head_[headHave_++] = static_cast<unsigned char>(data[at++]);
      if (headHave_ < headNeed_) return true;
      const int before = headNeed_;
      if (!parseHeader()) return false;
      if (!inPayload_ && headNeed_ != before) continue;  // extended length or mask pending
    }
    // payload
    const bool control = (opcode_ & 0x8) != 0;
    while (remaining_ > 0 && at < len) {
      const qint64 n = qint64(qMin<quint64>(remaining_, quint64(len - at)));
      const qint64 chunk = qMin<qint64>(n, qint64(sizeof(scratch_)));
      const char *src = data + at;
      const char *out = src;
      if (masked_) {
        wsMaskCopy(scratch_, src, chunk, mask_, maskPos_);
        out = scratch_;
      }
      maskPos_ += quint64(chunk);
      remaining_ -= quint64(chunk);
      at += chunk;
      if (control)
        control_.append(out, chunk);
      else if (handler.data)
        handler.data(out, chunk);
    }
    if (remaining_ > 0) return true;  // need more payload
    // frame complete
    inPayload_ = false;
    headHave_ = 0;
    headNeed_ = 2;
    if (control) {
      if (opcode_ == kWsClose && control_.size() == 1)
        return fail(QStringLiteral("WebSocket close frame with a 1-byte payload"));
      if (handler.control) handler.control(opcode_, control_);
      control_.clear();
    } else {
      inMessage_ = !fin_;
    }
    if (failed_) return false;
    if (at >= len) return true;
  }
}

void appendWsFrame(QByteArray &out, int opcode, const char *payload, qint64 len,
                   const unsigned char *mask) {
  unsigned char head[14];
  int n = 0;
  head[n++] = static_cast<unsigned char>(0x80 | (opcode & 0x0F));
  const unsigned char maskBit = mask ? 0x80 : 0;
  if (len < 126) {
    head[n++] = static_cast<unsigned char>(maskBit | len);
  } else if (len <= 0xFFFF) {
    head[n++] = maskBit | 126;
    head[n++] = static_cast<unsigned char>(len >> 8);
    head[n++] = static_cast<unsigned char>(len);
  } else {
    head[n++] = maskBit | 127;
    for (int i = 7; i >= 0; --i) head[n++] = static_cast<unsigned char>(quint64(len) >> (8 * i));
  }
  if (mask) {
    memcpy(head + n, mask, 4);
    n += 4;
  }
  const qsizetype start = out.size();
  out.resize(start + n + len);
  char *dst = out.data() + start;
  memcpy(dst, head, size_t(n));
  dst += n;
  if (mask) {
    wsMaskCopy(dst, payload, len, mask, 0);
  } else if (len > 0) {
    memcpy(dst, payload, size_t(len));
  }
}

void wsMaskCopy(char *dst, const char *src, qint64 len, const unsigned char *mask, quint64 phase) {
  // The mask repeats every 4 bytes, so an 8-byte word of it (starting at `phase`) masks 8 bytes
  // per step whatever the byte order; memcpy keeps the loads and stores alignment-free.
  unsigned char word[8];
  for (int i = 0; i < 8; ++i) word[i] = mask[(phase + quint64(i)) & 3];
  quint64 m;
  memcpy(&m, word, 8);
  qint64 i = 0;
  for (; i + 8 <= len; i += 8) {
    quint64 v;
    memcpy(&v, src + i, 8);
    v ^= m;
    memcpy(dst + i, &v, 8);
  }
  for (; i < len; ++i) dst[i] = char(static_cast<unsigned char>(src[i]) ^ word[i & 7]);
}

QByteArray wsAcceptKey(const QByteArray &key) {
  return QCryptographicHash::hash(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11",
                                  QCryptographicHash::Sha1)
      .toBase64();
}

}  // namespace routeless::nodepass
