// RFC 5322 header fields kept exactly as received: name, raw value bytes
// (folding kept, internal line breaks normalised to CRLF) and order. The
// unfolded value (RFC 5322 §2.2.3) is computed only for interpretation, so a
// field nobody interprets goes back out unchanged.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mixer::mapping::mime {

struct HeaderField {
  std::string name;       // as written, without the colon
  std::string raw_value;  // everything after the colon, folds as "\r\n" + WSP, no final line break

  // RFC 5322 §2.2.3 unfolding: CRLF before WSP removed; leading and trailing
  // white space of the whole value trimmed.
  std::string value() const;
};

// ASCII case-insensitive comparison of field names (RFC 5322 §1.2.2).
bool iequals(std::string_view a, std::string_view b) noexcept;

// Removes the CRLFs of folded lines and trims surrounding WSP.
std::string unfold(std::string_view raw_value);

// Folds a field for output: "Name: value" split at white space so that lines
// stay within 78 characters where the value allows it (RFC 5322 §2.1.1);
// returns the raw_value part (starting with a space).
std::string fold_value(std::string_view name, std::string_view value);

class HeaderList {
 public:
  using iterator = std::vector<HeaderField>::iterator;
  using const_iterator = std::vector<HeaderField>::const_iterator;

  const_iterator begin() const { return fields_.begin(); }
  const_iterator end() const { return fields_.end(); }
  std::size_t size() const { return fields_.size(); }
  bool empty() const { return fields_.empty(); }
  const HeaderField& operator[](std::size_t i) const { return fields_[i]; }

  // First field with this name, or nullptr.
  const HeaderField* find(std::string_view name) const;
  // Unfolded value of the first field with this name.
  std::optional<std::string> get(std::string_view name) const;
  std::vector<const HeaderField*> find_all(std::string_view name) const;

  // Appends a raw field as parsed.
  void push_raw(HeaderField f) { fields_.push_back(std::move(f)); }
  // Appends "Name: value", folded for output.
  void add(std::string_view name, std::string_view value);
  // Replaces the first field of that name (keeping its position) or appends.
  void set(std::string_view name, std::string_view value);
  // Removes every field of that name; returns how many were removed.
  std::size_t remove(std::string_view name);

 private:
  std::vector<HeaderField> fields_;
};

}  // namespace mixer::mapping::mime
