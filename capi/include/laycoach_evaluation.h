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
 * intervals), "equity" and "value" (null unless asked for; see options) and "notes". Every figure is a number or null; a row's "suppressed_fields" lists
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
 *               "service_manager" or "coach" ("client", "supervisor" and "practitioner" give LC_E_FORBIDDEN);
 *   "viewer_id": the employer's ODS code (employer) or the coach id (coach);
 *   "policy": {"min_count": 8, "round_to": 5, "cell_key": true, "max_perturbation": 2,
 *             "magnitude_noise": 0.25, "exact_statistics": false} (every key optional, missing
 *             keys take these defaults): counts below min_count (>= 1) suppressed; shown counts
 *             moved by their cell key (cell_key) by at most max_perturbation people (0..20),
 *             then rounded to round_to (>= 1); means and SDs with keyed noise bounded by
 *             magnitude_noise (in [0, 1]) x score range / n; exact_statistics: the release
 *             before cell keys (exact means, SDs and tests). Out of range: LC_E_INVALID_ARGUMENT,
 *             rule "policy_range". Floor rule: for employer, commissioner and public audiences
 *             no policy means the service's disclosure floor (lc_programme_disclosure_floor), and
 *             a policy weaker than the floor in any key (smaller min_count, round_to,
 *             max_perturbation or magnitude_noise, cell_key false or exact_statistics true where
 *             the floor has not) is LC_E_FORBIDDEN, record "policy", field = the first weaker
 *             key, rule "policy_below_floor". Preview rule: for service_manager and coach any
 *             valid policy gives a preview of the release under it ("disclosure_controlled":
 *             true, "policy" echoed); without one their figures are exact;
 *   "pairing": {"follow_up": "end_of_episode_else_latest" | "end_of_episode" |
 *               "latest_after_sessions" | "follow_up", "min_sessions": 2,
 *               "baseline_grace_minutes": 0, "min_follow_up_weeks": 0, "require_consent": true};
 *   "outcomes": ["swemwbs", "cbi/work", ...] (default: every instrument with paired data);
 *   "breakdowns": ["service_line", "offer", "pathway", "staff_group", "sector", "organisation",
 *                  "ethnicity_group", "modality", "sessions_attended"] (default: all);
 *   "confidence": 0.95; "max_dose": 6; "from"/"to": ISO 8601 instants (the period);
 *   "wilcoxon": true; "group_differences": true;
 *   "equity": {"denominators": {"staff_group" | "ethnicity_group" | "sector" | "organisation":
 *              {"<group>": people in the population, >= 0}}, "outcome": "instrument/scale"}:
 *             adds the report's "equity" section (uptake, representation ratio with Katz
 *             interval, reliable improvement and its ratio, per listed group); an unknown
 *             dimension, a negative count, or 0 for a group with clients is
 *             LC_E_INVALID_ARGUMENT, record "evaluation_options", field
 *             "equity/denominators/<dimension>[/<group>]", rule "equity_dimension",
 *             "non_negative" or "positive_denominator";
 *   "unit_costs": {"source": "...", "price_year": "...", "coach_hour": {"<AfC band>" | "default":
 *             cost}, "session": {"<modality>": cost}, "training_day": cost, "supervision_hour":
 *             cost, "outcome": "instrument/scale"}, a cost being {"value", "low", "high"} or
 *             {"value", "plus_minus_percent"} in pounds: adds the report's "value" section (total
 *             cost and cost per session, per completed episode and per person with a reliable
 *             improvement, each with its low-high range). Bad costs: LC_E_INVALID_ARGUMENT,
 *             record "unit_costs", rules "afc_band", "modality", "non_negative", "range_order",
 *             "source_required", "band_not_costed"; for an employer or coach audience
 *             LC_E_FORBIDDEN rule "value_audience". Definitions: docs/equity-and-value.md;
 *   "schema_version": 1.
 * Employer, commissioner and public audiences get aggregate, disclosure-controlled figures only
 * (counts of 1..min_count-1 suppressed, others perturbed and rounded; statistics of fewer than
 * min_count people suppressed; complementary suppression); coach (own caseload) and service
 * manager exact figures, or a preview under a policy they give. The report's "policy" is the
 * policy applied and "disclosure_controlled" says whether it was.
 *
 * On success *out_json is a NUL-terminated UTF-8 document owned by the caller (release it with
 * lc_string_free). On failure *out_json is set to NULL when out_json is not NULL, and the status
 * is LC_E_INVALID_ARGUMENT (NULL p or out_json, an option out of range), LC_E_PARSE (malformed
 * options; lc_last_error_field() is the JSON pointer), LC_E_NOT_FOUND (unknown coach, employer,
 * instrument or scale), LC_E_FORBIDDEN (client or supervisor audience; rule "policy_below_floor"
 * for a policy weaker than the floor) or LC_E_INTERNAL. The programme is
 * only read (under its shared lock), so calls may run concurrently with other readers.
 */
LC_API lc_status lc_programme_evaluate(const lc_programme *p, const char *options_json, char **out_json);

/**
 * Evaluate a programme and return the report's tables as CSV, as a JSON document
 * {"schema_version": 1, "kind": "evaluation_tables", "tables": {"report": "...", "access": "...",
 * "pairing": "...", "outcomes": "...", "differences": "...", "omnibus": "...", "trends": "...",
 * "histograms": "...", "proportions": "...", "coaches": "...", "usage": "...", "usage_figures": "...",
 *   "onward": "..."}}: each value one RFC 4180 table
 * (UTF-8, CRLF line ends, header row first) holding exactly the figures lc_programme_evaluate
 * releases for the same options: a figure withheld by disclosure control is "*" (never a
 * number), one that could not be computed an empty field, booleans 1/0. A commissioner's or the
 * public's tables hold disclosure-controlled aggregates only ("coaches" is then a header only).
 * The columns of each table: include/laycoach/csv.hpp (evaluation_report_csv).
 *
 * options_json, ownership, statuses and locking as lc_programme_evaluate.
 */
LC_API lc_status lc_programme_evaluate_csv(const lc_programme *p, const char *options_json, char **out_json);

/**
 * The tables of a report document (as lc_programme_evaluate returned it) as CSV, in the document
 * lc_programme_evaluate_csv returns. *out_json is owned by the caller (lc_string_free); NULL on
 * failure: LC_E_INVALID_ARGUMENT (NULL report_json or out_json), LC_E_PARSE (malformed JSON, not
 * an evaluation report of schema_version 1, a missing or mistyped key: record "report",
 * lc_last_error_field() the JSON pointer).
 */
LC_API lc_status lc_evaluation_report_csv(const char *report_json, char **out_json);

/** The service's disclosure floor as a "policy" document (every key); LC_E_INVALID_ARGUMENT if p or out_json is NULL. */
LC_API lc_status lc_programme_disclosure_floor(const lc_programme *p, char **out_json);
/** Set the floor from a "policy" document: LC_E_PARSE, LC_E_INVALID_ARGUMENT ("policy_range"; record "disclosure_floor",
 *  field = the weaker key, rule "policy_below_floor" below the NHS rule 8/5 without cell key), LC_E_IO; refused: no change. */
LC_API lc_status lc_programme_set_disclosure_floor(lc_programme *p, const char *policy_json);

#ifdef __cplusplus
}
#endif

#endif /* LAYCOACH_EVALUATION_H */
