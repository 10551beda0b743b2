#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 2
#error "laycoach layering: a domain-layer header included from a lower layer"
#endif
/// \file caseload.hpp
/// What a supervisor sees of a supervisee: caseload metadata (counts, dates, overdue support),
/// never a note, a goal or a client record.
///
/// Who a supervisor's supervisees are: the supervisor is the viewer id (Audience::Supervisor),
/// matched exactly against SupervisionRecord::supervisor. A coach is a supervisee on a date when,
/// for at least one kind of support (health coaching, clinical, line management), the coach's
/// latest meeting of that kind on or before that date was with this supervisor. A coach who has
/// moved to another supervisor for every kind is no longer theirs; meetings after the date do
/// not count yet.

#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "laycoach/session.hpp"
#include "laycoach/supervision.hpp"
#include "laycoach/time.hpp"

namespace laycoach {

/// One supervisee's caseload on a date: counts and dates only.
struct SuperviseeCaseload {
  std::string coach_id;
  bool active = true;                 ///< the coach takes new bookings
  /// Sessions of the coach starting on or before the date (UK local), any status.
  long long sessions = 0;
  /// Distinct clients with a place in those sessions.
  long long clients = 0;
  /// Those sessions by status: every SessionStatus, in declaration order (zeros included).
  std::vector<std::pair<SessionStatus, long long>> by_status;
  /// Booked sessions starting after the date (the caseload ahead).
  long long booked_ahead = 0;
  /// UK local date of the latest attended session on or before the date.
  std::optional<Date> last_session;
  /// Date of the latest meeting of each kind on or before the date, with any supervisor
  /// (index = static_cast<int>(SupervisionKind)); nullopt when none.
  std::array<std::optional<Date>, 3> last_supervision{};
  /// Kinds of support overdue on the date (Programme::overdue_supervision for this coach).
  std::vector<OverdueSupervision> overdue;
  bool operator==(const SuperviseeCaseload&) const = default;
};

}  // namespace laycoach
