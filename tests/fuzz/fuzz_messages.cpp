// libFuzzer target for stdio::decodeMessage. Whatever decodes must encode again (Go-style)
// and decode to the same message: the encoders and the lenient decoder agree.

#include <cstdint>
#include <cstdlib>

#include "stdio/messages.h"

using namespace routeless::stdio;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
  QString error;
  const std::optional<Message> msg = decodeMessage(input, &error);
  if (!msg) {
    if (error.isEmpty()) abort();  // every refusal says why
    return 0;
  }
  QByteArray again;
  if (const auto *req = std::get_if<ConfigureRequest>(&*msg)) {
    again = encodeConfigureRequest(req->id, req->args);
    const auto back = decodeMessage(again, &error);
    if (!back) abort();
    const auto *req2 = std::get_if<ConfigureRequest>(&*back);
    if (!req2 || req2->id != req->id || !(req2->args == req->args)) abort();
    if (encodeConfigureRequest(req2->id, req2->args) != again) abort();
  } else if (const auto *res = std::get_if<ConfigureResult>(&*msg)) {
    again = encodeConfigureResult(*res);
    const auto back = decodeMessage(again, &error);
    if (!back) abort();
    const auto *res2 = std::get_if<ConfigureResult>(&*back);
    if (!res2 || res2->requestId != res->requestId || res2->features != res->features ||
        res2->version != res->version || res2->error != res->error)
      abort();
  } else if (const auto *ev = std::get_if<RouteSuggestion>(&*msg)) {
    again = encodeRouteSuggestion(*ev);
    const auto back = decodeMessage(again, &error);
    if (!back) abort();
    const auto *ev2 = std::get_if<RouteSuggestion>(&*back);
    if (!ev2 || ev2->ips != ev->ips || ev2->route != ev->route) abort();
  }
  return 0;
}
