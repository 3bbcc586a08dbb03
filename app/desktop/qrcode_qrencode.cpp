// QR encoding with libqrencode (Debian: libqrencode-dev).
#include <qrencode.h>

#include <memory>

#include "qrcode.h"

namespace routeless::desktop {

bool qrAvailable() { return true; }

QImage qrImage(const QString &text, int scale) {
  const QByteArray data = text.toUtf8();
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeData(int(data.size()), reinterpret_cast<const unsigned char *>(data.constData()),
                        0, QR_ECLEVEL_M),
      &QRcode_free);
  if (!code) return {};
  constexpr int kQuiet = 4;
  const int side = (code->width + 2 * kQuiet) * scale;
  QImage image(side, side, QImage::Format_Mono);
  image.fill(1);  // white
  image.setColor(0, qRgb(0, 0, 0));
  image.setColor(1, qRgb(255, 255, 255));
  for (int y = 0; y < code->width; ++y)
    for (int x = 0; x < code->width; ++x) {
      if (!(code->data[y * code->width + x] & 1)) continue;
      for (int dy = 0; dy < scale; ++dy)
        for (int dx = 0; dx < scale; ++dx)
          image.setPixel((x + kQuiet) * scale + dx, (y + kQuiet) * scale + dy, 0);
    }
  return image;
}

}  // namespace routeless::desktop
