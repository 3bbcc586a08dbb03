// libFuzzer target for agent::FrameDecoder (Qt-free). The first two input bytes choose where
// the rest is cut in two; decoding it whole and decoding it in two pieces must agree frame
// for frame and error for error, and the frames must re-encode to the bytes they came from.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "agent/wire/frame.h"

using routeless::agent::FrameDecoder;

namespace {

struct Run {
  std::string frames;  // every decoded frame re-encoded, back to back
  uint64_t count = 0;
  bool ok = true;
  bool finished = true;
  std::string error;
};

Run decode(std::string_view data, size_t cut) {
  FrameDecoder d;
  Run r;
  auto sink = [&](const FrameDecoder::Frame &f) {
    char header[routeless::agent::kFrameHeaderSize];
    routeless::agent::writeFrameHeader(header, f.type, uint32_t(f.payload.size()));
    r.frames.append(header, sizeof header);
    r.frames.append(f.payload);
    ++r.count;
  };
  if (cut > 0) r.ok = d.feed(data.substr(0, cut), sink);
  if (r.ok) r.ok = d.feed(data.substr(cut), sink);
  r.finished = d.finish();
  r.error = d.error();
  if (d.framesDecoded() != r.count) abort();
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2) return 0;
  const std::string_view input(reinterpret_cast<const char *>(data) + 2, size - 2);
  const size_t cut = input.empty() ? 0 : size_t((data[0] << 8) | data[1]) % (input.size() + 1);

  const Run whole = decode(input, 0);
  const Run split = decode(input, cut);
  if (whole.frames != split.frames || whole.ok != split.ok || whole.finished != split.finished ||
      whole.error != split.error)
    abort();
  // The frames are a prefix of the input, byte for byte (the reserved field reads back 0).
  if (whole.frames.size() > input.size()) abort();
  const std::string_view frames(whole.frames);
  for (size_t at = 0; at < frames.size();) {
    const size_t len = 4 + ((uint8_t(frames[at + 1]) << 16) | (uint8_t(frames[at + 2]) << 8) |
                            uint8_t(frames[at + 3]));
    if (frames.substr(at, 6) != input.substr(at, 6)) abort();
    if (frames.substr(at + 8, len - 8) != input.substr(at + 8, len - 8)) abort();
    at += len;
  }
  if ((!whole.ok || !whole.finished) == whole.error.empty()) abort();  // errors say why
  return 0;
}
