#include "mapping/mime/printer.hpp"

namespace mixer::mapping::mime {

namespace {

// Writes into a string, or only counts (to size the output buffer once).
struct StringSink {
  std::string& out;
  void put(std::string_view s) { out.append(s); }
};
struct CountSink {
  std::size_t n = 0;
  void put(std::string_view s) { n += s.size(); }
};

template <typename Sink>
void put_raw_value(Sink& sink, std::string_view raw, std::string_view eol) {
  if (eol == "\r\n") {
    sink.put(raw);
    return;
  }
  std::size_t start = 0;
  while (true) {
    auto crlf = raw.find("\r\n", start);
    if (crlf == std::string_view::npos) break;
    sink.put(raw.substr(start, crlf - start));
    sink.put(eol);
    start = crlf + 2;
  }
  sink.put(raw.substr(start));
}

template <typename Sink>
void emit(const Entity& e, std::string_view eol, Sink& sink) {
  for (const auto& f : e.headers) {
    sink.put(f.name);
    sink.put(":");
    put_raw_value(sink, f.raw_value, eol);
    sink.put(eol);
  }
  if (e.has_separator) sink.put(eol);
  switch (e.kind) {
    case EntityKind::leaf:
      sink.put(e.body.bytes);
      break;
    case EntityKind::message:
      if (!e.parts.empty()) emit(e.parts.front(), eol, sink);
      break;
    case EntityKind::multipart:
      if (e.has_preamble) {
        sink.put(e.preamble.bytes);
        sink.put(eol);
      }
      for (const auto& p : e.parts) {
        sink.put("--");
        sink.put(e.boundary);
        sink.put(eol);
        emit(p, eol, sink);
        if (p.break_before_delimiter) sink.put(eol);
      }
      sink.put("--");
      sink.put(e.boundary);
      sink.put("--");
      if (e.has_epilogue) {
        sink.put(eol);
        sink.put(e.epilogue.bytes);
      }
      break;
  }
}

}  // namespace

std::size_t printed_size(const Entity& e, std::string_view eol) {
  CountSink c;
  emit(e, eol, c);
  return c.n;
}

void print_entity(const Entity& e, std::string_view eol, std::string& out) {
  StringSink s{out};
  emit(e, eol, s);
}

std::string print_message(const Entity& e, std::string_view eol) {
  std::string out;
  out.reserve(printed_size(e, eol));
  print_entity(e, eol, out);
  return out;
}

}  // namespace mixer::mapping::mime
