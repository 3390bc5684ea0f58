#pragma once

namespace mixer {
inline constexpr const char* kVersion = "0.1.0";
}
