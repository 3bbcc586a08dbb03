#pragma once
// Tone: how a state should look (idle, good, busy, bad), given by the models beside each state
// so that QML picks a theme colour without comparing state names or numbers. It says nothing
// about what a state means.

#include <QtQml/qqmlregistration.h>

#include <QObject>

namespace routeless::desktop {
namespace Tone {
Q_NAMESPACE
QML_ELEMENT

enum Value { Idle = 0, Good, Busy, Bad };
Q_ENUM_NS(Value)

}  // namespace Tone
}  // namespace routeless::desktop
