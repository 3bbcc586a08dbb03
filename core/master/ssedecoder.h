#pragma once
// SseDecoder: the framing of a text/event-stream (what a NodePass master's /events sends),
// fed bytes as they arrive in any chunking. It hands out each event's `data` (lines joined with
// "\n") and nothing else it does not need (`event:`, `id:`, `retry:` and comments are read
// and dropped). Input comes from a remote server: an event over the size limit is an error,
// never an unbounded buffer.

#include <QByteArray>
#include <QList>

namespace routeless::master {

class SseDecoder {
 public:
  explicit SseDecoder(qsizetype maxEventBytes = 1024 * 1024) : m_max(maxEventBytes) {}

  // Appends `bytes` and returns the data of every event they complete. After an oversized
  // event it returns nothing more and failed() is true.
  QList<QByteArray> feed(QByteArrayView bytes);
  bool failed() const { return m_failed; }
  void reset();

 private:
  void takeLine(QByteArrayView line, QList<QByteArray> *events);

  qsizetype m_max;
  QByteArray m_line;  // the current line, without its end
  QByteArray m_data;  // the current event's data so far
  bool m_hasData = false;
  bool m_afterCr = false;  // a "\r" ended the last line: a "\n" right after it is the same end
  bool m_failed = false;
};

}  // namespace routeless::master
