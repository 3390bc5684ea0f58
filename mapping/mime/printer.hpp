// Writes an entity tree back as RFC 5322/MIME bytes. Parsed fields are
// written verbatim (folds kept), bodies as they are; a multipart always gets
// its close delimiter. `eol` is the line break for generated structure and
// header folds ("\r\n" on the wire, "\n" for files).
#pragma once

#include <string>
#include <string_view>

#include "mapping/mime/entity.hpp"

namespace mixer::mapping::mime {

std::string print_message(const Entity& e, std::string_view eol = "\r\n");
void print_entity(const Entity& e, std::string_view eol, std::string& out);

// Exact size print_message will produce (to reserve once).
std::size_t printed_size(const Entity& e, std::string_view eol);

}  // namespace mixer::mapping::mime
