/**
 * @file laycoach_instruments.h
 * Outcome-measure questionnaires from C: the instruments available (WEMWBS, SWEMWBS, PHQ-9,
 * GAD-7, ... and any loaded at run time), their definition documents, scoring answers without
 * recording them, and loading a custom instrument. Plain C99; conventions as in laycoach.h.
 *
 * The instruments live in one library per process, shared with the Python face: the built-ins
 * plus those loaded with lc_instrument_load. Ids are matched case-insensitively. Item indices
 * are 0-based. The definition document and the scoring conventions (reverse keying, missing
 * items, bands, flags) are described in include/laycoach/instrument.hpp and docs/documents.md.
 * Questionnaire responses recorded in a programme (lc_response_add) are checked against the
 * programme's own instruments (lc_instrument_register) and then the built-ins; the process-wide
 * library above is for scoring without recording. docs/instruments.md describes the definition
 * document.
 */
#ifndef LAYCOACH_INSTRUMENTS_H
#define LAYCOACH_INSTRUMENTS_H

#include "laycoach.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The instruments, built-ins first, as a JSON array of {"id", "name", "items" (number of items),
 *  "score_only" (true: scores are recorded from elsewhere, never computed from answers),
 *  "primary" (the primary scale, "" when none)}. *out_json is released with lc_string_free. */
LC_API lc_status lc_instrument_list(char **out_json);

/** An instrument's definition document ("schema_version": 1; lc_instrument_load reads the same
 *  shape). LC_E_NOT_FOUND (record = the id, field "instrument_id") for an unknown instrument. */
LC_API lc_status lc_instrument_get(const char *instrument_id, char **out_json);

/** Score answers without recording them. answers_json is a JSON array, one entry per item, each
 *  an integer or null (unanswered). *out_json is {"instrument_id", "total" (the primary scale's
 *  reported score), "band", "scales": [{"scale", "raw", "score", "band"}], "flags": [...],
 *  "n_missing"}; a score that cannot be computed under the missing-item policy is null.
 *  LC_E_NOT_FOUND for an unknown instrument; LC_E_PARSE (field = the JSON pointer, e.g. "/3") for
 *  an entry that is not an integer or null; LC_E_INVALID_ARGUMENT (record = the instrument id) for
 *  the wrong number of answers (field "answers", rule "answer_count"), an answer out of range
 *  (field "answers[i]", rule "answer_in_range") or a score-only instrument. */
LC_API lc_status lc_instrument_score(const char *instrument_id, const char *answers_json, char **out_json);

/** Load a custom instrument from its definition document into this process's library,
 *  all-or-nothing: LC_E_PARSE with the JSON pointer of the offending value (e.g.
 *  "/scales/0/items/3"), LC_E_CONFLICT (field "id", rule "unique_instrument_id") when the id is
 *  taken. *out_id (may be NULL) is the instrument's id, released with lc_string_free. */
LC_API lc_status lc_instrument_load(const char *definition_json, char **out_id);

/** Register a questionnaire of a programme's own from its definition document: stored with the
 *  programme and used by lc_response_add and the evaluation. Registering an identical definition
 *  again is a no-op; a registered instrument never changes. LC_E_PARSE with the JSON pointer of
 *  the offending value (a repeated or unknown key, "/scales/0/items/3"); LC_E_INVALID_ARGUMENT
 *  (field "primary", rule "primary_scale_required") for several scales and no primary;
 *  LC_E_CONFLICT (field "id", rule "unique_instrument_id": a built-in's id; rule
 *  "instrument_immutable": another definition registered under the id). *out_id (may be NULL) is
 *  the instrument's id, released with lc_string_free. */
LC_API lc_status lc_instrument_register(lc_programme *p, const char *definition_json, char **out_id);

/** The programme's own instruments as a JSON array of their definition documents, by id.
 *  *out_json is released with lc_string_free. */
LC_API lc_status lc_instrument_registered(const lc_programme *p, char **out_json);

#ifdef __cplusplus
}
#endif

#endif /* LAYCOACH_INSTRUMENTS_H */
