/**
 * @file laycoach_records.h
 * The records of a programme from C, one call per Programme operation and query: the catalogue
 * (service lines, offers), organisations, coaches, clients, referrals, sessions and attendance,
 * goals, the supervision policy, safeguarding concerns, training, questionnaire responses.
 * Plain C99; conventions as in laycoach.h: lc_status return, thread-local lc_last_error() with
 * record, field and rule, out-parameters last, strings returned through `out_json` owned by the
 * caller and released with lc_string_free() (set to NULL on failure), documents in UTF-8 JSON as
 * described in docs/documents.md (unknown keys and repeated keys rejected with LC_E_PARSE and the
 * JSON pointer in lc_last_error_field()). A rejected change leaves the programme and its store
 * unchanged. A single record returned is a record document with "schema_version"; a list is a
 * JSON array of record documents without it.
 *
 * Confidentiality: goals, like notes, are the client's and their coach's. The calls that touch
 * them take a viewer document ({"audience": "coach", "id": "c1"}) and refuse anyone else with
 * LC_E_FORBIDDEN; reading goals is recorded in the access log, allowed or refused
 * (laycoach_oversight.h). Joining a group session and rescheduling are in laycoach_booking.h.
 */
#ifndef LAYCOACH_RECORDS_H
#define LAYCOACH_RECORDS_H

#include <stddef.h>
#include <stdint.h>

#include "laycoach.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- catalogue and organisations ------------------------------------------------------------ */

/** Add a service line from a service line document. LC_E_CONFLICT (rule "unique_id") when the id
 *  exists; LC_E_INVALID_ARGUMENT for a bad value (opening hours, eligibility ...). */
LC_API lc_status lc_service_line_add(lc_programme *p, const char *service_line_json);
/** Add an offer from an offer document. LC_E_NOT_FOUND (field "service_line_id") for an unknown
 *  service line; LC_E_CONFLICT for an id that exists; LC_E_INVALID_ARGUMENT for a bad value. */
LC_API lc_status lc_offer_add(lc_programme *p, const char *offer_json);
/** The catalogue document ({"service_lines": [...], "offers": [...]}). */
LC_API lc_status lc_catalogue_get(const lc_programme *p, char **out_json);
/** One offer's document; LC_E_NOT_FOUND (record = the id) when unknown. */
LC_API lc_status lc_offer_get(const lc_programme *p, const char *offer_id, char **out_json);
/** Add an organisation (an employer or a practice, keyed by ODS code) from an organisation
 *  document. LC_E_CONFLICT for an ODS code that exists; LC_E_NOT_FOUND for an unknown parent. */
LC_API lc_status lc_organisation_add(lc_programme *p, const char *organisation_json);

/* ---- coaches ---------------------------------------------------------------------------------- */

/** One coach's document; LC_E_NOT_FOUND (record = the id) when unknown. */
LC_API lc_status lc_coach_get(const lc_programme *p, const char *coach_id, char **out_json);
/** Every coach, by id, as a JSON array of coach documents. */
LC_API lc_status lc_coach_list(const lc_programme *p, char **out_json);

/* ---- clients and referrals -------------------------------------------------------------------- */

/** The number of clients in *out (no client-level content, so no viewer and no log entry). */
LC_API lc_status lc_client_count(const lc_programme *p, size_t *out);
/** One referral's document; LC_E_NOT_FOUND (record = the id) when unknown. */
LC_API lc_status lc_referral_get(const lc_programme *p, const char *referral_id, char **out_json);
/** Every referral, by id, as a JSON array of referral documents. */
LC_API lc_status lc_referral_list(const lc_programme *p, char **out_json);

/* ---- sessions --------------------------------------------------------------------------------- */

/** One session's document; LC_E_NOT_FOUND (record = the id) when unknown. */
LC_API lc_status lc_session_get(const lc_programme *p, const char *session_id, char **out_json);
/** Every session, by start then id, as a JSON array of session documents. */
LC_API lc_status lc_session_list(const lc_programme *p, char **out_json);
/** A coach's sessions, by start, as a JSON array of session documents (empty for a coach with
 *  none, or an unknown id). */
LC_API lc_status lc_session_list_of_coach(const lc_programme *p, const char *coach_id, char **out_json);
/** Record one attendee's outcome in a group or team session: status is "attended",
 *  "did_not_attend" or "cancelled" (another value: LC_E_INVALID_ARGUMENT, field "status", rule
 *  "valid_status"). LC_E_NOT_FOUND for an unknown session or a client not in it.
 *  *out_json (may be NULL) is the session document. */
LC_API lc_status lc_session_record_attendance(lc_programme *p, const char *session_id, const char *client_id,
                                              const char *status, char **out_json);

/* ---- goals (confidential: the client and their coach) ----------------------------------------- */

/** Add a goal from a goal document; the viewer must be the client or a coach who has a session
 *  in the episode (else LC_E_FORBIDDEN). */
LC_API lc_status lc_goal_add(lc_programme *p, const char *viewer_json, const char *goal_json);
/** Set a goal's attainment: "not_started", "partly" or "achieved" (another value:
 *  LC_E_INVALID_ARGUMENT, field "attainment", rule "valid_attainment"); same access rule as lc_goal_add. */
LC_API lc_status lc_goal_set_attainment(lc_programme *p, const char *viewer_json, const char *goal_id,
                                        const char *attainment);
/** A client's goals as a JSON array of goal documents; only the client or a coach who has a
 *  session with them (else LC_E_FORBIDDEN). Logged in the access log ("read_goals"), allowed or
 *  refused, before anything is returned. */
LC_API lc_status lc_goal_list(const lc_programme *p, const char *viewer_json, const char *client_id, char **out_json);

/* ---- supervision policy and safeguarding -------------------------------------------------------- */

/** The supervision policy document (how often each kind of support is due). */
LC_API lc_status lc_supervision_policy_get(const lc_programme *p, char **out_json);
/** Set the supervision policy from a policy document; LC_E_INVALID_ARGUMENT for a negative interval. */
LC_API lc_status lc_supervision_policy_set(lc_programme *p, const char *policy_json);
/** Raise a safeguarding concern from a concern document {"id", "coach_id", "client_id",
 *  "session_id", "category", "raised_at", "risk_flag_id"}; naming a risk flag answers it (it
 *  leaves the audit: laycoach_safety.h). LC_E_CONFLICT for an id that exists; LC_E_NOT_FOUND for
 *  an unknown coach, client, session or risk flag (field "risk_flag_id"); LC_E_INVALID_ARGUMENT
 *  (rule "risk_flag_matches") when the flag is another client's. */
LC_API lc_status lc_concern_raise(lc_programme *p, const char *concern_json);
/** Escalate a concern to a named GP or safeguarding lead `to` at a time (seconds since the Unix
 *  epoch, UTC). LC_E_NOT_FOUND for an unknown concern; LC_E_INVALID_ARGUMENT for an empty name. */
LC_API lc_status lc_concern_escalate(lc_programme *p, const char *concern_id, const char *to, int64_t at_unix_seconds);
/** Every safeguarding concern, by id, as a JSON array of concern documents. */
LC_API lc_status lc_concern_list(const lc_programme *p, char **out_json);

/* ---- training ----------------------------------------------------------------------------------- */

/** Add a training cohort from a cohort document; LC_E_CONFLICT for an id that exists. */
LC_API lc_status lc_cohort_add(lc_programme *p, const char *cohort_json);
/** Add a trainee from a trainee document; LC_E_NOT_FOUND (field "cohort_id") for an unknown cohort. */
LC_API lc_status lc_trainee_add(lc_programme *p, const char *trainee_json);
/** Everyone who attended every day of their cohort, by cohort then id, as a JSON array of
 *  {"trainee_id", "cohort_id", "profession", "organisation", "course_days", "completed" (the
 *  course's last day, "YYYY-MM-DD")}. */
LC_API lc_status lc_training_register(const lc_programme *p, char **out_json);

/* ---- questionnaire responses -------------------------------------------------------------------- */

/** Every questionnaire response, by id, as a JSON array of response documents. */
LC_API lc_status lc_response_list(const lc_programme *p, char **out_json);

#ifdef __cplusplus
}
#endif

#endif /* LAYCOACH_RECORDS_H */
