#pragma once
// The Mesh page's speed test card as text: latency (median, min, max), throughput each way
// and the path taken, from a MeshTestOutcome; or that it runs, or why it failed. Formatting
// only: it never starts a test.

#include <QCoreApplication>
#include <QVariantMap>

#include "mesh/meshmanager.h"

namespace routeless::desktop {

class SpeedTestView {
  Q_DECLARE_TR_FUNCTIONS(SpeedTestView)
 public:
  // {from, to, running, error, latency, up, down, path}; all texts translated.
  static QVariantMap running(const QString &from, const QString &to, int seconds);
  static QVariantMap finished(const mesh::MeshTestOutcome &outcome);
  // "940 Mbit/s", "12.5 Mbit/s", "800 kbit/s".
  static QString bitRate(double bitsPerSecond);
  // "0.42 ms", "12 ms".
  static QString latency(qint64 microseconds);
};

}  // namespace routeless::desktop
