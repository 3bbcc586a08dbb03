#include "qrcode.h"

namespace routeless::desktop {

QrImageProvider::QrImageProvider(Resolver resolve)
    : QQuickImageProvider(QQuickImageProvider::Image), m_resolve(std::move(resolve)) {}

QImage QrImageProvider::requestImage(const QString &id, QSize *size, const QSize &requestedSize) {
  const QString text = m_resolve ? m_resolve(id) : QString();
  QImage image = text.isEmpty() ? QImage() : qrImage(text);
  if (!image.isNull() && requestedSize.isValid())
    image = image.scaled(requestedSize, Qt::KeepAspectRatio, Qt::FastTransformation);
  if (size) *size = image.size();
  return image;
}

}  // namespace routeless::desktop
