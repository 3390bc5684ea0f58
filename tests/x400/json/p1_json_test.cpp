// x400/json: MTS-APDU and MTA-bind <-> JSON. Every value survives
// BER -> JSON text -> BER: byte for byte for our own (definite-length)
// encodings, as an equal decoded value for the real Isode values (indefinite
// lengths, constructed Content). Names are X.411's; the content of a type
// 2/22 message is shown decoded as well as raw; bad JSON gives the JSON path.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "common/json.hpp"
#include "tests/x400/asn/p1_samples.hpp"
#include "x400/asn/p1_apdu.hpp"
#include "x400/asn/p1_bind.hpp"
#include "x400/json/p1_json.hpp"
#include "x400/json/syntax_registry.hpp"

using namespace mixer;
using namespace mixer::x400::asn;
namespace xjson = mixer::x400::xjson;

namespace {

std::vector<std::uint8_t> read_data(const std::string& dir, const std::string& name) {
  std::ifstream in(std::string(MIXER_SOURCE_DIR) + "/tests/data/x400/" + dir + "/" + name, std::ios::binary);
  EXPECT_TRUE(in.good()) << name;
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::uint8_t> encoded(const MtsApdu& v) {
  auto b = encode_mts_apdu(v);
  EXPECT_TRUE(b.ok()) << (b.ok() ? "" : b.error().to_string());
  return b.ok() ? *b : std::vector<std::uint8_t>{};
}

// dump_ber -> JSON text -> parse -> encode_document.
struct Trip {
  json::Value doc;
  std::string text;
  std::vector<std::uint8_t> ber;
};

Trip through_json(const std::vector<std::uint8_t>& ber, const char* syntax) {
  Trip t;
  auto doc = xjson::dump_ber(syntax, ber);
  EXPECT_TRUE(doc.ok()) << syntax << ": " << (doc.ok() ? "" : doc.error());
  if (!doc.ok()) return t;
  t.doc = *doc;
  t.text = json::write(*doc, {.indent = 2});
  auto parsed = json::parse(t.text);
  EXPECT_TRUE(parsed.ok());
  auto back = xjson::encode_document(*parsed);
  EXPECT_TRUE(back.ok()) << syntax << ": " << (back.ok() ? "" : back.error()) << "\n" << t.text;
  if (back.ok()) t.ber = *back;
  return t;
}

std::string encode_error(const json::Value& doc) {
  auto r = xjson::encode_document(doc);
  EXPECT_FALSE(r.ok()) << json::write(doc);
  return r.ok() ? "" : r.error();
}

json::Value parse(const std::string& text) {
  auto v = json::parse(text);
  EXPECT_TRUE(v.ok()) << text;
  return v.ok() ? *v : json::Value();
}

// The member at a dotted path of object keys and array indexes ("a.0.b").
json::Value* at(json::Value& v, const std::string& path) {
  json::Value* cur = &v;
  std::size_t start = 0;
  while (cur && start <= path.size()) {
    const auto dot = path.find('.', start);
    const std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (cur->is_array()) {
      const auto i = std::stoul(key);
      cur = i < cur->as_array().size() ? &cur->as_array()[i] : nullptr;
    } else {
      cur = cur->find(key);
    }
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  EXPECT_NE(cur, nullptr) << path;
  return cur;
}

// Removes member `key` from the object `obj`.
void erase(json::Value& obj, const std::string& key) {
  auto& o = obj.as_object();
  for (auto it = o.begin(); it != o.end(); ++it)
    if (it->key == key) {
      o.erase(it);
      return;
    }
  ADD_FAILURE() << "no member " << key;
}

}  // namespace

TEST(P1Json, GeneratedValuesWithEveryFieldRoundTripByteForByte) {
  const std::pair<const char*, MtsApdu> cases[] = {
      {"full message", samples::message(5, "hello\r\n")},
      {"minimal message", samples::message(1, "", false)},
      {"report", samples::report()},
      {"probe", samples::probe()},
  };
  for (const auto& [what, value] : cases) {
    const auto ber = encoded(value);
    const Trip t = through_json(ber, "mts-apdu");
    EXPECT_EQ(t.ber, ber) << what << "\n" << t.text;
    auto back = decode_mts_apdu(t.ber);
    ASSERT_TRUE(back.ok()) << what;
    EXPECT_TRUE(*back == value) << what;
  }
}

TEST(P1Json, RealIsodeValuesRoundTrip) {
  // The P772 MTS-APDU uses indefinite lengths and a constructed Content: the
  // JSON keeps every value, our re-encoding is definite-length, so the
  // decoded values are compared; the re-encoding then round-trips exactly.
  const auto real = read_data("p1", "isode-p772-mts-apdu.ber");
  const Trip t = through_json(real, "mts-apdu");
  auto a = decode_mts_apdu(real);
  auto b = decode_mts_apdu(t.ber);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(*a == *b);
  EXPECT_EQ(through_json(t.ber, "mts-apdu").ber, t.ber);
  EXPECT_NE(t.text.find("\"private-extension\""), std::string::npos);
  EXPECT_NE(t.text.find("\"internal-trace-information\""), std::string::npos);
  EXPECT_NE(t.text.find("\"extended\": \"1.3.26.0.4406.0.4.1\""), std::string::npos) << t.text;

  for (const char* name : {"isode-bind-argument.ber", "isode-bind-result.ber", "isode-bind-error-busy.ber",
                           "isode-bind-error-refuse.ber"}) {
    const auto bind = read_data("p1", name);
    const Trip bt = through_json(bind, "bind");
    EXPECT_EQ(bt.ber, bind) << name << "\n" << bt.text;
  }
}

TEST(P1Json, FieldNamesAreTheX411Ones) {
  const Trip m = through_json(encoded(samples::message(2, "hi")), "mts-apdu");
  json::Value doc = m.doc;
  json::Value& env = *at(doc, "mts-apdu.message.envelope");
  for (const char* key :
       {"message-identifier", "originator-name", "original-encoded-information-types", "content-type",
        "content-identifier", "priority", "per-message-indicators", "deferred-delivery-time",
        "per-domain-bilateral-information", "trace-information", "extensions", "per-recipient-fields"})
    EXPECT_NE(env.find(key), nullptr) << key;
  EXPECT_EQ(env.find("priority")->as_string(), "urgent");
  EXPECT_EQ(json::write(*env.find("per-message-indicators")),
            R"(["alternate-recipient-allowed","content-return-request"])");
  EXPECT_EQ(json::write(*env.find("content-type")), R"({"built-in":22})");
  EXPECT_EQ(json::write(*at(env, "message-identifier")),
            R"({"global-domain-identifier":{"country-name":"GB","administration-domain-name":" ",)"
            R"("private-domain-identifier":"ACME"},"local-identifier":"msg-0001"})");
  json::Value& rcpt = *at(env, "per-recipient-fields.0");
  EXPECT_EQ(json::write(*rcpt.find("per-recipient-indicators")), R"(["responsibility","originating-MTA-report"])");
  EXPECT_EQ(rcpt.find("explicit-conversion")->as_string(), "teletex-to-ia5-text");
  EXPECT_EQ(at(rcpt, "recipient-name.personal-name.surname")->as_string(), "Rcpt1");
  EXPECT_EQ(json::write(*at(env, "trace-information.0.domain-supplied-information.other-actions")),
            R"(["dl-operation"])");
  EXPECT_EQ(at(env, "trace-information.0.domain-supplied-information.routing-action")->as_string(), "rerouted");
  EXPECT_EQ(json::write(*at(env, "per-domain-bilateral-information.1")),
            R"({"country-name":{"numeric":"826"},"administration-domain-name":"ADMD",)"
            R"("private-domain-identifier":"PRMD","bilateral-information":{"ber":"0500"}})");

  // Extensions: type by X.411 name, criticality by bit name, raw value plus typed view.
  json::Value& x = *at(env, "extensions");
  EXPECT_EQ(json::write(x.as_array()[0]),
            R"({"standard-extension":"recipient-reassignment-prohibited","criticality":["for-delivery"],)"
            R"("value":{"ber":"0a0101"},"decoded":"recipient-reassignment-prohibited"})");
  EXPECT_EQ(json::write(x.as_array()[1]),
            R"({"standard-extension":"latest-delivery-time","value":{"ber":"170d3236313132343132303030305a"},)"
            R"("decoded":"261124120000Z"})");
  EXPECT_EQ(json::write(x.as_array()[2]),
            R"({"standard-extension":"content-correlator","type-form":"explicit-1988",)"
            R"("value":{"ber":"1603616263"},"decoded":{"ia5text":"abc"}})");
  EXPECT_EQ(json::write(x.as_array()[3]), R"({"private-extension":"1.3.26.0.4406.0.8.0"})");
  EXPECT_EQ(at(x, "4.decoded.0.mta-name")->as_string(), "mta.acme");
  EXPECT_EQ(at(x, "4.decoded.0.mta-supplied-information.attempted-mta")->as_string(), "next.acme");

  // Content type 22: the IPM is shown decoded beside its octets.
  json::Value& content = *at(doc, "mts-apdu.message.content");
  EXPECT_NE(content.find("hex"), nullptr);
  EXPECT_EQ(at(content, "information-object.ipm.body.0.ia5-text.data")->as_string(), "hi");

  // Report: delivery and non-delivery per-recipient fields.
  json::Value rep = through_json(encoded(samples::report()), "mts-apdu").doc;
  json::Value& rc = *at(rep, "mts-apdu.report.content");
  EXPECT_EQ(json::write(*at(rc, "per-recipient-fields.0.last-trace-information.report-type")),
            R"({"delivery":{"message-delivery-time":"261123120500Z","type-of-MTS-user":"ms"}})");
  EXPECT_EQ(json::write(*at(rc, "per-recipient-fields.1.last-trace-information.report-type")),
            R"({"non-delivery":{"non-delivery-reason-code":"unable-to-transfer",)"
            R"("non-delivery-diagnostic-code":"unrecognised-OR-name"}})");
  EXPECT_EQ(at(rc, "per-recipient-fields.1.supplementary-information")->as_string(), "no such user");
  EXPECT_EQ(at(rc, "returned-content.information-object.ipm.body.0.ia5-text.data")->as_string(),
            "returned content");
  EXPECT_EQ(json::write(*at(rc, "additional-information")), R"({"ber":"820100"})");
  EXPECT_EQ(at(rep, "mts-apdu.report.envelope.extensions.0.standard-extension")->as_string(), "reporting-MTA-name");
  EXPECT_EQ(json::write(*at(rep, "mts-apdu.report.envelope.extensions.0.decoded")),
            R"({"domain":{"country-name":"GB","administration-domain-name":" ","private-domain-identifier":"ACME"},)"
            R"("mta-name":"mta.acme"})");

  json::Value probe = through_json(encoded(samples::probe()), "mts-apdu").doc;
  EXPECT_EQ(at(probe, "mts-apdu.probe.content-length")->as_int(), 4096);
  EXPECT_EQ(at(probe, "mts-apdu.probe.probe-identifier.local-identifier")->as_string(), "probe-1");
}

TEST(P1Json, DecodedViewsAloneAreEncoded) {
  // A hand-written document may give only the typed views: the content as
  // an IPM and extension values as typed JSON.
  const MtsApdu value = samples::message(1, "typed");
  json::Value doc = through_json(encoded(value), "mts-apdu").doc;
  erase(*at(doc, "mts-apdu.message.content"), "hex");
  for (auto& x : at(doc, "mts-apdu.message.envelope.extensions")->as_array())
    if (x.find("decoded")) erase(x, "value");
  auto ber = xjson::encode_document(doc);
  ASSERT_TRUE(ber.ok()) << ber.error();
  EXPECT_EQ(*ber, encoded(value));

  // originator-return-address (an ORAddress) and trace-information as typed values.
  json::Value ext = parse(R"({"standard-extension": "originator-return-address",
      "decoded": {"country-name": "GB", "administration-domain-name": " ", "organization-name": "Acme"}})");
  json::Value trace = parse(R"({"standard-extension": 37, "decoded": [{"global-domain-identifier":
      {"country-name": "GB", "administration-domain-name": " "}, "domain-supplied-information":
      {"arrival-time": "261123120000Z", "routing-action": "relayed"}}]})");
  json::Value dl = parse(R"({"standard-extension": "dl-expansion-history", "decoded": [{"address":
      {"country-name": "GB", "administration-domain-name": " ", "common-name": "all-staff"},
      "dl-expansion-time": "261123120000Z"}]})");
  at(doc, "mts-apdu.message.envelope.extensions")->push(ext);
  at(doc, "mts-apdu.message.envelope.extensions")->push(trace);
  at(doc, "mts-apdu.message.envelope.extensions")->push(dl);
  auto with = xjson::encode_document(doc);
  ASSERT_TRUE(with.ok()) << with.error();
  auto m = decode_mts_apdu(*with);
  ASSERT_TRUE(m.ok());
  const auto& xs = std::get<Message>(*m).envelope.extensions;
  ASSERT_EQ(xs.size(), 8u);
  EXPECT_EQ(xs[5].standard, std_ext::kOriginatorReturnAddress);
  json::Value dumped = through_json(*with, "mts-apdu").doc;
  EXPECT_EQ(at(dumped, "mts-apdu.message.envelope.extensions.5.decoded.organization-name")->as_string(), "Acme");
  EXPECT_EQ(at(dumped, "mts-apdu.message.envelope.extensions.6.standard-extension")->as_string(), "trace-information");
  EXPECT_EQ(at(dumped, "mts-apdu.message.envelope.extensions.6.decoded.0.domain-supplied-information.arrival-time")
                ->as_string(),
            "261123120000Z");
  EXPECT_TRUE(*at(dumped, "mts-apdu.message.envelope.extensions.7.decoded") == *dl.find("decoded"));
  // A typed view that does not fit its type is an error naming the member.
  *at(doc, "mts-apdu.message.envelope.extensions.7.decoded.0.dl-expansion-time") = json::Value("soon");
  EXPECT_EQ(encode_error(doc),
            "$.mts-apdu.message.envelope.extensions[7].decoded[0].dl-expansion-time: \"soon\" is not a valid "
            "UTCTime (YYMMDDhhmm[ss]Z)");
}

TEST(P1Json, NonCanonicalInputKeepsItsValue) {
  // Indefinite outer length (as PP and Isode send): the JSON is the same as
  // for the definite form, and encodes to the definite form.
  const auto definite = encoded(samples::message(1, "x", false));
  ASSERT_EQ(definite[0], 0xa0);
  const std::size_t header = 2 + (definite[1] & 0x80 ? definite[1] & 0x7f : 0);  // X.690 8.1.3
  std::vector<std::uint8_t> indefinite = {0xa0, 0x80};
  indefinite.insert(indefinite.end(), definite.begin() + static_cast<std::ptrdiff_t>(header), definite.end());
  indefinite.insert(indefinite.end(), {0x00, 0x00});
  const Trip a = through_json(definite, "mts-apdu");
  const Trip b = through_json(indefinite, "mts-apdu");
  EXPECT_TRUE(a.doc == b.doc);
  EXPECT_EQ(b.ber, definite);
}

TEST(P1Json, BindValuesInBothWrappings) {
  for (BindWrapping w : {BindWrapping::bind_macro, BindWrapping::bare}) {
    MtaBindArgument arg;
    arg.authenticated = MtaAuthenticated{"MTA-A", {MtaCredentials::Kind::simple_ia5, "secret", {}}, std::nullopt};
    MtaBindResult res;
    res.authenticated =
        MtaAuthenticated{"MTA-B", {MtaCredentials::Kind::simple_octets, std::string("\x01\xff", 2), {}}, std::nullopt};
    const auto arg_ber = *encode_mta_bind_argument(arg, w);
    const auto res_ber = *encode_mta_bind_result(res, w);
    const auto unauth_ber = *encode_mta_bind_argument(MtaBindArgument{}, w);
    const auto err_ber = *encode_mta_bind_error(MtaBindError::unacceptable_dialogue_mode, w);
    const auto odd_err_ber = *encode_mta_bind_error(static_cast<MtaBindError>(9), w);
    const Trip ta = through_json(arg_ber, "bind-argument");
    EXPECT_EQ(ta.ber, arg_ber);
    EXPECT_EQ(through_json(res_ber, "bind-result").ber, res_ber);
    EXPECT_EQ(through_json(unauth_ber, "bind-argument").ber, unauth_ber);
    EXPECT_EQ(through_json(err_ber, "bind-error").ber, err_ber);
    EXPECT_EQ(through_json(odd_err_ber, "bind-error").ber, odd_err_ber);
    const char* wrapping = w == BindWrapping::bare ? "bare" : "bind-macro";
    EXPECT_EQ(json::write(ta.doc), std::string(R"({"bind-argument":{"wrapping":")") + wrapping +
                                       R"(","value":{"authenticated":{"initiator-name":"MTA-A",)"
                                       R"("initiator-credentials":{"simple":{"ia5-string":"secret"}}}}}})");
    json::Value rd = through_json(res_ber, "bind-result").doc;
    EXPECT_EQ(json::write(*at(rd, "bind-result.value.authenticated.responder-credentials")),
              R"({"simple":{"octet-string":{"hex":"01ff"}}})");
    json::Value unauth = through_json(unauth_ber, "bind-argument").doc;
    EXPECT_EQ(json::write(*at(unauth, "bind-argument.value")), R"({"unauthenticated":null})");
    json::Value err = through_json(err_ber, "bind").doc;
    EXPECT_EQ(json::write(*at(err, "bind-error.value")), R"("unacceptable-dialogue-mode")");
    json::Value odd = through_json(odd_err_ber, "bind").doc;
    EXPECT_EQ(at(odd, "bind-error.value")->as_int(), 9);
  }
  // --as bind picks the PDU by the BIND-macro wrapper tag.
  EXPECT_NE(through_json(read_data("p1", "isode-bind-result.ber"), "bind").doc.find("bind-result"), nullptr);
  EXPECT_NE(through_json(read_data("p1", "isode-bind-argument.ber"), "bind").doc.find("bind-argument"), nullptr);
  json::Value refuse = through_json(read_data("p1", "isode-bind-error-refuse.ber"), "bind").doc;
  EXPECT_EQ(json::write(refuse), R"({"bind-error":{"wrapping":"bind-macro","value":"authentication-error"}})");
}

TEST(P1Json, EditsThatDisagreeWithTheRawFormAreRefused) {
  json::Value doc = through_json(encoded(samples::message(1, "hi")), "mts-apdu").doc;
  json::Value edited = doc;
  *at(edited, "mts-apdu.message.content.information-object.ipm.body.0.ia5-text.data") = json::Value("changed");
  EXPECT_EQ(encode_error(edited),
            "$.mts-apdu.message.content.information-object: disagrees with \"hex\" (edit one of them and remove "
            "the other)");
  json::Value ext = doc;
  *at(ext, "mts-apdu.message.envelope.extensions.1.decoded") = json::Value("270101000000Z");
  EXPECT_EQ(encode_error(ext),
            "$.mts-apdu.message.envelope.extensions[1].decoded: disagrees with \"value\" (edit one of them and "
            "remove the other)");
}

TEST(P1Json, BadJsonValuesNameTheirPath) {
  json::Value doc = through_json(encoded(samples::report()), "mts-apdu").doc;
  const std::pair<std::string, json::Value> edits[] = {
      {"mts-apdu.report.content.per-recipient-fields.1.last-trace-information.report-type.non-delivery."
       "non-delivery-reason-code",
       json::Value("no-such-reason")},
      {"mts-apdu.report.content.per-recipient-fields.0.last-trace-information.report-type.delivery.type-of-MTS-user",
       json::Value("robot")},
      {"mts-apdu.report.envelope.report-identifier.local-identifier", json::Value(7)},
      {"mts-apdu.report.content.per-recipient-fields.0.per-recipient-indicators", parse(R"(["responsibilty"])")},
      {"mts-apdu.report.envelope.trace-information.0.domain-supplied-information.arrival-time",
       json::Value("yesterday")},
  };
  const char* expected[] = {
      "$.mts-apdu.report.content.per-recipient-fields[1].last-trace-information.report-type.non-delivery."
      "non-delivery-reason-code: unknown name \"no-such-reason\" (give an X.411 name or a number)",
      "$.mts-apdu.report.content.per-recipient-fields[0].last-trace-information.report-type.delivery."
      "type-of-MTS-user: unknown value \"robot\" (expected one of: public, private, ms, dl, pdau, "
      "physical-recipient, other, or an integer)",
      "$.mts-apdu.report.envelope.report-identifier.local-identifier: expected a string, got integer",
      "$.mts-apdu.report.content.per-recipient-fields[0].per-recipient-indicators[0]: unknown bit name "
      "\"responsibilty\"",
      "$.mts-apdu.report.envelope.trace-information[0].domain-supplied-information.arrival-time: \"yesterday\" is "
      "not a valid UTCTime (YYMMDDhhmm[ss]Z)",
  };
  for (std::size_t i = 0; i < std::size(edits); ++i) {
    json::Value bad = doc;
    *at(bad, edits[i].first) = edits[i].second;
    EXPECT_EQ(encode_error(bad), expected[i]);
  }
  EXPECT_EQ(encode_error(parse(R"({"mts-apdu": {"message": {"envelope": {}, "content": {"hex": ""}, "x": 1}}})")),
            "$.mts-apdu.message.x: unknown member (expected one of: envelope, content)");
  EXPECT_EQ(encode_error(parse(R"({"mts-apdu": {"message": {}, "probe": {}}})")),
            "$.mts-apdu: expected exactly one of \"message\", \"report\" and \"probe\"");
  EXPECT_EQ(encode_error(parse(R"({"bind-argument": {"value": {"authenticated": {"initiator-name": "",
      "initiator-credentials": {"simple": {"ia5-string": "x"}}}}}})")),
            "$.bind-argument.value.authenticated.initiator-name: MTAName length outside 1..32 (ub-mta-name-length)");
  EXPECT_EQ(encode_error(parse(R"({"bind-error": {"value": "bored"}})")).substr(0, 43),
            "$.bind-error.value: unknown MTABindError \"b");
  EXPECT_EQ(encode_error(parse(R"({"bind-result": {"wrapping": "x400", "value": {"unauthenticated": null}}})")),
            "$.bind-result.wrapping: expected \"bind-macro\" or \"bare\"");
  EXPECT_EQ(encode_error(parse(R"({"p2": {}})")).substr(0, 29), "$.p2: unknown syntax (expecte");
}

TEST(P1Json, MalformedBerNamesPathAndOffset) {
  const auto good = encoded(samples::message(2, "hello"));
  const std::vector<std::uint8_t> cut(good.begin(), good.begin() + 40);
  auto r = xjson::dump_ber("mts-apdu", cut);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("MTS-APDU"), std::string::npos) << r.error();
  EXPECT_NE(r.error().find("offset"), std::string::npos) << r.error();
  auto b = xjson::dump_ber("bind", std::vector<std::uint8_t>{0xb0, 0x03, 0x02, 0x01});
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.error().find("offset"), std::string::npos) << b.error();
  // A content that does not decode as its content type says is shown, not fatal.
  MtsApdu odd = samples::message(1, "x", false);
  std::get<Message>(odd).content = SharedBytes::copy(std::string_view("not BER"));
  json::Value doc = through_json(encoded(odd), "mts-apdu").doc;
  EXPECT_NE(at(doc, "mts-apdu.message.content")->find("information-object-error"), nullptr);
}

TEST(P1Json, EveryTruncationAndByteFlipGivesAnErrorOrAValueThatRoundTrips) {
  // What the CLI does with hostile input: dump either fails with a message or
  // gives JSON that encodes again (runs under ASan in CI).
  const auto good = encoded(samples::message(1, "abc"));
  auto check = [](const std::vector<std::uint8_t>& bytes) {
    auto d = xjson::dump_ber("mts-apdu", bytes);
    if (!d.ok()) {
      EXPECT_FALSE(d.error().empty());
      return;
    }
    auto e = xjson::encode_document(*d);
    EXPECT_TRUE(e.ok()) << (e.ok() ? "" : e.error());
  };
  for (std::size_t n = 0; n < good.size(); ++n)
    check(std::vector<std::uint8_t>(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(n)));
  for (std::size_t i = 0; i < good.size(); ++i)
    for (std::uint8_t flip : {0x01, 0x80, 0xff}) {
      auto bad = good;
      bad[i] ^= flip;
      check(bad);
    }
}
