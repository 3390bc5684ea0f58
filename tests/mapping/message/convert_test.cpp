// Whole-message conversion (mapping/message/convert.hpp), both directions:
// envelope fields and MIXER headers, round trips through BER, refusals.
#include "mapping/message/convert.hpp"

#include <gtest/gtest.h>

#include "mapping/address/std_or.hpp"
#include "mapping/message/envelope_extensions.hpp"
#include "mapping/mime/parser.hpp"
#include "tests/mapping/message/message_test_support.hpp"
#include "x400/asn/p22_codec.hpp"
#include "x400/asn/p22_extensions.hpp"

namespace mixer::mapping::message {
namespace {

using namespace test_support;
namespace asn = x400::asn;
namespace p22 = x400::p22;
namespace pri = asn::per_recipient_indicator;
namespace pmi = asn::per_message_indicator;

const char* kFullMessage =
    "X400-Received: by /C=DE/ADMD=DBP/PRMD=ACME/; Relayed; Mon, 23 Nov 2026 11:58:00 +0000\r\n"
    "X400-Received: by /C=FR/ADMD=ATLAS/; deferred until Mon, 23 Nov 2026 11:30:00 +0000; converted "
    "(IA5-Text); Relayed, Expanded; Mon, 23 Nov 2026 11:00:00 +0000\r\n"
    "X400-MTS-Identifier: [/C=FR/ADMD=ATLAS/;abc123.x]\r\n"
    "X400-Content-Identifier: budget-2027\r\n"
    "Priority: urgent\r\n"
    "Original-Encoded-Information-Types: IA5-Text\r\n"
    "Deferred-Delivery: Mon, 23 Nov 2026 11:30:00 +0000\r\n"
    "Latest-Delivery-Time: Tue, 24 Nov 2026 12:00:00 +0000\r\n"
    "DL-Expansion-History: list@example.org ; Mon, 23 Nov 2026 11:00:00 +0000 ;\r\n"
    "Conversion: Prohibited\r\n"
    "Conversion-With-Loss: Prohibited\r\n"
    "Alternate-Recipient: Allowed\r\n"
    "Disclose-Recipients: Allowed\r\n"
    "From: Alice Example <alice@example.org>\r\n"
    "To: bob@example.net\r\n"
    "Subject: Budget\r\n"
    "Date: Mon, 23 Nov 2026 10:59:00 +0000\r\n"
    "Message-ID: <budget.1@example.org>\r\n"
    "X-Mailer: test 1.0\r\n"
    "\r\n"
    "Hello Bob,\r\nthe budget.\r\n";

SmtpEnvelope full_envelope() {
  SmtpEnvelope e;
  e.mail_from = "alice@example.org";
  e.recipients = {{"bob@example.net", "SUCCESS,FAILURE", ""}, {"carol@example.net", "NEVER", ""},
                  {"dave@example.net", "", ""}};
  e.ret = "FULL";
  return e;
}

TEST(MessageToX400, EnvelopeFieldsComeFromSmtpAndMixerHeaders) {
  auto ctx = context();
  auto o = options();
  auto m = to_x400(full_envelope(), kFullMessage, ctx, o);
  ASSERT_TRUE(m.ok()) << m.error().to_string();
  const auto& env = m->envelope;
  EXPECT_EQ(env.message_identifier.local_identifier, "abc123.x");
  EXPECT_EQ(env.message_identifier.global_domain_identifier.country_name.value, "FR");
  EXPECT_EQ(env.content_identifier, "budget-2027");
  EXPECT_EQ(env.priority, asn::Priority::urgent);
  EXPECT_EQ(env.content_type, asn::ContentType::builtin(22));
  ASSERT_TRUE(env.deferred_delivery_time);
  EXPECT_EQ(env.deferred_delivery_time->hour, 11);
  EXPECT_TRUE(env.per_message_indicators.test(pmi::kImplicitConversionProhibited));
  EXPECT_TRUE(env.per_message_indicators.test(pmi::kAlternateRecipientAllowed));
  EXPECT_TRUE(env.per_message_indicators.test(pmi::kDisclosureOfOtherRecipients));
  EXPECT_TRUE(env.per_message_indicators.test(pmi::kContentReturnRequest));  // RET=FULL
  ASSERT_TRUE(env.original_encoded_information_types);
  EXPECT_TRUE(env.original_encoded_information_types->built_in.test(asn::EncodedInformationTypes::kIa5Text));
  // Trace: the two X400-Received (oldest first) and the gateway's own element.
  ASSERT_EQ(env.trace_information.size(), 3u);
  EXPECT_EQ(env.trace_information[0].global_domain_identifier.country_name.value, "FR");
  EXPECT_TRUE(env.trace_information[0].domain_supplied_information.other_actions.test(1));
  EXPECT_TRUE(env.trace_information[0].domain_supplied_information.converted_encoded_information_types);
  EXPECT_EQ(env.trace_information[1].global_domain_identifier.country_name.value, "DE");
  EXPECT_EQ(env.trace_information[2].global_domain_identifier.private_domain_identifier->value, "GW");
  EXPECT_EQ(env.trace_information[2].domain_supplied_information.arrival_time.to_unix(), o.now);
  // Extensions: latest delivery time, DL history, conversion with loss prohibited.
  auto* cwl = find_standard(env.extensions, asn::std_ext::kConversionWithLossProhibited);
  ASSERT_NE(cwl, nullptr);
  EXPECT_EQ(decode_conversion_with_loss_prohibited(*cwl->value), true);
  auto* ldt = find_standard(env.extensions, asn::std_ext::kLatestDeliveryTime);
  ASSERT_NE(ldt, nullptr);
  EXPECT_EQ(decode_latest_delivery_time(*ldt->value)->day, 24);
  auto* dl = find_standard(env.extensions, asn::std_ext::kDlExpansionHistory);
  ASSERT_NE(dl, nullptr);
  auto hist = decode_dl_expansion_history(*dl->value);
  ASSERT_TRUE(hist);
  ASSERT_EQ(hist->size(), 1u);
  // Recipients: NOTIFY -> report bits; no NOTIFY -> non-delivery only.
  ASSERT_EQ(env.per_recipient_fields.size(), 3u);
  const auto& r0 = env.per_recipient_fields[0].per_recipient_indicators;
  EXPECT_TRUE(r0.test(pri::kResponsibility));
  EXPECT_TRUE(r0.test(pri::kOriginatorReport));  // "report" = delivery and non-delivery (X.411 12.2.1.1.1.x)
  EXPECT_TRUE(r0.test(pri::kOriginatingMtaReport));
  const auto& r1 = env.per_recipient_fields[1].per_recipient_indicators;
  EXPECT_FALSE(r1.test(pri::kOriginatorReport));
  EXPECT_FALSE(r1.test(pri::kOriginatorNonDeliveryReport));
  const auto& r2 = env.per_recipient_fields[2].per_recipient_indicators;
  EXPECT_FALSE(r2.test(pri::kOriginatorReport));
  EXPECT_TRUE(r2.test(pri::kOriginatorNonDeliveryReport));
  EXPECT_EQ(env.per_recipient_fields[2].originally_specified_recipient_number, 3);
  EXPECT_EQ(*address::print_std_or(env.originator_name.address),
            *address::print_std_or(*address::parse_std_or("/RFC-822=alice(a)example.org/O=MIXER/PRMD=GW/ADMD=BT/C=GB/")));
  // The whole MTS-APDU is clean for tshark.
  auto verdict = judge(encode(without_heading_list(*m)), "mts-apdu");
  EXPECT_EQ(verdict.exit_code, 0) << verdict.out << verdict.err;
}

TEST(MessageToX400, RoundTripRestoresHeadersAndAddsGatewayTrace) {
  auto ctx = context();
  auto o = options();
  auto m = to_x400(full_envelope(), kFullMessage, ctx, o);
  ASSERT_TRUE(m.ok()) << m.error().to_string();
  auto decoded = through_ber(*m);
  EXPECT_EQ(decoded, *m);
  auto back = to_internet(decoded, ctx, o);
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  auto parsed = mime::parse_message(back->content);
  ASSERT_TRUE(parsed.ok());
  auto got = pairs(parsed->headers);
  auto want = pairs(mime::parse_message(std::string(kFullMessage))->headers);
  // Every original field is back, in order, with its value.
  std::size_t at = 0;
  for (const auto& w : want) {
    auto it = std::find(got.begin() + static_cast<std::ptrdiff_t>(at), got.end(), w);
    if (w.first == "X400-Received") it = std::find(got.begin(), got.end(), w);
    EXPECT_NE(it, got.end()) << w.first << ": " << w.second;
  }
  // The gateway's own trace element comes back as the newest X400-Received.
  EXPECT_EQ(parsed->headers.get("X400-Received"),
            "by /C=GB/ADMD=BT/PRMD=GW/; Relayed; Mon, 23 Nov 2026 12:00:00 +0000");
  EXPECT_EQ(parsed->headers.find_all("X400-Received").size(), 3u);
  EXPECT_EQ(parsed->headers.get("Received"),
            "by gw.example.org (mixer mixer-test) with X400; Mon, 23 Nov 2026 12:00:00 +0000");
  EXPECT_EQ(parsed->body.bytes, "Hello Bob,\r\nthe budget.\r\n");
  // SMTP envelope back: the responsible recipients with their NOTIFY.
  ASSERT_EQ(back->envelope.recipients.size(), 3u);
  EXPECT_EQ(back->envelope.mail_from, "alice@example.org");
  EXPECT_EQ(back->envelope.recipients[0].address, "bob@example.net");
  EXPECT_EQ(back->envelope.recipients[0].notify, "SUCCESS,FAILURE");
  EXPECT_EQ(back->envelope.recipients[1].notify, "NEVER");
  EXPECT_EQ(back->envelope.recipients[2].notify, "FAILURE");
  EXPECT_EQ(back->envelope.ret, "FULL");
  EXPECT_EQ(back->envelope.envid, "[/C+3DFR/ADMD+3DATLAS/;abc123.x]");  // xtext (RFC 3461 §4)
  EXPECT_EQ(back->envelope.recipients[0].orcpt.rfind("x400;", 0), 0u);
}

TEST(MessageToX400, MtsIdentifierDerivedFromMessageIdOrUniqueWithout) {
  auto ctx = context();
  auto o = options();
  SmtpEnvelope e{"a@example.org", {{"b@example.net", "", ""}}, "", "", false, false};
  auto m = to_x400(e, "Message-ID: <short@x.org>\r\n\r\nhi\r\n", ctx, o);
  ASSERT_TRUE(m.ok()) << m.error().to_string();
  EXPECT_EQ(m->envelope.message_identifier.local_identifier, "short@x.org");
  EXPECT_EQ(m->envelope.message_identifier.global_domain_identifier.country_name.value, "GB");
  auto a = to_x400(e, "Subject: one\r\n\r\nhi\r\n", ctx, o);
  auto b = to_x400(e, "Subject: two\r\n\r\nhi\r\n", ctx, o);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->envelope.message_identifier, b->envelope.message_identifier);
  EXPECT_LE(a->envelope.message_identifier.local_identifier.size(), 32u);
}

TEST(MessageToX400, NullReversePathIsTheGatewayAndRequestsNoReports) {
  auto ctx = context();
  SmtpEnvelope e{"", {{"b@example.net", "", ""}}, "", "FULL", false, false};
  auto m = to_x400(e, "Subject: bounce\r\n\r\nhi\r\n", ctx, options());
  ASSERT_TRUE(m.ok()) << m.error().to_string();
  EXPECT_EQ(m->envelope.originator_name.address, ctx.local_or);
  const auto& bits = m->envelope.per_recipient_fields[0].per_recipient_indicators;
  EXPECT_FALSE(bits.test(pri::kOriginatorNonDeliveryReport));
  EXPECT_FALSE(bits.test(pri::kOriginatorReport));
  EXPECT_FALSE(m->envelope.per_message_indicators.test(pmi::kContentReturnRequest));
}

TEST(MessageToX400, P2WhenAllowedAndTheIpmFits) {
  auto ctx = context();
  auto o = options();
  o.allow_p2 = true;
  SmtpEnvelope e{"a@example.org", {{"b@example.net", "", ""}}, "", "", false, false};
  auto m = to_x400(e, "From: a@example.org\r\n\r\nhi\r\n", ctx, o);
  ASSERT_TRUE(m.ok()) << m.error().to_string();
  EXPECT_EQ(m->envelope.content_type, asn::ContentType::builtin(2));
  // A heading list extension does not fit X.420 (1984): 22.
  auto n = to_x400(e, "From: a@example.org\r\nX-Other: 1\r\n\r\nhi\r\n", ctx, o);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->envelope.content_type, asn::ContentType::builtin(22));
}

TEST(MessageToX400, BadInputGivesClearFailures) {
  auto ctx = context();
  auto o = options();
  SmtpEnvelope bad_notify{"a@example.org", {{"b@example.net", "SOMETIMES", ""}}, "", "", false, false};
  auto f = to_x400(bad_notify, "Subject: x\r\n\r\nhi\r\n", ctx, o);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().where, "envelope.recipients[0].notify");
  EXPECT_EQ(f.error().diagnostic, report::NonDeliveryDiagnostic::invalid_arguments);
  SmtpEnvelope bad_rcpt{"a@example.org", {{"not an address", "", ""}}, "", "", false, false};
  auto g = to_x400(bad_rcpt, "Subject: x\r\n\r\nhi\r\n", ctx, o);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.error().where, "envelope.recipients[0]");
  SmtpEnvelope none{"a@example.org", {}, "", "", false, false};
  EXPECT_FALSE(to_x400(none, "Subject: x\r\n\r\nhi\r\n", ctx, o).ok());
  // A header line beyond the MIME limit is a content syntax error, not a crash.
  o.mime_limits.max_header_line = 998;
  SmtpEnvelope ok{"a@example.org", {{"b@example.net", "", ""}}, "", "", false, false};
  auto h = to_x400(ok, "Subject: " + std::string(5000, 'x') + "\r\n\r\nhi\r\n", ctx, o);
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.error().diagnostic, report::NonDeliveryDiagnostic::content_syntax_error);
}

// ---- X.400 -> Internet ----

asn::Message x400_message(std::vector<p22::BodyPart> body) {
  auto o = options();
  asn::Message m;
  auto& env = m.envelope;
  env.message_identifier.global_domain_identifier = {{"DE", false}, {"DBP", false}, x400::NumericOrPrintable{"ACME", false}};
  env.message_identifier.local_identifier = "DE.4711";
  env.originator_name.address = *address::parse_std_or("/G=Hans/S=Meier/O=ACME/PRMD=ACME/ADMD=DBP/C=DE/");
  env.content_type = asn::ContentType::builtin(22);
  env.content_identifier = "order 12";
  env.priority = asn::Priority::non_urgent;
  env.per_message_indicators.set(pmi::kDisclosureOfOtherRecipients);
  env.per_message_indicators.set(pmi::kContentReturnRequest);
  asn::TraceInformationElement t;
  t.global_domain_identifier = env.message_identifier.global_domain_identifier;
  t.domain_supplied_information.arrival_time = x400::ber::Time::from_unix(o.now - 60, x400::ber::TimeKind::utc_time);
  env.trace_information.push_back(t);
  env.extensions.push_back(latest_delivery_time_extension(x400::ber::Time::from_unix(o.now + 86400, x400::ber::TimeKind::utc_time)));
  for (std::string s : {"/S=Smith/O=GW/PRMD=GW/ADMD=BT/C=GB/", "/S=Jones/O=Other/PRMD=ELSE/ADMD=BT/C=GB/"}) {
    asn::PerRecipientTransferFields r;
    r.recipient_name.address = *address::parse_std_or(s);
    r.originally_specified_recipient_number = static_cast<std::int64_t>(env.per_recipient_fields.size() + 1);
    r.per_recipient_indicators.set(pri::kResponsibility, env.per_recipient_fields.empty());
    r.per_recipient_indicators.set(pri::kOriginatorReport);
    r.per_recipient_indicators.set(pri::kOriginatorNonDeliveryReport);
    r.per_recipient_indicators = asn::at_least_8_bits(r.per_recipient_indicators);
    env.per_recipient_fields.push_back(r);
  }
  p22::Ipm ipm;
  ipm.heading.this_ipm.user_relative_identifier = "4711";
  ipm.heading.this_ipm.user = x400::ORName{env.originator_name.address, std::nullopt};
  ipm.heading.originator = p22::OrDescriptor{env.originator_name, std::nullopt, std::nullopt};
  ipm.heading.subject = "Order";
  ipm.heading.importance = p22::Importance::high;
  ipm.body = std::move(body);
  auto bytes = p22::encode_information_object(p22::InformationObject{ipm});
  m.content = p22::SharedBytes::adopt(std::move(*bytes));
  return m;
}

p22::BodyPart ia5(std::string_view text) { return p22::Ia5TextBodyPart{std::nullopt, p22::SharedBytes::copy(text)}; }

TEST(MessageToInternet, EnvelopeBecomesSmtpEnvelopeAndMixerHeaders) {
  auto ctx = context();
  auto o = options();
  auto m = through_ber(x400_message({ia5("Dear Sir,\r\nplease ship.\r\n")}));
  auto r = to_internet(m, ctx, o);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  // Only the responsible recipient gets a RCPT TO.
  ASSERT_EQ(r->envelope.recipients.size(), 1u);
  EXPECT_EQ(r->envelope.recipients[0].notify, "SUCCESS,FAILURE");
  EXPECT_EQ(r->envelope.recipients[0].orcpt, "x400;/S+3DSmith/O+3DGW/PRMD+3DGW/ADMD+3DBT/C+3DGB/");
  EXPECT_EQ(r->envelope.ret, "FULL");
  EXPECT_EQ(r->envelope.envid, "[/C+3DDE/ADMD+3DDBP/PRMD+3DACME/;DE.4711]");
  EXPECT_FALSE(r->envelope.eight_bit);
  auto parsed = mime::parse_message(r->content);
  ASSERT_TRUE(parsed.ok());
  const auto& h = parsed->headers;
  EXPECT_EQ(h.get("X400-MTS-Identifier"), "[/C=DE/ADMD=DBP/PRMD=ACME/;DE.4711]");
  EXPECT_EQ(h.get("X400-Content-Type"), "P2-1988 (22)");
  EXPECT_EQ(h.get("X400-Content-Identifier"), "order 12");
  EXPECT_EQ(h.get("Priority"), "non-urgent");
  EXPECT_EQ(h.get("Disclose-Recipients"), "Allowed");
  EXPECT_EQ(h.get("X400-Content-Return"), "Allowed");
  EXPECT_EQ(h.get("Latest-Delivery-Time"), "Tue, 24 Nov 2026 12:00:00 +0000");
  EXPECT_EQ(h.get("X400-Received"), "by /C=DE/ADMD=DBP/PRMD=ACME/; Relayed; Mon, 23 Nov 2026 11:59:00 +0000");
  EXPECT_EQ(h.get("Date"), "Mon, 23 Nov 2026 11:59:00 +0000");
  EXPECT_EQ(h.get("Importance"), "high");
  EXPECT_EQ(h.get("Subject"), "Order");
  EXPECT_EQ(h.get("MIME-Version"), "1.0");
  EXPECT_TRUE(h.get("X400-Recipients"));
  EXPECT_EQ(parsed->body.bytes, "Dear Sir,\r\nplease ship.\r\n");
}

TEST(MessageToInternet, X400ToInternetToX400KeepsTheIpmAndEnvelope) {
  auto ctx = context();
  auto o = options();
  auto m = through_ber(x400_message({ia5("line one\r\nline two\r\n")}));
  auto r = to_internet(m, ctx, o);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  auto back = to_x400(r->envelope, r->content, ctx, o);
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  const auto& e0 = m.envelope;
  const auto& e1 = back->envelope;
  EXPECT_EQ(e1.message_identifier, e0.message_identifier);
  EXPECT_EQ(e1.originator_name, e0.originator_name);
  EXPECT_EQ(e1.content_identifier, e0.content_identifier);
  EXPECT_EQ(e1.priority, e0.priority);
  EXPECT_EQ(e1.per_message_indicators, e0.per_message_indicators);
  ASSERT_EQ(e1.trace_information.size(), 2u);
  EXPECT_EQ(e1.trace_information[0], e0.trace_information[0]);
  EXPECT_EQ(find_standard(e1.extensions, asn::std_ext::kLatestDeliveryTime)->value,
            find_standard(e0.extensions, asn::std_ext::kLatestDeliveryTime)->value);
  ASSERT_EQ(e1.per_recipient_fields.size(), 1u);
  EXPECT_EQ(e1.per_recipient_fields[0].recipient_name, e0.per_recipient_fields[0].recipient_name);
  // The IPM: heading and body equal, apart from the heading list that now
  // records the Internet-only fields (Date, Received).
  auto io0 = p22::decode_information_object(m.content.bytes());
  auto io1 = p22::decode_information_object(back->content.bytes());
  ASSERT_TRUE(io0.ok() && io1.ok());
  auto ipm0 = std::get<p22::Ipm>(*io0);
  auto ipm1 = std::get<p22::Ipm>(*io1);
  std::erase_if(ipm1.heading.extensions, [](const p22::IpmsExtension& e) { return p22::is_rfc822_field_list(e.type); });
  EXPECT_EQ(ipm1, ipm0);
}

TEST(MessageToInternet, NotificationIsLeftToTheReportsMapping) {
  asn::Message m = x400_message({});
  p22::Ipn ipn;
  ipn.subject_ipm.user_relative_identifier = "1";
  ipn.choice = p22::ReceiptFields{x400::ber::Time::from_unix(0, x400::ber::TimeKind::utc_time), {}, {}, {}};
  m.content = p22::SharedBytes::adopt(*p22::encode_information_object(p22::InformationObject{ipn}));
  EXPECT_EQ(classify(m), ContentClass::ipn);
  auto r = to_internet(m, context(), options());
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(is_notification(r.error()));
}

TEST(MessageToInternet, RefusesWhatItMustNotConvert) {
  auto ctx = context();
  auto o = options();
  // Unknown critical extension.
  auto m = x400_message({ia5("x")});
  asn::ExtensionField crit;
  crit.standard = asn::std_ext::kMessageSecurityLabel;
  crit.criticality.set(asn::criticality::kForTransfer);
  m.envelope.extensions.push_back(crit);
  auto r = to_internet(m, ctx, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().diagnostic, report::NonDeliveryDiagnostic::unsupported_critical_function);
  EXPECT_EQ(r.error().reason, report::NonDeliveryReason::unable_to_transfer);
  // Conversion prohibited and a Teletex body needs conversion.
  auto t = x400_message({p22::TeletexBodyPart{std::nullopt, std::nullopt, std::nullopt, {"Gr\xc8uss"}}});
  t.envelope.per_message_indicators.set(pmi::kImplicitConversionProhibited);
  auto s = to_internet(t, ctx, o);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().diagnostic, report::NonDeliveryDiagnostic::implicit_conversion_prohibited);
  // Not an IPM content type.
  auto u = x400_message({ia5("x")});
  u.envelope.content_type = asn::ContentType::builtin(35);
  EXPECT_EQ(classify(u), ContentClass::unsupported);
  auto v = to_internet(u, ctx, o);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().diagnostic, report::NonDeliveryDiagnostic::content_type_not_supported);
  // Garbage content.
  auto g = x400_message({ia5("x")});
  g.content = p22::SharedBytes::copy(std::string_view("\xa0\x05\x01"));
  auto w = to_internet(g, ctx, o);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error().diagnostic, report::NonDeliveryDiagnostic::content_syntax_error);
  // A non-critical unknown extension is listed, not refused.
  auto n = x400_message({ia5("x")});
  asn::ExtensionField soft;
  soft.standard = asn::std_ext::kContentCorrelator;
  n.envelope.extensions.push_back(soft);
  auto ok = to_internet(n, ctx, o);
  ASSERT_TRUE(ok.ok()) << ok.error().to_string();
  EXPECT_NE(ok->content.find("Discarded-X400-MTS-Extensions: content-correlator"), std::string::npos);
}

TEST(MessageToInternet, ZeroCopyDecodeKeepsBodyBytesInTheP1Buffer) {
  // 1 MiB IA5 body: converting it produces the MIME body once (no other copies
  // are observable here, but the result must be byte-identical).
  std::string big;
  for (int i = 0; i < 16384; ++i) big += std::string(62, static_cast<char>('a' + i % 26)) + "\r\n";
  auto m = through_ber(x400_message({ia5(big)}));
  auto r = to_internet(m, context(), options());
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  auto parsed = mime::parse_message(r->content);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->body.bytes, big);
}

}  // namespace
}  // namespace mixer::mapping::message
