// localfile on Windows: private files and folders are created with a protected DACL that
// grants the current user alone full access (and names the user as owner), checks are made on
// the opened handle (GetFileType, GetFileInformationByHandle, GetSecurityInfo), and a private
// file gets its name with MoveFileExW without REPLACE_EXISTING, so it appears only complete.
#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0A00
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
// windows.h first.
#include <aclapi.h>
#include <knownfolders.h>
#include <sddl.h>
#include <shlobj.h>

#include <random>
#include <vector>

#include "control/localfile.h"

namespace routeless::control::localfile {
namespace {

std::wstring widen(const std::string &utf8) {
  if (utf8.empty()) return std::wstring();
  const int n =
      MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, utf8.data(), int(utf8.size()), nullptr, 0);
  if (n <= 0) return std::wstring();
  std::wstring out(size_t(n), L'\0');
  MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, utf8.data(), int(utf8.size()), out.data(), n);
  return out;
}

std::string narrow(const wchar_t *wide) {
  const int n = WideCharToMultiByte(CP_UTF8, 0, wide, -1, nullptr, 0, nullptr, nullptr);
  if (n <= 1) return std::string();
  std::string out(size_t(n), '\0');
  WideCharToMultiByte(CP_UTF8, 0, wide, -1, out.data(), n, nullptr, nullptr);
  out.resize(size_t(n - 1));
  return out;
}

std::string errorText(DWORD code) {
  wchar_t *text = nullptr;
  const DWORD n = FormatMessageW(
      FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
      nullptr, code, 0, reinterpret_cast<wchar_t *>(&text), 0, nullptr);
  std::string out = n && text ? narrow(text) : "error " + std::to_string(code);
  if (text) LocalFree(text);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r' || out.back() == ' '))
    out.pop_back();
  return out;
}

class Handle {
 public:
  explicit Handle(HANDLE h) : m_h(h) {}
  ~Handle() {
    if (valid()) CloseHandle(m_h);
  }
  Handle(const Handle &) = delete;
  Handle &operator=(const Handle &) = delete;
  HANDLE get() const { return m_h; }
  bool valid() const { return m_h != INVALID_HANDLE_VALUE && m_h != nullptr; }
  HANDLE release() {
    const HANDLE h = m_h;
    m_h = INVALID_HANDLE_VALUE;
    return h;
  }

 private:
  HANDLE m_h;
};

// Frees what Windows allocated with LocalAlloc (security descriptors, SID strings).
template <typename T>
class Local {
 public:
  Local() = default;
  ~Local() {
    if (m_p) LocalFree(reinterpret_cast<HLOCAL>(m_p));
  }
  Local(const Local &) = delete;
  Local &operator=(const Local &) = delete;
  T *get() const { return m_p; }
  T **out() { return &m_p; }

 private:
  T *m_p = nullptr;
};

// The current user's SID (the process token's user).
bool currentUserSid(std::vector<BYTE> *sid, std::string *error) {
  HANDLE raw = nullptr;
  if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &raw)) {
    *error = "cannot open the process token: " + errorText(GetLastError());
    return false;
  }
  Handle token(raw);
  DWORD size = 0;
  GetTokenInformation(token.get(), TokenUser, nullptr, 0, &size);
  std::vector<BYTE> buffer(size);
  if (!size || !GetTokenInformation(token.get(), TokenUser, buffer.data(), size, &size)) {
    *error = "cannot read the current user: " + errorText(GetLastError());
    return false;
  }
  const PSID user = reinterpret_cast<TOKEN_USER *>(buffer.data())->User.Sid;
  sid->assign(static_cast<BYTE *>(user), static_cast<BYTE *>(user) + GetLengthSid(user));
  return true;
}

// A security descriptor owned by the user whose protected DACL (nothing inherited from the
// parent) grants the user alone full access; for a folder, inherited by what it will hold.
bool privateSecurity(const std::vector<BYTE> &sid, bool folder, Local<void> *descriptor,
                     std::string *error) {
  Local<wchar_t> sidText;
  if (!ConvertSidToStringSidW(PSID(sid.data()), sidText.out())) {
    *error = "cannot format the user's SID: " + errorText(GetLastError());
    return false;
  }
  const std::wstring user(sidText.get());
  const std::wstring sddl =
      L"O:" + user + L"D:P(A;" + (folder ? L"OICI" : L"") + L";FA;;;" + user + L")";
  if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(
          sddl.c_str(), SDDL_REVISION_1,
          reinterpret_cast<PSECURITY_DESCRIPTOR *>(descriptor->out()), nullptr)) {
    *error = "cannot build a private security descriptor: " + errorText(GetLastError());
    return false;
  }
  return true;
}

// Refuses an object owned by someone else, or whose DACL lets anyone but the user (and SYSTEM
// and the Administrators, who can read everything anyway) have any access in `rights`.
bool onlyUserHasAccess(HANDLE h, const std::vector<BYTE> &sid, ACCESS_MASK rights,
                       const std::string &what, std::string *error) {
  PSID owner = nullptr;
  PACL dacl = nullptr;
  Local<void> descriptor;
  const DWORD rc =
      GetSecurityInfo(h, SE_FILE_OBJECT, OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION,
                      &owner, nullptr, &dacl, nullptr, descriptor.out());
  if (rc != ERROR_SUCCESS) {
    *error = "cannot read the permissions of " + what + ": " + errorText(rc);
    return false;
  }
  if (!owner || !EqualSid(owner, PSID(sid.data()))) {
    *error = what + " belongs to another user";
    return false;
  }
  if (!dacl) {
    *error = what + " has no access list: everyone may use it";
    return false;
  }
  for (DWORD i = 0; i < dacl->AceCount; ++i) {
    void *raw = nullptr;
    if (!GetAce(dacl, i, &raw)) continue;
    const auto *header = static_cast<ACE_HEADER *>(raw);
    if (header->AceFlags & INHERIT_ONLY_ACE) continue;  // applies to children only
    if (header->AceType == ACCESS_DENIED_ACE_TYPE) continue;
    if (header->AceType != ACCESS_ALLOWED_ACE_TYPE) {
      *error = what + " has an access entry of a kind we cannot check; remove it";
      return false;
    }
    const auto *ace = static_cast<ACCESS_ALLOWED_ACE *>(raw);
    const PSID who = PSID(const_cast<DWORD *>(&ace->SidStart));
    if (EqualSid(who, PSID(sid.data())) || IsWellKnownSid(who, WinLocalSystemSid) ||
        IsWellKnownSid(who, WinBuiltinAdministratorsSid))
      continue;
    if (ace->Mask & rights) {
      *error = what + " is accessible to other users; give only your own account access to it";
      return false;
    }
  }
  return true;
}

Read openRegular(const std::string &path, std::size_t maxBytes, bool privateFile, HANDLE *out,
                 std::string *error) {
  const std::wstring wide = widen(path);
  if (wide.empty()) {
    *error = "path is not valid UTF-8";
    return Read::Refused;
  }
  // SECURITY_IDENTIFICATION: should the path name a pipe, its server cannot act as us.
  DWORD flags = FILE_ATTRIBUTE_NORMAL | SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION;
  if (privateFile) flags |= FILE_FLAG_OPEN_REPARSE_POINT;
  HANDLE raw = CreateFileW(wide.c_str(), GENERIC_READ | READ_CONTROL, FILE_SHARE_READ, nullptr,
                           OPEN_EXISTING, flags, nullptr);
  if (raw == INVALID_HANDLE_VALUE) {
    const DWORD e = GetLastError();
    if (e == ERROR_FILE_NOT_FOUND || e == ERROR_PATH_NOT_FOUND) {
      *error = "no such file";
      return Read::NotFound;
    }
    *error = errorText(e);
    return Read::Refused;
  }
  Handle h(raw);
  if (GetFileType(h.get()) != FILE_TYPE_DISK) {
    *error = "not a regular file";
    return Read::Refused;
  }
  BY_HANDLE_FILE_INFORMATION info{};
  if (!GetFileInformationByHandle(h.get(), &info)) {
    *error = errorText(GetLastError());
    return Read::Refused;
  }
  if (info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) {
    *error = "is a folder, not a file";
    return Read::Refused;
  }
  if (privateFile && (info.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT)) {
    *error = "is a link";
    return Read::Refused;
  }
  const unsigned long long size =
      (static_cast<unsigned long long>(info.nFileSizeHigh) << 32) | info.nFileSizeLow;
  if (size > maxBytes) {
    *error = "larger than " + std::to_string(maxBytes) + " bytes";
    return Read::Refused;
  }
  *out = h.release();  // the caller closes it
  return Read::Ok;
}

Read readOpened(HANDLE raw, std::size_t maxBytes, std::string *contents, std::string *error) {
  Handle h(raw);
  std::string out;
  char buf[16384];
  while (true) {
    DWORD n = 0;
    if (!ReadFile(h.get(), buf, sizeof buf, &n, nullptr)) {
      *error = "read failed: " + errorText(GetLastError());
      return Read::Refused;
    }
    if (n == 0) break;
    out.append(buf, n);
    if (out.size() > maxBytes) {
      *error = "larger than " + std::to_string(maxBytes) + " bytes";
      return Read::Refused;
    }
  }
  *contents = std::move(out);
  return Read::Ok;
}

std::wstring parentOf(const std::wstring &path) {
  const size_t slash = path.find_last_of(L"\\/");
  return slash == std::wstring::npos ? std::wstring(L".") : path.substr(0, slash);
}

}  // namespace

std::string privateConfigDirectory() {
  wchar_t *folder = nullptr;
  if (FAILED(SHGetKnownFolderPath(FOLDERID_LocalAppData, KF_FLAG_CREATE, nullptr, &folder))) {
    if (folder) CoTaskMemFree(folder);
    return std::string();
  }
  std::string out = narrow(folder) + "\\Routeless";
  CoTaskMemFree(folder);
  return out;
}

bool preparePrivateDirectory(const std::string &dir, std::string *error) {
  std::vector<BYTE> sid;
  if (!currentUserSid(&sid, error)) return false;
  const std::wstring wide = widen(dir);
  if (wide.empty()) {
    *error = "folder name is empty or not UTF-8";
    return false;
  }
  const std::wstring parent = parentOf(wide);
  const int rc = SHCreateDirectoryExW(nullptr, parent.c_str(), nullptr);
  if (rc != ERROR_SUCCESS && rc != ERROR_ALREADY_EXISTS && rc != ERROR_FILE_EXISTS) {
    *error = "cannot create folder " + narrow(parent.c_str()) + ": " + errorText(DWORD(rc));
    return false;
  }
  Local<void> descriptor;
  if (!privateSecurity(sid, true, &descriptor, error)) return false;
  SECURITY_ATTRIBUTES sa{sizeof(SECURITY_ATTRIBUTES), descriptor.get(), FALSE};
  if (!CreateDirectoryW(wide.c_str(), &sa) && GetLastError() != ERROR_ALREADY_EXISTS) {
    *error = "cannot create folder " + dir + ": " + errorText(GetLastError());
    return false;
  }
  // Whether created now or found, check what is there (write-type rights only: a folder
  // others can list does not leak a private file's contents).
  Handle h(CreateFileW(wide.c_str(), READ_CONTROL,
                       FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                       OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, nullptr));
  if (!h.valid()) {
    *error = "cannot open folder " + dir + ": " + errorText(GetLastError());
    return false;
  }
  const ACCESS_MASK writeRights = FILE_ADD_FILE | FILE_ADD_SUBDIRECTORY | FILE_DELETE_CHILD |
                                  DELETE | WRITE_DAC | WRITE_OWNER | GENERIC_WRITE | GENERIC_ALL;
  return onlyUserHasAccess(h.get(), sid, writeRights, "folder " + dir, error);
}

Created createPrivateFile(const std::string &path, const std::string &contents,
                          std::string *error) {
  std::vector<BYTE> sid;
  if (!currentUserSid(&sid, error)) return Created::Failed;
  Local<void> descriptor;
  if (!privateSecurity(sid, false, &descriptor, error)) return Created::Failed;
  SECURITY_ATTRIBUTES sa{sizeof(SECURITY_ATTRIBUTES), descriptor.get(), FALSE};
  const std::wstring wide = widen(path);
  std::random_device rd;
  const std::wstring tmp =
      wide + L".tmp-" + std::to_wstring(GetCurrentProcessId()) + L"-" + std::to_wstring(rd());
  bool written = false;
  {
    Handle h(CreateFileW(tmp.c_str(), GENERIC_WRITE, 0, &sa, CREATE_NEW, FILE_ATTRIBUTE_NORMAL,
                         nullptr));
    if (!h.valid()) {
      *error = "cannot create " + path + ": " + errorText(GetLastError());
      return Created::Failed;
    }
    DWORD n = 0;
    written = WriteFile(h.get(), contents.data(), DWORD(contents.size()), &n, nullptr) &&
              n == contents.size() && FlushFileBuffers(h.get());
    if (!written) *error = "cannot write " + path + ": " + errorText(GetLastError());
  }
  if (!written) {
    DeleteFileW(tmp.c_str());
    return Created::Failed;
  }
  // Without MOVEFILE_REPLACE_EXISTING the move fails if the name exists: no file is replaced.
  if (MoveFileExW(tmp.c_str(), wide.c_str(), MOVEFILE_WRITE_THROUGH)) return Created::Yes;
  const DWORD e = GetLastError();
  DeleteFileW(tmp.c_str());
  if (e == ERROR_ALREADY_EXISTS || e == ERROR_FILE_EXISTS) return Created::AlreadyThere;
  *error = "cannot create " + path + ": " + errorText(e);
  return Created::Failed;
}

Read readPrivateFile(const std::string &path, std::size_t maxBytes, std::string *contents,
                     std::string *error) {
  std::vector<BYTE> sid;
  if (!currentUserSid(&sid, error)) return Read::Refused;
  HANDLE h = INVALID_HANDLE_VALUE;
  const Read r = openRegular(path, maxBytes, true, &h, error);
  if (r != Read::Ok) return r;
  if (!onlyUserHasAccess(h, sid, ~ACCESS_MASK(SYNCHRONIZE), "the file", error)) {
    CloseHandle(h);
    return Read::Refused;
  }
  return readOpened(h, maxBytes, contents, error);
}

Read readRegularFile(const std::string &path, std::size_t maxBytes, std::string *contents,
                     std::string *error) {
  HANDLE h = INVALID_HANDLE_VALUE;
  const Read r = openRegular(path, maxBytes, false, &h, error);
  if (r != Read::Ok) return r;
  return readOpened(h, maxBytes, contents, error);
}

}  // namespace routeless::control::localfile
