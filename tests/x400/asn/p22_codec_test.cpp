// P22 codec: hand-written hex vectors (decode to the expected value and
// re-encode byte for byte), round trips of values with every optional field
// and every body part type, error paths and offsets, and the truncation /
// single-byte corruption loops (every one must give an error or a value,
// never a crash; run under ASan in the sanitizer build).
#include "x400/asn/p22_codec.hpp"

#include <gtest/gtest.h>

#include "common/hex.hpp"
#include "tests/x400/asn/p22_samples.hpp"

using namespace p22_samples;

namespace {

std::vector<std::uint8_t> hex(const char* text) { return *mixer::from_hex(text); }

InformationObject decode_ok(const std::vector<std::uint8_t>& bytes) {
  auto r = decode_information_object(bytes);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
  return r.ok() ? *r : InformationObject{};
}

std::vector<std::uint8_t> encode_ok(const InformationObject& v) {
  auto r = encode_information_object(v);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
  return r.ok() ? *r : std::vector<std::uint8_t>{};
}

void expect_round_trip(const InformationObject& v) {
  const auto bytes = encode_ok(v);
  const auto back = decode_ok(bytes);
  EXPECT_TRUE(back == v);
  EXPECT_EQ(encode_ok(back), bytes);  // deterministic
}

// IPM: this-IPM "abc", subject [8] EXPLICIT "Hi", importance high, one IA5 body part "ok".
constexpr const char* kMinimalIpmHex =
    "a0 1c 31 10 6b 05 13 03 61 62 63 a8 04 14 02 48 69 8c 01 02"
    "   30 08 a0 06 31 00 16 02 6f 6b";
// IPN: subject-ipm "x", receipt-fields { receipt-time 240501120000Z }.
constexpr const char* kReceiptIpnHex =
    "a1 18 6b 03 13 01 78 a0 11 a1 0f 80 0d 32 34 30 35 30 31 31 32 30 30 30 30 5a";

}  // namespace

TEST(P22Codec, HandWrittenIpmVector) {
  const auto bytes = hex(kMinimalIpmHex);
  const auto v = decode_ok(bytes);
  ASSERT_TRUE(std::holds_alternative<Ipm>(v));
  const Ipm& ipm = std::get<Ipm>(v);
  EXPECT_EQ(ipm.heading.this_ipm.user_relative_identifier, "abc");
  EXPECT_FALSE(ipm.heading.this_ipm.user);
  EXPECT_EQ(ipm.heading.subject, "Hi");
  EXPECT_EQ(ipm.heading.importance, Importance::high);
  EXPECT_FALSE(ipm.heading.sensitivity);
  ASSERT_EQ(ipm.body.size(), 1u);
  EXPECT_EQ(std::get<Ia5TextBodyPart>(ipm.body[0]).data.text(), "ok");
  EXPECT_EQ(mixer::to_hex(encode_ok(v)), mixer::to_hex(bytes));
}

TEST(P22Codec, HandWrittenIpnVector) {
  const auto bytes = hex(kReceiptIpnHex);
  const auto v = decode_ok(bytes);
  ASSERT_TRUE(std::holds_alternative<Ipn>(v));
  const Ipn& ipn = std::get<Ipn>(v);
  EXPECT_EQ(ipn.subject_ipm.user_relative_identifier, "x");
  const auto* rf = std::get_if<ReceiptFields>(&ipn.choice);
  ASSERT_NE(rf, nullptr);
  EXPECT_EQ(rf->receipt_time.to_string(), "240501120000Z");
  EXPECT_FALSE(rf->acknowledgment_mode);
  EXPECT_EQ(mixer::to_hex(encode_ok(v)), mixer::to_hex(bytes));
}

TEST(P22Codec, IndefiniteLengthsAndSetOrderAreAccepted) {
  // The minimal IPM with indefinite outer lengths and the heading members
  // reversed (SET: any order), as PP and Isode send.
  const auto v =
      decode_ok(hex("a0 80 31 80 8c 01 02 a8 04 14 02 48 69 6b 05 13 03 61 62 63 00 00"
                    "   30 08 a0 06 31 00 16 02 6f 6b 00 00"));
  EXPECT_TRUE(v == decode_ok(hex(kMinimalIpmHex)));
}

TEST(P22Codec, ConstructedIa5StringIsReassembled) {
  // data as a constructed IA5String of two OCTET STRING segments (X.690 8.23.6).
  const auto v =
      decode_ok(hex("a0 1f 31 07 6b 05 13 03 61 62 63 30 14 a0 12 31 00 36 0e 04 05 48 65 6c 6c 6f"
                    "   04 05 20 79 6f 75 21"));
  EXPECT_EQ(std::get<Ia5TextBodyPart>(std::get<Ipm>(v).body[0]).data.text(), "Hello you!");
}

TEST(P22Codec, FullIpmRoundTrips) {
  const Ipm ipm = full_ipm();
  expect_round_trip(ipm);
  // Every body part type comes back as the same alternative.
  const auto back = std::get<Ipm>(decode_ok(encode_ok(ipm)));
  ASSERT_EQ(back.body.size(), ipm.body.size());
  for (std::size_t i = 0; i < ipm.body.size(); ++i) EXPECT_EQ(back.body[i].index(), ipm.body[i].index()) << i;
  // The typed extensions read back.
  auto list = rfc822_heading_list(back.heading);
  ASSERT_TRUE(list.ok());
  ASSERT_TRUE(list->has_value());
  EXPECT_EQ((**list)[0], "Message-ID: <1@example.com>");
  const auto* lang = find_extension(back.heading.extensions, oids::kHexLanguages);
  ASSERT_NE(lang, nullptr);
  EXPECT_EQ(*decode_languages(*lang->value), (std::vector<std::string>{"en", "fr"}));
  EXPECT_EQ(*decode_auto_submitted(*find_extension(back.heading.extensions, oids::kHexAutoSubmitted)->value),
            AutoSubmitted::auto_generated);
}

TEST(P22Codec, IpnsRoundTrip) {
  expect_round_trip(receipt_ipn());
  expect_round_trip(non_receipt_ipn());
  expect_round_trip(other_ipn());
  // The bare SET form (notification body part).
  auto bytes = encode_ipn(receipt_ipn());
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ((*bytes)[0], 0x31);
  auto back = decode_ipn(*bytes);
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  EXPECT_TRUE(*back == receipt_ipn());
}

TEST(P22Codec, DefaultsKeptWhenExplicitOmittedWhenAbsent) {
  Ipm ipm = minimal_ipm();
  auto plain = encode_ok(ipm);
  ipm.heading.importance = Importance::normal;  // explicitly the default
  ipm.heading.auto_forwarded = false;
  auto explicit_defaults = encode_ok(ipm);
  EXPECT_EQ(explicit_defaults.size(), plain.size() + 6);  // 8c 01 01 + 8e 01 00
  EXPECT_TRUE(std::get<Ipm>(decode_ok(explicit_defaults)).heading.importance == Importance::normal);
  EXPECT_FALSE(std::get<Ipm>(decode_ok(plain)).heading.importance.has_value());
}

TEST(P22Codec, NamedBitTrailingZerosAreNotSignificant) {
  // notification-requests rn only, sent with 5 bits (03 02 03 80): equals the 1-bit form.
  const auto a =
      decode_ok(hex("a0 1b 31 0f 6b 03 13 01 61 a2 08 31 06 a0 00 81 02 03 80"
                    "   30 08 a0 06 31 00 16 02 6f 6b"));
  const auto& bits = *std::get<Ipm>(a).heading.primary_recipients[0].notification_requests;
  EXPECT_EQ(bits.bit_count, 1u);
  EXPECT_TRUE(bits.test(notification_request::kRn));
}

TEST(P22Codec, ErrorsNameTheFieldAndOffset) {
  struct Case {
    const char* hex;
    const char* path;
    std::size_t offset;
  };
  const Case cases[] = {
      // importance 7
      {"a0 1c 31 10 6b 05 13 03 61 62 63 a8 04 14 02 48 69 8c 01 07 30 08 a0 06 31 00 16 02 6f 6b",
       "InformationObject.ipm.heading.importance", 17},
      // this-IPM missing
      {"a0 15 31 09 a8 04 14 02 48 69 8c 01 02 30 08 a0 06 31 00 16 02 6f 6b",
       "InformationObject.ipm.heading.this-IPM", 2},
      // subject twice
      {"a0 1f 31 13 6b 05 13 03 61 62 63 a8 04 14 02 48 69 a8 04 14 02 48 69 30 08 a0 06 31 00 16 02 6f 6b",
       "InformationObject.ipm.heading", 17},
      // IA5 octet 0xe9 in the body
      {"a0 1c 31 10 6b 05 13 03 61 62 63 a8 04 14 02 48 69 8c 01 02 30 08 a0 06 31 00 16 02 6f e9",
       "InformationObject.ipm.body[0].ia5-text.data", 29},
      // PrintableString with '@' in this-IPM
      {"a0 1c 31 10 6b 05 13 03 61 40 63 a8 04 14 02 48 69 8c 01 02 30 08 a0 06 31 00 16 02 6f 6b",
       "InformationObject.ipm.heading.this-IPM.user-relative-identifier", 6},
      // [2] choice alternative unknown in IPN
      {"a1 18 6b 03 13 01 78 a0 11 a5 0f 80 0d 32 34 30 35 30 31 31 32 30 30 30 30 5a",
       "InformationObject.ipn.choice", 9},
      // not an InformationObject at all
      {"30 00", "InformationObject", 0},
  };
  for (const auto& c : cases) {
    auto r = decode_information_object(hex(c.hex));
    ASSERT_FALSE(r.ok()) << c.hex;
    EXPECT_EQ(r.error().path, c.path) << r.error().to_string();
    EXPECT_EQ(r.error().offset, c.offset) << r.error().to_string();
    EXPECT_FALSE(r.error().message.empty());
  }
}

TEST(P22Codec, EncodeRejectsValuesTheTypeCannotHold) {
  Ipm ipm = minimal_ipm();
  ipm.heading.this_ipm.user_relative_identifier = "a@b";  // not PrintableString
  auto r = encode_information_object(ipm);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ber::BerErrorKind::encode);

  Ipm bad_text = minimal_ipm("caf\xe9");
  auto r2 = encode_information_object(bad_text);
  ASSERT_FALSE(r2.ok());
  EXPECT_NE(r2.error().to_string().find("ia5-text"), std::string::npos);
}

TEST(P22Codec, P2CompatibilityCheck) {
  EXPECT_TRUE(check_p2_compatible(minimal_ipm()).ok());
  auto full = check_p2_compatible(full_ipm());
  ASSERT_FALSE(full.ok());
  EXPECT_NE(full.error().path.find("heading.extensions"), std::string::npos);
  Ipm ext = minimal_ipm();
  ext.body.push_back(GeneralTextBodyPart{{6}, SharedBytes::copy(std::string("x"))});
  auto r = check_p2_compatible(ext);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().path.find("body[1]"), std::string::npos);
  Ipn plain_rn = receipt_ipn();
  plain_rn.notification_extensions.reset();
  EXPECT_TRUE(check_p2_compatible(plain_rn).ok());
  EXPECT_FALSE(check_p2_compatible(receipt_ipn()).ok());
  EXPECT_FALSE(check_p2_compatible(other_ipn()).ok());
}

TEST(P22Codec, LimitsApply) {
  ber::Limits lim;
  lim.max_elements = ber::Limits::kMinElements;  // the full IPM has hundreds of elements
  auto r = decode_information_object(encode_ok(full_ipm()), lim);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ber::BerErrorKind::limit);
}

// Every prefix of every vector is an error; every single-byte change is an
// error or a value that re-encodes (never a crash, hang or leak under ASan).
TEST(P22Codec, TruncationAndCorruptionLoops) {
  std::vector<std::vector<std::uint8_t>> vectors = {hex(kMinimalIpmHex), hex(kReceiptIpnHex),
                                                    encode_ok(full_ipm()), encode_ok(non_receipt_ipn())};
  std::size_t errors = 0, values = 0;
  for (const auto& v : vectors) {
    for (std::size_t n = 0; n < v.size(); ++n) {
      auto r = decode_information_object(ber::Bytes(v.data(), n));
      EXPECT_FALSE(r.ok()) << "prefix " << n << " of " << v.size() << " accepted";
    }
    for (std::size_t i = 0; i < v.size(); ++i) {
      for (std::uint8_t delta : {std::uint8_t{0x01}, std::uint8_t{0x80}, std::uint8_t{0xff}}) {
        auto c = v;
        c[i] = static_cast<std::uint8_t>(c[i] ^ delta);
        auto r = decode_information_object(c);
        if (!r.ok()) {
          ++errors;
          EXPECT_FALSE(r.error().message.empty());
          continue;
        }
        ++values;
        auto again = encode_information_object(*r);
        if (again.ok()) {  // a value that decodes re-encodes to something that decodes the same
          auto back = decode_information_object(*again);
          ASSERT_TRUE(back.ok()) << back.error().to_string();
          EXPECT_TRUE(*back == *r);
        }
      }
    }
  }
  EXPECT_GT(errors, 0u);
  EXPECT_GT(values, 0u);  // e.g. changed text octets still decode
}
