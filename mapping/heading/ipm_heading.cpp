#include "mapping/heading/ipm_heading.hpp"

#include <functional>

#include "mapping/address/map_address.hpp"
#include "mapping/heading/identifiers.hpp"
#include "mapping/heading/mailbox_list.hpp"
#include "mapping/heading/values.hpp"
#include "mapping/mime/charset.hpp"
#include "mapping/mime/encoded_word.hpp"
#include "x400/asn/p22_extensions.hpp"
#include "x400/asn/p22_oids.hpp"

namespace mixer::mapping::heading {

namespace p22 = x400::p22;
using mime::iequals;

namespace {

MappingFailure syntax_failure(std::string what, std::string where) {
  return transfer_failure(report::NonDeliveryDiagnostic::content_syntax_error, std::move(what),
                          std::move(where));
}

// ---- ORDescriptor <-> mailbox -------------------------------------------

std::optional<p22::OrDescriptor> descriptor_from(const Mailbox& m, const address::MappingContext& ctx) {
  auto mapped = address::map_822_to_x400(ctx, m.addr_spec);
  if (!mapped) return std::nullopt;
  p22::OrDescriptor d;
  d.formal_name = x400::ORName{std::move(mapped->address), std::nullopt};
  if (!m.display_name.empty()) {
    auto t61 = mime::from_utf8("t.61", m.display_name);
    if (t61 && t61->size() <= p22::ub::kFreeFormName) d.free_form_name = std::move(t61).value();
  }
  return d;
}

std::optional<Mailbox> mailbox_from(const p22::OrDescriptor& d, const address::MappingContext& ctx) {
  Mailbox m;
  if (d.free_form_name) {
    auto utf8 = mime::to_utf8("t.61", *d.free_form_name);
    m.display_name = utf8 ? std::move(utf8).value() : std::string();
  }
  if (d.telephone_number) m.comment = "Tel: " + *d.telephone_number;
  if (!d.formal_name) return m;  // free-form only: written as an empty group
  auto mapped = address::map_x400_to_822(ctx, d.formal_name->address);
  if (!mapped) return std::nullopt;
  m.addr_spec = std::move(mapped->address);
  return m;
}

std::string format_descriptor(const Mailbox& m) {
  if (m.addr_spec.empty())
    return mime::encode_phrase(m.display_name.empty() ? "unknown" : m.display_name) + ":;";
  return format_mailbox(m);
}

// Per-recipient flags as comments (digest §2.3).
std::string recipient_comment(const p22::RecipientSpecifier& r) {
  std::string c;
  auto add = [&](std::string_view s) {
    if (!c.empty()) c += ", ";
    c += s;
  };
  if (r.notification_requests) {
    namespace nr = p22::notification_request;
    const auto& bits = *r.notification_requests;
    if (bits.test(nr::kRn)) add("Receipt Notification Requested");
    if (bits.test(nr::kNrn)) add("Non Receipt Notification Requested");
    if (bits.test(nr::kIpmReturn)) add("IPM Return Requested");
  }
  if (r.reply_requested.value_or(false)) add("Reply Requested");
  return c;
}

// The inverse of recipient_comment: a comment made only of those phrases
// (case-insensitive, comma separated) gives the flags back; any other text
// is not flags (nullopt) and stays what it was (a comment or old-style name).
std::optional<p22::RecipientSpecifier> recipient_flags(std::string_view comment) {
  p22::RecipientSpecifier r;
  bool any = false;
  std::size_t at = 0;
  while (at <= comment.size()) {
    std::size_t comma = comment.find(',', at);
    if (comma == std::string_view::npos) comma = comment.size();
    std::string_view phrase = comment.substr(at, comma - at);
    while (!phrase.empty() && (phrase.front() == ' ' || phrase.front() == '\t')) phrase.remove_prefix(1);
    while (!phrase.empty() && (phrase.back() == ' ' || phrase.back() == '\t')) phrase.remove_suffix(1);
    namespace nr = p22::notification_request;
    auto bit = [&](std::size_t b) {
      if (!r.notification_requests) r.notification_requests.emplace();
      r.notification_requests->set(b);
    };
    if (iequals(phrase, "Receipt Notification Requested"))
      bit(nr::kRn);
    else if (iequals(phrase, "Non Receipt Notification Requested"))
      bit(nr::kNrn);
    else if (iequals(phrase, "IPM Return Requested"))
      bit(nr::kIpmReturn);
    else if (iequals(phrase, "Reply Requested"))
      r.reply_requested = true;
    else
      return std::nullopt;
    any = true;
    at = comma + 1;
  }
  if (!any) return std::nullopt;
  return r;
}

// ---- field tables ----------------------------------------------------------

bool is_dropped(std::string_view name) { return iequals(name, "Return-Path"); }

// The spelling heading_to_internet generates for a mapped field.
constexpr std::string_view kGenerated[] = {
    "From",          "Sender",     "Reply-To",        "To",           "Cc",
    "Bcc",           "Message-ID", "In-Reply-To",     "References",   "Obsoletes",
    "Subject",       "Expires",    "Reply-By",        "Importance",   "Sensitivity",
    "Autoforwarded", "Language",   "Incomplete-Copy", "Autosubmitted"};

std::string_view canonical_name(std::string_view name) {
  for (auto g : kGenerated)
    if (iequals(g, name)) return g;
  return name;
}

}  // namespace

bool is_mime_field(std::string_view name) {
  // Content-Identifier and Content-Return are RFC 1327/2156 envelope fields,
  // not MIME: they travel in the heading list like any other field.
  if (iequals(name, "Content-Identifier") || iequals(name, "Content-Return")) return false;
  return iequals(name, "MIME-Version") || (name.size() >= 8 && iequals(name.substr(0, 8), "Content-"));
}

Result<p22::Heading, MappingFailure> heading_from_internet(const mime::HeaderList& headers,
                                                           const address::MappingContext& ctx) {
  p22::Heading h;
  std::vector<std::string> heading_list;
  std::vector<std::string> languages;
  bool incomplete_copy = false;
  std::optional<p22::AutoSubmitted> auto_submitted;
  std::vector<std::string> seen;  // names of mapped fields already used
  for (const auto& f : headers) {
    std::string value = f.value();
    auto keep = [&] { heading_list.push_back(f.name + ": " + value); };
    if (is_mime_field(f.name) || is_dropped(f.name)) continue;
    // Only the first occurrence of a mapped field is mapped.
    bool first = true;
    for (const auto& s : seen)
      if (iequals(s, f.name)) first = false;
    // Returns the regenerated text or nullopt when the field is not mapped here.
    std::function<std::optional<std::string>()> map;
    // `flags` (recipient fields only): the per-recipient flags written as a
    // comment by heading_to_internet (digest §2.3) are read back into it.
    auto mailboxes = [&](std::function<void(std::vector<p22::OrDescriptor>)> set,
                         std::vector<p22::RecipientSpecifier>* flags =
                             nullptr) -> std::optional<std::string> {
      auto list = parse_mailbox_list(value);
      if (!list) return std::nullopt;
      std::vector<p22::OrDescriptor> ds;
      std::vector<Mailbox> back;
      for (Mailbox m : list->mailboxes) {
        p22::RecipientSpecifier f;
        if (flags) {
          if (auto c = recipient_flags(m.comment)) {
            f = std::move(*c);
            m.comment.clear();
          } else if (auto n =
                         recipient_flags(m.display_name)) {  // "addr (flags)" parsed as an old-style name
            f = std::move(*n);
            m.display_name.clear();
          }
        }
        auto d = descriptor_from(m, ctx);
        if (!d) return std::nullopt;
        auto mb = mailbox_from(*d, ctx);
        if (mb && flags) {
          std::string c = recipient_comment(f);
          if (!c.empty()) mb->comment = mb->comment.empty() ? c : mb->comment + ", " + c;
        }
        if (mb) back.push_back(*mb);
        if (flags) flags->push_back(std::move(f));
        ds.push_back(std::move(*d));
      }
      set(std::move(ds));
      std::string text;
      for (const auto& m : back) text += (text.empty() ? "" : ", ") + format_descriptor(m);
      return list->had_group ? std::string("\x01") : text;  // group syntax never regenerates
    };
    auto recipients = [&](std::vector<p22::RecipientSpecifier>& out) {
      std::vector<p22::RecipientSpecifier> flags;
      return mailboxes(
          [&](std::vector<p22::OrDescriptor> ds) {
            for (std::size_t i = 0; i < ds.size(); ++i) {
              p22::RecipientSpecifier r = i < flags.size() ? std::move(flags[i]) : p22::RecipientSpecifier{};
              r.recipient = std::move(ds[i]);
              out.push_back(std::move(r));
            }
          },
          &flags);
    };
    auto ipm_ids = [&](std::vector<p22::IpmIdentifier>& out) -> std::optional<std::string> {
      std::string text;
      bool exact = true;
      for (const auto& id : split_msg_ids(value)) {
        auto parts = msg_id_to_ipm_id(id);
        if (!parts) return std::nullopt;
        if (parts->keep_original) exact = false;
        std::optional<x400::ORName> user;
        if (parts->user) user = x400::ORName{*parts->user, std::nullopt};
        out.push_back(p22::IpmIdentifier{user, parts->uri});
        text += (text.empty() ? "" : " ") + ipm_id_to_msg_id(parts->user, parts->uri);
      }
      if (out.empty()) return std::nullopt;
      return exact ? text : std::string("\x01");
    };
    std::optional<std::string> regenerated;
    bool mapped = false;
    if (first) {
      mapped = true;
      if (iequals(f.name, "From")) {
        // With Sender: all From mailboxes are authorizing users; otherwise
        // the first is the originator and the rest authorizing users.
        bool has_sender = headers.find("Sender") != nullptr;
        regenerated = mailboxes([&](std::vector<p22::OrDescriptor> ds) {
          if (!has_sender && !ds.empty()) {
            h.originator = ds.front();
            ds.erase(ds.begin());
          }
          if (!ds.empty()) h.authorizing_users = std::move(ds);
        });
      } else if (iequals(f.name, "Sender")) {
        regenerated = mailboxes([&](std::vector<p22::OrDescriptor> ds) {
          if (ds.size() == 1) h.originator = ds.front();
        });
      } else if (iequals(f.name, "Reply-To")) {
        regenerated =
            mailboxes([&](std::vector<p22::OrDescriptor> ds) { h.reply_recipients = std::move(ds); });
      } else if (iequals(f.name, "To")) {
        regenerated = recipients(h.primary_recipients);
      } else if (iequals(f.name, "Cc")) {
        regenerated = recipients(h.copy_recipients);
      } else if (iequals(f.name, "Bcc")) {
        std::vector<p22::RecipientSpecifier> bcc;
        regenerated = value.empty() ? std::optional<std::string>("") : recipients(bcc);
        h.blind_copy_recipients = std::move(bcc);
      } else if (iequals(f.name, "Message-ID")) {
        std::vector<p22::IpmIdentifier> ids;
        regenerated = ipm_ids(ids);
        if (ids.size() == 1)
          h.this_ipm = ids.front();
        else
          regenerated = std::nullopt;
      } else if (iequals(f.name, "In-Reply-To")) {
        std::vector<p22::IpmIdentifier> ids;
        regenerated = ipm_ids(ids);
        if (ids.size() == 1)
          h.replied_to_ipm = ids.front();
        else
          regenerated = std::nullopt;
      } else if (iequals(f.name, "References")) {
        regenerated = ipm_ids(h.related_ipms);
      } else if (iequals(f.name, "Obsoletes") || iequals(f.name, "Supersedes")) {
        regenerated = ipm_ids(h.obsoleted_ipms);
        if (regenerated && !iequals(f.name, "Obsoletes")) regenerated = std::string("\x01");
      } else if (iequals(f.name, "Subject")) {
        std::string text = mime::decode_header_text(value);
        auto t61 = mime::from_utf8("t.61", text);
        if (t61 && t61->size() <= p22::ub::kSubjectField) {
          h.subject = std::move(t61).value();
          regenerated = mime::encode_unstructured(text);
        } else if (mime::is_ascii(value) && value.size() <= p22::ub::kSubjectField) {
          h.subject = value;  // encoded-word text (digest §2.8)
          regenerated = std::string("\x01");
        } else {
          regenerated = std::nullopt;
        }
      } else if (iequals(f.name, "Expires") || iequals(f.name, "Expiry-Date") ||
                 iequals(f.name, "Reply-By")) {
        auto t = parse_date_time(value);
        if (t) {
          (iequals(f.name, "Reply-By") ? h.reply_time : h.expiry_time) = *t;
          regenerated = iequals(f.name, "Expiry-Date") ? std::string("\x01") : format_date_time(*t);
        }
      } else if (iequals(f.name, "Importance")) {
        if (auto v = parse_importance(value)) {
          h.importance = static_cast<p22::Importance>(*v);
          regenerated = std::string(importance_text(*v));
        }
      } else if (iequals(f.name, "Sensitivity")) {
        if (auto v = parse_sensitivity(value)) {
          h.sensitivity = static_cast<p22::Sensitivity>(*v);
          regenerated = std::string(sensitivity_text(*v));
        }
      } else if (iequals(f.name, "Autoforwarded")) {
        if (auto v = parse_boolean(value)) {
          h.auto_forwarded = *v;
          regenerated = std::string(boolean_text(*v));
        }
      } else if (iequals(f.name, "Incomplete-Copy")) {
        incomplete_copy = true;
        regenerated = value;
      } else if (iequals(f.name, "Language")) {
        if (auto v = parse_languages(value)) {
          languages = *v;
          regenerated = format_languages(*v);
        }
      } else if (iequals(f.name, "Autosubmitted")) {
        if (iequals(value, "auto-generated"))
          auto_submitted = p22::AutoSubmitted::auto_generated;
        else if (iequals(value, "auto-replied"))
          auto_submitted = p22::AutoSubmitted::auto_replied;
        else if (iequals(value, "no"))
          auto_submitted = p22::AutoSubmitted::not_auto_submitted;
        if (auto_submitted) regenerated = value;
      } else {
        mapped = false;
      }
    }
    if (mapped) seen.push_back(f.name);
    // Not mapped, not mapped reversibly, or mapped under another spelling:
    // the original goes into the heading list.
    // A mapped field that occurs more than once is kept too, so that the
    // generated one (suppressed on return by any listed field of its name)
    // is never needed for the round trip.
    std::size_t occurrences = 0;
    for (const auto& g : headers)
      if (iequals(g.name, f.name)) ++occurrences;
    if (!mapped || !regenerated || *regenerated != value ||
        f.name != std::string_view(canonical_name(f.name)) || occurrences > 1)
      keep();
  }
  if (!languages.empty()) {
    auto ext = p22::make_languages(languages);
    if (!ext) return fail(syntax_failure("Language: " + ext.error().to_string(), "heading.languages"));
    h.extensions.push_back(std::move(ext).value());
  }
  if (incomplete_copy) h.extensions.push_back(p22::make_incomplete_copy());
  if (auto_submitted) h.extensions.push_back(p22::make_auto_submitted(*auto_submitted));
  if (!heading_list.empty()) {
    for (auto& field : heading_list)
      for (char& c : field)
        if (static_cast<unsigned char>(c) >= 0x80) {
          // RFC822FieldList is IA5String: 8-bit header text travels as an
          // RFC 2047 encoded value instead (decoded back on output).
          field = field.substr(0, field.find(':') + 1) + " " +
                  mime::encode_unstructured(mime::decode_header_text(field.substr(field.find(':') + 1)));
          break;
        }
    auto ext = p22::make_rfc822_field_list(heading_list);
    if (!ext)
      return fail(syntax_failure("rfc-822-heading-list: " + ext.error().to_string(), "heading.extensions"));
    h.extensions.push_back(std::move(ext).value());
  }
  return h;
}

Result<mime::HeaderList, MappingFailure> heading_to_internet(const p22::Heading& h,
                                                             const address::MappingContext& ctx) {
  // The heading list first: its fields win over generated ones.
  std::vector<std::pair<std::string, std::string>> listed;
  auto list = p22::rfc822_heading_list(h);
  if (!list)
    return fail(syntax_failure("rfc-822-heading-list: " + list.error().to_string(), "heading.extensions"));
  if (*list) {
    for (const auto& field : **list) {
      auto colon = field.find(':');
      std::string_view name = std::string_view(field).substr(0, colon);
      bool valid = colon != std::string::npos && colon > 0;
      for (char c : name)
        if (static_cast<unsigned char>(c) < 33 || static_cast<unsigned char>(c) > 126) valid = false;
      if (!valid) continue;  // not a header field: dropped (digest §2.1)
      listed.emplace_back(std::string(name), mime::unfold(std::string_view(field).substr(colon + 1)));
    }
  }
  // Old spellings of the same field (digest §7.17) also suppress the generated one.
  auto is_listed = [&](std::string_view name) {
    for (const auto& [n, v] : listed) {
      if (iequals(n, name)) return true;
      if (iequals(name, "Expires") && iequals(n, "Expiry-Date")) return true;
      if (iequals(name, "Obsoletes") && iequals(n, "Supersedes")) return true;
    }
    return false;
  };
  mime::HeaderList out;
  auto add = [&](std::string_view name, const std::string& value) {
    if (!is_listed(name)) out.add(name, value);
  };
  std::optional<MappingFailure> failure;
  auto descriptors = [&](const std::vector<p22::OrDescriptor>& ds, std::string_view where) {
    std::string text;
    for (const auto& d : ds) {
      auto m = mailbox_from(d, ctx);
      if (!m) {
        if (!failure)
          failure = conversion_failure(report::NonDeliveryDiagnostic::conversion_impractical,
                                       "O/R name cannot be mapped to an RFC 822 address", std::string(where));
        continue;
      }
      text += (text.empty() ? "" : ", ") + format_descriptor(*m);
    }
    return text;
  };
  auto recipients = [&](const std::vector<p22::RecipientSpecifier>& rs, std::string_view where) {
    std::string text;
    for (const auto& r : rs) {
      auto m = mailbox_from(r.recipient, ctx);
      if (!m) {
        if (!failure)
          failure = conversion_failure(report::NonDeliveryDiagnostic::conversion_impractical,
                                       "O/R name cannot be mapped to an RFC 822 address", std::string(where));
        continue;
      }
      std::string flags = recipient_comment(r);
      if (!flags.empty()) m->comment = m->comment.empty() ? flags : m->comment + ", " + flags;
      text += (text.empty() ? "" : ", ") + format_descriptor(*m);
    }
    return text;
  };
  auto ids = [](const std::vector<p22::IpmIdentifier>& v) {
    std::string text;
    for (const auto& id : v) {
      std::optional<x400::ORAddress> user;
      if (id.user) user = id.user->address;
      text += (text.empty() ? "" : " ") + ipm_id_to_msg_id(user, id.user_relative_identifier);
    }
    return text;
  };
  if (h.authorizing_users && !h.authorizing_users->empty()) {
    add("From", descriptors(*h.authorizing_users, "heading.authorizing-users"));
    if (h.originator) add("Sender", descriptors({*h.originator}, "heading.originator"));
  } else if (h.originator) {
    add("From", descriptors({*h.originator}, "heading.originator"));
  }
  if (h.reply_recipients) add("Reply-To", descriptors(*h.reply_recipients, "heading.reply-recipients"));
  if (!h.primary_recipients.empty())
    add("To", recipients(h.primary_recipients, "heading.primary-recipients"));
  if (!h.copy_recipients.empty()) add("Cc", recipients(h.copy_recipients, "heading.copy-recipients"));
  if (h.blind_copy_recipients)
    add("Bcc", recipients(*h.blind_copy_recipients, "heading.blind-copy-recipients"));
  if (h.subject) {
    auto utf8 = mime::to_utf8("t.61", *h.subject);
    if (!utf8)
      return fail(conversion_failure(report::NonDeliveryDiagnostic::conversion_impractical,
                                     "subject: " + utf8.error().what, "heading.subject"));
    add("Subject", mime::encode_unstructured(*utf8));
  }
  if (!h.this_ipm.user_relative_identifier.empty() || h.this_ipm.user) add("Message-ID", ids({h.this_ipm}));
  if (h.replied_to_ipm) add("In-Reply-To", ids({*h.replied_to_ipm}));
  if (!h.related_ipms.empty()) add("References", ids(h.related_ipms));
  if (!h.obsoleted_ipms.empty()) add("Obsoletes", ids(h.obsoleted_ipms));
  if (h.expiry_time) add("Expires", format_date_time(*h.expiry_time));
  if (h.reply_time) add("Reply-By", format_date_time(*h.reply_time));
  if (h.importance) add("Importance", std::string(importance_text(static_cast<int>(*h.importance))));
  if (h.sensitivity) add("Sensitivity", std::string(sensitivity_text(static_cast<int>(*h.sensitivity))));
  if (h.auto_forwarded) add("Autoforwarded", std::string(boolean_text(*h.auto_forwarded)));
  std::vector<std::string> discarded;
  for (const auto& ext : h.extensions) {
    if (p22::is_rfc822_field_list(ext.type)) continue;
    if (ext.type == p22::oids::kHexLanguages && ext.value) {
      auto langs = p22::decode_languages(*ext.value);
      if (langs) {
        add("Language", format_languages(*langs));
        continue;
      }
    } else if (ext.type == p22::oids::kHexIncompleteCopy) {
      add("Incomplete-Copy", "");
      continue;
    } else if (ext.type == p22::oids::kHexAutoSubmitted && ext.value) {
      auto a = p22::decode_auto_submitted(*ext.value);
      if (a) {
        add("Autosubmitted", *a == p22::AutoSubmitted::auto_generated ? "auto-generated"
                             : *a == p22::AutoSubmitted::auto_replied ? "auto-replied"
                                                                      : "no");
        continue;
      }
    }
    discarded.push_back(ext.type.to_string());
  }
  if (!discarded.empty()) {
    std::string v;
    for (const auto& d : discarded) v += (v.empty() ? "" : ", ") + d;
    add("Discarded-X400-IPMS-Extensions", v);
  }
  if (failure) return fail(std::move(*failure));
  for (const auto& [n, v] : listed) {
    // 8-bit text was RFC 2047-encoded on the way in; names stay as written.
    out.add(n, v);
  }
  return out;
}

}  // namespace mixer::mapping::heading
