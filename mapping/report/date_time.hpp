// RFC 5322 §3.3 date-time for report fields (Arrival-Date, Last-Attempt-Date,
// Will-Retry-Until, MDN dates): formatting in UTC and a tolerant parser
// (optional day-of-week, numeric zones, the obsolete zone names of §4.3,
// trailing comments as Postfix writes them: "+0000 (UTC)").
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace mixer::mapping::report {

using Timestamp = std::chrono::sys_seconds;

// "Mon, 23 Nov 2026 12:04:24 +0000"
std::string format_date_time(Timestamp t);
// nullopt when not a valid date-time.
std::optional<Timestamp> parse_date_time(std::string_view s);

}  // namespace mixer::mapping::report
