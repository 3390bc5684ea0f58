// MIME side of the conversion path: parse + decode + re-encode + print, per
// second, for a 4 KiB text message and a 1 MiB attachment, and the peak
// memory of parsing and re-printing a 10 MiB attachment. (The full
// X.400 <-> MIME conversion benchmark joins when mapping/ converts whole
// messages; these are its MIME halves.)
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <string>

#include "mapping/mime/builder.hpp"
#include "mapping/mime/parser.hpp"
#include "mapping/mime/printer.hpp"

namespace mime = mixer::mapping::mime;

namespace {

std::string text_message(std::size_t body_size) {
  std::string m =
      "From: Alice <alice@example.org>\r\nTo: bob@example.net\r\nSubject: =?UTF-8?Q?caf=C3=A9?= report\r\n"
      "Date: Mon, 23 Nov 2026 12:00:00 +0000\r\nMessage-ID: <1@example.org>\r\nMIME-Version: 1.0\r\n"
      "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n";
  while (m.size() < body_size) m += "The quick brown fox jumps over the lazy dog caf=C3=A9 0123456789.\r\n";
  return m;
}

std::string attachment_message(std::size_t size) {
  std::string data;
  data.reserve(size);
  for (std::size_t i = 0; i < size; ++i) data.push_back(static_cast<char>((i * 2654435761u) >> 13));
  mime::ContentType ct;
  ct.type = "application";
  ct.subtype = "octet-stream";
  std::vector<mime::Entity> parts;
  mime::ContentType text;
  parts.push_back(mime::make_leaf(text, mime::BodyRef::own("see attachment\r\n"), {}));
  parts.push_back(mime::make_leaf(ct, mime::BodyRef::own(std::move(data)), {}));
  mime::Entity m = mime::make_multipart("mixed", std::move(parts));
  m.headers.add("Subject", "attachment");
  return mime::print_message(m);
}

// One direction's MIME work: parse, decode every leaf, re-encode, print.
std::size_t round(const std::string& input) {
  auto r = mime::parse_message(input);
  if (!r.ok()) return 0;
  std::vector<mime::Entity> leaves;
  std::vector<const mime::Entity*> stack{&*r};
  while (!stack.empty()) {
    const mime::Entity* e = stack.back();
    stack.pop_back();
    for (const auto& p : e->parts) stack.push_back(&p);
    if (e->kind != mime::EntityKind::leaf) continue;
    auto d = mime::decoded_body(*e);
    if (d.ok()) leaves.push_back(mime::make_leaf(mime::content_type_of(e->headers), *d, {}));
  }
  mime::Entity out =
      leaves.size() == 1 ? std::move(leaves[0]) : mime::make_multipart("mixed", std::move(leaves));
  return mime::print_message(out).size();
}

void BM_MimeText4KiB(benchmark::State& state) {
  std::string m = text_message(4096);
  for (auto _ : state) benchmark::DoNotOptimize(round(m));
  state.counters["conversions/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * m.size()));
}
BENCHMARK(BM_MimeText4KiB);

void BM_MimeAttachment1MiB(benchmark::State& state) {
  std::string m = attachment_message(1 << 20);
  for (auto _ : state) benchmark::DoNotOptimize(round(m));
  state.counters["conversions/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * m.size()));
}
BENCHMARK(BM_MimeAttachment1MiB);

long max_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

// Runs first (registered last would run after the others raised the peak):
// peak RSS growth while converting a 10 MiB attachment, in multiples of the
// message size.
void BM_MimeAttachment10MiBPeakMemory(benchmark::State& state) {
  std::string m = attachment_message(10 << 20);
  long before = max_rss_kib();
  for (auto _ : state) benchmark::DoNotOptimize(round(m));
  long after = max_rss_kib();
  state.counters["message_MiB"] = static_cast<double>(m.size()) / (1 << 20);
  state.counters["peak_growth_MiB"] = static_cast<double>(after - before) / 1024.0;
  state.counters["peak_growth_x_message"] =
      static_cast<double>(after - before) * 1024.0 / static_cast<double>(m.size());
}
BENCHMARK(BM_MimeAttachment10MiBPeakMemory)->Iterations(1);

}  // namespace
