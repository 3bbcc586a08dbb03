// libFuzzer target for stdio::FrameDecoder. The first two input bytes choose where the rest
// is cut in two; decoding it whole and decoding it in two pieces must agree frame for frame
// and error for error, and the frames must re-encode to the bytes they were decoded from.

#include <cstdint>
#include <cstdlib>

#include "stdio/framecodec.h"

using routeless::stdio::FrameDecoder;

namespace {

struct Run {
  QByteArray frames;  // every decoded frame re-encoded, back to back
  quint64 count = 0;
  bool ok = true;
  bool finished = true;
  QString error;
};

Run decode(QByteArrayView data, qsizetype cut) {
  FrameDecoder d;
  Run r;
  auto sink = [&](const FrameDecoder::Frame &f) {
    char header[routeless::stdio::kFrameHeaderSize];
    routeless::stdio::writeFrameHeader(header, f.type, quint32(f.payload.size()));
    r.frames.append(header, sizeof header);
    r.frames.append(f.payload.data(), f.payload.size());
    ++r.count;
  };
  if (cut > 0) r.ok = d.feed(data.first(cut), sink);
  if (r.ok) r.ok = d.feed(data.sliced(cut), sink);
  r.finished = d.finish();
  r.error = d.error();
  if (d.framesDecoded() != r.count) abort();
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2) return 0;
  const QByteArrayView input(reinterpret_cast<const char *>(data) + 2, qsizetype(size - 2));
  const qsizetype cut = input.isEmpty() ? 0 : ((data[0] << 8) | data[1]) % (input.size() + 1);

  const Run whole = decode(input, 0);
  const Run split = decode(input, cut);
  if (whole.frames != split.frames || whole.ok != split.ok || whole.finished != split.finished ||
      whole.error != split.error)
    abort();
  // The frames are a prefix of the input, byte for byte (the reserved field reads back 0).
  const QByteArrayView prefix = input.first(qMin(input.size(), whole.frames.size()));
  if (whole.frames.size() > input.size()) abort();
  for (qsizetype at = 0; at < whole.frames.size();) {
    const qsizetype len = 4 + ((uchar(whole.frames[at + 1]) << 16) |
                               (uchar(whole.frames[at + 2]) << 8) | uchar(whole.frames[at + 3]));
    if (QByteArrayView(whole.frames).sliced(at, 6) != prefix.sliced(at, 6)) abort();
    if (QByteArrayView(whole.frames).sliced(at + 8, len - 8) != prefix.sliced(at + 8, len - 8))
      abort();
    at += len;
  }
  if ((!whole.ok || !whole.finished) == whole.error.isEmpty()) abort();  // errors say why
  return 0;
}
