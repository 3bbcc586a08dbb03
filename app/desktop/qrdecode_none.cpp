#include <QCoreApplication>

#include "qrdecode.h"

namespace routeless::desktop {

bool qrDecodeAvailable() { return false; }

std::optional<QString> qrTextFromImage(const QImage &, QString *error) {
  if (error)
    *error =
        QCoreApplication::translate("QrDecode", "This build of Routeless cannot read QR codes.");
  return std::nullopt;
}

}  // namespace routeless::desktop
