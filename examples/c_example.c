/* A C99 integrator's walk through the laycoach C API, including bad input.
 * Built with -std=c99 -Wall -Wextra -pedantic -Werror and run by the tests: it exits non-zero
 * if any call does not behave as documented. Usage: c_example [store.sqlite] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laycoach.h"

static int failures = 0;

#define CHECK(cond, what)                                                   \
  do {                                                                      \
    if (!(cond)) {                                                          \
      fprintf(stderr, "FAILED: %s (line %d): %s\n", what, __LINE__, lc_last_error()); \
      ++failures;                                                           \
    }                                                                       \
  } while (0)

/* Expect a status, and for failures that the message and field name the problem. */
static void expect(lc_status got, lc_status want, const char *field, const char *rule, const char *what) {
  if (got != want) {
    fprintf(stderr, "FAILED: %s: got %s, want %s (%s)\n", what, lc_status_name(got), lc_status_name(want),
            lc_last_error());
    ++failures;
    return;
  }
  if (want == LC_OK) {
    if (strcmp(lc_last_error(), "") != 0) {
      fprintf(stderr, "FAILED: %s: success left a message '%s'\n", what, lc_last_error());
      ++failures;
    }
    return;
  }
  if (strlen(lc_last_error()) == 0) {
    fprintf(stderr, "FAILED: %s: no message\n", what);
    ++failures;
  }
  if (field && strcmp(lc_last_error_field(), field) != 0) {
    fprintf(stderr, "FAILED: %s: field '%s', want '%s'\n", what, lc_last_error_field(), field);
    ++failures;
  }
  if (rule && strcmp(lc_last_error_rule(), rule) != 0) {
    fprintf(stderr, "FAILED: %s: rule '%s', want '%s'\n", what, lc_last_error_rule(), rule);
    ++failures;
  }
  printf("  rejected as expected: %s -> %s: %s\n", what, lc_status_name(got), lc_last_error());
}

static const char *COACH =
    "{\"id\":\"coach-1\",\"name\":\"Asha\",\"ethnically_diverse\":true,\"ethnically_diverse_pathway\":true,"
    "\"memberships\":[\"emcc\"],\"offers\":[\"lay_too_1to1\",\"lay_too_edp_1to1\"],"
    "\"rota\":{\"weekly\":[{\"weekday\":0,\"start_min\":480,\"end_min\":1320}]},"
    "\"safeguarding_lead\":\"Dr Patel\",\"first_point_of_contact\":\"Service lead\"}";
static const char *CLIENT =
    "{\"id\":\"staff-1\",\"kind\":\"staff\",\"staff_group\":\"nursing\",\"sector\":\"acute\","
    "\"consent\":{\"coaching\":true,\"evaluation\":true,\"recorded_at\":\"2024-03-01T09:00:00Z\"}}";
static const char *REFERRAL =
    "{\"id\":\"ref-1\",\"client_id\":\"staff-1\",\"offer_id\":\"lay_too_1to1\",\"requested_at\":\"2024-03-03T20:00:00Z\"}";
/* Monday 4 March 2024, 09:00 GMT: inside 08:00-22:00 UK local. */
static const char *SESSION =
    "{\"id\":\"s-1\",\"offer_id\":\"lay_too_1to1\",\"coach_id\":\"coach-1\","
    "\"attendees\":[{\"client_id\":\"staff-1\",\"referral_id\":\"ref-1\"}],\"booked_at\":\"2024-03-01T12:00:00Z\",\"start\":\"2024-03-04T09:00:00Z\"}";

int main(int argc, char **argv) {
  const char *store = argc > 1 ? argv[1] : NULL;
  lc_programme *p = NULL;
  char *out = NULL;

  printf("laycoach %s (header %d, library %d)\n", lc_version(), LAYCOACH_VERSION_NUMBER, lc_version_number());
  CHECK(lc_version_number() == LAYCOACH_VERSION_NUMBER, "linked the version compiled against");

  /* NULL everywhere is an error, never a crash. */
  expect(lc_programme_new(NULL), LC_E_INVALID_ARGUMENT, "out", "non_null", "lc_programme_new(NULL)");
  expect(lc_programme_load_json(NULL, "{}", 2), LC_E_INVALID_ARGUMENT, "p", "non_null", "load_json(NULL programme)");
  expect(lc_programme_to_json(NULL, &out), LC_E_INVALID_ARGUMENT, "p", "non_null", "to_json(NULL)");
  expect(lc_coach_add(NULL, COACH), LC_E_INVALID_ARGUMENT, "p", "non_null", "coach_add(NULL)");
  lc_programme_free(NULL);
  lc_string_free(NULL);

  if (store) {
    remove(store);
    expect(lc_programme_open(store, &p), LC_OK, NULL, NULL, "lc_programme_open");
  } else {
    expect(lc_programme_new(&p), LC_OK, NULL, NULL, "lc_programme_new");
  }
  if (!p) return 1;

  expect(lc_coach_add(p, NULL), LC_E_INVALID_ARGUMENT, "coach_json", "non_null", "coach_add(NULL json)");
  expect(lc_coach_add(p, "{\"id\":"), LC_E_PARSE, NULL, NULL, "coach_add(truncated JSON)");
  expect(lc_coach_add(p, "{\"id\":\"c9\",\"rota\":{\"weekly\":[{\"start_min\":\"nine\",\"end_min\":600}]}}"),
         LC_E_PARSE, "/rota/weekly/0/start_min", "document_schema", "coach_add(wrong type deep inside)");
  expect(lc_coach_add(p, "{\"id\":\"c9\",\"offers\":[\"no_such_offer\"]}"), LC_E_NOT_FOUND, "offers/0",
         "reference_resolves", "coach_add(unknown offer)");
  expect(lc_coach_add(p, "{\"id\":\"c9\",\"offers\":[\"lay_too_1to1\"]}"), LC_E_INVALID_ARGUMENT, "offers/0",
         "coach_accredited_for_offer", "coach_add(not accredited)");
  expect(lc_coach_add(p, COACH), LC_OK, NULL, NULL, "coach_add");
  expect(lc_coach_add(p, COACH), LC_E_CONFLICT, "id", "unique_id", "coach_add(duplicate)");

  expect(lc_client_add(p, "{\"id\":\"pat-1\",\"kind\":\"patient\",\"nhs_number\":\"9434765918\"}"),
         LC_E_INVALID_ARGUMENT, "nhs_number", "nhs_number_modulus_11", "client_add(bad NHS number)");
  expect(lc_client_add(p, "{\"id\":\"pat-1\",\"kind\":\"patient\",\"nhs_number\":\"9434765919\"}"), LC_OK, NULL,
         NULL, "client_add(patient)");
  expect(lc_client_add(p, CLIENT), LC_OK, NULL, NULL, "client_add(staff)");
  expect(lc_referral_add(p, REFERRAL), LC_OK, NULL, NULL, "referral_add");

  /* 07:00 GMT on a Monday is before the 08:00 opening. */
  expect(lc_session_book(p,
                         "{\"id\":\"s-0\",\"offer_id\":\"lay_too_1to1\",\"coach_id\":\"coach-1\","
                         "\"attendees\":[{\"client_id\":\"staff-1\"}],\"booked_at\":\"2024-03-01T12:00:00Z\",\"start\":\"2024-03-04T07:00:00Z\"}",
                         &out),
         LC_E_INVALID_ARGUMENT, "start", "within_opening_hours", "session_book(before opening)");
  CHECK(out == NULL, "no output on failure");
  expect(lc_session_book(p, SESSION, &out), LC_OK, NULL, NULL, "session_book");
  CHECK(out != NULL && strstr(out, "\"minutes\":45") != NULL, "booked session takes the offer's length");
  lc_string_free(out);
  out = NULL;
  /* The coach is now busy at 09:30: a second client cannot have her. */
  expect(lc_client_add(p, "{\"id\":\"staff-2\",\"kind\":\"staff\",\"consent\":{\"coaching\":true}}"), LC_OK, NULL,
         NULL, "client_add(second)");
  expect(lc_session_book(p,
                         "{\"id\":\"s-2\",\"offer_id\":\"lay_too_1to1\",\"coach_id\":\"coach-1\","
                         "\"attendees\":[{\"client_id\":\"staff-2\"}],\"booked_at\":\"2024-03-01T12:00:00Z\",\"start\":\"2024-03-04T09:30:00Z\"}",
                         NULL),
         LC_E_CONFLICT, "start", "coach_double_booked", "session_book(double booking)");
  expect(lc_session_record_outcome(p, "s-1", "nonsense"), LC_E_INVALID_ARGUMENT, "outcome", "valid_outcome",
         "record_outcome(unknown)");
  expect(lc_session_record_outcome(p, "s-1", "attended"), LC_OK, NULL, NULL, "record_outcome");

  /* Confidentiality: notes stay with coach and client. */
  expect(lc_note_add(p, "{\"audience\":\"coach\",\"id\":\"coach-1\"}",
                     "{\"id\":\"n-1\",\"session_id\":\"s-1\",\"author_id\":\"coach-1\",\"text\":\"Agreed a goal.\"}"),
         LC_OK, NULL, NULL, "note_add");
  expect(lc_session_notes(p, "{\"audience\":\"employer\",\"id\":\"RX1\"}", "s-1", &out), LC_E_FORBIDDEN, NULL,
         "confidentiality", "notes for an employer");
  expect(lc_session_notes(p, "{\"audience\":\"commissioner\"}", "s-1", &out), LC_E_FORBIDDEN, NULL,
         "confidentiality", "notes for a commissioner");
  expect(lc_client_get(p, "{\"audience\":\"commissioner\"}", "staff-1", &out), LC_E_FORBIDDEN, NULL,
         "confidentiality", "client record for a commissioner");
  expect(lc_session_notes(p, "{\"audience\":\"client\",\"id\":\"staff-1\"}", "s-1", &out), LC_OK, NULL, NULL,
         "notes for the client");
  CHECK(out && strstr(out, "Agreed a goal.") != NULL, "client reads the note");
  lc_string_free(out);
  out = NULL;
  expect(lc_programme_summary(p, "{\"audience\":\"commissioner\"}", &out), LC_OK, NULL, NULL, "summary");
  CHECK(out && strstr(out, "\"attended\":\"*\"") != NULL, "one attended session is suppressed for a commissioner");
  CHECK(out && strstr(out, "staff-1") == NULL, "no client id in a commissioner summary");
  lc_string_free(out);
  out = NULL;
  /* No viewer: the least privileged audience (public), as in every face. */
  expect(lc_programme_summary(p, NULL, &out), LC_OK, NULL, NULL, "summary for no viewer");
  CHECK(out && strstr(out, "\"audience\":\"public\"") != NULL, "no viewer means the public audience");
  CHECK(out && strstr(out, "\"attended\":\"*\"") != NULL, "the public summary is disclosure-controlled");
  lc_string_free(out);
  out = NULL;

  /* Data leaving the service: an extract for a named recipient, client ids replaced by keyed
   * pseudonyms (the same in every table for this recipient, different for another). */
  expect(lc_programme_extract(p, "session_attendees", "Evaluation partner", "csv", &out), LC_OK, NULL, NULL, "extract");
  CHECK(out && strncmp(out, "owner,idx,client_id,", 20) == 0, "the CSV starts with its header");
  CHECK(out && strstr(out, "staff-1") == NULL, "no client id leaves the service");
  lc_string_free(out);
  out = NULL;
  expect(lc_programme_extract(p, "clients", "", "json", &out), LC_E_INVALID_ARGUMENT, "recipient", "recipient_required",
         "an extract names its recipient");
  expect(lc_programme_extract(p, "notes", "Evaluation partner", "json", &out), LC_E_FORBIDDEN, "table", "confidentiality",
         "notes never leave in an extract");

  /* Booking engine: the earliest slot after 09:00 on Monday 4 March is after s-1 (09:00-09:45). */
  expect(lc_booking_search(p,
                           "{\"client_id\":\"staff-2\",\"offer_id\":\"lay_too_1to1\","
                           "\"earliest\":\"2024-03-04T09:00:00Z\",\"now\":\"2024-03-04T08:00:00Z\",\"max_results\":3}",
                           &out),
         LC_OK, NULL, NULL, "booking_search");
  CHECK(out && strstr(out, "\"start\":\"2024-03-04T09:45:00Z\"") != NULL, "earliest slot follows the booked session");
  lc_string_free(out);
  out = NULL;
  expect(lc_booking_book(p,
                         "{\"client_id\":\"staff-2\",\"offer_id\":\"lay_too_1to1\",\"session_id\":\"s-3\","
                         "\"earliest\":\"2024-03-04T09:00:00Z\",\"now\":\"2024-03-04T08:00:00Z\"}",
                         &out),
         LC_OK, NULL, NULL, "booking_book");
  CHECK(out && strstr(out, "\"id\":\"s-3\"") != NULL, "booked the earliest slot");
  lc_string_free(out);
  out = NULL;
  expect(lc_booking_search(p, "{\"client_id\":\"nobody\",\"offer_id\":\"lay_too_1to1\"}", &out), LC_E_NOT_FOUND,
         NULL, NULL, "booking_search(unknown client)");
  expect(lc_booking_search(p, "{\"client_id\":\"staff-2\",\"ofer_id\":\"x\"}", &out), LC_E_PARSE, "/ofer_id", NULL,
         "booking_search(unknown key)");
  expect(lc_booking_cancel(p, "s-3", "client", NULL), LC_OK, NULL, NULL, "booking_cancel");

  /* Evaluation as JSON: for a commissioner, aggregates only and no client id. */
  expect(lc_programme_evaluate(p, "{\"audience\":\"commissioner\"}", &out), LC_OK, NULL, NULL, "evaluate");
  CHECK(out && strstr(out, "\"schema_version\":1") != NULL, "the report is a versioned document");
  CHECK(out && strstr(out, "staff-1") == NULL && strstr(out, "Agreed a goal.") == NULL,
        "no client id or note text in a commissioner report");
  lc_string_free(out);
  out = NULL;
  expect(lc_programme_evaluate(p, "{\"audience\":\"client\",\"viewer_id\":\"staff-1\"}", &out), LC_E_FORBIDDEN,
         NULL, NULL, "evaluate for a client audience");
  CHECK(out == NULL, "no output on failure");
  expect(lc_programme_evaluate(p, "{\"confidence\":\"high\"}", &out), LC_E_PARSE, "/confidence", NULL,
         "evaluate(bad option type)");
  expect(lc_programme_evaluate(NULL, NULL, &out), LC_E_INVALID_ARGUMENT, "p", "non_null", "evaluate(NULL)");
  /* No options: the least privileged audience (public), disclosure-controlled, as in every face. */
  expect(lc_programme_evaluate(p, NULL, &out), LC_OK, NULL, NULL, "evaluate with no options");
  CHECK(out && strstr(out, "\"audience\":\"public\"") != NULL, "no options means the public audience");
  CHECK(out && strstr(out, "\"disclosure_controlled\":true") != NULL, "the public report is disclosure-controlled");
  CHECK(out && strstr(out, "staff-1") == NULL, "no client id in the public report");
  lc_string_free(out);
  out = NULL;

  /* Supervision: never supervised, so overdue. */
  expect(lc_supervision_overdue(p, "2024-03-31", &out), LC_OK, NULL, NULL, "supervision_overdue");
  CHECK(out && strstr(out, "coach-1") != NULL, "the coach is overdue");
  lc_string_free(out);
  out = NULL;
  expect(lc_supervision_overdue(p, "31/03/2024", &out), LC_E_INVALID_ARGUMENT, "on_date", NULL,
         "supervision_overdue(bad date)");

  /* Whole-programme document: export, then a bad import changes nothing. */
  expect(lc_programme_to_json(p, &out), LC_OK, NULL, NULL, "to_json");
  {
    const char *bad = "{\"schema_version\":99}";
    expect(lc_programme_load_json(p, bad, strlen(bad)), LC_E_PARSE, "/schema_version", NULL, "load_json(version 99)");
    char *again = NULL;
    expect(lc_programme_to_json(p, &again), LC_OK, NULL, NULL, "to_json again");
    CHECK(out && again && strcmp(out, again) == 0, "a rejected import changes nothing");
    expect(lc_programme_load_json(p, out, strlen(out)), LC_OK, NULL, NULL, "load_json(round trip)");
    lc_string_free(again);
  }
  lc_string_free(out);
  out = NULL;
  lc_programme_free(p);

  if (store) {
    /* Reopen: what was committed is there. */
    p = NULL;
    expect(lc_programme_open(store, &p), LC_OK, NULL, NULL, "reopen");
    if (p) {
      expect(lc_session_record_outcome(p, "s-1", "attended"), LC_E_INVALID_ARGUMENT, "status", "outcome_once",
             "outcome persisted");
      lc_programme_free(p);
    }
  }
  if (failures) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("C example: all checks passed\n");
  return 0;
}
