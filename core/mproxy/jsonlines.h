#pragma once
// The JSON-lines form of an M-PROXY stream behind `routeless-node mproxy decode|encode`: one
// line per frame, fields named as in proxy-packer's tun, so every shared vector can be checked
// from a shell. It owns no I/O beyond the two blocking filters at the bottom.

#include <QByteArray>
#include <QString>

#include "mproxy/unpacker.h"

namespace routeless::mproxy {

inline constexpr int kStreamErrorExitCode = 3;

// A FrameSink that turns each frame into one line:
// {"event":"message|control|connection|error|pause|resume|end","family","address","port",
//  "datalen","service","serviceport","name","data_hex"} (+ "message","code" for error events).
// Fields the header lacks are null; data_hex is null when DATALEN is 0 (JS `undefined`).
// It gathers a frame's pieces to print them on one line, so it holds at most one frame body.
class JsonLineWriter final : public FrameSink {
 public:
  void frameBegin(const FrameHeader &header) override;
  void dataPiece(const FrameHeader &header, QByteArrayView piece) override;
  void frameEnd(const FrameHeader &header) override;

  // Lines produced so far; the caller writes them out and clears the buffer.
  QByteArray &output() { return m_out; }

 private:
  QByteArray m_body;
  QByteArray m_out;
};

QByteArray streamErrorLine(const QString &message);
QByteArray eventName(FrameKind kind);

// Encodes one JSON line (the decoder's format) into `out`. Field values follow pack(): numbers
// are printed as JS prints them, null/absent family/address/port become "", and falsy
// service/serviceport/name become "". The body is "data_hex" (raw bytes) or "data_json" (sent
// as JSON.stringify prints it). "fn":"pack" turns an empty body into " " as pack() does;
// "fn":"packHeader" appends no body unless "andBody":true ("oldways":true as in pack()).
// Returns false with *error set for a line it refuses (bad JSON, header over 255 bytes, a
// comma inside a field, unknown event).
bool encodeJsonLine(QByteArrayView line, QByteArray &out, QString *error);

// Blocking filters used by the CLI: stdin bytes -> JSON lines, JSON lines -> bytes.
// Both return 0, or kStreamErrorExitCode after reporting a broken stream / refused line
// (decode: a {"event":"stream-error","message":...} line on `out`; encode: a line on `err`).
int runDecodeFilter(int inFd, int outFd, qint64 maxDataLength = kDefaultMaxDataLength);
int runEncodeFilter(int inFd, int outFd, int errFd);

}  // namespace routeless::mproxy
