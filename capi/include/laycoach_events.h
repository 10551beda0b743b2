/**
 * @file laycoach_events.h
 * The C face of the durable outbox: events for the host (send a booking confirmation, a
 * reminder, a cancellation, a waiting-list offer; alert a clinician to a risk flag), written in
 * the SAME store transaction as the change that caused them. A committed change always has its
 * events; a rejected change has none. Plain C99; conventions as in laycoach.h.
 *
 * The host's loop: lc_events_pending, handle each event, then lc_events_acknowledge with the
 * last seq handled. A host that crashes before acknowledging gets the same events again (at
 * least once); one that acknowledges after handling sees each event handled once. Every handle
 * and process on one store file shares one outbox. docs/events.md lists the kinds and payloads.
 *
 * An event is {"seq" (1, 2, ... in commit order), "kind" ("session_booked", "session_joined",
 * "session_cancelled", "session_rescheduled", "waiting_list_offered", "risk_flag_raised"),
 * "at" (ISO 8601 UTC, when committed), "records" (ids, the main record first), "payload" (an
 * object of ids, times and statuses: never notes, adjustments, names or other free text)}.
 */
#ifndef LAYCOACH_EVENTS_H
#define LAYCOACH_EVENTS_H

#include "laycoach.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Up to `limit` (1..10000) events not yet acknowledged, lowest seq first, as a JSON array.
 * LC_E_INVALID_ARGUMENT (record "events", field "limit", rule "event_batch") for 0 or more
 * than 10000. *out_json is owned by the caller (lc_string_free).
 */
LC_API lc_status lc_events_pending(const lc_programme *p, size_t limit, char **out_json);

/**
 * Mark every event with seq <= up_to_seq handled (cumulative). Acknowledging again, or below
 * the mark, is a harmless no-op. LC_E_INVALID_ARGUMENT (record "events", field "up_to_seq",
 * rule "event_seq_known") when up_to_seq is negative or beyond the newest event.
 */
LC_API lc_status lc_events_acknowledge(lc_programme *p, int64_t up_to_seq);

#ifdef __cplusplus
}
#endif

#endif /* LAYCOACH_EVENTS_H */
