#include "control/setupspace.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QStandardPaths>

#include "control/uihandshake.h"

namespace routeless::control {
namespace {

QString envName(const QString &parameter) {
  return QStringLiteral("ROUTELESS_") +
         parameter.toUpper().replace(QLatin1Char('-'), QLatin1Char('_'));
}

QString validateBool(const QString &v) {
  return (v == QLatin1String("true") || v == QLatin1String("false"))
             ? QString()
             : QStringLiteral("must be true or false, not \"%1\"").arg(v);
}

}  // namespace

QString setupStatusName(SetupStatus status) {
  switch (status) {
    case SetupStatus::Default:
      return QStringLiteral("Default");
    case SetupStatus::Configured:
      return QStringLiteral("Configured");
    case SetupStatus::Set:
      return QStringLiteral("Set");
    case SetupStatus::Blank:
      return QStringLiteral("Blank");
    case SetupStatus::Required:
      return QStringLiteral("Required");
  }
  return QString();
}

SetupSpace::SetupSpace(const QProcessEnvironment &env) {
  auto never = [](const SetupSpace &) { return false; };
  m_parameters = {
      {QStringLiteral("autostart"), [] { return QStringLiteral("true"); }, validateBool, never},
      {QStringLiteral("data-directory"),
       [] {
         const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
         return base.isEmpty() ? QString() : base + QStringLiteral("/routeless");
       },
       [](const QString &v) {
         return QDir::isAbsolutePath(v)
                    ? QString()
                    : QStringLiteral("must be an absolute path, not \"%1\"").arg(v);
       },
       [](const SetupSpace &) { return true; }},
      {QStringLiteral("log-level"), [] { return QStringLiteral("info"); },
       [](const QString &v) {
         static const QStringList levels = {QStringLiteral("debug"), QStringLiteral("info"),
                                            QStringLiteral("warn"), QStringLiteral("error")};
         return levels.contains(v)
                    ? QString()
                    : QStringLiteral("must be one of debug, info, warn, error, not \"%1\"").arg(v);
       },
       [](const SetupSpace &) { return true; }},
      // The profile to run: a NoRouter manifest or a file of NodePass URL lines. Needed when the
      // node should start something by itself.
      {QStringLiteral("profile"), [] { return QString(); },
       [](const QString &v) {
         const QFileInfo fi(v);
         if (!fi.isAbsolute()) return QStringLiteral("must be an absolute path, not \"%1\"").arg(v);
         if (!fi.isFile() || !fi.isReadable())
           return QStringLiteral("%1 is not a readable file").arg(v);
         return QString();
       },
       [](const SetupSpace &s) {
         return s.value(QStringLiteral("autostart")) == QLatin1String("true");
       }},
      {QStringLiteral("traffic-interval"), [] { return QStringLiteral("1000"); },
       [](const QString &v) {
         bool ok = false;
         const int ms = v.toInt(&ok);
         return (ok && ms >= 100 && ms <= 60000)
                    ? QString()
                    : QStringLiteral("must be milliseconds from 100 to 60000, not \"%1\"").arg(v);
       },
       never},
      // Web pages allowed to use the node's UI protocol (exact origins, comma-separated);
      // the daemon adds its own --ui-allow-origin list to it when it starts the node.
      {QStringLiteral("ui-allow-origin"), [] { return QString(); },
       [](const QString &v) {
         QByteArray why;
         return parseOriginList(v.toUtf8(), &why) ? QString() : QString::fromUtf8(why);
       },
       never},
  };
  for (const Parameter &p : std::as_const(m_parameters)) {
    const QString v = env.value(envName(p.name));
    if (!v.isEmpty() && p.validate(v).isEmpty()) m_configured.insert(p.name, v);
  }
}

QStringList SetupSpace::parameterNames() {
  SetupSpace s{QProcessEnvironment()};
  QStringList names;
  for (const Parameter &p : std::as_const(s.m_parameters)) names.append(p.name);
  return names;
}

const SetupSpace::Parameter *SetupSpace::parameter(const QString &name) const {
  for (const Parameter &p : m_parameters)
    if (p.name == name) return &p;
  return nullptr;
}

QString SetupSpace::value(const QString &name) const {
  if (m_set.contains(name)) return m_set.value(name);
  if (m_configured.contains(name)) return m_configured.value(name);
  const Parameter *p = parameter(name);
  return p ? p->defaultValue() : QString();
}

bool SetupSpace::isEmpty() const { return m_set.isEmpty(); }

bool SetupSpace::apply(const QJsonObject &request, QList<QPair<QString, QString>> *errors) {
  bool changed = false;
  const QJsonValue values = request.value(QLatin1String("values"));
  if (!values.isArray()) {
    if (!values.isUndefined() && errors)
      errors->append({QString(), QStringLiteral("values must be an array")});
    return false;
  }
  for (const QJsonValue &item : values.toArray()) {
    const QJsonObject entry = item.toObject();
    const QString name = entry.value(QLatin1String("name")).toString();
    const Parameter *p = parameter(name);
    if (!p) {
      if (errors) errors->append({name, QStringLiteral("unknown parameter")});
      continue;
    }
    const QJsonValue v = entry.value(QLatin1String("value"));
    if (v.isNull() || v.isUndefined()) {
      changed |= m_set.remove(name) > 0;
      continue;
    }
    if (!v.isString()) {
      if (errors) errors->append({name, QStringLiteral("value must be a string or null")});
      continue;
    }
    const QString text = v.toString();
    const QString why = p->validate(text);
    if (!why.isEmpty()) {
      if (errors) errors->append({name, why});
      continue;
    }
    if (m_set.value(name) != text || !m_set.contains(name)) {
      m_set.insert(name, text);
      changed = true;
    }
  }
  return changed;
}

QList<SetupValue> SetupSpace::values() const {
  QList<SetupValue> out;
  for (const Parameter &p : m_parameters) {
    SetupValue v;
    v.name = p.name;
    if (m_set.contains(p.name)) {
      v.value = m_set.value(p.name);
      v.status = SetupStatus::Set;
    } else if (m_configured.contains(p.name)) {
      v.value = m_configured.value(p.name);
      v.status = SetupStatus::Configured;
    } else if (const QString d = p.defaultValue(); !d.isEmpty()) {
      v.value = d;
      v.status = SetupStatus::Default;
    } else {
      v.status = p.requiredWhenBlank(*this) ? SetupStatus::Required : SetupStatus::Blank;
    }
    out.append(v);
  }
  std::sort(out.begin(), out.end(),
            [](const SetupValue &a, const SetupValue &b) { return a.name < b.name; });
  return out;
}

QJsonObject SetupSpace::toPayload(bool running,
                                  const QList<QPair<QString, QString>> &errors) const {
  QJsonArray values;
  for (const SetupValue &v : this->values())
    values.append(QJsonObject{{QStringLiteral("name"), v.name},
                              {QStringLiteral("value"), v.value},
                              {QStringLiteral("status"), setupStatusName(v.status)}});
  QJsonArray errs;
  for (const auto &e : errors) errs.append(QJsonArray{e.first, e.second});
  return {{QStringLiteral("running"), running},
          {QStringLiteral("values"), values},
          {QStringLiteral("errors"), errs}};
}

QStringList SetupSpace::engineArguments() const {
  QStringList args;
  for (const SetupValue &v : values()) {
    if (v.status == SetupStatus::Set || v.status == SetupStatus::Configured)
      args << QStringLiteral("--") + v.name << v.value;
  }
  return args;
}

}  // namespace routeless::control
