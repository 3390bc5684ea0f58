// Golden-file helper for the report tests: compares generated text with
// tests/data/mapping/report/<name> byte for byte. With MIXER_UPDATE_GOLDEN=1
// in the environment the file is (re)written instead, for review in git diff.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "mapping/report/x400_report.hpp"
#include "tests/support/temp_dir.hpp"

namespace mixer::mapping::report::test {

inline std::filesystem::path golden_dir() {
  return std::filesystem::path(MIXER_SOURCE_DIR) / "tests" / "data" / "mapping" / "report";
}

inline void expect_golden(const std::string& name, const std::string& actual) {
  auto path = golden_dir() / name;
  const char* update = std::getenv("MIXER_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    mixer::test::write_file(path, actual);
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(path)) << "missing golden file " << path
                                             << " (run with MIXER_UPDATE_GOLDEN=1 and review)";
  std::string expected = mixer::test::read_file(path);
  EXPECT_EQ(expected, actual) << "output differs from golden file " << path;
}

inline std::string typed(const TypedValue& t) { return t.type + ";" + t.value; }

// A stable text form of an X.400 report for golden files.
inline std::string dump_x400_report(const X400Report& r) {
  std::string s = "subject-identifier: " + r.subject_mts_id + "\n";
  s += "reporting-mta: " + r.reporting_mta + "\n";
  if (r.arrival_time) s += "arrival-time: " + format_date_time(*r.arrival_time) + "\n";
  if (r.content_identifier) s += "content-identifier: " + *r.content_identifier + "\n";
  s += std::string("return-stored-content: ") + (r.return_stored_content ? "yes" : "no") + "\n";
  for (const auto& x : r.recipients) {
    s += "recipient: " + typed(x.actual_recipient) + "\n";
    if (x.originally_intended_recipient) s += "  originally-intended: " + typed(*x.originally_intended_recipient) + "\n";
    if (x.delivered) {
      s += "  delivered";
      if (x.delivery_time) s += " at " + format_date_time(*x.delivery_time);
      s += "\n";
    } else {
      s += "  non-delivered: " + format_x400_diagnostic(x.codes) + "\n";
    }
    if (x.supplementary_information) s += "  supplementary-information: " + *x.supplementary_information + "\n";
  }
  return s;
}

}  // namespace mixer::mapping::report::test
