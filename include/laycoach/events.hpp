#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 2
#error "laycoach layering: a domain-layer header included from a lower layer"
#endif
/// \file events.hpp
/// The durable outbox: events for the host (send a confirmation, a reminder, alert a clinician),
/// written in the SAME store transaction as the change that caused them, so a committed change
/// always has its event and a rejected one never has. The host reads pending events and
/// acknowledges them by sequence number once handled: an event is delivered at least once, and
/// exactly once to a host that acknowledges after handling (docs/events.md).
///
///  * seq: 1, 2, 3 ... per store, increasing in commit order across every handle and process.
///  * Acknowledgement is cumulative: acknowledge_events(n) marks every event with seq <= n
///    handled. Acknowledging again, or below the mark, changes nothing.
///  * payload: a JSON object of ids, times and statuses; never a note, goal, adjustment or any
///    free text, never a name or NHS number.
///  * Events come from Programme changes (book, join, record_outcome, record_attendance,
///    reschedule, the booking engine, add_response). replace() and loading write none.
///  * An in-memory programme (no store, or the in-memory store) keeps its outbox in memory with
///    the same API and rules.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "laycoach/time.hpp"

namespace laycoach {

/// What happened.
enum class EventKind {
  SessionBooked,       ///< a new session was booked (not the new half of a reschedule)
  SessionJoined,       ///< a client took a place on an existing group or team session
  SessionCancelled,    ///< a booked session was cancelled (by client or coach), or one client's place in it
  SessionRescheduled,  ///< a booked session moved: records = {old id, new id, clients...}
  WaitingListOffered,  ///< a freed place was offered to someone on a waiting list
  RiskFlagRaised       ///< a response raised a clinical risk flag (RiskFlag)
};
/// "session_booked", "session_joined", "session_cancelled", "session_rescheduled",
/// "waiting_list_offered", "risk_flag_raised".
const char* to_string(EventKind v) noexcept;
/// Parse the names above; nullopt if unknown.
std::optional<EventKind> parse_event_kind(std::string_view s) noexcept;

/// One event of the outbox.
struct Event {
  std::int64_t seq = 0;              ///< position in the outbox, from 1 (0 until stored)
  EventKind kind = EventKind::SessionBooked;
  Instant at{boost::posix_time::not_a_date_time};  ///< when the change was committed (UTC)
  std::vector<std::string> records;  ///< ids of the records concerned, the main one first
  std::string payload;               ///< a compact JSON object (ids, times, statuses; no free text)
  bool operator==(const Event&) const = default;
};

/// The most events one pending_events call returns.
inline constexpr std::size_t kMaxEventBatch = 10000;

}  // namespace laycoach
