#include <zbar.h>

#include <QByteArray>
#include <QCoreApplication>
#include <memory>

#include "qrdecode.h"

// zbar.h puts its C API in namespace zbar when compiled as C++.
using namespace zbar;

namespace routeless::desktop {

namespace {
// The messages are marked with QT_TRANSLATE_NOOP where they are written, for lupdate.
QString trText(const char *text) { return QCoreApplication::translate("QrDecode", text); }

struct ScannerDeleter {
  void operator()(zbar_image_scanner_t *s) const { zbar_image_scanner_destroy(s); }
};
struct ImageDeleter {
  void operator()(zbar_image_t *i) const { zbar_image_destroy(i); }
};
}  // namespace

bool qrDecodeAvailable() { return true; }

std::optional<QString> qrTextFromImage(const QImage &image, QString *error) {
  const auto fail = [error](const QString &why) -> std::optional<QString> {
    if (error) *error = why;
    return std::nullopt;
  };
  if (image.isNull())
    return fail(
        trText(QT_TRANSLATE_NOOP("QrDecode", "The file is not an image this app can read.")));
  if (image.width() > kMaxQrImageSide || image.height() > kMaxQrImageSide)
    return fail(
        trText(QT_TRANSLATE_NOOP("QrDecode", "The image is too large to look for a QR code in.")));
  // zbar reads 8-bit grey ("Y800") rows without padding; QImage pads each row to 4 bytes.
  const QImage grey = image.convertToFormat(QImage::Format_Grayscale8);
  const int w = grey.width();
  const int h = grey.height();
  QByteArray pixels(qsizetype(w) * h, Qt::Uninitialized);
  for (int y = 0; y < h; ++y) memcpy(pixels.data() + qsizetype(y) * w, grey.constScanLine(y), w);

  std::unique_ptr<zbar_image_scanner_t, ScannerDeleter> scanner(zbar_image_scanner_create());
  zbar_image_scanner_set_config(scanner.get(), ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
  zbar_image_scanner_set_config(scanner.get(), ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
  std::unique_ptr<zbar_image_t, ImageDeleter> zimage(zbar_image_create());
  zbar_image_set_format(zimage.get(), zbar_fourcc('Y', '8', '0', '0'));
  zbar_image_set_size(zimage.get(), unsigned(w), unsigned(h));
  zbar_image_set_data(zimage.get(), pixels.constData(), unsigned(pixels.size()), nullptr);
  if (zbar_scan_image(scanner.get(), zimage.get()) <= 0)
    return fail(trText(QT_TRANSLATE_NOOP("QrDecode", "No QR code was found in the image.")));
  for (const zbar_symbol_t *s = zbar_image_first_symbol(zimage.get()); s; s = zbar_symbol_next(s)) {
    if (zbar_symbol_get_type(s) != ZBAR_QRCODE) continue;
    return QString::fromUtf8(zbar_symbol_get_data(s), int(zbar_symbol_get_data_length(s)));
  }
  return fail(trText(QT_TRANSLATE_NOOP("QrDecode", "No QR code was found in the image.")));
}

}  // namespace routeless::desktop
