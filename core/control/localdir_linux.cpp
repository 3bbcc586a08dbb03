// Where Routeless keeps private per-user files on Linux and the BSDs (CMake builds _linux files
// on every Unix but macOS): the XDG config home ($XDG_CONFIG_HOME, else ~/.config), in its own
// folder "routeless".
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

#include "control/localfile.h"

namespace routeless::control::localfile {

std::string privateConfigDirectory() {
  // The spec: a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const char *xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg && xdg[0] == '/') return std::string(xdg) + "/routeless";
  const char *home = std::getenv("HOME");
  if (!home || home[0] != '/') {
    const struct passwd *pw = ::getpwuid(::geteuid());
    home = pw ? pw->pw_dir : nullptr;
  }
  if (!home || home[0] != '/') return std::string();
  return std::string(home) + "/.config/routeless";
}

}  // namespace routeless::control::localfile
