// Fuzz target: DSN / MDN / multipart/report parsing (RFC 3464, RFC 8098,
// RFC 6522) and the DSN -> X.400 and MDN -> IPN mappings behind them. Any
// input gives a value or a ReportError that says why; never a crash, a hang
// or an exception. The first byte selects the entry point so one corpus
// covers all of them.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "mapping/address/std_or.hpp"
#include "mapping/report/dsn.hpp"
#include "mapping/report/dsn_params.hpp"
#include "mapping/report/dsn_to_x400.hpp"
#include "mapping/report/gateway_reports.hpp"
#include "mapping/report/ipn_mdn.hpp"
#include "mapping/report/mdn.hpp"
#include "mapping/report/multipart_report.hpp"
#include "x400/asn/p1_apdu.hpp"

using namespace mixer::mapping::report;

namespace {

template <typename R>
void check(const R& r) {
  if (!r.ok() && r.error().what.empty()) __builtin_trap();  // a failure must say why
}

void machine_part(std::string_view body, std::string_view type) {
  if (type == "message/delivery-status" || type == "message/global-delivery-status") {
    auto ds = parse_delivery_status(body);
    check(ds);
    if (!ds) return;
    // Printing and re-parsing must succeed and be stable.
    std::string printed = print_delivery_status(*ds);
    auto again = parse_delivery_status(printed);
    if (!again || print_delivery_status(*again) != printed) __builtin_trap();
    StoredSubject s;
    s.mts_id = "id";
    s.recipients.push_back({"a@b", {"x400", "/S=A/"}, std::nullopt, ReportRequest{true, false}});
    check(dsn_to_x400_report(*ds, s, "gw", Timestamp{}));
  } else {
    auto m = parse_disposition_notification(body);
    check(m);
    if (!m) return;
    auto again = parse_disposition_notification(print_disposition_notification(*m));
    if (!again) __builtin_trap();
    check(mdn_to_ipn(*m, Timestamp{}));
  }
}

// The whole SMTP -> X.400 report path the P1 side calls: a result must
// encode as BER that decodes again.
void to_x400(std::string_view message) {
  static const auto ctx = [] {
    mixer::mapping::address::MappingContext c;
    c.local_domain = "gw.example";
    c.local_or = mixer::mapping::address::parse_std_or("/C=GB/ADMD=BT/PRMD=GW/O=MIXER/").value();
    return c;
  }();
  static const auto gw = [] {
    GatewayReportIdentity g;
    g.mta_name = "gw.example";
    g.domain = "gw.example";
    g.gdi.country_name.value = "GB";
    g.gdi.administration_domain_name.value = "BT";
    return g;
  }();
  auto r = report_mail_to_x400(message, "\"/C=FR/ADMD=A/S=B/\"@gw.example", ctx, gw, ToX400Options{});
  check(r);
  if (!r || !r->has_value()) return;
  auto ber = mixer::x400::asn::encode_mts_apdu(**r);
  if (!ber) return;
  if (!mixer::x400::asn::decode_mts_apdu(mixer::x400::ber::Bytes(ber->data(), ber->size()))) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 4) {
    case 0:
      machine_part(text, "message/delivery-status");
      break;
    case 1:
      machine_part(text, "message/disposition-notification");
      break;
    case 2: {
      auto rr = parse_report(text);
      check(rr);
      if (rr && rr->machine_index) {
        const ReceivedPart& p = rr->parts[*rr->machine_index];
        machine_part(p.body, p.content_type);
      }
      to_x400(text);
      break;
    }
    default: {
      check(parse_notify(text));
      check(parse_orcpt(text));
      check(mts_id_from_envid(text));
      check(parse_disposition(text));
      break;
    }
  }
  return 0;
}
