// Replays a libFuzzer corpus without libFuzzer: every file named on the command
// line (or found in a directory named there) is fed once to LLVMFuzzerTestOneInput.
// This keeps every fuzz target compiled and its corpus exercised in the normal
// (and ASan) build; the real fuzzing build links libFuzzer instead of this main.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {
int replay_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "replay: cannot read " << path << "\n";
    return 1;
  }
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  return 0;
}
}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 0;
  int failures = 0;
  for (int i = 1; i < argc; ++i) {
    std::filesystem::path arg(argv[i]);
    if (std::filesystem::is_directory(arg)) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(arg)) {
        if (entry.is_regular_file()) {
          failures += replay_file(entry.path());
          ++count;
        }
      }
    } else {
      failures += replay_file(arg);
      ++count;
    }
  }
  // An empty corpus proves nothing: treat it as a failure.
  if (count == 0) {
    std::cerr << "replay: no corpus files given\n";
    return 1;
  }
  std::cout << "replayed " << count << " inputs\n";
  return failures == 0 ? 0 : 1;
}
