#pragma once
// HttpRequestHeadParser: the one strict HTTP/1.1 request-head parser (RFC 9112) for every
// listener that speaks HTTP: the UI protocol's WebSocket upgrade, the master API, the NodePass
// handshake. It is fed bytes in any chunking, stops at the blank line and says how many bytes
// the head took. It never buffers past its limits, never accepts what a lenient parser behind
// it could read differently (folding, bare CR/LF, NUL, duplicate Host or Content-Length), and
// never copies input bytes into its error texts (a head may carry a secret).

#include <QByteArray>
#include <QList>
#include <QPair>
#include <optional>

namespace routeless::net {

struct HttpHeadLimits {
  qsizetype maxLineBytes = 8 * 1024;   // the request line and each field line, without CRLF
  qsizetype maxHeadBytes = 16 * 1024;  // everything up to and including the blank line
  int maxFields = 100;
};

struct HttpRequestHead {
  QByteArray method;   // a token, as sent (methods are case-sensitive)
  QByteArray target;   // as sent: printable ASCII without spaces
  QByteArray version;  // "HTTP/1.1" or "HTTP/1.0"
  // In the order sent; names lower-cased, values without surrounding spaces and tabs.
  QList<QPair<QByteArray, QByteArray>> fields;
  std::optional<qint64> contentLength;  // the one Content-Length, when sent

  // The first value of field `name` (lower-case), empty when absent.
  QByteArray field(QByteArrayView name) const;
  QList<QByteArray> fieldValues(QByteArrayView name) const;
  bool hasField(QByteArrayView name) const;
  int fieldCount(QByteArrayView name) const;
  // The elements of a comma-separated list field over all its lines, trimmed, empty ones left
  // out (RFC 9110 §5.6.1), e.g. Connection or Sec-WebSocket-Protocol.
  QList<QByteArray> listElements(QByteArrayView name) const;
  // Whether that list holds `token`, compared without case (for Connection, Upgrade).
  bool listHasToken(QByteArrayView name, QByteArrayView token) const;
};

class HttpRequestHeadParser {
 public:
  enum class State { NeedMore, Done, Failed };

  explicit HttpRequestHeadParser(const HttpHeadLimits &limits = {}) : m_limits(limits) {}

  // Consumes bytes of `data` up to the end of the head. *used (when given) says how many were
  // taken: after Done the rest belongs to the body or the next protocol. After Done or Failed
  // further calls take nothing and return the same state.
  State feed(QByteArrayView data, qsizetype *used = nullptr);
  State state() const { return m_state; }

  const HttpRequestHead &head() const { return m_head; }
  HttpRequestHead takeHead() { return std::move(m_head); }
  qsizetype headBytes() const { return m_total; }
  // When Failed: the status to answer (400, 414, 431 or 505) and a short reason in ASCII.
  int errorStatus() const { return m_errorStatus; }
  const QByteArray &errorText() const { return m_errorText; }

  // Starts over for the next request on the same connection (limits kept).
  void reset();

 private:
  State fail(int status, const char *why);
  State takeLine();
  State takeRequestLine(QByteArrayView line);
  State takeFieldLine(QByteArrayView line);
  State finish();

  HttpHeadLimits m_limits;
  State m_state = State::NeedMore;
  HttpRequestHead m_head;
  QByteArray m_line;  // the current line so far, with its CR if one came
  qsizetype m_total = 0;
  bool m_sawRequestLine = false;
  int m_errorStatus = 0;
  QByteArray m_errorText;
};

// The reason phrase for the statuses the parser and its users answer with ("Bad Request").
QByteArray httpReasonPhrase(int status);

}  // namespace routeless::net
