#pragma once
// Local files the control plane must handle without trusting the path or the other users of
// the machine: the UI token (private to the user, created atomically with its final mode) and
// files a UI names (regular files only, opened so that a FIFO or a device can never block us).
// One implementation per OS (localfile_posix.cpp, localfile_win.cpp), Qt-free so that the
// Windows one compiles with mingw alone. Paths are UTF-8. It never logs file contents.

#include <cstddef>
#include <string>

namespace routeless::control::localfile {

enum class Read { Ok, NotFound, Refused };
enum class Created { Yes, AlreadyThere, Failed };

// The per-user folder for Routeless's private files: $XDG_CONFIG_HOME/routeless (default
// ~/.config/routeless) on Linux and the BSDs, ~/Library/Application Support/Routeless on
// macOS, %LOCALAPPDATA%\Routeless on Windows. Empty when the user's home is unknown.
// (localdir_linux.cpp, localdir_mac.cpp, localfile_win.cpp)
std::string privateConfigDirectory();

// Makes `dir` exist (parents too). A folder created here is private: mode 0700, or an ACL
// for the user alone on Windows. Refuses a folder that another user owns or may write to.
bool preparePrivateDirectory(const std::string &dir, std::string *error);

// Creates `path` holding `contents`, readable by the user alone from its first byte; readers
// see either no file or all of it. AlreadyThere when someone created it first (left as is).
Created createPrivateFile(const std::string &path, const std::string &contents, std::string *error);

// Reads `path` when it is a regular file of at most `maxBytes` that the user owns and nobody
// else may read or write (mode 0600 or stricter; on Windows, an ACL granting no one else).
Read readPrivateFile(const std::string &path, std::size_t maxBytes, std::string *contents,
                     std::string *error);

// Reads `path` when it is a regular file of at most `maxBytes`. A FIFO, a socket, a device or
// a folder is refused at once: the open never waits for a writer.
Read readRegularFile(const std::string &path, std::size_t maxBytes, std::string *contents,
                     std::string *error);

}  // namespace routeless::control::localfile
