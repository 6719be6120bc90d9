#include "output_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace stargate::cli {
namespace {

Error cannot(const std::string& path, const std::string& why) {
  return Error{ErrorKind::invalid_input, why, "", {path, 0, 0}};
}

// Writes all of `contents` to `fd`, retrying short writes; false on any error (errno says which).
bool write_all(int fd, const std::string& contents) {
  size_t done = 0;
  while (done < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

Status write_file_atomically(const std::string& path, const std::string& contents, bool executable) {
  // Only a regular file is replaced: a device, pipe, socket or directory at `path` is refused, never turned into
  // a regular file.
  struct stat existing;
  if (::stat(path.c_str(), &existing) == 0 && !S_ISREG(existing.st_mode)) {
    return cannot(path, "cannot write here: not a regular file (a directory, device or pipe)");
  }
  std::vector<char> temporary(path.begin(), path.end());
  for (char c : std::string(".tmp-XXXXXX")) temporary.push_back(c);
  temporary.push_back('\0');
  const int fd = ::mkstemp(temporary.data());
  if (fd < 0) return cannot(path, std::string("cannot write file: ") + std::strerror(errno));
  const bool written = write_all(fd, contents);
  const int write_errno = errno;
  const bool closed = ::close(fd) == 0;
  if (!written || !closed) {
    std::remove(temporary.data());
    return cannot(path, std::string("cannot write file: ") + std::strerror(written ? errno : write_errno));
  }
  const mode_t mask = ::umask(0);  // the permissions a plain new file would get
  ::umask(mask);
  ::chmod(temporary.data(), (executable ? 0777 : 0666) & ~mask);
  if (std::rename(temporary.data(), path.c_str()) != 0) {
    std::remove(temporary.data());
    return cannot(path, "cannot move the output into place");
  }
  return Status::success();
}

}  // namespace stargate::cli
