// Replays one libFuzzer target's committed corpus once, without libFuzzer, so that every seed
// and every input that once found a bug runs in the normal test suite (g++ builds, ASan stage).
// It never mutates inputs and never stops quietly: each file runs, a crash names its file.
#include <algorithm>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {

constexpr int kNoCorpus = 77;  // CTest's SKIP_RETURN_CODE for these tests (tests/fuzz/CMakeLists)

// The file being replayed. Read from the crash handler, which only runs once and then dies, so
// the usual async-signal-safety rules matter less than naming the input.
std::string currentInput;

extern "C" void reportCrash(int signal) {
  std::fprintf(stderr, "\nsignal %d while replaying %s\n", signal, currentInput.c_str());
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

}  // namespace

int main(int argc, char **argv) {
  namespace fs = std::filesystem;
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
    return 2;
  }
  const fs::path dir = argv[1];
  std::vector<fs::path> inputs;
  std::error_code error;
  for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error))
    if (it->is_regular_file()) inputs.push_back(it->path());
  if (inputs.empty()) {
    std::printf("no corpus in %s: nothing to replay (fuzz the target and commit its corpus)\n",
                dir.string().c_str());
    return kNoCorpus;
  }
  std::sort(inputs.begin(), inputs.end());
  for (const int signal : {SIGABRT, SIGSEGV, SIGILL, SIGFPE}) std::signal(signal, reportCrash);
  for (const fs::path &path : inputs) {
    currentInput = path.string();
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "cannot read %s\n", currentInput.c_str());
      return 1;
    }
    // An exactly sized copy, as libFuzzer hands over, so that ASan sees a read past the end.
    const std::vector<uint8_t> bytes{std::istreambuf_iterator<char>(in),
                                     std::istreambuf_iterator<char>()};
    const uint8_t empty = 0;
    LLVMFuzzerTestOneInput(bytes.empty() ? &empty : bytes.data(), bytes.size());
  }
  std::printf("%zu inputs from %s replayed, none crashed\n", inputs.size(), dir.string().c_str());
  return 0;
}
