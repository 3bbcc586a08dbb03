#pragma once
// QR codes for sharing a tunnel: the text as a black-on-white image, and the image provider
// (image://qr/...) that the Tunnels screen shows it through, so the URL (and its key) never
// appears in an image source, a QML warning or a log. Encoding is libqrencode's
// (qrcode_qrencode.cpp); a build without it has no QR codes (qrcode_none.cpp).

#include <QImage>
#include <QQuickImageProvider>
#include <functional>

namespace routeless::desktop {

// `text` as a QR code with `scale` pixels per module and a 4-module quiet zone; a null image
// when it cannot be encoded (too long) or QR codes are not built in.
QImage qrImage(const QString &text, int scale = 8);
bool qrAvailable();

class QrImageProvider final : public QQuickImageProvider {
 public:
  // Turns an image id ("<profile>/<row>/<withKey>") into the text to encode.
  using Resolver = std::function<QString(const QString &id)>;
  explicit QrImageProvider(Resolver resolve);
  QImage requestImage(const QString &id, QSize *size, const QSize &requestedSize) override;

 private:
  Resolver m_resolve;
};

}  // namespace routeless::desktop
