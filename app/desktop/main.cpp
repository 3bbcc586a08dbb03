// routeless: the desktop app (filled in by the desktop issue; a plain window for now).
#include <QApplication>
#include <QLabel>

int main(int argc, char **argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("Routeless"));
  QLabel window(QStringLiteral("Routeless"));
  window.setWindowTitle(QStringLiteral("Routeless"));
  window.resize(640, 400);
  window.show();
  return app.exec();
}
