#pragma once
// writeEtcHosts: NoRouter's marked block of mesh names (`# <Added-by-NoRouter>` ...
// `# </Added-by-NoRouter>`) in the system hosts file, with a one-time backup beside it
// (`<hosts>.bak.norouter`), replacing its own earlier block and removed again on a clean
// stop. It never touches the file's other lines and never fails the agent: callers warn.
#include <map>
#include <string>

namespace routeless::agent {

class EtcHostsBlock {
 public:
  static constexpr const char *kBackupSuffix = ".bak.norouter";

  // `path` is the system hosts file (sys::systemHostsPath()); tests give a temporary one.
  explicit EtcHostsBlock(std::string path);
  // Backs the file up once, then writes it with the block for `names` (name -> VIP).
  bool write(const std::map<std::string, std::string> &names, std::string *error);
  // Removes the block, if this object wrote one.
  bool remove(std::string *error);
  bool isWritten() const { return m_written; }
  const std::string &path() const { return m_path; }

  // `text` without any NoRouter block (the other lines as hostsFileText keeps them).
  static std::string withoutBlock(const std::string &text);

 private:
  bool store(const std::string &text, std::string *error);

  std::string m_path;
  bool m_written = false;
};

}  // namespace routeless::agent
