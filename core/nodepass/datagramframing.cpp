#include "datagramframing.h"

#include "httpresponsehead.h"
#include "net/httphead.h"

namespace routeless::nodepass {
namespace {

// The header goes last, so everything NodePass sends stays byte for byte in its place.
QByteArray insertHeader(const QByteArray &head) {
  const qsizetype end = head.indexOf("\r\n\r\n");
  if (end < 0) return head;
  QByteArray out = head;
  out.insert(end + 2, QByteArray(kDatagramHeader) + ": 1\r\n");
  return out;
}

bool requestHasHeader(const QByteArray &raw) {
  net::HttpRequestHeadParser parser;
  if (parser.feed(raw) != net::HttpRequestHeadParser::State::Done) return false;
  return parser.head().field(QByteArray(kDatagramHeader).toLower()) == "1";
}

bool responseHasHeader(const QByteArray &raw) {
  HttpResponseHead head;
  QString error;
  if (parseHttpResponseHead(raw, &head, &error) != HeadStatus::Done) return false;
  return head.header(kDatagramHeader) == "1";
}

}  // namespace

QByteArray withDatagramOffer(const QByteArray &request) { return insertHeader(request); }

bool offersDatagrams(const QByteArray &requestHead) { return requestHasHeader(requestHead); }

QByteArray withDatagramAnswer(const QByteArray &response) { return insertHeader(response); }

bool answersDatagrams(const QByteArray &responseHead) { return responseHasHeader(responseHead); }

void appendDatagramFrame(QByteArray &out, const char *data, qint64 len) {
  out.append(char((len >> 8) & 0xFF));
  out.append(char(len & 0xFF));
  out.append(data, len);
}

void DatagramDeframer::feed(const char *data, qint64 len,
                            const std::function<void(const char *, qint64)> &datagram) {
  const char *p = data;
  qint64 left = len;
  // Whole frames straight from the input when nothing is pending (no copy).
  while (buffer_.isEmpty() && left >= 2) {
    const qint64 n =
        (qint64(static_cast<unsigned char>(p[0])) << 8) | static_cast<unsigned char>(p[1]);
    if (left < 2 + n) break;
    datagram(p + 2, n);
    p += 2 + n;
    left -= 2 + n;
  }
  if (left <= 0) return;
  buffer_.append(p, left);
  qsizetype at = 0;
  while (buffer_.size() - at >= 2) {
    const auto *b = reinterpret_cast<const unsigned char *>(buffer_.constData() + at);
    const qint64 n = (qint64(b[0]) << 8) | b[1];
    if (buffer_.size() - at < 2 + n) break;
    datagram(buffer_.constData() + at + 2, n);
    at += 2 + n;
  }
  buffer_.remove(0, at);
}

}  // namespace routeless::nodepass
