/**
 * @file laycoach_oversight.h
 * The C face of oversight: the access log of confidential reads and exports, its verification,
 * and the caseload metadata a supervisor sees. Plain C99; conventions as in laycoach.h (status
 * codes, thread-local lc_last_error(), caller-owned strings released with lc_string_free()).
 *
 * The access log records every read of session notes (lc_session_notes), goals and client
 * records (lc_client_get) and every export of the whole programme (lc_programme_to_json), allowed
 * or refused: who (the viewer as the host asserted it), what (operation and record ids), when
 * (UTC) and the outcome, never the content. The entry is written, in a transaction of its own,
 * before the content is returned: when it cannot be written the call fails with LC_E_IO and
 * returns nothing. The host authenticates people; laycoach enforces and records what the host
 * asserts. Entries are hash-chained (SHA-256; the encoding is in include/laycoach/access_log.hpp).
 */
#ifndef LAYCOACH_OVERSIGHT_H
#define LAYCOACH_OVERSIGHT_H

#include "laycoach.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * The access log, oldest entry first, as a JSON array of
 * {"seq", "at" (ISO 8601 UTC), "audience", "viewer_id", "operation" ("read_notes", "read_goals",
 * "read_client", "export_programme", "read_access_log"), "records" (array of ids: the one asked
 * for, then those returned), "outcome" ("allowed" or "denied"), "rule" (why a denied request was
 * refused, else ""), "hash"}. Only the service manager may read it (else LC_E_FORBIDDEN); the
 * read is itself logged. *out_json is owned by the caller (lc_string_free).
 */
LC_API lc_status lc_programme_access_log(const lc_programme *p, const char *viewer_json, char **out_json);

/**
 * Recompute the access log's hash chain: {"intact": true|false, "entries": n, "first_broken":
 * null or the seq of the first broken entry, "problem": "" | "hash" (an entry's content, seq or
 * predecessor changed) | "missing" (an entry deleted), "head": hash of the newest entry}. Reveals
 * no content, so it takes no viewer. *out_json is owned by the caller (lc_string_free).
 */
LC_API lc_status lc_programme_access_log_verify(const lc_programme *p, char **out_json);

/**
 * Caseload metadata on a date ("YYYY-MM-DD") as a JSON array, by coach id, of
 * {"coach_id", "active", "sessions", "clients", "by_status": {status: count}, "booked_ahead",
 * "last_session", "last_supervision": {"health_coaching", "clinical", "line_management": date or
 * null}, "overdue": [{coach_id, kind, last, due, days_overdue}]}. A viewer {"audience":
 * "supervisor", "id": name as in supervision records} gets their supervisees (coaches whose latest
 * meeting of some kind on or before the date was with them); the service manager gets every
 * coach; any other audience LC_E_FORBIDDEN. LC_E_NOT_FOUND when no supervision record names the
 * supervisor. *out_json is owned by the caller (lc_string_free).
 */
LC_API lc_status lc_supervision_caseloads(const lc_programme *p, const char *viewer_json, const char *on_date,
                                          char **out_json);

#ifdef __cplusplus
}
#endif

#endif /* LAYCOACH_OVERSIGHT_H */
