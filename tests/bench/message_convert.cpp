// Whole-message conversion as the gateway does it at delivery time (issue #7):
//   Internet -> X.400: RFC 5322 bytes + SMTP envelope -> mapping::message::to_x400
//                      -> BER MTS-APDU (encode_mts_apdu), as gateway/convert/for_x400;
//   X.400 -> Internet: BER MTS-APDU bytes -> decode_mts_apdu (a plain view, as
//                      gateway/convert/for_smtp decodes a queue record) -> to_internet.
// Messages: a 4 KiB US-ASCII text message (goal >= 20,000 conversions per
// second per core each way) and a multipart/mixed with a 1 MiB base64
// attachment. Peak memory of a 10 MiB attachment is measured by a counting
// global allocator (peak live heap bytes above the level before the
// conversion, input excluded), printed as bytes and as a multiple of the
// message size ("a small multiple of the message size", issue #7).
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "mapping/address/std_or.hpp"
#include "mapping/message/convert.hpp"
#include "mapping/mime/transfer_encoding.hpp"
#include "x400/asn/p1_apdu.hpp"

// ---- counting allocator (this benchmark program only) ----
namespace {
std::atomic<std::size_t> g_live{0};
std::atomic<std::size_t> g_peak{0};

void* counted_alloc(std::size_t n, std::size_t align) {
  if (n == 0) n = 1;
  void* p = nullptr;
  if (align <= alignof(std::max_align_t)) {
    p = std::malloc(n);
  } else if (posix_memalign(&p, align, n) != 0) {
    p = nullptr;
  }
  if (!p) throw std::bad_alloc();
  std::size_t live = g_live.fetch_add(malloc_usable_size(p), std::memory_order_relaxed) + malloc_usable_size(p);
  std::size_t peak = g_peak.load(std::memory_order_relaxed);
  while (live > peak && !g_peak.compare_exchange_weak(peak, live, std::memory_order_relaxed)) {
  }
  return p;
}

void counted_free(void* p) noexcept {
  if (!p) return;
  g_live.fetch_sub(malloc_usable_size(p), std::memory_order_relaxed);
  std::free(p);
}
}  // namespace

void* operator new(std::size_t n) { return counted_alloc(n, 0); }
void* operator new[](std::size_t n) { return counted_alloc(n, 0); }
void* operator new(std::size_t n, std::align_val_t a) { return counted_alloc(n, static_cast<std::size_t>(a)); }
void* operator new[](std::size_t n, std::align_val_t a) { return counted_alloc(n, static_cast<std::size_t>(a)); }
void operator delete(void* p) noexcept { counted_free(p); }
void operator delete[](void* p) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::size_t) noexcept { counted_free(p); }
void operator delete(void* p, std::align_val_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { counted_free(p); }

namespace {

namespace msg = mixer::mapping::message;
namespace asn = mixer::x400::asn;
namespace mime = mixer::mapping::mime;
using mixer::mapping::address::MappingContext;

MappingContext context() {
  MappingContext ctx;
  ctx.local_domain = "gw.example.org";
  ctx.local_or = *mixer::mapping::address::parse_std_or("/C=GB/ADMD=BT/PRMD=GW/O=MIXER/");
  return ctx;
}

msg::ConversionOptions options() {
  msg::ConversionOptions o;
  o.gateway.mta_name = "mixer-bench";
  o.gateway.country = "GB";
  o.gateway.admd = "BT";
  o.gateway.prmd = "GW";
  o.gateway.domain = "gw.example.org";
  o.now = 1795435200;
  return o;
}

msg::SmtpEnvelope envelope() {
  msg::SmtpEnvelope e;
  e.mail_from = "alice@example.org";
  e.recipients = {{"bob@example.net", "SUCCESS,FAILURE", ""}};
  return e;
}

const char* kHeader =
    "Received: from mail.example.org (mail.example.org [192.0.2.1]) by gw.example.org with ESMTP id 4Xy7Q; "
    "Mon, 23 Nov 2026 11:59:00 +0000\r\n"
    "From: Alice Example <alice@example.org>\r\n"
    "To: Bob Example <bob@example.net>\r\n"
    "Subject: Quarterly report\r\n"
    "Date: Mon, 23 Nov 2026 11:58:00 +0000\r\n"
    "Message-ID: <report.2026.q4@example.org>\r\n"
    "MIME-Version: 1.0\r\n";

// About `size` bytes of RFC 5322 text, US-ASCII, 7bit.
std::string text_message(std::size_t size) {
  std::string m = kHeader;
  m += "Content-Type: text/plain; charset=us-ascii\r\n\r\n";
  while (m.size() < size) m += "The quick brown fox jumps over the lazy dog, 0123456789 times again.\r\n";
  return m;
}

// multipart/mixed: a short text and an application/pdf attachment of
// `size` pseudo-random bytes, base64, with a file name.
std::string attachment_message(std::size_t size) {
  std::string data;
  data.reserve(size);
  std::uint32_t x = 2463534242u;
  for (std::size_t i = 0; i < size; ++i) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    data.push_back(static_cast<char>(x & 0xFF));
  }
  std::string m = kHeader;
  m += "Content-Type: multipart/mixed; boundary=\"=_b1\"\r\n\r\n"
       "--=_b1\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nThe report is attached.\r\n"
       "--=_b1\r\nContent-Type: application/pdf; name=\"report.pdf\"\r\n"
       "Content-Disposition: attachment; filename=\"report.pdf\"\r\n"
       "Content-Transfer-Encoding: base64\r\n\r\n";
  m += mime::base64_encode(data);
  m += "--=_b1--\r\n";
  return m;
}

// Internet -> X.400 as gateway/convert/for_x400 does it: to_x400 over the
// queued bytes, then the BER of the MTS-APDU. Returns the BER size.
std::size_t internet_to_x400(const std::string& content, const MappingContext& ctx,
                             const msg::ConversionOptions& o, const msg::SmtpEnvelope& env) {
  auto m = msg::to_x400(env, content, ctx, o);
  if (!m) return 0;
  auto ber = asn::encode_mts_apdu(asn::MtsApdu{std::move(*m)});
  return ber ? ber->size() : 0;
}

// X.400 -> Internet as gateway/convert/for_smtp does it: decode the stored
// BER (a plain view) and convert. Returns the RFC 5322 size.
std::size_t x400_to_internet(const std::vector<std::uint8_t>& ber, const MappingContext& ctx,
                             const msg::ConversionOptions& o) {
  auto apdu = asn::decode_mts_apdu(mixer::x400::ber::Bytes(ber.data(), ber.size()));
  if (!apdu) return 0;
  auto* m = std::get_if<asn::Message>(&*apdu);
  if (!m) return 0;
  auto im = msg::to_internet(*m, ctx, o);
  return im ? im->content.size() : 0;
}

std::vector<std::uint8_t> ber_of(const std::string& content) {
  auto ctx = context();
  auto m = msg::to_x400(envelope(), content, ctx, options());
  if (!m) return {};
  auto ber = asn::encode_mts_apdu(asn::MtsApdu{std::move(*m)});
  return ber ? std::move(*ber) : std::vector<std::uint8_t>{};
}

void rate(benchmark::State& state, std::size_t bytes) {
  state.counters["conversions/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}

void to_x400_bench(benchmark::State& state, const std::string& content) {
  auto ctx = context();
  auto o = options();
  auto env = envelope();
  if (internet_to_x400(content, ctx, o, env) == 0) {
    state.SkipWithError("to_x400 failed");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(internet_to_x400(content, ctx, o, env));
  rate(state, content.size());
}

void to_internet_bench(benchmark::State& state, const std::string& content) {
  auto ctx = context();
  auto o = options();
  auto ber = ber_of(content);
  if (ber.empty() || x400_to_internet(ber, ctx, o) == 0) {
    state.SkipWithError("to_internet failed");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(x400_to_internet(ber, ctx, o));
  rate(state, ber.size());
}

void BM_ToX400_Text4KiB(benchmark::State& state) { to_x400_bench(state, text_message(4096)); }
void BM_ToInternet_Text4KiB(benchmark::State& state) { to_internet_bench(state, text_message(4096)); }
void BM_ToX400_Attachment1MiB(benchmark::State& state) { to_x400_bench(state, attachment_message(1 << 20)); }
void BM_ToInternet_Attachment1MiB(benchmark::State& state) {
  to_internet_bench(state, attachment_message(1 << 20));
}
BENCHMARK(BM_ToX400_Text4KiB);
BENCHMARK(BM_ToInternet_Text4KiB);
BENCHMARK(BM_ToX400_Attachment1MiB)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ToInternet_Attachment1MiB)->Unit(benchmark::kMillisecond);

// Peak heap above the level at the start of one conversion, reported as
// bytes and as a multiple of the input size.
template <typename F>
void peak_counters(benchmark::State& state, std::size_t input_size, F&& convert) {
  std::size_t worst = 0;
  for (auto _ : state) {
    std::size_t base = g_live.load();
    g_peak.store(base);
    benchmark::DoNotOptimize(convert());
    worst = std::max(worst, g_peak.load() - base);
  }
  state.counters["input_MiB"] = static_cast<double>(input_size) / (1 << 20);
  state.counters["peak_heap_MiB"] = static_cast<double>(worst) / (1 << 20);
  state.counters["peak_x_input"] = static_cast<double>(worst) / static_cast<double>(input_size);
}

void BM_ToX400_Attachment10MiB_PeakMemory(benchmark::State& state) {
  std::string content = attachment_message(10 << 20);
  auto ctx = context();
  auto o = options();
  auto env = envelope();
  peak_counters(state, content.size(), [&] { return internet_to_x400(content, ctx, o, env); });
}
void BM_ToInternet_Attachment10MiB_PeakMemory(benchmark::State& state) {
  auto ber = ber_of(attachment_message(10 << 20));
  auto ctx = context();
  auto o = options();
  peak_counters(state, ber.size(), [&] { return x400_to_internet(ber, ctx, o); });
}
BENCHMARK(BM_ToX400_Attachment10MiB_PeakMemory)->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ToInternet_Attachment10MiB_PeakMemory)->Iterations(3)->Unit(benchmark::kMillisecond);

}  // namespace
