#pragma once
// The strict HTTP/1.1 request-head parser of the master's HTTP server: request line, header
// fields and the body framing (Content-Length only), with size and count limits. A pure
// function over bytes (fuzzed by tests/fuzz/fuzz_http_request_head.cpp); it never guesses at a
// head it does not fully understand, since a lenient parser is where request smuggling starts.

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>
#include <limits>

namespace routeless::master {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

struct HttpRequest {
  QByteArray method;
  QByteArray target;  // as sent, e.g. "/api/v1/tcping?target=a:1"
  QString path;       // percent-decoded path of the target
  QUrlQuery query;
  QByteArray version;   // "HTTP/1.1"
  HttpHeaders headers;  // names lower-cased
  // From Content-Length (0 without one); kUnboundedLength when it has more digits than fit.
  qint64 contentLength = 0;
  QByteArray body;
  QHostAddress peer;
  QByteArray header(QByteArrayView name) const;  // first value, empty if absent

  static constexpr qint64 kUnboundedLength = std::numeric_limits<qint64>::max();
};

struct RequestHeadLimits {
  int maxRequestLine = 8 * 1024;
  int maxHeaderBytes = 16 * 1024;
  int maxHeaders = 100;
};

// The outcome of parsing a head: status 0 means `request` holds it; otherwise the HTTP status
// to answer with (400, 414, 431, 501 or 505) and why.
struct RequestHeadResult {
  int status = 0;
  QByteArray reason;
};

// Where a head ends in `data` (the bytes received so far, without the empty lines that may
// precede a request): `end` is the index just past its blank line, 0 while more bytes are needed;
// `status` is 414 or 431 once the head can no longer fit the limits.
struct RequestHeadBoundary {
  qsizetype end = 0;
  int status = 0;
  QByteArray reason;
};
RequestHeadBoundary findRequestHead(QByteArrayView data, const RequestHeadLimits &limits);
// How many bytes of `data` a head within the limits can take at most (request line, headers and
// the CRLFs around them).
qsizetype maxRequestHeadBytes(const RequestHeadLimits &limits);

// `head` is everything before the blank line that ends it, without that "\r\n\r\n".
// Rules: CRLF line ends only (no bare CR or LF, no NUL), no obsolete line folding, a method of
// upper-case letters, an origin-form target ("/..."), HTTP/1.0 or HTTP/1.1, header names that
// are tokens, at most one Content-Length made of digits only, no Transfer-Encoding (chunked
// request bodies are not served: 501).
RequestHeadResult parseRequestHead(QByteArrayView head, const RequestHeadLimits &limits,
                                   HttpRequest *request);

}  // namespace routeless::master
