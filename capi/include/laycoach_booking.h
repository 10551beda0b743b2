/**
 * @file laycoach_booking.h
 * The booking engine's C API: earliest feasible slots, atomic booking, cancellation,
 * did-not-attend, rescheduling, group places and their waiting list, access figures.
 * Conventions as in laycoach.h: lc_status return, thread-local lc_last_error(), out-parameters
 * last, strings returned through `out_json` owned by the caller and released with
 * lc_string_free(), JSON documents in UTF-8, unknown keys rejected (LC_E_PARSE with the JSON
 * pointer in lc_last_error_field()).
 *
 * Rules (the same C++ code as every other face): a booking passes the programme's rules
 * (coach delivers and is accredited for the offer, pathway, modality, opening hours in UK
 * local time with the bank-holiday policy, capacity, eligibility, consent, no double booking
 * of coach or client) and the engine's (rota with exceptions and leave, buffer between
 * sessions, daily and weekly caps, minimum notice). Booking is atomic: two concurrent
 * requests never get the same coach at the same time, and a failure changes nothing.
 * Slots start on a 15-minute grid aligned to UK local time.
 *
 * The request document (every key but client_id optional):
 *   {"client_id": "s1", "offer_id": "lay_too_1to1", "referral_id": "r1",
 *    "modality": "video" | "telephone" | "face_to_face",
 *    "earliest": "2024-07-08T08:00:00Z", "latest": "...", "now": "...",
 *    "preferred_coach": "c1", "preferred_coach_only": false, "continuity": true,
 *    "times_of_day": [{"from_min": 1020, "to_min": 1320}], "weekdays": [0, 1, 2, 3, 4],
 *    "reschedule_of": "session id", "max_results": 5,
 *    "session_id": "...", "requested_at": "...", "first_offered": "...", "adjustments": "..."}
 * offer_id defaults to the referral's; modality to the referral's preferred one, else any;
 * earliest and now to the clock; latest to earliest + 28 days; weekdays are 0 = Monday ...
 * 6 = Sunday (UK local) or English day names ("monday", "mon"); times_of_day are UK local
 * minutes or "HH:MM", the start lies in [from_min, to_min). The same reader serves Python.
 * A bad request is LC_E_PARSE (or LC_E_INVALID_ARGUMENT for a value out of range) with
 * lc_last_error_record() "request" and lc_last_error_field() the JSON pointer ("/weekdays/1").
 * A follow-up in referral_id goes to the coach of its latest session first (continuity) unless
 * continuity is false or preferred_coach names another. The last four keys are for booking:
 * the new session's id (default generated), when the client asked (default the referral's),
 * the earliest slot offered (default the booked one), reasonable adjustments.
 *
 * A slot document: {"start": "...", "minutes": 45, "coach_id": "c1", "modality": "video",
 * "favoured": false, "coach_week_sessions": 3}. Slots are ranked: favoured coach first, then
 * start, then fewest sessions that ISO week for the coach, then coach id.
 */
#ifndef LAYCOACH_BOOKING_H
#define LAYCOACH_BOOKING_H

#include <stddef.h>
#include <stdint.h>

#include "laycoach.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Pass as a time argument (seconds since the Unix epoch) to mean "now, by the system clock". */
#define LC_BOOKING_NOW INT64_MIN

/** The earliest feasible slots for a request document, as a JSON array of slot documents
 *  (empty when none). LC_E_NOT_FOUND for an unknown client, offer, referral or coach;
 *  LC_E_INVALID_ARGUMENT for a bad window or preference, or a client who is not eligible or
 *  has not consented (rule "eligibility" / "consent"). */
LC_API lc_status lc_booking_search(const lc_programme *p, const char *request_json, char **out_json);

/** Search and book the best slot for a request document in one step; *out_json is the stored
 *  session document. LC_E_CONFLICT with rule "no_slot_available" when nothing fits. */
LC_API lc_status lc_booking_book(lc_programme *p, const char *request_json, char **out_json);

/** Book a chosen slot (a slot document: coach_id, start, and optionally modality) for the
 *  request's client, offer and referral, checked by every rule (not by the request's window or
 *  preferences). With "reschedule_of" in the request, moves that session there instead.
 *  *out_json is the stored session document. */
LC_API lc_status lc_booking_book_slot(lc_programme *p, const char *request_json, const char *slot_json, char **out_json);

/** Cancel a booked session; by is "client" or "coach" (different outcomes, counted separately).
 *  The slot is free again at once. *out_json (may be NULL) is the session document. */
LC_API lc_status lc_booking_cancel(lc_programme *p, const char *session_id, const char *by, char **out_json);

/** Record that the client ("client") or the coach ("coach") did not attend a booked session.
 *  *out_json (may be NULL) is the session document. */
LC_API lc_status lc_booking_did_not_attend(lc_programme *p, const char *session_id, const char *who, char **out_json);

/** Move a booked session; the old one becomes "rescheduled", both in one transaction, every rule
 *  checked as if the old slot were free. request_json is either {"start": "...", "now": ...,
 *  "session_id": ...} (same coach, that time) or a request document (earliest, latest,
 *  preferences...; client, offer, referral and modality default to the session's; the same coach
 *  first) for the best slot. *out_json is the new session document. */
LC_API lc_status lc_booking_reschedule(lc_programme *p, const char *session_id, const char *request_json, char **out_json);

/* ---- series (docs/series.md) ----
 * The series request document (client_id, first_start and count required for
 * lc_booking_book_series; earliest/latest/times_of_day/weekdays only for
 * lc_booking_book_series_earliest):
 *   {"series_id": "ser-1", "client_id": "s1", "offer_id": "...", "referral_id": "r1",
 *    "modality": "video", "coach_id": "c1", "first_start": "2024-07-08T09:00:00Z", "count": 6,
 *    "repeat": "weekly" | "daily", "every": 1, "now": "...", "requested_at": "...",
 *    "adjustments": "...", "override_by": "...", "override_reason": "...",
 *    "earliest": "...", "latest": "...", "times_of_day": [...], "weekdays": [...]}
 * series_id defaults to a generated "series-<n>"; coach_id to the referral's continuity coach;
 * repeat to "weekly", every to 1 (every k weeks on the same weekday, or every k days, at the
 * same UK local time of day across clock changes). override_by and override_reason (both or
 * neither) set aside the episode's agreed number of sessions, never a scheduling rule.
 * A series is booked whole or not at all: every occurrence passes the same rules as
 * lc_booking_book_slot, judged as if the earlier occurrences were booked. When occurrence i
 * fails, lc_last_error_record() is the series id, lc_last_error_field() "occurrences/<i>/..."
 * (i from 0, e.g. "occurrences/4/start"), lc_last_error_rule() the rule broken, and the message
 * gives the occurrence's start. More sessions than the episode's agreed number (booked and
 * attended ones counted): LC_E_INVALID_ARGUMENT, field "count", rule "agreed_sessions".
 * Sessions carry "series_id" and "series_index" (0-based occurrence).
 */

/** Book a series whole, in one transaction; *out_json (may be NULL) is the JSON array of the
 *  stored session documents by occurrence. */
LC_API lc_status lc_booking_book_series(lc_programme *p, const char *request_json, char **out_json);

/** Search the earliest first start in the request's window (earliest, latest, times_of_day,
 *  weekdays) for which the whole series fits with its coach, and book it; *out_json as above.
 *  LC_E_CONFLICT with rule "no_series_available" when none fits. */
LC_API lc_status lc_booking_book_series_earliest(lc_programme *p, const char *request_json, char **out_json);

/** The sessions of a series (every status), by occurrence then start, as a JSON array of session
 *  documents. LC_E_NOT_FOUND for an unknown series. */
LC_API lc_status lc_booking_series(const lc_programme *p, const char *series_id, char **out_json);

/** Cancel every still-booked session of a series with occurrence >= from_index, by "client" or
 *  "coach", in one transaction; *out_json (may be NULL) is the JSON array of the sessions
 *  cancelled (possibly empty). */
LC_API lc_status lc_booking_cancel_series(lc_programme *p, const char *series_id, int from_index, const char *by,
                                          char **out_json);

/** As lc_booking_cancel_series for the still-booked sessions starting at or after from_unix. */
LC_API lc_status lc_booking_cancel_series_from(lc_programme *p, const char *series_id, int64_t from_unix, const char *by,
                                               char **out_json);

/** Move the still-booked sessions of a series with occurrence >= from_index: the first of them to
 *  new_first_start_unix, the others by the same number of UK local calendar days as before, at
 *  that new local time of day; all or nothing, the old ones "rescheduled", one transaction.
 *  now_unix (or LC_BOOKING_NOW) is the booking time for minimum notice. *out_json (may be NULL)
 *  is the JSON array of the new session documents. LC_E_INVALID_ARGUMENT with rule
 *  "series_rest_booked" when no booked session is left from there. */
LC_API lc_status lc_booking_move_series(lc_programme *p, const char *series_id, int from_index,
                                        int64_t new_first_start_unix, int64_t now_unix, char **out_json);

/** Booked group/team sessions of the request's offer in its window with a free place the
 *  client can take, as a JSON array of session documents by start. */
LC_API lc_status lc_booking_open_group_sessions(const lc_programme *p, const char *request_json, char **out_json);

/** Join a group/team session; attendee_json is {"client_id": ..., "referral_id": ...}.
 *  LC_E_CONFLICT "group_capacity" when full, "place_offered_to_waiting_list" when the free
 *  places are held for people on the waiting list. *out_json (may be NULL) is the session. */
LC_API lc_status lc_booking_join(lc_programme *p, const char *session_id, const char *attendee_json, char **out_json);

/** Put a client on a full session's waiting list at time now_unix (or LC_BOOKING_NOW); *out_json
 *  (may be NULL) is the entry. LC_E_CONFLICT "place_available" when a place is free. */
LC_API lc_status lc_booking_join_waiting_list(lc_programme *p, const char *session_id, const char *attendee_json,
                                              int64_t now_unix, char **out_json);

/** A session's waiting list in order of service (added_at, then id), as a JSON array of entries. */
LC_API lc_status lc_booking_waiting_list(const lc_programme *p, const char *session_id, char **out_json);

/** Offer each free place of a session to the earliest waiting entry (status "offered"); *out_json
 *  (may be NULL) is the JSON array of entries offered now. */
LC_API lc_status lc_booking_offer_freed_places(lc_programme *p, const char *session_id, int64_t now_unix, char **out_json);

/** Accept an offered place: the client joins and the entry becomes "joined", in one
 *  transaction. *out_json (may be NULL) is the session document. */
LC_API lc_status lc_booking_accept_place(lc_programme *p, const char *wait_id, char **out_json);

/** Decline a place (or leave the list): the entry becomes "withdrawn" and a place it held goes
 *  to the next in line. *out_json (may be NULL) is that next entry, or "null". */
LC_API lc_status lc_booking_decline_place(lc_programme *p, const char *wait_id, int64_t now_unix, char **out_json);

/** A client gives up a place in a group session; the freed place is offered to the waiting
 *  list. *out_json (may be NULL) is the session document. */
LC_API lc_status lc_booking_cancel_place(lc_programme *p, const char *session_id, const char *client_id, int64_t now_unix,
                                         char **out_json);

/** Access figures for sessions starting in [from_unix, to_unix): {"bookings": [{session_id,
 *  offer_id, coach_id, status, requested_at, first_offered, start, minutes_to_first_offer,
 *  minutes_to_session, offered_within_24h, within_24h, out_of_hours}], "with_request",
 *  "share_offered_within_24h", "share_within_24h", "share_out_of_hours",
 *  "median_minutes_to_first_offer", "median_minutes_to_session", "attended",
 *  "client_did_not_attend", "coach_did_not_attend", "cancelled_by_client", "cancelled_by_coach",
 *  "booked", "utilisation": [{coach_id, booked_minutes, rota_minutes, utilisation}],
 *  "overall_utilisation"}. Out of office hours: before 09:00 or from 17:00 UK local, or a
 *  weekend. Undefined figures (no data) are null. */
LC_API lc_status lc_booking_access_figures(const lc_programme *p, int64_t from_unix, int64_t to_unix, char **out_json);

#ifdef __cplusplus
}
#endif

#endif /* LAYCOACH_BOOKING_H */
