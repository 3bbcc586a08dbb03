#pragma once
// The agent's stdin and stdout, which carry NoRouter frames, one implementation per platform
// (stdio_posix.cpp, stdio_win.cpp): binary mode, large pipes, a readiness handle for stdin
// where the OS has one, and non-blocking gathered writes to stdout where it can have them.

#include <cstddef>
#include <string>

#include "agent/loop/poller.h"
#include "agent/sys/socket.h"

namespace routeless::agent::sys {

// Binary mode (Windows), SIGPIPE ignored (POSIX), 1 MiB pipes where the OS allows it (Linux;
// the 64 KiB default costs a third of the throughput). Best effort; call once at start.
void prepareStdio();

// The handle to watch for stdin readability, or kInvalidHandle when stdin must be read on a
// thread of its own (Windows pipes have no readiness notification).
NativeHandle stdinWatchHandle();
// One read of at most `size` bytes: > 0 bytes, 0 at the end of the stream, -1 on error (with
// *error). It blocks only while nothing is available.
long readStdin(char *buffer, size_t size, std::string *error);

// Makes stdout non-blocking when it is a pipe or a socket and returns the handle to watch for
// writability; kInvalidHandle when writes to stdout stay blocking.
NativeHandle prepareStdoutWatch();
// Writes from `buffers` (up to 1024): the bytes written, possibly fewer than offered (0 when
// a non-blocking stdout is full), or -1 on error (with *error).
long writeStdout(const ConstBuffer *buffers, int count, std::string *error);
// Writes a log line to stderr in one piece, waiting if stderr is a full non-blocking pipe.
void writeStderr(const std::string &line);

}  // namespace routeless::agent::sys
