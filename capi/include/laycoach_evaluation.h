/**
 * @file laycoach_evaluation.h
 * The C face of the evaluation engine: evaluate a programme's outcomes, access and activity for
 * an audience, under disclosure control, and get the report as a JSON document. Plain C99;
 * conventions as in laycoach.h (status codes, thread-local lc_last_error(), caller-owned strings
 * released with lc_string_free()).
 *
 * The report document ("kind": "evaluation_report", "schema_version": 1) holds "access" (access
 * and activity figures), "outcomes" (per instrument scale: the change overall and per breakdown
 * group with paired t-test, Wilcoxon signed-rank test, effect sizes, reliable and meaningful
 * change with Wilson intervals, group differences, Welch ANOVA, dose-response trend,
 * before/after histograms), "proportions" (experience items and goals achieved, with Wilson
 * intervals) and "notes". Every figure is a number or null; a row's "suppressed_fields" lists
 * the figures withheld by disclosure control (to be shown as "*"); a null figure not listed there
 * could not be computed. Field meanings and the choices behind them: include/laycoach/evaluation.hpp.
 */
#ifndef LAYCOACH_EVALUATION_H
#define LAYCOACH_EVALUATION_H

#include "laycoach.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Version of the evaluation report document this header describes. */
#define LC_EVALUATION_SCHEMA_VERSION 1

/**
 * Evaluate a programme and return the report as a JSON document.
 *
 * options_json: NULL or "" for the defaults, else a JSON object whose keys are all optional:
 *   "audience": "public" (default: the most restrictive), "commissioner", "employer",
 *               "service_manager" or "coach" ("client" and "supervisor" give LC_E_FORBIDDEN);
 *   "viewer_id": the employer's ODS code (employer) or the coach id (coach);
 *   "policy": {"min_count": 8, "round_to": 5} (disclosure thresholds for employer,
 *             commissioner and public audiences);
 *   "pairing": {"follow_up": "end_of_episode_else_latest" | "end_of_episode" |
 *               "latest_after_sessions" | "follow_up", "min_sessions": 2,
 *               "baseline_grace_minutes": 0, "min_follow_up_weeks": 0, "require_consent": true};
 *   "outcomes": ["swemwbs", "cbi/work", ...] (default: every instrument with paired data);
 *   "breakdowns": ["service_line", "offer", "pathway", "staff_group", "sector", "organisation",
 *                  "ethnicity_group", "modality", "sessions_attended"] (default: all);
 *   "confidence": 0.95; "max_dose": 6; "from"/"to": ISO 8601 instants (the period);
 *   "wilcoxon": true; "group_differences": true;
 *   "schema_version": 1.
 * Employer, commissioner and public audiences get aggregate, disclosure-controlled figures only
 * (counts of 1..min_count-1 suppressed, others rounded; statistics of fewer than min_count people
 * suppressed; complementary suppression); coach (own caseload) and service manager exact figures.
 *
 * On success *out_json is a NUL-terminated UTF-8 document owned by the caller (release it with
 * lc_string_free). On failure *out_json is set to NULL when out_json is not NULL, and the status
 * is LC_E_INVALID_ARGUMENT (NULL p or out_json, an option out of range), LC_E_PARSE (malformed
 * options; lc_last_error_field() is the JSON pointer), LC_E_NOT_FOUND (unknown coach, employer,
 * instrument or scale), LC_E_FORBIDDEN (client or supervisor audience) or LC_E_INTERNAL. The programme is
 * only read (under its shared lock), so calls may run concurrently with other readers.
 */
LC_API lc_status lc_programme_evaluate(const lc_programme *p, const char *options_json, char **out_json);

#ifdef __cplusplus
}
#endif

#endif /* LAYCOACH_EVALUATION_H */
