// X.228 / ISO 9066-2 RTSE APDUs (crib §5.1): RTORQ [16], RTOAC [17],
// RTORJ [18], RTTP (INTEGER), RTTR (OCTET STRING), RTAB [22], all IMPLICIT
// SETs. In X.410-1984 mode the RTORQ/RTOAC/RTORJ members travel as the
// x410-mode-parameters of the presentation connect PPDUs (crib §5.5) and
// RTTR/RTTP/RTAB straight in session user data; encode_*_members() give the
// SET contents for that case.
#pragma once

#include <optional>

#include "common/result.hpp"
#include "x400/osi/osi_ber.hpp"

namespace mixer::x400::osi {

enum class DialogueMode { monologue = 0, twa = 1 };

// RefuseReason (X.410 mode) and AbortReason (crib §5.1).
namespace rtse_refuse {
inline constexpr long busy = 0, cannot_recover = 1, validation_failure = 2, unacceptable_dialogue_mode = 3;
}
namespace rtse_abort {
inline constexpr long local_system_problem = 0, invalid_parameter = 1, unrecognized_activity = 2,
                      temporary_problem = 3, protocol_error = 4, permanent_problem = 5, user_error = 6,
                      transfer_completed = 7;
}

struct RtseOpen {
  long checkpoint_size = 0;  // units of 1024 octets; 0 = no checkpoints
  long window_size = 3;
  DialogueMode dialogue = DialogueMode::monologue;
  bool recover = false;                     // connectionData is `recover`
  Bytes user_data;                          // connectionData open [0]: the inner TLV
  std::optional<long> application_protocol;  // X.410 mode only
};

// RTORQ / RTOAC as a whole APDU (normal mode) or as SET members (X.410).
Result<RtseOpen, OsiError> decode_rtorq(ByteView in);
Result<RtseOpen, OsiError> decode_rtorq_members(ByteView members);
Bytes encode_rtorq(const RtseOpen& o);
Bytes encode_rtorq_members(const RtseOpen& o);
Result<RtseOpen, OsiError> decode_rtoac(ByteView in);
Result<RtseOpen, OsiError> decode_rtoac_members(ByteView members);
Bytes encode_rtoac(const RtseOpen& o);
Bytes encode_rtoac_members(const RtseOpen& o);

struct RtseRefuse {
  std::optional<long> refuse_reason;  // X.410
  Bytes user_data;                    // normal: userDataRJ [1] inner TLV
};
Result<RtseRefuse, OsiError> decode_rtorj(ByteView in);
Result<RtseRefuse, OsiError> decode_rtorj_members(ByteView members);
Bytes encode_rtorj(const RtseRefuse& r);

struct RtseAbort {
  std::optional<long> reason;
};
Bytes encode_rtab(long reason);          // [22] { [0] reason }
Bytes encode_rtab_x410(long reason);     // SET { [0] reason }
Result<RtseAbort, OsiError> decode_rtab(ByteView in);

Bytes encode_rttr(ByteView octets);  // 04 LI octets
Bytes encode_rttp(long priority);    // 02 LI priority

// What one RTSE APDU in the data phase is (from a PDV / session user data).
struct RtseData {
  enum class Kind { rttr, rttp, rtab } kind;
  Bytes octets;  // rttr contents (reassembled if constructed)
  long value = 0;  // rttp priority or rtab reason
};
Result<RtseData, OsiError> decode_rtse_data(ByteView in);

}  // namespace mixer::x400::osi
