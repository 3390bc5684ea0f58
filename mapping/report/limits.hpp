// Limits of the report parsers (DSN, MDN, multipart/report from SMTP peers).
// Each has a default and an allowed range; config/ may expose them as
// [mapping.report] settings. Input beyond a limit is rejected with a
// ReportError naming the limit, never truncated silently.
#pragma once

#include <cstddef>

namespace mixer::mapping::report {

struct ReportLimits {
  // Whole report message (or machine-readable part) size. Range 4 KiB .. 256 MiB.
  std::size_t max_input = 64u * 1024 * 1024;
  // Longest physical line. RFC 5322 §2.1.1 says 998; real bounces exceed it.
  // Range 998 .. 1 MiB.
  std::size_t max_line = 64 * 1024;
  // Longest unfolded field. Range 998 .. 4 MiB.
  std::size_t max_field = 256 * 1024;
  // Fields in one group (per-message or per-recipient). Range 16 .. 10000.
  std::size_t max_fields_per_group = 512;
  // Per-recipient groups in one DSN. Range 1 .. 1000000.
  std::size_t max_recipients = 10000;
  // Body parts of one multipart/report. Range 3 .. 10000.
  std::size_t max_parts = 64;
};

inline constexpr std::size_t kMinMaxLine = 998;

}  // namespace mixer::mapping::report
