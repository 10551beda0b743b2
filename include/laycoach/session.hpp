#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 2
#error "laycoach layering: a domain-layer header included from a lower layer"
#endif
/// \file session.hpp
/// Referrals (a client-led episode), sessions with attendees and their lifecycle, the
/// confidential notes and goals that belong to coach and client only.

#include <optional>
#include <string>
#include <vector>

#include "laycoach/catalogue.hpp"
#include "laycoach/client.hpp"
#include "laycoach/time.hpp"

namespace laycoach {

/// A request for coaching: opens a client-led episode on one offer.
struct Referral {
  std::string id;                 ///< unique id
  std::string client_id;          ///< the client
  std::string offer_id;           ///< the offer asked for
  ReferralSource source = ReferralSource::Self;
  Instant requested_at{boost::posix_time::not_a_date_time};  ///< when the client asked (UTC)
  std::optional<Modality> preferred_modality;  ///< client's preference, if any
  std::optional<int> sessions_wanted;  ///< client-led dose: how many sessions the client chose (or agreed)
  bool closed = false;            ///< episode ended
  std::string adjustments;        ///< reasonable adjustments requested (free text)
  bool operator==(const Referral&) const = default;
};

/// Lifecycle of a session.
enum class SessionStatus {
  Booked, Attended, ClientDidNotAttend, CoachDidNotAttend, CancelledByClient, CancelledByCoach, Rescheduled
};
/// "booked", "attended", "client_did_not_attend", "coach_did_not_attend", "cancelled_by_client",
/// "cancelled_by_coach", "rescheduled".
const char* to_string(SessionStatus v) noexcept;
/// Parse the names above; nullopt if unknown.
std::optional<SessionStatus> parse_session_status(std::string_view s) noexcept;
/// True for statuses that hold the coach's and clients' time (booked or attended).
constexpr bool occupies_time(SessionStatus s) noexcept {
  return s == SessionStatus::Booked || s == SessionStatus::Attended;
}

/// One client's place in a session.
enum class AttendeeStatus { Booked, Attended, DidNotAttend, Cancelled };
/// "booked", "attended", "did_not_attend", "cancelled".
const char* to_string(AttendeeStatus v) noexcept;
/// Parse the names above; nullopt if unknown.
std::optional<AttendeeStatus> parse_attendee_status(std::string_view s) noexcept;

/// A client in a session, with the referral (episode) the place belongs to.
struct Attendee {
  std::string client_id;  ///< the client taking the place
  std::string referral_id;        ///< may be empty for team sessions booked by a leader
  AttendeeStatus status = AttendeeStatus::Booked;  ///< this attendee's own outcome (group and team sessions)
  bool operator==(const Attendee&) const = default;
};

/// A 1:1, group or team session with a coach at a fixed time.
struct Session {
  std::string id;                 ///< unique id
  std::string offer_id;           ///< what is delivered
  std::string coach_id;           ///< who delivers it
  std::vector<Attendee> attendees;  ///< clients (1 for 1:1; up to the offer's capacity)
  Instant start{boost::posix_time::not_a_date_time};  ///< start (UTC)
  int minutes = 0;                ///< length, minutes; 0 = the offer's session length (filled in by book)
  Modality modality = Modality::Video;
  SessionStatus status = SessionStatus::Booked;
  Instant booked_at{boost::posix_time::not_a_date_time};  ///< when it was booked (UTC)
  Instant requested_at{boost::posix_time::not_a_date_time};  ///< when the client asked for this session (UTC); access figures
  Instant first_offered{boost::posix_time::not_a_date_time}; ///< start of the earliest slot offered for the request (UTC)
  std::string adjustments;        ///< reasonable adjustments for this session
  std::string rescheduled_to;     ///< id of the replacement session when status is Rescheduled
  /// Booked outside the scheduling rules (rota, leave, caps, buffer, notice) by arrangement:
  /// who allowed it (a named manager) and why. Both or neither; listed by Programme::audit.
  std::string override_by;
  std::string override_reason;    ///< why the scheduling rules were set aside
  std::string series_id;          ///< the series it belongs to (booking::book_series); "" = none
  int series_index = 0;           ///< its occurrence in the series, 0-based (0 when not in a series)
  /// Booked beyond the episode's agreed number of sessions by arrangement (a series booked
  /// with an override): who allowed it (a named manager) and why. Both or neither; listed by
  /// Programme::audit. Unlike override_by it sets no scheduling rule aside.
  std::string agreed_override_by;
  std::string agreed_override_reason;  ///< why sessions beyond the agreed number were booked
  Instant end() const { return start + boost::posix_time::minutes(minutes); }  ///< start + minutes
  bool operator==(const Session&) const = default;
};

/// State of a place on a group or team session's waiting list.
enum class WaitStatus { Waiting, Offered, Joined, Withdrawn };
/// "waiting", "offered", "joined", "withdrawn".
const char* to_string(WaitStatus v) noexcept;
/// Parse the names above; nullopt if unknown.
std::optional<WaitStatus> parse_wait_status(std::string_view s) noexcept;

/// A client waiting for a place on a full group or team session; served in order of added_at, then id.
struct WaitingListEntry {
  std::string id;  ///< unique id
  std::string session_id;  ///< the full group or team session waited for
  std::string client_id;  ///< who is waiting
  std::string referral_id;        ///< may be empty
  Instant added_at{boost::posix_time::not_a_date_time};    ///< joined the list (UTC); the order of service
  WaitStatus status = WaitStatus::Waiting;  ///< waiting, offered, joined or withdrawn
  Instant offered_at{boost::posix_time::not_a_date_time};  ///< when a freed place was offered (UTC)
  bool operator==(const WaitingListEntry&) const = default;
};

/// A coach's confidential note of a session: readable by that coach and the session's clients only.
struct SessionNote {
  std::string id;  ///< unique id
  std::string session_id;  ///< the session it is about
  std::string author_id;          ///< the coach who wrote it
  Instant written_at{boost::posix_time::not_a_date_time};  ///< when it was written (UTC)
  std::string text;  ///< the note (free text: confidential to the session's coach and client)
  bool operator==(const SessionNote&) const = default;
};

/// How far a goal was attained at follow-up.
enum class GoalAttainment { NotStarted, Partly, Achieved };
/// "not_started", "partly", "achieved".
const char* to_string(GoalAttainment v) noexcept;
/// Parse the names above; nullopt if unknown.
std::optional<GoalAttainment> parse_goal_attainment(std::string_view s) noexcept;

/// A self-identified goal of a client in an episode (confidential like notes).
struct Goal {
  std::string id;  ///< unique id
  std::string client_id;  ///< whose goal it is
  std::string referral_id;  ///< the episode it belongs to (may be empty: the client's latest referral)
  std::string description;  ///< the goal in the client's words (free text: confidential)
  std::optional<int> baseline;    ///< self-rated 0..10 at the start
  std::optional<int> target;      ///< self-rated 0..10 aimed for
  GoalAttainment attainment = GoalAttainment::NotStarted;  ///< how far it has been achieved
  bool operator==(const Goal&) const = default;
};

}  // namespace laycoach
