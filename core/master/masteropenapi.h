#pragma once
// The self-description of the master API: an OpenAPI 3.1.1 document and the Swagger UI page
// that renders it. Pure data; it never reads state.

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace routeless::master {

QJsonObject masterOpenApi(const QString &basePath);
QByteArray masterDocsHtml(const QString &openApiUrl);

}  // namespace routeless::master
