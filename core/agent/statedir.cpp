#include "agent/statedir.h"

#include <cstdio>
#include <vector>

#include "agent/log.h"
#include "agent/sys/process.h"
#include "agent/sys/socket.h"

namespace routeless::agent {
namespace {

constexpr const char kBegin[] = "<Added-by-NoRouter>";
constexpr const char kEnd[] = "</Added-by-NoRouter>";
constexpr size_t kMaxSourceFile = 16 * 1024 * 1024;

constexpr const char kReadme[] =
    "# Mesh agent state directory\n"
    "\n"
    "Written by a NoRouter-compatible agent (routeless-agent). It is safe to delete\n"
    "while no mesh is running.\n"
    "\n"
    "- hosts: the system hosts file plus the mesh names between the Added-by-NoRouter\n"
    "  markers; copy it to /etc/hosts, or set writeEtcHosts in the manifest.\n"
    "- hostaliases: for $HOSTALIASES (see hostname(7)); names with dots cannot appear in it.\n"
    "\n"
    "Move it with stateDir.pathOnAgent in the manifest, or turn it off with\n"
    "stateDir.disable: true.\n";

bool readFile(const std::string &path, std::string *out, std::string *error) {
  FILE *f = fopen(path.c_str(), "rb");
  if (!f) {
    if (error) *error = path + ": cannot open";
    return false;
  }
  char buffer[65536];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, f)) > 0 && out->size() < kMaxSourceFile)
    out->append(buffer, n);
  fclose(f);
  return true;
}

std::vector<std::string> splitLines(const std::string &text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t nl = text.find('\n', start);
    std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return lines;
}

std::string trim(const std::string &s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return std::string();
  const size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

}  // namespace

std::string hostsFileText(const std::string &systemHosts,
                          const std::map<std::string, std::string> &names) {
  std::string out;
  if (!systemHosts.empty()) {
    bool skipping = false;
    for (const std::string &line : splitLines(systemHosts)) {
      const std::string comment = !line.empty() && line[0] == '#' ? trim(line.substr(1)) : "";
      if (comment == kBegin) skipping = true;
      if (!skipping) out += line + '\n';
      if (comment == kEnd) skipping = false;
    }
    while (out.size() >= 2 && out.compare(out.size() - 2, 2, "\n\n") == 0) out.pop_back();
    if (out == "\n") out.clear();
  }
  out += std::string("# ") + kBegin + '\n';
  for (const auto &[name, ip] : names) out += ip + ' ' + name + '\n';
  out += std::string("# ") + kEnd + '\n';
  return out;
}

std::string hostAliasesText(const std::string &existingAliases,
                            const std::map<std::string, std::string> &names) {
  std::map<std::string, std::string> aliases;
  for (const std::string &line : splitLines(existingAliases)) {
    if (!line.empty() && line[0] == '#') continue;
    std::vector<std::string> fields;
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      size_t j = i;
      while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
      if (j > i) fields.push_back(line.substr(i, j - i));
      i = j;
    }
    if (fields.size() == 2) aliases[fields[0]] = fields[1];
  }
  for (const auto &[name, ip] : names) {
    // hostname(7) aliases cannot hold dots; nip.io needs IPv4.
    const auto v4 = parseIpv4(ip);
    if (name.find('.') != std::string::npos || !v4) continue;
    aliases[name] = formatIpv4(*v4) + ".nip.io";
  }
  std::string out;
  for (const auto &[name, target] : aliases) out += name + ' ' + target + '\n';
  return out;
}

std::string expandAgentPath(const std::string &path) {
  std::string p = path;
  if (p == "~" || p.rfind("~/", 0) == 0) p = sys::homeDirectory() + p.substr(1);
  std::string out;
  auto isWord = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  for (size_t i = 0; i < p.size();) {
    if (p[i] != '$') {
      out += p[i++];
      continue;
    }
    std::string name;
    size_t next = i + 1;
    if (next < p.size() && p[next] == '{') {
      const size_t close = p.find('}', next);
      if (close != std::string::npos) {
        name = p.substr(next + 1, close - next - 1);
        bool valid = !name.empty();
        for (char c : name) valid = valid && isWord(c);
        if (valid)
          next = close + 1;
        else
          name.clear();
      }
    } else {
      while (next < p.size() && isWord(p[next])) name += p[next++];
    }
    if (name.empty()) {
      out += p[i++];
      continue;
    }
    out += sys::environment(name.c_str()).value_or(std::string());
    i = next;
  }
  return out;
}

bool populateStateDir(const std::string &path, const std::map<std::string, std::string> &names,
                      std::string *error) {
  const std::string dir =
      path.empty() ? sys::homeDirectory() + "/.norouter/agent" : expandAgentPath(path);
  if (!sys::makeDirectories(dir, error)) return false;
  log::debug("populating state dir \"%s\"", dir.c_str());
  std::string system;
  readFile(sys::systemHostsPath(), &system, nullptr);
  std::string existing;
  if (const auto file = sys::environment("HOSTALIASES"); file && !file->empty()) {
    std::string why;
    if (!readFile(*file, &existing, &why))
      log::warning("failed to read HOSTALIASES file \"%s\": %s", file->c_str(), why.c_str());
  }
  return sys::replaceFile(dir + "/hosts", hostsFileText(system, names), error) &&
         sys::replaceFile(dir + "/hostaliases", hostAliasesText(existing, names), error) &&
         sys::replaceFile(dir + "/README.md", kReadme, error);
}

}  // namespace routeless::agent
