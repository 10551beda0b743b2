#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 3
#error "laycoach layering: an engines-layer header included from a lower layer"
#endif
/// \file booking.hpp
/// The booking engine: from a request (client, offer, when, how) to the earliest feasible
/// slots, ranked, with the coach; atomic booking, cancellation, did-not-attend, rescheduling;
/// group places and their waiting list; access figures.
///
/// Rules. A booking is accepted by the programme's one acceptance rule, the same code as
/// Programme::book, join and reschedule, always under the programme's write lock and in one
/// store transaction:
///  - coach active, delivers and is accredited for the offer, pathway, modality (offer and
///    coach), opening hours in UK local time with the bank-holiday policy, capacity and places
///    held for the waiting list, eligibility, consent, no double booking of coach or client;
///  - the scheduling rules (check_rules below): the coach's rota covers every minute of the
///    session (weekly pattern in UK local time, dated exceptions, leave), the coach's buffer
///    between sessions, the daily and weekly (ISO week, Monday-Sunday, UK local) caps, and the
///    offer's minimum notice relative to `now` (the booking time), unless the session names an
///    override (override_by, override_reason).
/// Search finds exactly the slots these rules accept (a randomised test checks it against a
/// brute-force search) but works on derived, contiguous indexes, kept in step with every
/// session change made by anyone through the programme.
///
/// Slot grid: slots start on a 15-minute grid aligned to UK local time (hh:00, :15, :30, :45);
/// UK offsets are whole hours, so this is also the 15-minute grid of UTC. Slots are instants:
/// on the spring change no slot falls in the missing hour, on the autumn change each of the two
/// 01:xx hours gives its own slots (different instants), none twice.
///
/// Ranking: slots with the favoured coach first (the preferred coach, else, for a follow-up in
/// a referral, the coach of its latest Booked/Attended/ClientDidNotAttend session unless
/// `continuity` is false), then by start, then fair spread: fewest sessions that coach has in
/// that ISO week, then coach id.
///
/// Counting. Caps count the coach's sessions that hold time (Booked, Attended) by the UK local
/// date of their start. A buffer of b minutes means no other such session of the coach within
/// b minutes before the start or after the end. Rota minutes are real minutes (3 h of a 00:00-
/// 04:00 block on the spring change, 5 h in autumn).
///
/// Waiting list (group and team sessions): served in order of added_at, then id. A freed place
/// is offered to the first Waiting entry (Offered, offered_at = now) and held for it: join()
/// refuses others while every free place is held. Accepting joins the session (Joined);
/// declining withdraws the entry and passes the place to the next. Offers do not expire.
///
/// Coach changes. The engine sees every session change, a programme replace/load, new coaches
/// and new offers by itself. A coach changed with Programme::update_coach (new rota, leave,
/// caps, offers) is seen after booking::update_coach or booking::refresh; until then a booking
/// is still checked against the current records (and a disagreement triggers a rebuild), but a
/// search may miss newly added hours.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "laycoach/access.hpp"
#include "laycoach/programme.hpp"

namespace laycoach::booking {

/// Minutes between two consecutive slot starts.
inline constexpr int kSlotMinutes = 15;
/// Longest search window (latest - earliest), days.
inline constexpr int kMaxWindowDays = 732;
/// Default search window when `latest` is not given, days.
inline constexpr int kDefaultWindowDays = 28;

/// A time-of-day preference in UK local time: the session starts in [from_min, to_min).
struct TimeOfDay {
  int from_min = 0;        ///< minutes after local midnight, 0..1439
  int to_min = 24 * 60;    ///< minutes after local midnight, from_min < to_min <= 1440
  bool operator==(const TimeOfDay&) const = default;
};

/// A client's request for a slot.
struct SlotRequest {
  std::string client_id;               ///< who (required; one client: group places use open_group_sessions)
  std::string offer_id;                ///< what; "" = the referral's offer
  std::string referral_id;             ///< the episode (optional): continuity, default offer, modality, requested_at
  std::optional<Modality> modality;    ///< required modality; default: the referral's preferred one, else any
  Instant earliest{boost::posix_time::not_a_date_time};  ///< earliest acceptable start (UTC); default: now
  Instant latest{boost::posix_time::not_a_date_time};    ///< latest acceptable start (UTC); default: earliest + 28 days
  Instant now{boost::posix_time::not_a_date_time};       ///< the present, for minimum notice; default: the clock
  std::string preferred_coach;         ///< ranked first when feasible (takes precedence over continuity)
  bool preferred_coach_only = false;   ///< only the favoured (preferred or continuity) coach
  bool continuity = true;              ///< a follow-up in `referral_id` goes to the same coach first
  std::vector<TimeOfDay> times_of_day; ///< acceptable start times, UK local; empty: any time the service is open
  std::uint8_t weekdays = 0x7F;        ///< acceptable days: bit 0 = Monday ... bit 6 = Sunday (UK local)
  std::string reschedule_of;           ///< search as if this booked session were already freed
  int max_results = 5;                 ///< slots to return, 1..1000
  bool operator==(const SlotRequest&) const = default;
};

/// A feasible slot: a coach at a time.
struct Slot {
  Instant start{boost::posix_time::not_a_date_time};  ///< start (UTC), on the 15-minute grid
  int minutes = 0;                   ///< length (the offer's session length)
  std::string coach_id;              ///< who would deliver it
  Modality modality = Modality::Video;  ///< the requested modality, else the offer's first the coach offers
  bool favoured = false;             ///< the preferred or continuity coach (ranked first)
  int coach_week_sessions = 0;       ///< the coach's sessions in that ISO week (the fair-spread key)
  bool operator==(const Slot&) const = default;
};

/// The earliest feasible slots for a request, ranked (see the file comment); empty if none.
/// Throws NotFoundError (client, offer, referral, preferred coach, reschedule_of), ValidationError
/// (window, modality, preferences; eligibility or consent of the client, found by check_session's
/// rules about the attendees when a slot is found, once per client, offer and referral).
std::vector<Slot> search(const Programme& p, const SlotRequest& r);

/// What to record with a new booking.
struct BookingDetails {
  std::string session_id;   ///< id of the new session; "" = generated ("bk-<n>", unused)
  Instant requested_at{boost::posix_time::not_a_date_time};   ///< when the client asked; default: the referral's, else now
  Instant first_offered{boost::posix_time::not_a_date_time};  ///< earliest slot offered; default: the booked slot
  std::string adjustments;  ///< reasonable adjustments; default: the referral's
  bool operator==(const BookingDetails&) const = default;
};

/// Search and book the best slot in one step under the programme's write lock: two concurrent
/// requests never get the same coach at the same time. Returns the stored session. Throws like
/// search, and ConflictError "no_slot_available" when nothing fits; a failure changes nothing.
Session book_earliest(Programme& p, const SlotRequest& r, const BookingDetails& d = {});

/// Book a chosen slot (coach_id, start, modality of `chosen`) for the request's client, offer
/// and referral, checked by both rule sets (not by the request's window or preferences; its
/// `now` is used for minimum notice). With r.reschedule_of, moves that session there instead
/// (as reschedule, coach and modality from `chosen`). Returns the stored session; a failure
/// changes nothing.
Session book_slot(Programme& p, const SlotRequest& r, const Slot& chosen, const BookingDetails& d = {});

/// Who cancelled, or who did not attend.
enum class Party { Client, Coach };
/// "client", "coach".
const char* to_string(Party v) noexcept;
/// Parse the names above; nullopt if unknown.
std::optional<Party> parse_party(std::string_view s) noexcept;

/// Cancel a booked session (CancelledByClient / CancelledByCoach, via Programme::record_outcome);
/// the slot is free again at once. Returns the session.
Session cancel(Programme& p, const std::string& session_id, Party by);
/// Record that the client (ClientDidNotAttend) or the coach (CoachDidNotAttend) did not attend;
/// counted separately in access_figures and Programme::summary. Returns the session.
Session did_not_attend(Programme& p, const std::string& session_id, Party who);
/// Move a booked session to `new_start` with the same coach, checked by both rule sets as if the
/// old slot were free; the old session becomes Rescheduled, both in one transaction. Keeps
/// requested_at and first_offered (access figures follow the request). `now` for notice
/// (default: the clock); new id from d.session_id or generated. Returns the new session.
Session reschedule(Programme& p, const std::string& session_id, Instant new_start, Instant now = {},
                   const BookingDetails& d = {});
/// Search (as if the old slot were free; continuity favours the same coach) and move the session
/// to the best slot, atomically. r's client, offer, referral and modality default to the
/// session's. Returns the new session; ConflictError "no_slot_available" when nothing fits.
Session reschedule_earliest(Programme& p, const std::string& session_id, SlotRequest r = {},
                            const BookingDetails& d = {});

// ---- series --------------------------------------------------------------------------------------
//
// A series is N sessions of one client with one coach at a regular interval, booked whole or not
// at all (docs/series.md). Every occurrence goes through the one acceptance rule (check_session
// with the scheduling rules) judged as if the occurrences before it were booked, so caps, buffers
// and the client's own diary count the series itself; all are committed in one transaction (one
// session_booked event each). Sessions carry series_id and series_index (0-based occurrence).
// An error about occurrence i names record = the series id, field "occurrences/<i>/<field of the
// rule>" (e.g. "occurrences/4/start") and the rule; its detail gives the occurrence's start.

/// Longest series, sessions.
inline constexpr int kMaxSeriesSessions = 104;
/// Longest span of a series from first to last start, days (two years, like a search window).
inline constexpr int kMaxSeriesDays = kMaxWindowDays;

/// How a series repeats: the same UK local time of day every `every` weeks (so the same weekday)
/// or every `every` days. Local wall-clock time is kept across clock changes: a 10:00 series
/// stays at 10:00 GMT or BST.
enum class Repeat { Weekly, Daily };
/// "weekly", "daily".
const char* to_string(Repeat v) noexcept;
/// Parse the names above; nullopt if unknown.
std::optional<Repeat> parse_repeat(std::string_view s) noexcept;

/// A request for a series.
struct SeriesRequest {
  std::string series_id;               ///< id of the series; "" = generated ("series-<n>", unused)
  std::string client_id;               ///< who (required)
  std::string offer_id;                ///< what; "" = the referral's offer
  std::string referral_id;             ///< the episode: its agreed number of sessions is honoured
  std::optional<Modality> modality;    ///< default: the referral's preferred one, else the offer's first the coach works by
  std::string coach_id;                ///< one coach for the series; "" = the referral's continuity coach (search's rule)
  Instant first_start{boost::posix_time::not_a_date_time};  ///< first start (UTC); book_series_earliest searches it
  int count = 0;                       ///< N sessions, 1..kMaxSeriesSessions
  Repeat repeat = Repeat::Weekly;      ///< every `every` weeks, or days
  int every = 1;                       ///< k >= 1; the whole series spans at most kMaxSeriesDays
  Instant now{boost::posix_time::not_a_date_time};  ///< the present (booked_at, minimum notice); default: the clock
  Instant requested_at{boost::posix_time::not_a_date_time};  ///< when the client asked; default: the referral's, else now
  std::string adjustments;             ///< reasonable adjustments; default: the referral's
  /// Sets aside the episode's agreed number of sessions (never a scheduling rule): a named
  /// manager and why, both or neither; recorded on each session (agreed_override_by/_reason)
  /// and listed by Programme::audit ("booked_beyond_agreed").
  std::string override_by;
  std::string override_reason;         ///< why more sessions than agreed are booked
  // For book_series_earliest only: where the first start may lie.
  Instant earliest{boost::posix_time::not_a_date_time};  ///< earliest first start; default: now
  Instant latest{boost::posix_time::not_a_date_time};    ///< latest first start; default: earliest + 28 days
  std::vector<TimeOfDay> times_of_day; ///< acceptable first-start times, UK local; empty: any
  std::uint8_t weekdays = 0x7F;        ///< acceptable first-start days: bit 0 = Monday ... bit 6 = Sunday
  bool operator==(const SeriesRequest&) const = default;
};

/// The starts of a series: the UK local date of `first` plus i * (7 * every | every) days at
/// first's local time of day, i = 0..count-1. A local time that a clock change skips on some
/// occurrence's date is an error; one it repeats is taken at the same offset as `first` when
/// first is itself in the repeated hour, else at its first (BST) instant. Throws
/// ValidationError(record, "count" | "every" | "first_start" | "occurrences/<i>/start",
/// "series_count_range" | "series_interval_range" | "series_span" | "instant_required" | "local_time_exists").
std::vector<Instant> series_starts(Instant first, int count, Repeat repeat, int every, const std::string& record = {});

/// Book a series whole, with one coach, under the programme's write lock in one transaction:
/// every occurrence through the one acceptance rule (as if the earlier ones were booked), and the
/// episode's agreed number of sessions honoured (booked + attended + count <= agreed, unless
/// override_by; ValidationError(series, "count", "agreed_sessions")). Returns the sessions by
/// occurrence. Throws NotFoundError (client, offer, referral, coach), ValidationError /
/// ConflictError of the rule an occurrence breaks (see above), ValidationError "coach_required"
/// when no coach is named and the referral has no continuity coach; a failure changes nothing.
std::vector<Session> book_series(Programme& p, const SeriesRequest& r);
/// Search the earliest first start in the request's window (earliest, latest, times_of_day,
/// weekdays) for which the whole series fits with its coach, and book it as book_series does.
/// ConflictError(series, "first_start", "no_series_available") when no first start fits.
std::vector<Session> book_series_earliest(Programme& p, const SeriesRequest& r);
/// The sessions of a series (every status, moved ones included), by occurrence then start.
/// NotFoundError(series_id, "series_id") when no session carries that id.
std::vector<Session> series(const Programme& p, const std::string& series_id);
/// Cancel every still-booked session of the series with occurrence >= from_index, by the client
/// or the coach, in one transaction (one session_cancelled event each). Returns the sessions
/// cancelled (possibly none). NotFoundError for an unknown series.
std::vector<Session> cancel_series(Programme& p, const std::string& series_id, int from_index, Party by);
/// As above for the still-booked sessions starting at or after `from`.
std::vector<Session> cancel_series(Programme& p, const std::string& series_id, Instant from, Party by);
/// Move the rest of a series: its still-booked sessions with occurrence >= from_index, the first
/// of them to `new_first_start` and each other one by the same number of UK local calendar days
/// as before, at new_first_start's local time of day (so a weekly series stays weekly), same
/// coach and modality. All or nothing: each new session through the one acceptance rule as if the
/// old ones were free (and the earlier new ones booked); the old ones become Rescheduled naming
/// their replacement, all in one transaction (one session_rescheduled event each). `now` for
/// notice and booked_at (default: the clock). Returns the new sessions by occurrence.
/// ValidationError(series, "from_index", "series_rest_booked") when no booked session is left.
std::vector<Session> move_series(Programme& p, const std::string& series_id, int from_index, Instant new_first_start,
                                 Instant now = {});

// ---- group and team sessions ----------------------------------------------------------------

/// Booked group/team sessions of the request's offer starting in [earliest, latest] with a
/// place free (active attendees + places offered to the waiting list < capacity), that the
/// client is not already in and is free for; by start, then id.
std::vector<Session> open_group_sessions(const Programme& p, const SlotRequest& r);
/// Join a group/team session (Programme::join's rules), unless its free places are all offered
/// to people on its waiting list (ConflictError "place_offered_to_waiting_list").
Session join(Programme& p, const std::string& session_id, const Attendee& a);
/// Put a client on a full session's waiting list (ConflictError "place_available" if a place is
/// free: join instead; "already_listed" if waiting or offered). id "" = generated. Returns the entry.
WaitingListEntry join_waiting_list(Programme& p, const std::string& session_id, const Attendee& a, Instant now = {},
                                   const std::string& id = {});
/// A session's waiting list in order of service (added_at, then id), every status.
std::vector<WaitingListEntry> waiting_list(const Programme& p, const std::string& session_id);
/// Offer each free, unoffered place to the earliest Waiting entry (status Offered, offered_at =
/// now), in one transaction. Returns the entries offered now (possibly none).
std::vector<WaitingListEntry> offer_freed_places(Programme& p, const std::string& session_id, Instant now = {});
/// The client accepts an offered place: joins the session and the entry becomes Joined, in one
/// transaction. Returns the session. ValidationError "place_offered" unless the entry is Offered.
Session accept_place(Programme& p, const std::string& wait_id);
/// The client declines (or leaves the list): the entry becomes Withdrawn and, if it held an
/// offer, the place goes to the next Waiting entry, in one transaction. Returns that entry, if any.
std::optional<WaitingListEntry> decline_place(Programme& p, const std::string& wait_id, Instant now = {});
/// A client gives up a place in a group/team session (Programme::record_attendance Cancelled),
/// then the freed place is offered to the waiting list (a second transaction). Returns the session.
Session cancel_place(Programme& p, const std::string& session_id, const std::string& client_id, Instant now = {});

// ---- access figures ---------------------------------------------------------------------------

// The access types and definitions are the domain's (access.hpp), shared with the evaluation.
using laycoach::AccessFigures;
using laycoach::AccessRow;
using laycoach::CoachUtilisation;
using laycoach::OfficeHours;

/// Access figures for sessions starting in [from, to) (operator view: no client ids): out of
/// office hours by laycoach::out_of_office_hours (weekends and bank holidays included), rota
/// time by laycoach::rota_minutes, both read through the engine's indexes.
/// Throws ValidationError when from >= to, the period lies outside 1971..2199 or is longer
/// than 20 years.
AccessFigures access_figures(const Programme& p, Instant from, Instant to, const OfficeHours& office = {});

// ---- rules and indexes --------------------------------------------------------------------------

/// The scheduling rules alone for a session (rota, buffer, daily/weekly caps, minimum notice
/// relative to `now`), as every booking applies them (the domain's, not a copy);
/// `ignore_id` is a session being replaced.
/// Throws ValidationError "rota_covers" / "min_notice", ConflictError "buffer_between_sessions" /
/// "max_sessions_per_day" / "max_sessions_per_week", NotFoundError for an unknown coach or offer.
void check_rules(const Programme& p, const Session& s, Instant now, const std::string& ignore_id = {});

/// Build the derived indexes for [from, to) in advance (otherwise built on first use and grown
/// as searches reach further, up to 20 years at a time). Throws ValidationError outside
/// 1971..2199 or for more than 20 years.
void prepare(const Programme& p, Instant from, Instant to);
/// Rebuild the derived indexes from the records (after Programme::update_coach).
void refresh(const Programme& p);
/// Programme::update_coach, then refresh.
void update_coach(Programme& p, const Coach& c);

}  // namespace laycoach::booking
