// A build without libqrencode: no QR codes (the Share dialog says so).
#include "qrcode.h"

namespace routeless::desktop {

bool qrAvailable() { return false; }
QImage qrImage(const QString &, int) { return {}; }

}  // namespace routeless::desktop
