// libFuzzer target for the agent's stdin framing (agent::FrameReader): the same stream read in
// pieces of fuzzer-chosen sizes must give exactly the frames and the error that a single
// FrameDecoder gives for it whole, with every frame handed out in place (never copied).

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "agent/stdinreader.h"
#include "agent/wire/frame.h"

using namespace routeless::agent;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  // The first byte picks how the reads are cut: sizes 1..256 taken from the stream itself.
  const size_t header = 1 + (data[0] % 8);
  if (size < header) return 0;
  const std::vector<uint8_t> cuts(data + 1, data + header);
  const std::string stream(reinterpret_cast<const char *>(data) + header, size - header);

  // Reference: one decoder over the whole stream.
  FrameDecoder whole;
  std::vector<std::pair<uint16_t, std::string>> expected;
  const bool wholeOk = whole.feed(stream, [&](const FrameDecoder::Frame &f) {
    expected.emplace_back(f.type, std::string(f.payload));
  });
  const bool wholeFinished = wholeOk && whole.finish();

  FrameReader reader;
  size_t at = 0, step = 0;
  auto read = [&](char *buffer, size_t room, std::string *) -> long {
    if (at == stream.size()) return 0;
    size_t n = cuts.empty() ? 4096 : size_t(cuts[step++ % cuts.size()]) * 97 % 4096 + 1;
    n = std::min({n, room, stream.size() - at});
    memcpy(buffer, stream.data() + at, n);
    at += n;
    return long(n);
  };
  std::vector<std::pair<uint16_t, std::string>> got;
  std::string end;
  for (int guard = 0; guard < 1 << 20; ++guard) {
    InputBatch batch;
    const bool more = reader.readOnce(read, &batch, &end);
    for (const auto &f : batch.frames) {
      if (!f.inChunk) abort();  // the reader promises in-place frames
      got.emplace_back(f.type, std::string(f.data, f.size));
    }
    if (!more) break;
  }
  if (got != expected) abort();
  // A clean EOF exactly when the whole stream decodes and finishes.
  const bool cleanEof = end == "failed to call receiver.Recv: EOF";
  if (cleanEof != wholeFinished) abort();
  if (!wholeOk && end.find(whole.error()) == std::string::npos) abort();
  return 0;
}
