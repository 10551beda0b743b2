#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 2
#error "laycoach layering: a domain-layer header included from a lower layer"
#endif
/// \file access.hpp
/// The access definitions every engine shares, each written once (the booking engine and the
/// evaluation both call these; their tests check that they agree):
///  - opening hours: a session [start, end) lies inside an offer's opening hours, read in UK
///    local time to the second;
///  - out of office hours: a session starting at a weekend, on an England and Wales bank
///    holiday, or outside office hours (default 09:00-17:00) in UK local time;
///  - rota time on a date: the coach's blocks that day (leave: none; one or more dated
///    exceptions: the union of their blocks; otherwise the weekly pattern), counted in real
///    minutes (a block across a clock change is an hour shorter or longer than on the wall);
///  - access figures: the one type for access over a period (per booking, shares, outcome
///    counts and utilisation per coach), computed by booking::access_figures and summarised,
///    under disclosure control, by the evaluation report.

#include <string>
#include <utility>
#include <vector>

#include "laycoach/catalogue.hpp"
#include "laycoach/coach.hpp"
#include "laycoach/session.hpp"
#include "laycoach/time.hpp"

namespace laycoach {

// ---- opening hours -----------------------------------------------------------------------------

/// Where a session stands against an offer's opening hours.
enum class OpeningCheck {
  Inside,            ///< [start, end) lies within one day's opening window
  OutsideHours,      ///< starts before opening, ends after closing, the day is closed, or spans midnight
  ClosedBankHoliday  ///< the offer is closed on bank holidays and the session's day is one
};

/// Whether the session [start, end) lies inside `hours`, in UK local time to the second: the
/// start reads on day D at or after D's opening time, the end reads on D at or before D's
/// closing time (or exactly 00:00:00 on D+1 when D closes at 24:00). Throws ValidationError
/// ("", "start", "instant_required") for a special instant.
OpeningCheck check_opening_hours(const OpeningHours& hours, Instant start, Instant end);

// ---- out of office hours -----------------------------------------------------------------------

/// Office hours for the "out of office hours" figures, minutes after UK local midnight
/// [start_min, end_min). Weekends and bank holidays are always out of office hours.
struct OfficeHours {
  int start_min = 9 * 60;
  int end_min = 17 * 60;
  bool operator==(const OfficeHours&) const = default;
};

/// Throws ValidationError("", "office", "office_hours_range") unless 0 <= start <= end <= 1440.
void validate(const OfficeHours& office);

/// True when `start` (UK local) falls on a Saturday or Sunday, on an England and Wales bank
/// holiday, or before office.start_min or at/after office.end_min. Throws ValidationError for a
/// special instant.
bool out_of_office_hours(Instant start, const OfficeHours& office = {});

// ---- rota time -----------------------------------------------------------------------------------

/// The rota's blocks on a UK local date as [start_min, end_min) minutes after local midnight,
/// appended to `out` (not merged): none on leave; the union of the blocks of every exception
/// dated `date` when there is one; otherwise the weekly blocks of that weekday.
void rota_blocks_of_day(const Rota& rota, Date date, std::vector<std::pair<int, int>>& out);

/// Real minutes on duty by the rota in [from, to): each day's blocks (rota_blocks_of_day, overlaps
/// counted once) read as UK local times and clipped to the period, so a block across the spring
/// change counts an hour less than on the wall and one across the autumn change an hour more.
/// 0 when to <= from. Throws ValidationError for special instants.
double rota_minutes(const Rota& rota, Instant from, Instant to);

/// Minutes of a coach's diary a session used within [from, to), for utilisation: the session's
/// [start, start + minutes) clipped to the period, counted when it held the diary (booked,
/// attended, or missed by client or coach; not cancelled or rescheduled). 0 otherwise, and for
/// a special start. Never throws.
double diary_minutes(SessionStatus status, Instant start, int minutes, Instant from, Instant to) noexcept;

// ---- access figures ------------------------------------------------------------------------------

/// One booking (a session that was not rescheduled: its replacement carries the request on).
struct AccessRow {
  std::string session_id, offer_id, coach_id;
  SessionStatus status = SessionStatus::Booked;
  Instant requested_at{boost::posix_time::not_a_date_time};
  Instant first_offered{boost::posix_time::not_a_date_time};
  Instant start{boost::posix_time::not_a_date_time};
  double minutes_to_first_offer = 0;  ///< first_offered - requested_at; NaN when either is unknown
  double minutes_to_session = 0;      ///< start - requested_at; NaN when requested_at is unknown
  bool offered_within_24h = false;    ///< first offer at most 24 h after the request
  bool within_24h = false;            ///< session at most 24 h after the request
  bool out_of_hours = false;          ///< out_of_office_hours(start)
  bool operator==(const AccessRow&) const = default;
};

/// A coach's booked time against rota time over a period.
struct CoachUtilisation {
  std::string coach_id;
  double booked_minutes = 0;  ///< sessions Booked, Attended, ClientDidNotAttend or CoachDidNotAttend, clipped to the period
  double rota_minutes = 0;    ///< rota_minutes(rota, from, to)
  double utilisation = 0;     ///< booked / rota; NaN when the rota has no time in the period
  bool operator==(const CoachUtilisation&) const = default;
};

/// Access figures for sessions starting in a period (operator view: no client ids).
struct AccessFigures {
  std::vector<AccessRow> bookings;        ///< by start, then id
  long long with_request = 0;             ///< bookings whose requested_at is known (denominator of the 24 h shares)
  double share_offered_within_24h = 0;    ///< NaN when with_request == 0
  double share_within_24h = 0;            ///< NaN when with_request == 0
  double share_out_of_hours = 0;          ///< of all bookings; NaN when there are none
  double median_minutes_to_first_offer = 0;  ///< NaN when unknown for all
  double median_minutes_to_session = 0;      ///< NaN when unknown for all
  long long attended = 0, client_did_not_attend = 0, coach_did_not_attend = 0;
  long long cancelled_by_client = 0, cancelled_by_coach = 0, booked = 0;
  std::vector<CoachUtilisation> utilisation;  ///< every coach, by id
  double overall_utilisation = 0;             ///< sum booked / sum rota; NaN when no rota time
  bool operator==(const AccessFigures&) const = default;
};

}  // namespace laycoach
