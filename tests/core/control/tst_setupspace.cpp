// Setup space: statuses, merging, clearing, validation, environment (Configured) and the node's
// command line.
#include <QJsonArray>
#include <QTemporaryFile>
#include <QTest>

#include "control/setupspace.h"

using namespace routeless::control;

namespace {
QJsonObject request(std::initializer_list<std::pair<QString, QJsonValue>> values) {
  QJsonArray a;
  for (const auto &v : values) {
    QJsonObject o{{QStringLiteral("name"), v.first}};
    if (!v.second.isUndefined()) o.insert(QStringLiteral("value"), v.second);
    a.append(o);
  }
  return {{QStringLiteral("values"), a}};
}
SetupValue find(const SetupSpace &s, const QString &name) {
  for (const SetupValue &v : s.values())
    if (v.name == name) return v;
  return {};
}
}  // namespace

class TestSetupSpace : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void defaultsAndRequired() {
    SetupSpace s{QProcessEnvironment()};
    QCOMPARE(find(s, QStringLiteral("log-level")).status, SetupStatus::Default);
    QCOMPARE(find(s, QStringLiteral("log-level")).value, QStringLiteral("info"));
    // autostart defaults to true, so a profile is needed.
    QCOMPARE(find(s, QStringLiteral("profile")).status, SetupStatus::Required);
    QList<QPair<QString, QString>> errors;
    QVERIFY(s.apply(request({{QStringLiteral("autostart"), QStringLiteral("false")}}), &errors));
    QVERIFY(errors.isEmpty());
    QCOMPARE(find(s, QStringLiteral("profile")).status, SetupStatus::Blank);
    QCOMPARE(find(s, QStringLiteral("autostart")).status, SetupStatus::Set);
    QVERIFY(s.engineArguments().contains(QStringLiteral("--autostart")));
    QVERIFY(!s.engineArguments().contains(QStringLiteral("--log-level")));
  }

  void sortedByName() {
    SetupSpace s{QProcessEnvironment()};
    const QList<SetupValue> v = s.values();
    for (qsizetype i = 1; i < v.size(); ++i) QVERIFY(v[i - 1].name < v[i].name);
  }

  void invalidValuesAreReportedAndNotApplied() {
    SetupSpace s{QProcessEnvironment()};
    QList<QPair<QString, QString>> errors;
    const bool changed =
        s.apply(request({{QStringLiteral("log-level"), QStringLiteral("loud")},
                         {QStringLiteral("nope"), QStringLiteral("1")},
                         {QStringLiteral("traffic-interval"), QStringLiteral("5")}}),
                &errors);
    QVERIFY(!changed);
    QCOMPARE(errors.size(), 3);
    QCOMPARE(errors[0].first, QStringLiteral("log-level"));
    QCOMPARE(find(s, QStringLiteral("log-level")).value, QStringLiteral("info"));
  }

  void nullClearsSetValue() {
    QProcessEnvironment env;
    env.insert(QStringLiteral("ROUTELESS_LOG_LEVEL"), QStringLiteral("warn"));
    SetupSpace s{env};
    QCOMPARE(find(s, QStringLiteral("log-level")).status, SetupStatus::Configured);
    QVERIFY(s.engineArguments().contains(QStringLiteral("warn")));
    QList<QPair<QString, QString>> errors;
    QVERIFY(s.apply(request({{QStringLiteral("log-level"), QStringLiteral("debug")}}), &errors));
    QCOMPARE(find(s, QStringLiteral("log-level")).status, SetupStatus::Set);
    QVERIFY(!s.apply(request({{QStringLiteral("log-level"), QStringLiteral("debug")}}), &errors));
    QVERIFY(s.apply(request({{QStringLiteral("log-level"), QJsonValue()}}), &errors));
    QCOMPARE(find(s, QStringLiteral("log-level")).status, SetupStatus::Configured);
    QCOMPARE(find(s, QStringLiteral("log-level")).value, QStringLiteral("warn"));
  }

  void profileMustBeReadableFile() {
    SetupSpace s{QProcessEnvironment()};
    QList<QPair<QString, QString>> errors;
    s.apply(request({{QStringLiteral("profile"), QStringLiteral("/definitely/not/here.yaml")}}),
            &errors);
    QCOMPARE(errors.size(), 1);
    QTemporaryFile f;
    QVERIFY(f.open());
    errors.clear();
    QVERIFY(s.apply(request({{QStringLiteral("profile"), f.fileName()}}), &errors));
    QVERIFY(errors.isEmpty());
    QCOMPARE(find(s, QStringLiteral("profile")).status, SetupStatus::Set);
  }

  void allowedOriginsAreExactOrigins() {
    QProcessEnvironment env;
    env.insert(QStringLiteral("ROUTELESS_UI_ALLOW_ORIGIN"),
               QStringLiteral("http://localhost:8080"));
    SetupSpace s{env};
    QCOMPARE(find(s, QStringLiteral("ui-allow-origin")).status, SetupStatus::Configured);
    QList<QPair<QString, QString>> errors;
    // A prefix-style value or one with a path is not an origin.
    QVERIFY(!s.apply(request({{QStringLiteral("ui-allow-origin"), QStringLiteral("localhost")}}),
                     &errors));
    QVERIFY(!s.apply(
        request({{QStringLiteral("ui-allow-origin"), QStringLiteral("http://localhost:1/ui")}}),
        &errors));
    QCOMPARE(errors.size(), 2);
    QVERIFY(s.apply(request({{QStringLiteral("ui-allow-origin"),
                              QStringLiteral("http://localhost:3000, https://ui.example")}}),
                    &errors));
    const QStringList args = s.engineArguments();
    const qsizetype at = args.indexOf(QStringLiteral("--ui-allow-origin"));
    QVERIFY(at >= 0);
    QCOMPARE(args.at(at + 1), QStringLiteral("http://localhost:3000, https://ui.example"));
    // A default-less parameter: nothing allowed unless set.
    QCOMPARE(find(SetupSpace{QProcessEnvironment()}, QStringLiteral("ui-allow-origin")).status,
             SetupStatus::Blank);
  }

  void payloadShape() {
    SetupSpace s{QProcessEnvironment()};
    const QJsonObject p = s.toPayload(false, {{QStringLiteral("x"), QStringLiteral("why")}});
    QCOMPARE(p.value(QStringLiteral("running")).toBool(), false);
    QVERIFY(p.value(QStringLiteral("values")).toArray().size() >= 5);
    QCOMPARE(p.value(QStringLiteral("errors")).toArray().at(0).toArray().at(1).toString(),
             QStringLiteral("why"));
  }
};

QTEST_GUILESS_MAIN(TestSetupSpace)
#include "tst_setupspace.moc"
