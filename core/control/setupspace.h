#pragma once
// The daemon's setup space: the engine settings a UI edits before starting the node, each value
// with where it came from (Default, Configured from ROUTELESS_* environment variables, Set by a
// UI, Blank, Required). It validates and merges requests and builds the node's command line;
// it never starts anything and never changes while the daemon says the node runs.

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <functional>

namespace routeless::control {

enum class SetupStatus { Default, Configured, Set, Blank, Required };
QString setupStatusName(SetupStatus status);

struct SetupValue {
  QString name;
  QString value;
  SetupStatus status = SetupStatus::Blank;
};

class SetupSpace {
 public:
  explicit SetupSpace(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());

  // Applies {"values":[{"name":s,"value":s|null}]}; a null or missing value clears a Set value.
  // Returns true when anything changed. Rejected entries are listed as [name, reason] pairs.
  bool apply(const QJsonObject &request, QList<QPair<QString, QString>> *errors);

  QList<SetupValue> values() const;  // sorted by name, statuses resolved
  QString value(const QString &name) const;
  bool isEmpty() const;  // no Set values
  // {"running":b,"values":[...],"errors":[[name,reason],...]}
  QJsonObject toPayload(bool running, const QList<QPair<QString, QString>> &errors) const;
  // "--name value" pairs for every Set or Configured value (the node applies its own defaults).
  QStringList engineArguments() const;

  static QStringList parameterNames();

 private:
  struct Parameter {
    QString name;
    std::function<QString()> defaultValue;             // empty string: no default
    std::function<QString(const QString &)> validate;  // empty: valid; else the reason
    std::function<bool(const SetupSpace &)> requiredWhenBlank;
  };
  const Parameter *parameter(const QString &name) const;

  QList<Parameter> m_parameters;
  QMap<QString, QString> m_set;
  QMap<QString, QString> m_configured;
};

}  // namespace routeless::control
