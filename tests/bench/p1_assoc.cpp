// Benchmark: MTS-APDU transfers per second over one P1 association on
// loopback (normal mode, 4 KiB and 1 MiB messages, the receiver confirms
// storage at once: a sink that does not fsync), next to the raw loopback TCP
// bandwidth measured in the same run. Blocking POSIX sockets keep the
// harness out of the figures' way; the protocol work is the sans-I/O
// Association on both ends.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <benchmark/benchmark.h>

#include <thread>

#include "x400/osi/osi_ber.hpp"
#include "x400/p1/association.hpp"

namespace {

using namespace mixer::x400;

struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
};

// A listening socket on 127.0.0.1, port chosen by the kernel.
int listen_loopback(std::uint16_t& port) {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  ::listen(s, 4);
  socklen_t len = sizeof a;
  ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  port = ntohs(a.sin_port);
  return s;
}

int connect_loopback(std::uint16_t port) {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(port);
  ::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  int one = 1;
  ::setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return s;
}

bool write_all(int fd, const osi::Bytes& b) {
  std::size_t off = 0;
  while (off < b.size()) {
    const ssize_t n = ::write(fd, b.data() + off, b.size() - off);
    if (n <= 0) return false;
    off += static_cast<std::size_t>(n);
  }
  return true;
}

// Runs `a` on `fd` until `done` says so or the connection ends.
template <typename Done>
void pump(int fd, p1::Association& a, Done done) {
  std::vector<std::uint8_t> buf(1 << 16);
  while (true) {
    if (!write_all(fd, a.take_output())) return;
    if (done() || a.finished()) return;
    const ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n <= 0) return;
    a.receive(osi::ByteView(buf.data(), static_cast<std::size_t>(n)));
  }
}

void BM_P1TransfersOverOneAssociation(benchmark::State& state) {
  const std::size_t size = static_cast<std::size_t>(state.range(0));
  std::uint16_t port = 0;
  Fd ls(listen_loopback(port));
  std::thread server([&] {
    Fd c(::accept(ls.fd, nullptr, nullptr));
    int one = 1;
    ::setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    p1::AssociationConfig rc;
    rc.role = p1::Role::responder;
    rc.our_mta = "SINK";
    rc.checkpoint_size = 64;
    p1::Association r(rc);
    std::vector<std::uint8_t> buf(1 << 16);
    while (!r.finished()) {
      const ssize_t n = ::read(c.fd, buf.data(), buf.size());
      if (n <= 0) break;
      r.receive(osi::ByteView(buf.data(), static_cast<std::size_t>(n)));
      while (auto ev = r.next_event())
        if (ev->kind == p1::AssociationEvent::Kind::apdu_received) r.confirm_stored(ev->id);  // no fsync
      if (!write_all(c.fd, r.take_output())) break;
    }
  });
  Fd c(connect_loopback(port));
  p1::AssociationConfig ic;
  ic.role = p1::Role::initiator;
  ic.our_mta = "BENCH";
  ic.checkpoint_size = 64;  // 64 KiB segments with minor syncs for the 1 MiB case
  ic.window_size = 3;
  p1::Association a(ic);
  a.start();
  bool bound = false;
  pump(c.fd, a, [&] {
    while (auto ev = a.next_event()) bound = bound || ev->kind == p1::AssociationEvent::Kind::bound;
    return bound;
  });
  const osi::Bytes apdu = osi::ctx(0, osi::tlv(ber::tags::kOctetString, false, osi::Bytes(size, 0x5a)));
  std::size_t confirmed = 0;
  for (auto _ : state) {
    a.transfer(apdu);
    bool done = false;
    pump(c.fd, a, [&] {
      while (auto ev = a.next_event()) {
        if (ev->kind == p1::AssociationEvent::Kind::transfer_confirmed) ++confirmed, done = true;
        if (ev->kind == p1::AssociationEvent::Kind::aborted) done = true;
      }
      return done;
    });
  }
  a.release();
  pump(c.fd, a, [&] { return false; });
  ::shutdown(c.fd, SHUT_RDWR);
  server.join();
  if (confirmed != static_cast<std::size_t>(state.iterations())) state.SkipWithError("a transfer was not confirmed");
  state.counters["messages_per_s"] = benchmark::Counter(static_cast<double>(confirmed), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<std::int64_t>(confirmed * apdu.size()));
}
BENCHMARK(BM_P1TransfersOverOneAssociation)->Arg(4096)->Arg(1 << 20)->UseRealTime()->Unit(benchmark::kMicrosecond);

// Raw loopback TCP: 1 MiB writes to a reader that discards them.
void BM_RawLoopbackTcp(benchmark::State& state) {
  std::uint16_t port = 0;
  Fd ls(listen_loopback(port));
  std::thread sink([&] {
    Fd c(::accept(ls.fd, nullptr, nullptr));
    std::vector<std::uint8_t> buf(1 << 16);
    while (::read(c.fd, buf.data(), buf.size()) > 0) {
    }
  });
  {
    Fd c(connect_loopback(port));
    const osi::Bytes chunk(1 << 20, 0x5a);
    for (auto _ : state) write_all(c.fd, chunk);
    ::shutdown(c.fd, SHUT_WR);
  }
  sink.join();
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * (1 << 20));
}
BENCHMARK(BM_RawLoopbackTcp)->UseRealTime()->Unit(benchmark::kMicrosecond);

}  // namespace
