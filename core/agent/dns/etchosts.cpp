#include "agent/dns/etchosts.h"

#include <cstdio>

#include "agent/log.h"
#include "agent/statedir.h"
#include "agent/sys/process.h"

namespace routeless::agent {
namespace {

constexpr size_t kMaxHostsFile = 16 * 1024 * 1024;

bool readWhole(const std::string &path, std::string *out, std::string *error) {
  FILE *f = fopen(path.c_str(), "rb");
  if (!f) {
    *error = path + ": cannot open for reading";
    return false;
  }
  char buffer[65536];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, f)) > 0) {
    out->append(buffer, n);
    if (out->size() > kMaxHostsFile) {
      fclose(f);
      *error = path + ": larger than 16 MiB";
      return false;
    }
  }
  fclose(f);
  return true;
}

bool rewriteInPlace(const std::string &path, const std::string &text, std::string *error) {
  FILE *f = fopen(path.c_str(), "wb");
  if (!f) {
    *error = path + ": cannot open for writing";
    return false;
  }
  const bool ok = fwrite(text.data(), 1, text.size(), f) == text.size();
  if (fclose(f) != 0 || !ok) {
    *error = path + ": write failed";
    return false;
  }
  return true;
}

}  // namespace

EtcHostsBlock::EtcHostsBlock(std::string path) : m_path(std::move(path)) {}

std::string EtcHostsBlock::withoutBlock(const std::string &text) {
  // hostsFileText keeps every other line and appends a fresh block: drop that block again.
  std::string out = hostsFileText(text, {});
  const std::string empty = hostsFileText(std::string(), {});
  if (out.size() >= empty.size() &&
      out.compare(out.size() - empty.size(), empty.size(), empty) == 0)
    out.resize(out.size() - empty.size());
  return out;
}

bool EtcHostsBlock::store(const std::string &text, std::string *error) {
  std::string why;
  if (sys::replaceFile(m_path, text, &why)) return true;
  // A container's /etc/hosts is a bind mount: rename over it fails (EBUSY), and so does
  // creating the temporary file when only the file, not /etc, is writable. Then the only
  // way left is to rewrite the file in place, which a reader may see half written.
  log::debug("etchosts: atomic replace failed (%s); rewriting %s in place", why.c_str(),
             m_path.c_str());
  return rewriteInPlace(m_path, text, error);
}

bool EtcHostsBlock::write(const std::map<std::string, std::string> &names, std::string *error) {
  std::string current;
  if (!readWhole(m_path, &current, error)) return false;
  const std::string backup = m_path + kBackupSuffix;
  if (FILE *exists = fopen(backup.c_str(), "rb")) {
    fclose(exists);
  } else if (!sys::replaceFile(backup, current, error)) {
    return false;  // no backup, no change
  }
  if (!store(hostsFileText(current, names), error)) return false;
  m_written = true;
  return true;
}

bool EtcHostsBlock::remove(std::string *error) {
  if (!m_written) return true;
  std::string current;
  if (!readWhole(m_path, &current, error)) return false;
  if (!store(withoutBlock(current), error)) return false;
  m_written = false;
  return true;
}

}  // namespace routeless::agent
