// mixer::Result<T, E>: a value or an error, the project's "errors are values"
// type (C++20 has no std::expected). Errors carry their own context (layer,
// PDU, field path, offset): see each layer's error type.
#pragma once

#include <cassert>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace mixer {

// Wraps an error so that Result's constructor can tell it from a value.
template <typename E>
struct Unexpected {
  E error;
};
template <typename E>
Unexpected(E) -> Unexpected<E>;

template <typename E>
Unexpected<std::decay_t<E>> fail(E&& e) {
  return {std::forward<E>(e)};
}

template <typename T, typename E = std::string>
class [[nodiscard]] Result {
 public:
  using value_type = T;
  using error_type = E;

  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  template <typename G>
  Result(Unexpected<G> e) : v_(std::in_place_index<1>, E(std::move(e.error))) {}  // NOLINT

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const E& error() const& {
    assert(!ok());
    return std::get<1>(v_);
  }
  E&& error() && {
    assert(!ok());
    return std::get<1>(std::move(v_));
  }

  template <typename U>
  T value_or(U&& fallback) const& {
    return ok() ? value() : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  std::variant<T, E> v_;
};

// Result<void, E>: success carries nothing.
struct Ok {};

template <typename E>
class [[nodiscard]] Result<void, E> {
 public:
  Result() = default;
  Result(Ok) {}  // NOLINT
  template <typename G>
  Result(Unexpected<G> e) : err_(E(std::move(e.error))), failed_(true) {}  // NOLINT

  bool ok() const noexcept { return !failed_; }
  explicit operator bool() const noexcept { return ok(); }
  const E& error() const& {
    assert(!ok());
    return err_;
  }
  E&& error() && {
    assert(!ok());
    return std::move(err_);
  }

 private:
  E err_{};
  bool failed_ = false;
};

template <typename E = std::string>
using Status = Result<void, E>;

}  // namespace mixer

// Propagates the error of a Result expression, or yields its value.
// Usage: auto x = MIXER_TRY(parse(...));  (GNU statement expression, g++ and
// clang; __extension__ keeps -Wpedantic quiet about it)
#define MIXER_TRY(expr)                                   \
  __extension__({                                                      \
    auto&& mixer_try_r_ = (expr);                         \
    if (!mixer_try_r_.ok())                               \
      return ::mixer::fail(std::move(mixer_try_r_).error()); \
    std::move(mixer_try_r_).value();                      \
  })
