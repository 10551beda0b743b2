#pragma once
/// \file version.hpp
/// The library version: the one source of truth, parsed by CMake and pyproject.

#define LAYCOACH_VERSION_MAJOR 0
#define LAYCOACH_VERSION_MINOR 1
#define LAYCOACH_VERSION_PATCH 0
#define LAYCOACH_VERSION_STRING "0.1.0"

namespace laycoach {
/// The library version as "MAJOR.MINOR.PATCH" (compile-time constant of this header).
inline constexpr const char* kVersion = LAYCOACH_VERSION_STRING;
/// The version of the compiled library actually linked (compare with kVersion).
const char* version() noexcept;
}  // namespace laycoach
