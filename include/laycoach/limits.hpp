#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 2
#error "laycoach layering: a domain-layer header included from a lower layer"
#endif
/// \file limits.hpp
/// How long text may be: the one statement of the limits, enforced by the record rules
/// (src/domain/rules.cpp) for every record kind, live writes and loading alike, and for viewer
/// ids and extract recipients. Lengths are counted in bytes of UTF-8, as C, SQLite and the
/// documents see them (one byte per ASCII character, up to four for others). A value over its
/// limit is a ValidationError naming the record and the field (a JSON pointer without the leading
/// slash, e.g. "attendees/0/client_id"), rule "length_limit", and changes nothing.
///
/// Why these numbers:
///  - ids (record ids and every reference to one, ODS codes, NHS numbers, viewer ids): 64 bytes.
///    Generous for what ids really are (a UUID is 36, an NHS number 10, an ODS code at most 10,
///    the demo's "staff-0001" 10) while keeping what every index, pseudonym input and error
///    message holds small; an id is a key, never a place for a description.
///  - names and short labels (people's and organisations' names, the supervisor, the lead a
///    concern went to, who overrode a booking rule, staff group, sector, profession, ethnicity,
///    training programme): 200 bytes. The longest NHS organisation names ("... NHS Foundation
///    Trust") are about 100 characters and the NHS Spine holds a person's name parts in 35
///    characters each, so 200 bytes holds any real one even in non-Latin scripts.
///  - free text (reasonable adjustments, the reason for an override, session notes, goals):
///    10,000 bytes, about 1,500 words: well beyond a session's note, while one record can no
///    longer grow the store, a document or an error message without bound.
///  - extract recipients (store.hpp: extract): a name, 200 bytes, not empty, no control characters.

#include <cstddef>
#include <string>
#include <string_view>

#include "laycoach/error.hpp"

namespace laycoach {

/// Longest id, reference, ODS code, NHS number or viewer id, in bytes of UTF-8.
inline constexpr std::size_t kMaxIdBytes = 64;
/// Longest name or short label, and longest extract recipient name, in bytes of UTF-8.
inline constexpr std::size_t kMaxNameBytes = 200;
/// Longest free text (adjustments, override reasons, notes, goal descriptions), in bytes of UTF-8.
inline constexpr std::size_t kMaxTextBytes = 10000;

/// Throws ValidationError(record, field, "length_limit") when `value` is longer than `limit`
/// bytes; `record` is cut to kMaxIdBytes (at a character boundary) when it is itself too long.
void check_length(std::string_view value, std::size_t limit, std::string_view record, ErrorField field);

/// Checks the name of an extract's recipient: not empty (rule "recipient_required"), at most
/// kMaxNameBytes ("length_limit"), no control characters ("printable_text"; the pseudonym
/// construction relies on a recipient never holding the separator byte 0x00). Throws
/// ValidationError with record "recipient" and field "recipient".
void validate_recipient(std::string_view recipient);

}  // namespace laycoach
