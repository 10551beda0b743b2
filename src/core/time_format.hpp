// Internal: the text of an instant written into a caller's buffer (format_instant's one
// formatter, for writers that append it to text of their own without a string of it).
// Private to src/.
#pragma once

#include "laycoach/time.hpp"

namespace laycoach::time_format {

/// Room for any instant format_instant writes ("YYYY-MM-DDTHH:MM:SS.ffffffZ" and a spare).
inline constexpr std::size_t kInstantChars = 32;

/// Writes format_instant(t) to buf and returns the end of what it wrote (buf itself for a
/// special value, whose text is empty). Never throws.
char* instant(Instant t, char (&buf)[kInstantChars]) noexcept;

}  // namespace laycoach::time_format
