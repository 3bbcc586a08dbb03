#include "master/masteropenapi.h"

#include <QJsonArray>

namespace routeless::master {
namespace {

QJsonObject ref(const char *name) {
  return {{QStringLiteral("$ref"), QStringLiteral("#/components/schemas/") + QLatin1String(name)}};
}

QJsonObject jsonContent(const QJsonObject &schema) {
  return {{QStringLiteral("application/json"), QJsonObject{{QStringLiteral("schema"), schema}}}};
}

QJsonObject response(const char *description, const QJsonObject &schema = {}) {
  QJsonObject r{{QStringLiteral("description"), QLatin1String(description)}};
  if (!schema.isEmpty()) r.insert(QStringLiteral("content"), jsonContent(schema));
  return r;
}

QJsonObject op(const char *summary, const QJsonObject &responses, const QJsonObject &body = {},
               bool secured = true) {
  QJsonObject o{{QStringLiteral("summary"), QLatin1String(summary)},
                {QStringLiteral("responses"), responses}};
  if (!body.isEmpty())
    o.insert(QStringLiteral("requestBody"),
             QJsonObject{{QStringLiteral("required"), true},
                         {QStringLiteral("content"), jsonContent(body)}});
  if (!secured) o.insert(QStringLiteral("security"), QJsonArray());
  return o;
}

QJsonObject props(std::initializer_list<std::pair<const char *, const char *>> fields) {
  QJsonObject p;
  for (const auto &f : fields)
    p.insert(QLatin1String(f.first),
             QJsonObject{{QStringLiteral("type"), QLatin1String(f.second)}});
  return p;
}

QJsonObject objectSchema(const QJsonObject &properties) {
  return {{QStringLiteral("type"), QStringLiteral("object")},
          {QStringLiteral("properties"), properties}};
}

}  // namespace

QJsonObject masterOpenApi(const QString &basePath) {
  const QJsonObject idParam{
      {QStringLiteral("name"), QStringLiteral("id")},
      {QStringLiteral("in"), QStringLiteral("path")},
      {QStringLiteral("required"), true},
      {QStringLiteral("schema"), QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}};
  const QJsonObject err = ref("Error");
  QJsonObject instance = objectSchema(props({{"id", "string"},
                                             {"alias", "string"},
                                             {"type", "string"},
                                             {"status", "string"},
                                             {"url", "string"},
                                             {"config", "string"},
                                             {"restart", "boolean"},
                                             {"meta", "object"},
                                             {"mode", "integer"},
                                             {"ping", "integer"},
                                             {"pool", "integer"},
                                             {"tcps", "integer"},
                                             {"udps", "integer"},
                                             {"tcprx", "integer"},
                                             {"tcptx", "integer"},
                                             {"udprx", "integer"},
                                             {"udptx", "integer"}}));
  const QJsonObject paths{
      {QStringLiteral("/instances"),
       QJsonObject{{QStringLiteral("get"),
                    op("List instances",
                       {{QStringLiteral("200"),
                         response("Instances", {{QStringLiteral("type"), QStringLiteral("array")},
                                                {QStringLiteral("items"), ref("Instance")}})},
                        {QStringLiteral("401"), response("Unauthorized", err)}})},
                   {QStringLiteral("post"),
                    op("Create an instance from a server:// or client:// URL",
                       {{QStringLiteral("201"), response("Created", ref("Instance"))},
                        {QStringLiteral("400"), response("Bad request", err)}},
                       objectSchema(props({{"alias", "string"}, {"url", "string"}})))}}},
      {QStringLiteral("/instances/{id}"),
       QJsonObject{
           {QStringLiteral("parameters"), QJsonArray{idParam}},
           {QStringLiteral("get"),
            op("Get an instance", {{QStringLiteral("200"), response("Instance", ref("Instance"))},
                                   {QStringLiteral("404"), response("Not found", err)}})},
           {QStringLiteral("patch"),
            op("Control an instance (action start|stop|restart|reset), set alias, restart policy "
               "or meta",
               {{QStringLiteral("200"), response("Instance", ref("Instance"))},
                {QStringLiteral("400"), response("Bad request", err)}},
               objectSchema(props({{"alias", "string"},
                                   {"action", "string"},
                                   {"restart", "boolean"},
                                   {"meta", "object"}})))},
           {QStringLiteral("put"),
            op("Replace an instance's URL",
               {{QStringLiteral("200"), response("Instance", ref("Instance"))},
                {QStringLiteral("409"), response("URL unchanged", err)}},
               objectSchema(props({{"url", "string"}})))},
           {QStringLiteral("delete"),
            op("Delete an instance", {{QStringLiteral("204"), response("Deleted")},
                                      {QStringLiteral("404"), response("Not found", err)}})}}},
      {QStringLiteral("/events"),
       QJsonObject{
           {QStringLiteral("get"),
            op("Server-Sent Events: initial, create, update, delete, log, shutdown",
               {{QStringLiteral("200"),
                 QJsonObject{
                     {QStringLiteral("description"), QStringLiteral("event stream")},
                     {QStringLiteral("content"),
                      QJsonObject{{QStringLiteral("text/event-stream"), QJsonObject()}}}}}})}}},
      {QStringLiteral("/info"),
       QJsonObject{
           {QStringLiteral("get"),
            op("Master information", {{QStringLiteral("200"), response("Info", ref("Info"))}})},
           {QStringLiteral("post"),
            op("Set the master alias", {{QStringLiteral("200"), response("Info", ref("Info"))}},
               objectSchema(props({{"alias", "string"}})))}}},
      {QStringLiteral("/tcping"),
       QJsonObject{
           {QStringLiteral("get"),
            QJsonObject{
                {QStringLiteral("summary"), QStringLiteral("TCP connect test to target=host:port")},
                {QStringLiteral("parameters"),
                 QJsonArray{QJsonObject{
                     {QStringLiteral("name"), QStringLiteral("target")},
                     {QStringLiteral("in"), QStringLiteral("query")},
                     {QStringLiteral("required"), true},
                     {QStringLiteral("schema"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}}}},
                {QStringLiteral("responses"),
                 QJsonObject{{QStringLiteral("200"),
                              response("Result", objectSchema(props({{"target", "string"},
                                                                     {"connected", "boolean"},
                                                                     {"latency", "integer"},
                                                                     {"error", "string"}})))}}}}}}},
      {QStringLiteral("/openapi.json"),
       QJsonObject{
           {QStringLiteral("get"),
            op("This document", {{QStringLiteral("200"), response("OpenAPI")}}, {}, false)}}},
      {QStringLiteral("/docs"),
       QJsonObject{{QStringLiteral("get"),
                    op("Swagger UI", {{QStringLiteral("200"), response("HTML")}}, {}, false)}}},
  };
  const QJsonObject schemas{
      {QStringLiteral("Instance"), instance},
      {QStringLiteral("Error"), objectSchema(props({{"error", "string"}}))},
      {QStringLiteral("Info"),
       objectSchema(
           props({{"mid", "string"},       {"alias", "string"},       {"os", "string"},
                  {"arch", "string"},      {"cpu", "integer"},        {"mem_total", "integer"},
                  {"mem_used", "integer"}, {"swap_total", "integer"}, {"swap_used", "integer"},
                  {"netrx", "integer"},    {"nettx", "integer"},      {"diskr", "integer"},
                  {"diskw", "integer"},    {"sysup", "integer"},      {"ver", "string"},
                  {"name", "string"},      {"uptime", "integer"},     {"log", "string"},
                  {"tls", "string"},       {"crt", "string"},         {"key", "string"}}))}};
  return {{QStringLiteral("openapi"), QStringLiteral("3.1.1")},
          {QStringLiteral("info"),
           QJsonObject{{QStringLiteral("title"),
                        QStringLiteral("Routeless master API (NodePass v1.14.0 compatible)")},
                       {QStringLiteral("version"), QStringLiteral(ROUTELESS_VERSION)}}},
          {QStringLiteral("servers"), QJsonArray{QJsonObject{{QStringLiteral("url"), basePath}}}},
          {QStringLiteral("security"),
           QJsonArray{QJsonObject{{QStringLiteral("ApiKeyAuth"), QJsonArray()}}}},
          {QStringLiteral("paths"), paths},
          {QStringLiteral("components"),
           QJsonObject{
               {QStringLiteral("securitySchemes"),
                QJsonObject{{QStringLiteral("ApiKeyAuth"),
                             QJsonObject{{QStringLiteral("type"), QStringLiteral("apiKey")},
                                         {QStringLiteral("in"), QStringLiteral("header")},
                                         {QStringLiteral("name"), QStringLiteral("X-API-Key")}}}}},
               {QStringLiteral("schemas"), schemas}}}};
}

QByteArray masterDocsHtml(const QString &openApiUrl) {
  return QByteArrayLiteral(
             "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Routeless master "
             "API</title>\n"
             "<link rel=\"stylesheet\" "
             "href=\"https://unpkg.com/swagger-ui-dist@5/swagger-ui.css\"></head>\n"
             "<body><div id=\"swagger-ui\"></div>\n"
             "<script src=\"https://unpkg.com/swagger-ui-dist@5/swagger-ui-bundle.js\"></script>\n"
             "<script>window.onload=()=>{SwaggerUIBundle({url:'") +
         openApiUrl.toUtf8() +
         QByteArrayLiteral("',dom_id:'#swagger-ui'});};</script>\n</body></html>\n");
}

}  // namespace routeless::master
