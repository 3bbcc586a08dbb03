// libFuzzer target for agent::decodeMessage (Qt-free, nlohmann-json). Whatever decodes must
// encode again (Go-style) and decode to the same message, with the same bytes the second
// time: the encoders and the lenient decoder agree. Every refusal says why.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "agent/wire/messages.h"

using namespace routeless::agent;

namespace {

template <typename T>
const T *decodeAgain(const std::string &json) {
  static std::optional<Message> back;
  std::string error;
  back = decodeMessage(json, &error);
  if (!back) abort();
  const T *t = std::get_if<T>(&*back);
  if (!t) abort();
  return t;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string_view input(reinterpret_cast<const char *>(data), size);
  std::string error;
  const std::optional<Message> msg = decodeMessage(input, &error);
  if (!msg) {
    if (error.empty()) abort();
    return 0;
  }
  if (const auto *req = std::get_if<ConfigureRequest>(&*msg)) {
    const std::string again = encodeConfigureRequest(req->id, req->args);
    const auto *req2 = decodeAgain<ConfigureRequest>(again);
    if (req2->id != req->id || !(req2->args == req->args)) abort();
    if (encodeConfigureRequest(req2->id, req2->args) != again) abort();
  } else if (const auto *res = std::get_if<ConfigureResult>(&*msg)) {
    const std::string again = encodeConfigureResult(*res);
    if (!(*decodeAgain<ConfigureResult>(again) == *res)) abort();
  } else if (const auto *ev = std::get_if<RouteSuggestion>(&*msg)) {
    const std::string again = encodeRouteSuggestion(*ev);
    if (!(*decodeAgain<RouteSuggestion>(again) == *ev)) abort();
  } else if (const auto *test = std::get_if<MeshTestRequest>(&*msg)) {
    const std::string again = encodeMeshTestRequest(*test);
    if (!(*decodeAgain<MeshTestRequest>(again) == *test)) abort();
  } else if (const auto *tested = std::get_if<MeshTestResult>(&*msg)) {
    MeshTestResult expected = *tested;
    if (!expected.error.empty()) expected.figures = {};  // a failed test sends no figures
    const std::string again = encodeMeshTestResult(*tested);
    if (!(*decodeAgain<MeshTestResult>(again) == expected)) abort();
  }
  // The args decoder used by --debug-init-config agrees with the envelope's.
  if (const auto *req = std::get_if<ConfigureRequest>(&*msg)) {
    const std::string body = encodeConfigureRequest(0, req->args);
    const size_t at = body.find("\"args\":") + 7;
    const auto args =
        decodeConfigureArgs(std::string_view(body).substr(at, body.size() - at - 2), &error);
    if (!args || !(*args == req->args)) abort();
  }
  return 0;
}
