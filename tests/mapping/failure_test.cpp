#include "mapping/failure.hpp"

#include <gtest/gtest.h>

namespace mixer::mapping {
namespace {

// The codes a MappingFailure carries are X.411's numbers (8.3.1.2.1.3/4),
// which the reports code writes into NDRs unchanged.
TEST(MappingFailure, CarriesX411CodesAndExplains) {
  auto f = conversion_failure(report::NonDeliveryDiagnostic::conversion_with_loss_prohibited,
                              "GeneralText in an unregistered charset", "body[1]");
  EXPECT_EQ(static_cast<int>(f.reason), 2);  // conversion-not-performed
  EXPECT_EQ(static_cast<int>(*f.diagnostic), 19);
  EXPECT_EQ(f.to_string(), "mapping: GeneralText in an unregistered charset (at body[1]) [reason 2, diagnostic 19]");
  auto t = transfer_failure(report::NonDeliveryDiagnostic::content_too_long, "too big");
  EXPECT_EQ(static_cast<int>(t.reason), 1);  // unable-to-transfer
  EXPECT_EQ(static_cast<int>(*t.diagnostic), 7);
  EXPECT_EQ(static_cast<int>(report::NonDeliveryDiagnostic::implicit_conversion_prohibited), 9);
  EXPECT_EQ(static_cast<int>(report::NonDeliveryDiagnostic::conversion_impractical), 8);
}

}  // namespace
}  // namespace mixer::mapping
