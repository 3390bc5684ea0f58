#include "mapping/address/record_index.hpp"

namespace mixer::mapping::address {

namespace {

template <typename T>
void put(std::string& arena, T v) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &v, sizeof(T));
  arena.append(bytes, sizeof(T));
}

template <typename T>
T get(const char* p) {
  T v{};
  std::memcpy(&v, p, sizeof(T));
  return v;
}

}  // namespace

RecordView RecordIndex::decode(std::uint32_t offset) const {
  const char* p = arena_.data() + offset;
  RecordView r;
  r.entry = get<std::uint32_t>(p);
  r.line = get<std::uint32_t>(p + 4);
  const auto key_len = get<std::uint16_t>(p + 8);
  r.key = std::string_view(p + 10, key_len);
  const char* v = p + 10 + key_len;
  r.value = std::string_view(v + 2, get<std::uint16_t>(v));
  return r;
}

void RecordIndex::grow() {
  std::vector<Slot> old = std::move(slots_);
  const std::size_t size = old.empty() ? 16 : old.size() * 2;
  slots_.assign(size, Slot{});
  shift_ = 32;
  for (std::size_t s = size; s > 1; s >>= 1) --shift_;
  const std::size_t mask = size - 1;
  for (const auto& s : old) {
    if (s.offset == kEmpty) continue;
    std::size_t i = position(s.tag);
    while (slots_[i].offset != kEmpty) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

RecordIndex::InsertResult RecordIndex::insert(std::uint64_t hash, std::string_view key, std::uint32_t entry,
                                              std::uint32_t line, std::string_view value) {
  RecordView existing;
  if (find(hash, key, existing)) return {Insert::kDuplicate, existing.entry};
  const std::size_t record = 12 + key.size() + value.size();
  if (key.size() > kMaxField || value.size() > kMaxField || arena_.size() + record > kMaxArena ||
      slots_.size() >= kMaxSlots)
    return {Insert::kFull, 0};
  if ((count_ + 1) * 2 > slots_.size()) grow();  // load factor <= 1/2
  const std::uint32_t tag = tag_of(hash);
  std::size_t i = position(tag);
  while (slots_[i].offset != kEmpty) i = (i + 1) & (slots_.size() - 1);
  slots_[i] = Slot{tag, static_cast<std::uint32_t>(arena_.size())};
  put(arena_, entry);
  put(arena_, line);
  put(arena_, static_cast<std::uint16_t>(key.size()));
  arena_ += key;
  put(arena_, static_cast<std::uint16_t>(value.size()));
  arena_ += value;
  ++count_;
  return {Insert::kAdded, 0};
}

bool RecordIndex::find(std::uint64_t hash, std::string_view key, RecordView& out) const {
  if (slots_.empty()) return false;
  const std::uint32_t tag = tag_of(hash);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = position(tag);; i = (i + 1) & mask) {
    const Slot s = slots_[i];
    if (s.offset == kEmpty) return false;
    if (s.tag != tag) continue;
    const char* p = arena_.data() + s.offset;
    if (get<std::uint16_t>(p + 8) != key.size()) continue;
    if (!key.empty() && std::memcmp(p + 10, key.data(), key.size()) != 0) continue;
    out = decode(s.offset);
    return true;
  }
}

}  // namespace mixer::mapping::address
