// libFuzzer target for core/mproxy/jsonlines.cpp and jsontext.cpp: any `mproxy encode` input
// line. What it encodes must decode again into exactly one frame.
#include <cstdint>
#include <cstdlib>

#include "mproxy/jsonlines.h"
#include "mproxy/jsontext.h"

using namespace routeless::mproxy;

namespace {
struct Count final : FrameSink {
  int frames = 0;
  void frameBegin(const FrameHeader &) override {}
  void dataPiece(const FrameHeader &, QByteArrayView) override {}
  void frameEnd(const FrameHeader &) override { ++frames; }
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const QByteArrayView line(reinterpret_cast<const char *>(data), qsizetype(size));
  JsValue v;
  if (parseJson(QString::fromUtf8(line), &v)) {
    JsValue again;
    if (!parseJson(QString::fromUtf8(stringify(v)), &again)) abort();  // stringify is JSON
    if (stringify(again) != stringify(v)) abort();
  }
  QByteArray out;
  QString error;
  if (!encodeJsonLine(line, out, &error)) {
    if (!out.isEmpty() || error.isEmpty()) abort();
    return 0;
  }
  // packHeader without a body gives a header whose DATALEN announces bytes that are not there.
  FrameDecoder d;
  Count c;
  if (!d.feed(out, c)) abort();
  if (c.frames != 1 && d.atFrameBoundary()) abort();
  return 0;
}
