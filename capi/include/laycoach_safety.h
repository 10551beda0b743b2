/**
 * @file laycoach_safety.h
 * The C face of clinical safety: recording a questionnaire response with its score and flags,
 * the clinical risk flags it raises (e.g. PHQ-9 item 9 "thoughts of self-harm" answered above 0:
 * "self_harm_risk"), their acknowledgement by a named person, and safeguarding concerns that
 * answer them. Plain C99; conventions as in laycoach.h (status codes, thread-local
 * lc_last_error(), caller-owned strings released with lc_string_free()). docs/clinical-safety.md
 * is the hazard log these calls serve.
 *
 * A risk flag is a JSON object {"id" ("<response id>#<flag>"), "response_id", "client_id",
 * "instrument_id", "flag", "raised_at" (ISO 8601 UTC), "acknowledged_by" ("" while open),
 * "acknowledged_at" (null while open), "action"}. It stays on lc_programme_audit (rule
 * "risk_flag_open") until acknowledged or named by a concern's "risk_flag_id".
 */
#ifndef LAYCOACH_SAFETY_H
#define LAYCOACH_SAFETY_H

#include "laycoach.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Record a questionnaire response (as lc_response_add, which stays) and return its score:
 * {"instrument_id", "total" (null when not scorable or no primary scale), "band", "scales":
 * [{"scale", "raw", "score", "band"}], "flags" (every flag raised), "risk_flags" (the clinical
 * risk flags among them, each now stored and announced by a "risk_flag_raised" event in the
 * same transaction), "n_missing"}. Errors as lc_response_add (LC_E_INVALID_ARGUMENT with field
 * "answers/i" rule "answer_in_range", ...). *out_json is owned by the caller (lc_string_free).
 */
LC_API lc_status lc_response_record(lc_programme *p, const char *response_json, char **out_json);

/**
 * The clinical risk flags as a JSON array of risk flag objects, by id; open_only != 0: only
 * those neither acknowledged nor named by a concern. *out_json is owned by the caller.
 */
LC_API lc_status lc_risk_flags(const lc_programme *p, int open_only, char **out_json);

/**
 * A named person `by` acknowledges risk flag `flag_id` at `at_unix_seconds` (UTC) with what was
 * done (`action`, NULL or "" for none; free text kept with the flag, never in events or
 * extracts). *out_json (may be NULL when not wanted) receives the stored flag. LC_E_NOT_FOUND
 * (field "id"); LC_E_INVALID_ARGUMENT: empty `by` (field "acknowledged_by", rule "named_person"),
 * a time before the flag was raised (field "acknowledged_at", rule "acknowledgement_time");
 * LC_E_CONFLICT when already acknowledged (rule "acknowledge_once").
 */
LC_API lc_status lc_risk_flag_acknowledge(lc_programme *p, const char *flag_id, const char *by, int64_t at_unix_seconds,
                                          const char *action, char **out_json);

/* A concern that names a risk flag answers it: lc_concern_raise (laycoach_records.h). */

#ifdef __cplusplus
}
#endif

#endif /* LAYCOACH_SAFETY_H */
