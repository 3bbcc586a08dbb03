#include "control/uiaccess.h"

#include "control/uitoken.h"

namespace routeless::control {

std::optional<UiAccess> UiAccess::forServer(const QString &tokenFileOption,
                                            const QStringList &allowOrigins, QString *error) {
  UiAccess access;
  QStringList lists = allowOrigins;
  lists.append(qEnvironmentVariable("ROUTELESS_UI_ALLOW_ORIGIN"));
  for (const QString &list : std::as_const(lists)) {
    QByteArray why;
    const auto origins = parseOriginList(list.toUtf8(), &why);
    if (!origins) {
      *error = QStringLiteral("--ui-allow-origin: %1").arg(QString::fromUtf8(why));
      return std::nullopt;
    }
    for (const WebOrigin &o : *origins)
      if (!access.allowedOrigins.contains(o)) access.allowedOrigins.append(o);
  }
  access.tokenFile = UiTokenFile::resolvePath(tokenFileOption);
  const auto token = UiTokenFile::loadOrCreate(access.tokenFile, error);
  if (!token) return std::nullopt;
  access.token = *token;
  return access;
}

QString UiAccess::originsText() const {
  QStringList out;
  for (const WebOrigin &o : allowedOrigins) out.append(QString::fromLatin1(o.toString()));
  return out.join(QLatin1Char(','));
}

}  // namespace routeless::control
