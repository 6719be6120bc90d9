#include "output_file.h"

#include <cstdio>
#include <fstream>

namespace stargate::cli {

Status write_file_atomically(const std::string& path, const std::string& contents) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return Error{ErrorKind::invalid_input, "cannot write file", "", {path, 0, 0}};
    out << contents;
    out.close();
    if (!out) {
      std::remove(temporary.c_str());
      return Error{ErrorKind::invalid_input, "cannot write file", "", {path, 0, 0}};
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    return Error{ErrorKind::invalid_input, "cannot move the output into place", "", {path, 0, 0}};
  }
  return Status::success();
}

}  // namespace stargate::cli
