#pragma once
// Reading a QR code back from an image file (a tunnel shared as a QR code, saved or
// photographed): the text of the first QR code in the image. Decoding is zbar's
// (qrdecode_zbar.cpp); a build without zbar reads none (qrdecode_none.cpp). It only decodes;
// what the text means is the importer's business.

#include <QImage>
#include <QString>
#include <optional>

namespace routeless::desktop {

// Images larger than this on either side are refused before decoding (time and memory bound).
inline constexpr int kMaxQrImageSide = 8192;

bool qrDecodeAvailable();
// The text of the first QR code in `image`, or nullopt with `error` saying why (no QR code in
// it, too large, QR reading not built in).
std::optional<QString> qrTextFromImage(const QImage &image, QString *error);

}  // namespace routeless::desktop
