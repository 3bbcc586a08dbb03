// LogModel and LogFilterModel: batched appends from any thread, bounded size, filters.
#include <QSignalSpy>
#include <QThread>
#include <QtTest>

#include "logfiltermodel.h"
#include "logmodel.h"

using namespace routeless::desktop;

class TestLogModel : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void batchesFromAnotherThread() {
    LogModel m(nullptr);
    QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
    QThread *t = QThread::create([&m] {
      for (int i = 0; i < 100; ++i)
        m.append({QDateTime::currentDateTime(), LogModel::Info, "mesh", QString::number(i)});
    });
    t->start();
    t->wait();
    delete t;
    QCOMPARE(m.rowCount(), 0);  // nothing until the flush
    m.flush();
    QCOMPARE(inserted.size(), 1);  // one batch
    QCOMPARE(m.rowCount(), 100);
    QCOMPARE(m.sources(), QStringList{QStringLiteral("mesh")});
    QCOMPARE(m.index(99).data(LogModel::MessageRole).toString(), QStringLiteral("99"));
  }

  void bounded() {
    LogModel m(nullptr);
    for (int i = 0; i < LogModel::kCapacity + 50; ++i)
      m.append({QDateTime::currentDateTime(), LogModel::Debug, "app", QString::number(i)});
    m.flush();
    QCOMPARE(m.rowCount(), LogModel::kCapacity);
    QCOMPARE(m.index(LogModel::kCapacity - 1).data(LogModel::MessageRole).toString(),
             QString::number(LogModel::kCapacity + 49));
    m.append({QDateTime::currentDateTime(), LogModel::Error, "app", QStringLiteral("last")});
    m.flush();
    QCOMPARE(m.rowCount(), LogModel::kCapacity);
  }

  void filters() {
    LogModel m(nullptr);
    m.append({QDateTime::currentDateTime(), LogModel::Debug, "app", "starting"});
    m.append({QDateTime::currentDateTime(), LogModel::Warning, "mesh", "agent beta restarted"});
    m.append({QDateTime::currentDateTime(), LogModel::Error, "tunnel", "web: exited with code 1"});
    m.flush();
    LogFilterModel f(nullptr);
    f.setLogs(&m);
    QCOMPARE(f.count(), 3);
    f.setMinimumLevel(LogModel::Warning);
    QCOMPARE(f.count(), 2);
    f.setSource(QStringLiteral("tunnel"));
    QCOMPARE(f.count(), 1);
    f.setSource({});
    f.setText(QStringLiteral("BETA"));
    QCOMPARE(f.count(), 1);
    QVERIFY(f.visibleText().contains(QLatin1String("[mesh] agent beta restarted")));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.log"));
    QCOMPARE(f.saveVisible(QUrl::fromLocalFile(path)), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count('\n'), 1);
  }
};

QTEST_MAIN(TestLogModel)
#include "tst_logmodel.moc"
