#pragma once
// Exact UDP datagrams between two Routeless ends: NodePass v1.14.0 writes datagrams raw onto a
// pool stream (boundaries can merge or split); when both ends offer it in the handshake (an HTTP
// header NodePass ignores both ways), each datagram travels as a 2-byte big-endian length and
// its bytes. It must never be switched on against a peer that did not answer the offer, nor
// accept a frame it cannot deliver whole.
#include <QByteArray>
#include <QString>
#include <functional>

namespace routeless::nodepass {

constexpr const char *kDatagramHeader = "X-Routeless-Datagrams";
constexpr int kMaxFramedDatagram = 65535;

// Client: the handshake request with the offer added.
QByteArray withDatagramOffer(const QByteArray &request);
// Server: whether a request head carries the offer; the response with the answer added.
bool offersDatagrams(const QByteArray &requestHead);
QByteArray withDatagramAnswer(const QByteArray &response);
// Client: whether the server's response head answered the offer.
bool answersDatagrams(const QByteArray &responseHead);

// Appends one framed datagram (len <= kMaxFramedDatagram) to `out`.
void appendDatagramFrame(QByteArray &out, const char *data, qint64 len);

// Incremental reader of framed datagrams from a byte stream.
class DatagramDeframer final {
 public:
  // Calls `datagram` once per complete frame, in order; keeps a partial frame for later.
  void feed(const char *data, qint64 len,
            const std::function<void(const char *, qint64)> &datagram);
  qint64 pendingBytes() const { return buffer_.size(); }

 private:
  QByteArray buffer_;
};

}  // namespace routeless::nodepass
