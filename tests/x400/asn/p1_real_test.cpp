// The real Isode bytes (tests/data/x400/p1/, extracted from the Wireshark
// sample captures, see README.md there) decode with the values tshark shows,
// re-encode, decode equal again, and the re-encoding passes the oracle.
// Also the MTA-bind codec: both wrappings, round trips, errors, oracle.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "x400/asn/p1_apdu.hpp"
#include "x400/asn/p1_bind.hpp"
#include "tests/x400/asn/p1_test_support.hpp"

namespace mixer::x400::asn {
namespace {

std::vector<std::uint8_t> data_file(const std::string& name) {
  std::ifstream in(std::string(MIXER_SOURCE_DIR) + "/tests/data/x400/p1/" + name, std::ios::binary);
  EXPECT_TRUE(in.good()) << name;
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(P1Real, IsodeP772MessageDecodesAndReencodes) {
  const auto bytes = data_file("isode-p772-mts-apdu.ber");
  ASSERT_EQ(bytes.size(), 763u);
  auto v = decode_mts_apdu(bytes);
  ASSERT_TRUE(v.ok()) << v.error().to_string();
  ASSERT_TRUE(std::holds_alternative<Message>(*v));
  const auto& m = std::get<Message>(*v);
  const auto& e = m.envelope;
  EXPECT_EQ(e.message_identifier.local_identifier, "percival.s:055680:20051001113050");
  EXPECT_EQ(e.message_identifier.global_domain_identifier.country_name.value, "gb");
  EXPECT_EQ(e.message_identifier.global_domain_identifier.private_domain_identifier->value, "smhs");
  EXPECT_EQ(*e.originator_name.address.organization_name, "percival");
  EXPECT_EQ(e.originator_name.address.personal_name->surname, "gal");
  ASSERT_TRUE(e.content_type.extended);
  EXPECT_EQ(e.content_type.oid.to_string(), "1.3.26.0.4406.0.4.1");  // STANAG 4406 / P772
  ASSERT_EQ(e.trace_information.size(), 1u);
  EXPECT_EQ(e.trace_information[0].domain_supplied_information.arrival_time.to_string(), "051001113050Z");
  ASSERT_EQ(e.extensions.size(), 2u);
  EXPECT_EQ(e.extensions[0].private_oid->to_string(), "1.3.26.0.4406.0.8.0");
  EXPECT_EQ(*e.extensions[1].standard, std_ext::kInternalTraceInformation);
  // The internal trace kept raw decodes with the typed decoder too.
  ber::Reader itr(*e.extensions[1].value);
  auto it = decode_internal_trace_information(*itr.next());
  ASSERT_TRUE(it.ok()) << it.error().to_string();
  EXPECT_EQ((*it)[0].mta_name, "percival.smhs.co.uk");
  ASSERT_EQ(e.per_recipient_fields.size(), 1u);
  EXPECT_EQ(e.per_recipient_fields[0].recipient_name.address.organization_name, "guinevere");
  EXPECT_EQ(e.per_recipient_fields[0].recipient_name.address.common_name, "ethereal");
  // Content: the P772 InformationObject, from the constructed indefinite OCTET STRING.
  EXPECT_EQ(m.content.size(), 0x1b3u) << "the one 435-octet segment of the constructed Content";
  EXPECT_EQ(m.content.bytes()[0], 0xa0);

  auto again = encode_mts_apdu(*v);
  ASSERT_TRUE(again.ok()) << again.error().to_string();
  auto back = decode_mts_apdu(*again);
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  EXPECT_TRUE(*back == *v);

  if (!testing::tshark_available()) GTEST_SKIP() << "tshark is not installed: oracle check skipped";
  auto verdict = testing::run_oracle(*again, "mts-apdu", "isode-p772-reencoded");
  EXPECT_EQ(verdict.exit_code, 0) << verdict.output;
}

TEST(P1Real, IsodeBindValuesDecode) {
  BindWrapping w{};
  auto arg = decode_mta_bind_argument(data_file("isode-bind-argument.ber"), &w);
  ASSERT_TRUE(arg.ok()) << arg.error().to_string();
  EXPECT_EQ(w, BindWrapping::bind_macro);
  ASSERT_TRUE(arg->authenticated);
  EXPECT_EQ(arg->authenticated->name, "percival.smhs.co.uk");
  EXPECT_EQ(arg->authenticated->credentials.kind, MtaCredentials::Kind::simple_ia5);
  EXPECT_EQ(arg->authenticated->credentials.password, "excalibur");
  EXPECT_EQ(*encode_mta_bind_argument(*arg, w), data_file("isode-bind-argument.ber")) << "byte-exact re-encoding";

  auto res = decode_mta_bind_result(data_file("isode-bind-result.ber"), &w);
  ASSERT_TRUE(res.ok()) << res.error().to_string();
  EXPECT_EQ(res->authenticated->name, "guinevere.smhs.co.uk");
  EXPECT_EQ(res->authenticated->credentials.password, "merlin");
  EXPECT_EQ(*encode_mta_bind_result(*res, w), data_file("isode-bind-result.ber"));

  auto refuse = decode_mta_bind_error(data_file("isode-bind-error-refuse.ber"), &w);
  ASSERT_TRUE(refuse.ok());
  EXPECT_EQ(*refuse, MtaBindError::authentication_error);
  EXPECT_EQ(w, BindWrapping::bind_macro);
  auto busy = decode_mta_bind_error(data_file("isode-bind-error-busy.ber"));
  ASSERT_TRUE(busy.ok());
  EXPECT_EQ(*busy, MtaBindError::busy);
  EXPECT_EQ(to_string(*busy), "busy");
  EXPECT_EQ(*encode_mta_bind_error(MtaBindError::busy, BindWrapping::bind_macro), data_file("isode-bind-error-busy.ber"));
}

TEST(P1Bind, BothWrappingsAndEveryCredentialRoundTrip) {
  MtaBindValue unauth;
  MtaBindValue ia5{MtaAuthenticated{"GATEWAY", {MtaCredentials::Kind::simple_ia5, "secret", {}}, std::nullopt}};
  MtaBindValue oct{MtaAuthenticated{"PP-MTA", {MtaCredentials::Kind::simple_octets, " ", {}},
                                    std::vector<std::uint8_t>{0xa2, 0x02, 0x31, 0x00}}};
  MtaBindValue strong{MtaAuthenticated{"X", {MtaCredentials::Kind::strong, "", {0xa0, 0x02, 0x31, 0x00}}, {}}};
  for (auto wrapping : {BindWrapping::bare, BindWrapping::bind_macro}) {
    for (const auto& v : {unauth, ia5, oct, strong}) {
      auto bytes = encode_mta_bind_argument(v, wrapping);
      ASSERT_TRUE(bytes.ok());
      BindWrapping seen{};
      auto back = decode_mta_bind_argument(*bytes, &seen);
      ASSERT_TRUE(back.ok()) << back.error().to_string();
      EXPECT_EQ(*back, v);
      EXPECT_EQ(seen, wrapping);
    }
    auto r = encode_mta_bind_result(ia5, wrapping);
    auto rb = decode_mta_bind_result(*r);
    ASSERT_TRUE(rb.ok());
    EXPECT_EQ(*rb, ia5);
    for (auto e : {MtaBindError::busy, MtaBindError::authentication_error, MtaBindError::unacceptable_dialogue_mode,
                   MtaBindError::unacceptable_security_context,
                   MtaBindError::inadequate_association_confidentiality}) {
      auto eb = decode_mta_bind_error(*encode_mta_bind_error(e, wrapping));
      ASSERT_TRUE(eb.ok());
      EXPECT_EQ(*eb, e);
    }
  }
  // The crib's example (osi-wire-crib 6.1), bare.
  EXPECT_EQ(to_hex(*encode_mta_bind_argument(ia5, BindWrapping::bare)),
            "a1138007474154455741" "59a1081606736563726574");
}

TEST(P1Bind, BadInputGivesClearErrors) {
  auto long_name = decode_mta_bind_argument(testing::unhex("a1 27 80 21 414141414141414141414141414141414141414141414141414141414141414141 a1 02 16 00"));
  ASSERT_FALSE(long_name.ok());
  EXPECT_NE(long_name.error().message.find("1..32"), std::string::npos);
  auto no_cred = decode_mta_bind_argument(testing::unhex("b005 a103 800141"));
  ASSERT_FALSE(no_cred.ok());
  EXPECT_EQ(no_cred.error().path, "MTABindArgument.authenticated.initiator-credentials");
  auto wrong = decode_mta_bind_error(testing::unhex("b203 0a0102"));
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().path, "MTABindError");
  auto decode = [](const std::vector<std::uint8_t>& b) { return decode_mta_bind_argument(b); };
  testing::truncate_and_corrupt(data_file("isode-bind-argument.ber"), decode, "isode bind argument");
  auto decode_apdu = [](const std::vector<std::uint8_t>& b) { return decode_mts_apdu(b); };
  testing::truncate_and_corrupt(data_file("isode-p772-mts-apdu.ber"), decode_apdu, "isode p772 message");
}

// The oracle decodes MTA-bind values only inside a whole association, so the
// test puts our encodings into the crib's tshark-checked exchange (osi-wire-crib
// Appendix A) in place of its bind argument and result (same lengths), and runs
// stream2pcap + check-pcap expecting tshark to show the P1 bind PDUs.
TEST(P1Bind, OracleAcceptsOurBindPdusInAnAssociation) {
  if (!testing::tshark_available()) GTEST_SKIP() << "tshark is not installed: oracle check skipped";
  const std::string cn =
      "0300009c02f0800d9305091301001601021a01001402024934020001c17e317ca003800101a275a433300f020101060452010001300406"
      "025101300f02010306045600020c300406025101300f020105060456000207300406025101613e303c020101a037603580020780a10606"
      "0456000106be272825020103a020";
  const std::string ac =
      "0300008d02f0800e8405091301001601021a01001402024934020001c16f316da003800101a266a51b3007800100810251013007800100"
      "8102510130078001008102510161473045020101a040613e80020780a106060456000106a203020100a305a103020100be242822020103"
      "a01d";
  MtaBindValue arg{MtaAuthenticated{"MIXERGW", {MtaCredentials::Kind::simple_ia5, "s3cret", {}}, {}}};
  MtaBindValue res{MtaAuthenticated{"PEERMTA", {MtaCredentials::Kind::simple_ia5, "pass12", {}}, {}}};
  const std::string arg_hex = to_hex(*encode_mta_bind_argument(arg, BindWrapping::bind_macro));
  const std::string res_hex = to_hex(*encode_mta_bind_result(res, BindWrapping::bind_macro));
  ASSERT_EQ(arg_hex.size(), 46u);
  const std::string stream = "# CR\n> 0300001813e00000000100c1020001c20478343030c0010b\n# CC\n< 0300000e09d00001400000c0010b\n"
                             "# CN\n> " + cn + "b01e820100a319a017" + arg_hex + "\n# AC\n< " + ac + "b11ba219a017" +
                             res_hex + "\n";
  mixer::test::TempDir dir("mixer-p1-bind-oracle");
  mixer::test::write_file(dir / "bind.txt", stream);
  const std::string bin = std::string(MIXER_SHARED_DIR) + "/oracle/bin/";
  const std::string cmd = "'" + bin + "stream2pcap' '" + (dir / "bind.txt").string() + "' '" + (dir / "bind.pcap").string() +
                          "' >/dev/null 2>&1 && '" + bin + "check-pcap' '" + (dir / "bind.pcap").string() +
                          "' --expect 'P1 MTABindArgument' --expect 'P1 MTABindResult' >'" +
                          (dir / "out.txt").string() + "' 2>&1";
  const int rc = std::system(cmd.c_str());
  EXPECT_EQ(rc, 0) << mixer::test::read_file(dir / "out.txt");
}

}  // namespace
}  // namespace mixer::x400::asn
