/**
 * @file laycoach.h
 * The stable C API of laycoach: plain C99, opaque handles, status codes, UTF-8 JSON for
 * composite data. This header is the specification: every published function is documented
 * here and nowhere else.
 *
 * Conventions (see STYLE.md):
 *  - Every fallible function returns lc_status (LC_OK == 0). On failure, lc_last_error()
 *    returns this thread's message naming the record, the field and the rule; it is reset to
 *    "" at the start of every fallible call and stays valid until the next lc_ call on the thread.
 *  - Out-parameters come last and are named out. A handle returned through `out` is owned by
 *    the caller and released with its own free function; a string returned through `out` is
 *    owned by the caller and released with lc_string_free(). Free functions accept NULL.
 *  - No exception or abort crosses this boundary, whatever the input (NULL pointers included:
 *    they give LC_E_INVALID_ARGUMENT).
 *  - Times are ISO 8601 strings ("2024-03-01T09:00:00Z") inside JSON, or seconds since the
 *    Unix epoch (UTC) as int64_t. Documents follow the JSON schema of the C++ record types
 *    (docs/documents.md); unknown keys are rejected, and so is a key given twice in one object
 *    (LC_E_PARSE, rule "unique_keys", field = the repeated key's JSON pointer) in every document
 *    any call takes, viewers included.
 *  - Text has length limits, in bytes of UTF-8: ids, references and viewer ids 64, names 200,
 *    free text (adjustments, notes, goals) 10,000 (LC_E_INVALID_ARGUMENT, rule "length_limit").
 *  - A rejected change leaves the programme (and its store) unchanged.
 *  - Calls on one lc_programme may come from several threads.
 *  - Confidentiality: calls that take a viewer document {"audience": ..., "id": ...} decide
 *    what the caller may see; employer, commissioner and public audiences get aggregate,
 *    disclosure-controlled figures only, never a client-level record (LC_E_FORBIDDEN); a
 *    supervisor gets caseload metadata of their supervisees only (laycoach_oversight.h).
 *  - Every read of notes, goals or a client record and every export (lc_programme_to_json) is
 *    recorded in the access log, allowed or refused, before anything is returned; when the entry
 *    cannot be written the call fails with LC_E_IO (laycoach_oversight.h), and on a handle opened
 *    with LC_OPEN_READ_ONLY, which writes nothing, with LC_E_FORBIDDEN (rule "read_only").
 *  - A store locked by another connection or process longer than the busy timeout gives
 *    LC_E_BUSY (rule "busy") and changes nothing; the call may be retried.
 */
#ifndef LAYCOACH_H
#define LAYCOACH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Compile-time version of this header; compare with lc_version_number() at run time. */
#define LAYCOACH_VERSION_MAJOR 0
#define LAYCOACH_VERSION_MINOR 1
#define LAYCOACH_VERSION_PATCH 0
#define LAYCOACH_VERSION_NUMBER (LAYCOACH_VERSION_MAJOR * 10000 + LAYCOACH_VERSION_MINOR * 100 + LAYCOACH_VERSION_PATCH)

#if defined(_WIN32)
#  if defined(LC_BUILDING)
#    define LC_API __declspec(dllexport)
#  else
#    define LC_API __declspec(dllimport)
#  endif
#else
#  define LC_API __attribute__((visibility("default")))
#endif

/** Result of every fallible call; the most specific code is used. The values are part of the
 *  ABI: they never change, and new codes are appended. */
typedef enum {
  LC_OK = 0,                 /**< success */
  LC_E_INVALID_ARGUMENT = 1, /**< a value breaks a rule (range, format, invariant) or a pointer is NULL */
  LC_E_NOT_FOUND = 2,        /**< a referenced record (or, for lc_programme_open_ex, the store file) does not exist */
  LC_E_CONFLICT = 3,         /**< collides with existing state (double booking, duplicate id, full group) */
  LC_E_FORBIDDEN = 4,        /**< the viewer may not see or do this (confidentiality), or the handle is read-only (rule "read_only") */
  LC_E_PARSE = 5,            /**< a document is malformed, has unknown keys or an unknown schema_version */
  LC_E_IO = 6,               /**< the store or a file failed */
  LC_E_INTERNAL = 7,         /**< a bug in laycoach, or out of memory */
  LC_E_BUSY = 8              /**< the store stayed locked by another connection or process beyond the busy
                                  timeout (rule "busy"); nothing changed: retry later */
} lc_status;

/** An opaque coaching programme (all its records), optionally backed by an SQLite store. */
typedef struct lc_programme lc_programme;

/** The library version "MAJOR.MINOR.PATCH"; a static string, never NULL. */
LC_API const char *lc_version(void);
/** The library version as MAJOR*10000 + MINOR*100 + PATCH (compare with LAYCOACH_VERSION_NUMBER). */
LC_API int lc_version_number(void);
/** This thread's last failure message, "" if the last call succeeded; never NULL. */
LC_API const char *lc_last_error(void);
/** Id of the record named by this thread's last failure, "" if none; never NULL. */
LC_API const char *lc_last_error_record(void);
/** Field or JSON pointer named by this thread's last failure, "" if none; never NULL. */
LC_API const char *lc_last_error_field(void);
/** Short name of the rule broken by this thread's last failure (e.g. "coach_double_booked"), "" if none. */
LC_API const char *lc_last_error_rule(void);
/** Stable lower-case name of a status ("ok", "invalid_argument", ...); never NULL. */
LC_API const char *lc_status_name(lc_status status);

/** Create a programme in memory with the default catalogue. *out is owned by the caller. */
LC_API lc_status lc_programme_new(lc_programme **out);
/** Open (or create) an SQLite store and load it; every later change is committed to it. The same
 *  as lc_programme_open_ex(sqlite_path, LC_OPEN_CREATE, -1, out). LC_E_INVALID_ARGUMENT (field
 *  "path", rule "path_required") for an empty path: nothing is created; ":memory:" is a store in
 *  memory. LC_E_IO if the file cannot be opened or is not a laycoach store (rule "store_format"). */
LC_API lc_status lc_programme_open(const char *sqlite_path, lc_programme **out);

/** lc_programme_open_ex flag: read-write, and a missing file is created as a new store. */
#define LC_OPEN_CREATE 0x1u
/** lc_programme_open_ex flag: read-write, and the file must exist: a missing one is
 *  LC_E_NOT_FOUND (record = the path, field "path", rule "store_exists") and nothing is created.
 *  ":memory:" (always a new store, nothing to mistype) is opened as with LC_OPEN_CREATE. */
#define LC_OPEN_MUST_EXIST 0x2u
/** lc_programme_open_ex flag: read-only; the file must exist (as LC_OPEN_MUST_EXIST). Every change
 *  is refused with LC_E_FORBIDDEN (record = the path, field "mode", rule "read_only") before any
 *  other rule is checked. The handle writes nothing to the file, the access log included, so
 *  the reads that are logged before they return (notes, goals, a client record, the access log,
 *  lc_programme_to_json) are refused with that same error and return nothing; every other query
 *  works and sees what other handles commit. */
#define LC_OPEN_READ_ONLY 0x4u

/** Open an SQLite store as `flags` say: exactly one of LC_OPEN_CREATE, LC_OPEN_MUST_EXIST,
 *  LC_OPEN_READ_ONLY (0 means LC_OPEN_MUST_EXIST; another combination or an unknown bit is
 *  LC_E_INVALID_ARGUMENT, field "flags", rule "open_flags"). busy_timeout_ms: how long a call
 *  waits for another connection's or process's lock before LC_E_BUSY, in milliseconds (0: fail
 *  at once; negative: the default, 5000). Errors as lc_programme_open, plus LC_E_NOT_FOUND for a
 *  missing file unless LC_OPEN_CREATE and LC_E_BUSY. *out is owned by the caller (lc_programme_free). */
LC_API lc_status lc_programme_open_ex(const char *sqlite_path, unsigned int flags, int busy_timeout_ms,
                                      lc_programme **out);
/** Release a programme (closing its store); NULL is a no-op. */
LC_API void lc_programme_free(lc_programme *p);
/** Import a whole-programme document (len bytes of UTF-8), replacing every record,
 *  all-or-nothing: on failure nothing changes and lc_last_error_field() is the JSON pointer. */
LC_API lc_status lc_programme_load_json(lc_programme *p, const char *json, size_t len);
/** Add the records of a programme document (len bytes of UTF-8; the lc_programme_load_json
 *  format, any record kinds present) to those already held, all-or-nothing in one store
 *  transaction (docs/own-data.md): each record judged by its kind's rule as a document load
 *  judges it, against the programme plus the records before it. On failure nothing changes and
 *  lc_last_error_record() / lc_last_error_field() / lc_last_error_rule() name the first bad
 *  record, its JSON pointer ("/sessions/17/coach_id") and the rule: LC_E_CONFLICT "unique_id"
 *  for an id taken, LC_E_FORBIDDEN "confidential_import" for notes, goals, care plans, shares or
 *  onward referrals, LC_E_PARSE for a malformed document. Settings in the document are ignored. */
LC_API lc_status lc_programme_import_json(lc_programme *p, const char *json, size_t len);
/** Export the whole programme as a document (the operator's system-of-record view, including
 *  confidential notes: never give it to an employer). Logged in the access log as the service
 *  manager's export ("export_programme"); LC_E_IO when the entry cannot be written.
 *  *out_json is released with lc_string_free. */
LC_API lc_status lc_programme_to_json(const lc_programme *p, char **out_json);
/** Release a string returned by laycoach; NULL is a no-op. */
LC_API void lc_string_free(char *s);

/** Add a coach from a coach document. */
LC_API lc_status lc_coach_add(lc_programme *p, const char *coach_json);
/** Replace a coach (e.g. a new rota) from a coach document; LC_E_NOT_FOUND if unknown. */
LC_API lc_status lc_coach_update(lc_programme *p, const char *coach_json);
/** Add a client (staff or patient; NHS numbers are Modulus 11 checked) from a client document. */
LC_API lc_status lc_client_add(lc_programme *p, const char *client_json);
/** The stored form of an NHS number, its 10 digits ("943 476 5919" -> "9434765919"): client
 *  documents may carry either, the programme keeps this one and refuses a second patient with it
 *  (LC_E_CONFLICT, rule "nhs_number_unique"). LC_E_INVALID_ARGUMENT (field "nhs_number", rule
 *  "nhs_number_modulus_11") when not a valid NHS number. *out is released with lc_string_free. */
LC_API lc_status lc_nhs_number_canonical(const char *nhs_number, char **out);
/** An NHS number as people read it, 3-3-4 ("943 476 5919"); errors as lc_nhs_number_canonical. */
LC_API lc_status lc_nhs_number_display(const char *nhs_number, char **out);
/** A client's record for a viewer (service manager, the client, or a coach who sees them);
 *  logged in the access log, allowed or refused. */
LC_API lc_status lc_client_get(const lc_programme *p, const char *viewer_json, const char *client_id, char **out_json);
/** Add a referral (opens an episode) from a referral document. */
LC_API lc_status lc_referral_add(lc_programme *p, const char *referral_json);
/** Book a session from a session document (all invariants enforced); *out_json is the stored session. */
LC_API lc_status lc_session_book(lc_programme *p, const char *session_json, char **out_json);
/** Record what happened to a booked session: "attended", "client_did_not_attend",
 *  "coach_did_not_attend", "cancelled_by_client" or "cancelled_by_coach". */
LC_API lc_status lc_session_record_outcome(lc_programme *p, const char *session_id, const char *outcome);
/** Add a confidential note; the viewer must be the session's coach. */
LC_API lc_status lc_note_add(lc_programme *p, const char *viewer_json, const char *note_json);
/** The notes of a session as a JSON array; only its coach or client may read them (else
 *  LC_E_FORBIDDEN); logged in the access log, allowed or refused. */
LC_API lc_status lc_session_notes(const lc_programme *p, const char *viewer_json, const char *session_id, char **out_json);
/** Record a supervision (or line-management) meeting from a supervision document. */
LC_API lc_status lc_supervision_add(lc_programme *p, const char *record_json);
/** Coaches overdue for supervision on a date ("YYYY-MM-DD"), as a JSON array of
 *  {coach_id, kind, last, due, days_overdue}. */
LC_API lc_status lc_supervision_overdue(const lc_programme *p, const char *on_date, char **out_json);
/** Record a questionnaire response (answers validated by the instrument: the programme's own,
 *  lc_instrument_register, else a built-in). An externally scored response gives "scores":
 *  {"<scale>": score computed elsewhere} and no "answers" (LC_E_INVALID_ARGUMENT field
 *  "scores/<scale>" rule "recorded_in_range"; LC_E_NOT_FOUND rule "scale_exists"; field "scores"
 *  rule "answers_or_scores" when both are given). */
LC_API lc_status lc_response_add(lc_programme *p, const char *response_json);
/** Activity counts for a viewer as {"audience":..., "figures":{name: number or "*"}};
 *  disclosure-controlled for employer, commissioner and public audiences. A NULL viewer_json
 *  means the public audience (the least privileged). */
LC_API lc_status lc_programme_summary(const lc_programme *p, const char *viewer_json, char **out_json);
/** lc_programme_summary under a disclosure policy (a "policy" document, docs/documents.md; NULL:
 *  the service's disclosure floor). For employer, commissioner and public audiences a policy
 *  weaker than the floor is LC_E_FORBIDDEN (record "policy", field = the first weaker key, rule
 *  "policy_below_floor"); a malformed one LC_E_PARSE. */
LC_API lc_status lc_programme_summary_v2(const lc_programme *p, const char *viewer_json, const char *policy_json,
                                         char **out_json);
/** A pseudonymised extract of one store table for data leaving the service (docs/extracts.md):
 *  the analyst table (no NHS number, no person's name, no free text) with every id of a person
 *  or of a record of one (clients, coaches, trainees, referrals, sessions, ...) replaced by its
 *  keyed pseudonym for `recipient` (32 hex characters): the same for one recipient in every table
 *  and call, so extracts join; unrelated between recipients; not computable without the service's
 *  secret. `table` is a store table name (docs/store.md; not "notes" or "goals": LC_E_FORBIDDEN;
 *  unknown: LC_E_NOT_FOUND). `recipient` names who receives it: not empty, at most 200 bytes of
 *  UTF-8, no control characters (else LC_E_INVALID_ARGUMENT, rule "recipient_required",
 *  "length_limit" or "printable_text"). `format` is "json" ({"schema_version": 1, "columns":
 *  [{"name", "kind"}...], "rows": [[...]...]}) or "csv" (RFC 4180, header row, CRLF; null empty,
 *  booleans 1/0); NULL means "json"; another value is LC_E_INVALID_ARGUMENT (rule "extract_format").
 *  *out is released with lc_string_free. */
LC_API lc_status lc_programme_extract(const lc_programme *p, const char *table, const char *recipient, const char *format,
                                      char **out);
/** Rule breaches needing action at a time (seconds since the Unix epoch, UTC), as a JSON array. */
LC_API lc_status lc_programme_audit(const lc_programme *p, int64_t at_unix_seconds, char **out_json);

#ifdef __cplusplus
}
#endif

/* The module headers: including laycoach.h gives the whole C API. */
#include "laycoach_booking.h"
#include "laycoach_evaluation.h"
#include "laycoach_instruments.h"
#include "laycoach_fhir.h"
#include "laycoach_oversight.h"
#include "laycoach_records.h"
#include "laycoach_safety.h"
#include "laycoach_events.h"
#include "laycoach_pathway.h"
#include "laycoach_training.h"
#include "laycoach_simulation.h"
#include "laycoach_care_plan.h"

#endif /* LAYCOACH_H */
