// Windows stdio for the agent: binary mode, blocking reads on the stdin thread, blocking
// writes (pipes have no gathered write: one copy into a contiguous buffer).
#include <fcntl.h>
#include <io.h>
#include <windows.h>

#include <cstring>
#include <vector>

#include "agent/sys/stdio.h"

namespace routeless::agent::sys {

void prepareStdio() {
  _setmode(0, _O_BINARY);
  _setmode(1, _O_BINARY);
  _setmode(2, _O_BINARY);
}

NativeHandle stdinWatchHandle() { return kInvalidHandle; }

long readStdin(char *buffer, size_t size, std::string *error) {
  DWORD n = 0;
  if (ReadFile(GetStdHandle(STD_INPUT_HANDLE), buffer, DWORD(size > (1u << 30) ? 1u << 30 : size),
               &n, nullptr))
    return long(n);
  const DWORD e = GetLastError();
  if (e == ERROR_BROKEN_PIPE || e == ERROR_HANDLE_EOF) return 0;  // the writer closed
  if (error) *error = "read: Windows error " + std::to_string(e);
  return -1;
}

NativeHandle prepareStdoutWatch() { return kInvalidHandle; }

long writeStdout(const ConstBuffer *buffers, int count, std::string *error) {
  size_t total = 0;
  for (int i = 0; i < count; ++i) total += buffers[i].size;
  thread_local std::vector<char> joined;
  joined.resize(total);
  size_t at = 0;
  for (int i = 0; i < count; ++i) {
    memcpy(joined.data() + at, buffers[i].data, buffers[i].size);
    at += buffers[i].size;
  }
  const HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
  size_t done = 0;
  while (done < total) {
    DWORD n = 0;
    if (!WriteFile(out, joined.data() + done, DWORD(total - done), &n, nullptr)) {
      if (error)
        *error = "failed to write to stdout: Windows error " + std::to_string(GetLastError());
      return -1;
    }
    done += n;
  }
  return long(total);
}

void writeStderr(const std::string &line) {
  DWORD n = 0;
  WriteFile(GetStdHandle(STD_ERROR_HANDLE), line.data(), DWORD(line.size()), &n, nullptr);
}

}  // namespace routeless::agent::sys
