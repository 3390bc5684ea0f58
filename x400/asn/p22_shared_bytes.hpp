// SharedBytes: an immutable byte range plus a reference that keeps its
// storage alive. Body part data decoded from a message points into the
// message buffer instead of being copied (a 1 MiB body is decoded at the cost
// of a scan, not a copy); data built in memory owns its own vector.
//
// Contract: the bytes never change after construction; copies share storage;
// operator== compares contents, not identity.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mixer::x400::p22 {

class SharedBytes {
 public:
  SharedBytes() = default;
  // A view into storage kept alive by `owner` (the caller guarantees that the
  // view lies inside it).
  SharedBytes(std::shared_ptr<const void> owner, std::span<const std::uint8_t> view)
      : owner_(std::move(owner)), view_(view) {}

  static SharedBytes adopt(std::vector<std::uint8_t> bytes) {
    auto holder = std::make_shared<const std::vector<std::uint8_t>>(std::move(bytes));
    std::span<const std::uint8_t> v(holder->data(), holder->size());
    return SharedBytes(std::move(holder), v);
  }
  static SharedBytes copy(std::span<const std::uint8_t> bytes) {
    return adopt(std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
  }
  static SharedBytes copy(std::string_view text) {
    return adopt(std::vector<std::uint8_t>(text.begin(), text.end()));
  }

  std::span<const std::uint8_t> bytes() const { return view_; }
  std::string_view text() const { return {reinterpret_cast<const char*>(view_.data()), view_.size()}; }
  std::size_t size() const { return view_.size(); }
  bool empty() const { return view_.empty(); }
  // True when this value shares storage with `other_owner` (tests use it to
  // prove that decoding did not copy).
  bool shares(const void* storage_begin, std::size_t storage_size) const {
    const auto* b = static_cast<const std::uint8_t*>(storage_begin);
    return !view_.empty() && view_.data() >= b && view_.data() + view_.size() <= b + storage_size;
  }

  friend bool operator==(const SharedBytes& a, const SharedBytes& b) {
    return std::ranges::equal(a.view_, b.view_);
  }

 private:
  std::shared_ptr<const void> owner_;
  std::span<const std::uint8_t> view_;
};

}  // namespace mixer::x400::p22
