#include "mapping/mime/header.hpp"

#include <algorithm>

namespace mixer::mapping::mime {

namespace {
bool is_wsp(char c) { return c == ' ' || c == '\t'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

std::string unfold(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '\r' || c == '\n') continue;  // a fold: the following WSP stays (RFC 5322 §2.2.3)
    out.push_back(c);
  }
  std::size_t b = 0;
  while (b < out.size() && is_wsp(out[b])) ++b;
  std::size_t e = out.size();
  while (e > b && is_wsp(out[e - 1])) --e;
  return out.substr(b, e - b);
}

std::string HeaderField::value() const { return unfold(raw_value); }

std::string fold_value(std::string_view name, std::string_view value) {
  constexpr std::size_t kWidth = 78;
  std::string out = " ";
  std::size_t col = name.size() + 2;
  std::size_t i = 0;
  while (i < value.size()) {
    // Next word: leading white space plus non-space run.
    std::size_t j = i;
    while (j < value.size() && is_wsp(value[j])) ++j;
    while (j < value.size() && !is_wsp(value[j])) ++j;
    std::string_view word = value.substr(i, j - i);
    if (col + word.size() > kWidth && i > 0 && is_wsp(word.front())) {
      out += "\r\n";
      col = 0;
    }
    out += word;
    col += word.size();
    i = j;
  }
  return out;
}

const HeaderField* HeaderList::find(std::string_view name) const {
  for (const auto& f : fields_)
    if (iequals(f.name, name)) return &f;
  return nullptr;
}

std::optional<std::string> HeaderList::get(std::string_view name) const {
  const HeaderField* f = find(name);
  if (!f) return std::nullopt;
  return f->value();
}

std::vector<const HeaderField*> HeaderList::find_all(std::string_view name) const {
  std::vector<const HeaderField*> out;
  for (const auto& f : fields_)
    if (iequals(f.name, name)) out.push_back(&f);
  return out;
}

void HeaderList::add(std::string_view name, std::string_view value) {
  fields_.push_back(HeaderField{std::string(name), fold_value(name, value)});
}

void HeaderList::set(std::string_view name, std::string_view value) {
  for (auto& f : fields_) {
    if (iequals(f.name, name)) {
      f.raw_value = fold_value(name, value);
      return;
    }
  }
  add(name, value);
}

std::size_t HeaderList::remove(std::string_view name) {
  auto it = std::remove_if(fields_.begin(), fields_.end(),
                           [&](const HeaderField& f) { return iequals(f.name, name); });
  std::size_t n = static_cast<std::size_t>(fields_.end() - it);
  fields_.erase(it, fields_.end());
  return n;
}

}  // namespace mixer::mapping::mime
