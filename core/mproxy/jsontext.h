#pragma once
// Just enough of JavaScript's JSON to speak for proxy-packer peers: JSON.parse into values that
// keep member order, and JSON.stringify output byte for byte (member order, number formatting,
// string escapes). QJsonDocument sorts object keys, which would change error and control bodies.
// It never evaluates anything beyond JSON.

#include <QByteArray>
#include <QString>
#include <QStringView>
#include <vector>

namespace routeless::mproxy {

// A parsed JSON value with JavaScript's member order. Plain data; it never evaluates anything.
struct JsValue {
  enum Type : quint8 { Null, Bool, Number, String, Array, Object };
  Type type = Null;
  bool boolean = false;
  double number = 0;
  QString string;
  std::vector<JsValue> items;  // Array elements, or Object values (parallel to keys)
  std::vector<QString> keys;   // Object keys in creation order (a repeated key keeps its place)

  const JsValue *member(const QString &key) const;
  bool isFalsy() const;  // JS truthiness: null, false, 0, NaN, ""
};

// JSON.parse: false (and *error set) on anything JSON.parse would throw on.
bool parseJson(QStringView text, JsValue *out, QString *error = nullptr);

// JSON.stringify of a parsed value (UTF-8).
QByteArray stringify(const JsValue &value);

// JSON.stringify of a string: the quoted, escaped text (UTF-8).
QByteArray quoteJson(QStringView s);

// Number.prototype.toString() for a double.
QString jsNumberToString(double n);

// String(v) for a JSON value, as Array#join prints it (null becomes "").
QString jsJoinString(const JsValue &v);

}  // namespace routeless::mproxy
