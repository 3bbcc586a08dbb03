#pragma once
// A token that deferred callbacks capture to learn whether the object that scheduled them
// still exists: the object owns a LifeToken, callbacks hold its watch() and check expired().
// It keeps nothing alive and never calls anything.

#include <memory>

namespace routeless::agent {

class LifeToken {
 public:
  using Watch = std::weak_ptr<const char>;
  LifeToken() : m_alive(std::make_shared<const char>(0)) {}
  LifeToken(const LifeToken &) = delete;
  LifeToken &operator=(const LifeToken &) = delete;
  Watch watch() const { return m_alive; }

 private:
  std::shared_ptr<const char> m_alive;
};

}  // namespace routeless::agent
