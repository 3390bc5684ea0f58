// Loopback helpers for integration tests: a free port, waiting for a listener.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace mixer::test {

// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, read
// back, closed). Good enough for tests that start their server right away.
std::uint16_t free_loopback_port();

// Tries to connect to host:port until it succeeds or `timeout` passes.
bool wait_for_port(const std::string& host, std::uint16_t port,
                   std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace mixer::test
