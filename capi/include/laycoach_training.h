/**
 * @file laycoach_training.h
 * The C face of usage tracking for people trained in coaching skills (docs/usage-tracking.md):
 * the waves of the usage survey (the built-in instrument "coaching_skills_usage"), invitations to
 * everyone on the training register, their answers, skill-share sessions, and the register of
 * who practises. Cohorts, trainees and the training register itself are in laycoach_records.h.
 * Plain C99; conventions as in laycoach.h (status codes, thread-local lc_last_error(),
 * caller-owned strings released with lc_string_free(), out-parameters last and NULL on failure).
 *
 * Documents: a wave {"id", "weeks" (1..520 weeks after the course's last day)}; an invitation
 * {"id" ("<trainee_id>#<wave>"), "trainee_id", "wave", "due" ("YYYY-MM-DD"), "sent_at" and
 * "responded_at" (ISO 8601 UTC or null), "answers" (array of integers or null; empty until
 * answered)}; a skill-share session {"id", "date", "organisation", "facilitator", "attendees"
 * (trainee ids)}.
 */
#ifndef LAYCOACH_TRAINING_H
#define LAYCOACH_TRAINING_H

#include "laycoach.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Add a wave to the usage survey's schedule. LC_E_CONFLICT (field "id" rule "unique_id"; field
 *  "weeks" rule "unique_wave_weeks"), LC_E_INVALID_ARGUMENT (field "weeks" rule "wave_weeks_range"). */
LC_API lc_status lc_usage_wave_add(lc_programme *p, const char *wave_json);
/** The schedule's waves as a JSON array, by weeks. *out_json is owned by the caller. */
LC_API lc_status lc_usage_waves(const lc_programme *p, char **out_json);
/** Create the invitations due on or before `on_date` ("YYYY-MM-DD") that do not exist yet (one
 *  per person on the training register per wave), in one transaction; idempotent. *out_json
 *  receives those created as a JSON array, by due date then id (owned by the caller). */
LC_API lc_status lc_usage_invitations_schedule(lc_programme *p, const char *on_date, char **out_json);
/** Invitations due on or before `on_date` and not yet sent (for the host to send), by due date
 *  then id, as a JSON array. *out_json is owned by the caller. */
LC_API lc_status lc_usage_invitations_due(const lc_programme *p, const char *on_date, char **out_json);
/** Every invitation, by id, as a JSON array. *out_json is owned by the caller. */
LC_API lc_status lc_usage_invitations(const lc_programme *p, char **out_json);
/** Mark the invitations whose ids `ids_json` lists (a JSON array of strings) sent at
 *  `at_unix_seconds` (UTC), all or nothing. LC_E_NOT_FOUND (field "id"), LC_E_CONFLICT (field
 *  "sent_at" rule "send_once"; field "id" rule "unique_id" for an id listed twice). */
LC_API lc_status lc_usage_invitations_mark_sent(lc_programme *p, const char *ids_json, int64_t at_unix_seconds);
/**
 * Record the answers to invitation `invitation_id` (`answers_json`: a JSON array, one integer or
 * null per coaching_skills_usage item) given at `at_unix_seconds` (UTC); validated and scored by
 * the instrument library. *out_json receives the score as lc_response_record's ("flags" holds
 * "practising" when the approach was used at least monthly; owned by the caller). Errors name
 * the invitation: LC_E_NOT_FOUND (field "id"); LC_E_INVALID_ARGUMENT field "sent_at" rule
 * "invitation_sent" (not sent), field "answers/i" rule "answer_in_range", field "answers" rule
 * "answer_count", field "responded_at" rule "response_time" (before it was sent); LC_E_CONFLICT
 * field "responded_at" rule "respond_once" (already answered).
 */
LC_API lc_status lc_usage_response_record(lc_programme *p, const char *invitation_id, const char *answers_json,
                                          int64_t at_unix_seconds, char **out_json);
/** Add a skill-share session. LC_E_INVALID_ARGUMENT (field "attendees/i" rule
 *  "on_training_register" or "unique_attendee"; field "date" rule "date_required"), LC_E_NOT_FOUND
 *  (field "attendees/i": no such trainee), LC_E_CONFLICT (an id that exists). */
LC_API lc_status lc_skill_share_add(lc_programme *p, const char *session_json);
/** Every skill-share session, by date then id, as a JSON array. *out_json is owned by the caller. */
LC_API lc_status lc_skill_share_sessions(const lc_programme *p, char **out_json);
/** The register of who practises as a JSON array (the training register's order) of
 *  {"trainee_id", "cohort_id", "profession", "organisation", "completed", "champion", "invited",
 *  "waves_answered", "latest_wave", "latest_frequency" (0..3 or null), "latest_confidence" (1..10
 *  or null), "practising", "skill_share_attended"}. *out_json is owned by the caller. */
LC_API lc_status lc_practice_register(const lc_programme *p, char **out_json);

#ifdef __cplusplus
}
#endif

#endif /* LAYCOACH_TRAINING_H */
