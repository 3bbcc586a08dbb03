// State names the QML shows through qsTranslate("HostState"/"TunnelState", name); listed here
// so that lupdate extracts them. Nothing calls this code.
#include <QtGlobal>

namespace routeless::desktop {
[[maybe_unused]] static const char *const kStateNames[] = {
    QT_TRANSLATE_NOOP("HostState", "Stopped"),    QT_TRANSLATE_NOOP("HostState", "Starting"),
    QT_TRANSLATE_NOOP("HostState", "Ready"),      QT_TRANSLATE_NOOP("HostState", "Restarting"),
    QT_TRANSLATE_NOOP("HostState", "Failed"),     QT_TRANSLATE_NOOP("TunnelState", "Stopped"),
    QT_TRANSLATE_NOOP("TunnelState", "Starting"), QT_TRANSLATE_NOOP("TunnelState", "Waiting"),
    QT_TRANSLATE_NOOP("TunnelState", "Running"),  QT_TRANSLATE_NOOP("TunnelState", "Restarting"),
    QT_TRANSLATE_NOOP("TunnelState", "Failed"),   QT_TRANSLATE_NOOP("MasterState", "Connecting"),
    QT_TRANSLATE_NOOP("MasterState", "Live"),     QT_TRANSLATE_NOOP("MasterState", "Failed"),
    QT_TRANSLATE_NOOP("MasterState", "Stopped"),
};
}  // namespace routeless::desktop
