// A private temporary directory, removed with everything in it when the
// object goes out of scope (unless MIXER_KEEP_TEMP is set, for debugging).
#pragma once

#include <filesystem>
#include <string>

namespace mixer::test {

class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "mixer-test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// Small file helpers for tests.
void write_file(const std::filesystem::path& path, const std::string& contents);
std::string read_file(const std::filesystem::path& path);

}  // namespace mixer::test
