// BER identifier octets (X.690 8.1.2): class, number (low and high tag
// numbers) and the universal tag numbers of X.680 8.4 Table 1.
#pragma once

#include <cstdint>
#include <string>

namespace mixer::x400::ber {

enum class TagClass : std::uint8_t { universal = 0, application = 1, context = 2, private_ = 3 };

// A tag without the primitive/constructed bit: that bit belongs to the
// encoding of one value (X.690 8.1.2.5), the tag to the type.
struct Tag {
  TagClass cls = TagClass::universal;
  std::uint32_t number = 0;

  friend constexpr bool operator==(Tag, Tag) = default;
  // "[UNIVERSAL 16]", "[1]", "[APPLICATION 3]", "[PRIVATE 7]"
  std::string to_string() const;
};

constexpr Tag universal(std::uint32_t n) { return {TagClass::universal, n}; }
constexpr Tag application(std::uint32_t n) { return {TagClass::application, n}; }
constexpr Tag context(std::uint32_t n) { return {TagClass::context, n}; }
constexpr Tag private_tag(std::uint32_t n) { return {TagClass::private_, n}; }

// X.680 8.4 Table 1: universal class tag assignments.
namespace tags {
inline constexpr Tag kEndOfContents = universal(0);
inline constexpr Tag kBoolean = universal(1);
inline constexpr Tag kInteger = universal(2);
inline constexpr Tag kBitString = universal(3);
inline constexpr Tag kOctetString = universal(4);
inline constexpr Tag kNull = universal(5);
inline constexpr Tag kObjectIdentifier = universal(6);
inline constexpr Tag kObjectDescriptor = universal(7);
inline constexpr Tag kExternal = universal(8);
inline constexpr Tag kReal = universal(9);
inline constexpr Tag kEnumerated = universal(10);
inline constexpr Tag kUtf8String = universal(12);
inline constexpr Tag kRelativeOid = universal(13);
inline constexpr Tag kSequence = universal(16);
inline constexpr Tag kSet = universal(17);
inline constexpr Tag kNumericString = universal(18);
inline constexpr Tag kPrintableString = universal(19);
inline constexpr Tag kTeletexString = universal(20);
inline constexpr Tag kVideotexString = universal(21);
inline constexpr Tag kIa5String = universal(22);
inline constexpr Tag kUtcTime = universal(23);
inline constexpr Tag kGeneralizedTime = universal(24);
inline constexpr Tag kGraphicString = universal(25);
inline constexpr Tag kVisibleString = universal(26);
inline constexpr Tag kGeneralString = universal(27);
inline constexpr Tag kUniversalString = universal(28);
inline constexpr Tag kBmpString = universal(30);
}  // namespace tags

}  // namespace mixer::x400::ber
