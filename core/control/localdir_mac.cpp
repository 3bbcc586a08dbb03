// Where Routeless keeps private per-user files on macOS: ~/Library/Application Support/Routeless.
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

#include "control/localfile.h"

namespace routeless::control::localfile {

std::string privateConfigDirectory() {
  const char *home = std::getenv("HOME");
  if (!home || home[0] != '/') {
    const struct passwd *pw = ::getpwuid(::geteuid());
    home = pw ? pw->pw_dir : nullptr;
  }
  if (!home || home[0] != '/') return std::string();
  return std::string(home) + "/Library/Application Support/Routeless";
}

}  // namespace routeless::control::localfile
