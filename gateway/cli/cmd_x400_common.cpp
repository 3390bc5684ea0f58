#include "gateway/cli/cmd_x400_common.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

namespace mixer::cli {

Result<std::vector<std::uint8_t>, std::string> x400_read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("cannot read " + path + ": " + std::strerror(errno));
  std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) return fail("cannot read " + path + ": I/O error");
  return bytes;
}

Status<std::string> x400_write_file(const std::string& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return fail("cannot write " + path + ": " + std::strerror(errno));
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  out.flush();
  if (!out) return fail("cannot write " + path + ": I/O error");
  return Ok{};
}

}  // namespace mixer::cli
