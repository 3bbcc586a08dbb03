#include "platform/autostart.h"

#include <utility>

namespace routeless::platform {

Autostart::Autostart(App app, QString location)
    : app_(std::move(app)), location_(std::move(location)) {}

}  // namespace routeless::platform
