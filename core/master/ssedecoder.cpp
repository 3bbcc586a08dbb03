#include "master/ssedecoder.h"

namespace routeless::master {

QList<QByteArray> SseDecoder::feed(QByteArrayView bytes) {
  QList<QByteArray> events;
  if (m_failed) return events;
  for (const char c : bytes) {
    if (c == '\n' && m_afterCr) {
      m_afterCr = false;
      continue;
    }
    m_afterCr = c == '\r';
    if (c == '\n' || c == '\r') {
      takeLine(m_line, &events);
      m_line.clear();
    } else {
      m_line += c;
    }
    if (m_line.size() + m_data.size() > m_max) {
      m_failed = true;
      m_line.clear();
      m_data.clear();
      break;
    }
  }
  return events;
}

void SseDecoder::takeLine(QByteArrayView line, QList<QByteArray> *events) {
  if (line.isEmpty()) {  // the blank line ends an event
    if (m_hasData) events->append(m_data);
    m_data.clear();
    m_hasData = false;
    return;
  }
  if (line.startsWith(':')) return;  // a comment
  const qsizetype colon = line.indexOf(':');
  const QByteArrayView field = colon < 0 ? line : line.first(colon);
  QByteArrayView value = colon < 0 ? QByteArrayView() : line.sliced(colon + 1);
  if (value.startsWith(' ')) value = value.sliced(1);
  if (field != "data") return;
  if (m_hasData) m_data += '\n';
  m_data += value;
  m_hasData = true;
}

void SseDecoder::reset() {
  m_line.clear();
  m_data.clear();
  m_hasData = false;
  m_afterCr = false;
  m_failed = false;
}

}  // namespace routeless::master
