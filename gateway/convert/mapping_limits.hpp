// The configured limits of the MIME parser and of the body mapping
// ([limits] mime_* and body_* keys, declared once in config/limits.hpp) as
// the structs mapping/ takes. Both conversions at delivery time
// (gateway/convert/for_x400 -> mapping::message::to_x400, for_smtp ->
// to_internet) pass them on, so a message beyond a limit is refused with a
// MappingFailure naming the limit, and the queue turns that into a report.
#pragma once

#include "config/limits.hpp"
#include "mapping/body/limits.hpp"
#include "mapping/mime/limits.hpp"

namespace mixer::convert {

mapping::mime::MimeLimits mime_limits_of(const config::Limits& l);
mapping::body::BodyLimits body_limits_of(const config::Limits& l);

}  // namespace mixer::convert
