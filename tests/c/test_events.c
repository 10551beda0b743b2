/* The C face of clinical safety and the outbox, in strict C99, against a store file: a response
 * recorded with its score and risk flags (lc_response_record), the flag on the audit until a
 * named person acknowledges it or a concern names it, events written with their change (none
 * for a rejected one), shared by two handles, acknowledged cumulatively and idempotently.
 * Usage: test_events <directory for a store file>. Exits non-zero on any failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c_check.h"
#include "laycoach.h"


static const char *COACH =
    "{\"id\":\"coach-1\",\"name\":\"Asha\",\"memberships\":[\"emcc\"],\"offers\":[\"lay_too_1to1\"],"
    "\"rota\":{\"weekly\":[{\"weekday\":0,\"start_min\":480,\"end_min\":1320}]},"
    "\"safeguarding_lead\":\"Dr Patel\",\"first_point_of_contact\":\"Service lead\"}";
static const char *CLIENT = "{\"id\":\"staff-1\",\"kind\":\"staff\",\"consent\":{\"coaching\":true}}";
static const char *CLIENT2 = "{\"id\":\"staff-2\",\"kind\":\"staff\",\"consent\":{\"coaching\":true}}";
static const char *SESSION =
    "{\"id\":\"s-1\",\"offer_id\":\"lay_too_1to1\",\"coach_id\":\"coach-1\",\"attendees\":[{\"client_id\":\"staff-1\"}],"
    "\"booked_at\":\"2024-03-01T12:00:00Z\",\"start\":\"2024-03-04T09:00:00Z\","
    "\"adjustments\":\"SECRET-ADJUSTMENT hearing loop\"}";
/* The same coach at the same time: a double booking, rejected. */
static const char *CLASH =
    "{\"id\":\"s-2\",\"offer_id\":\"lay_too_1to1\",\"coach_id\":\"coach-1\",\"attendees\":[{\"client_id\":\"staff-2\"}],"
    "\"booked_at\":\"2024-03-01T12:00:00Z\",\"start\":\"2024-03-04T09:00:00Z\"}";
/* PHQ-9 with item 9 (index 8, thoughts of self-harm) answered 1: total 9, mild, a risk flag. */
static const char *PHQ9_RISK =
    "{\"id\":\"r-1\",\"client_id\":\"staff-1\",\"instrument_id\":\"phq9\",\"time_point\":\"baseline\","
    "\"recorded_at\":\"2024-03-04T10:00:00Z\",\"answers\":[1,1,1,1,1,1,1,1,1]}";
static const char *PHQ9_RISK2 =
    "{\"id\":\"r-2\",\"client_id\":\"staff-1\",\"instrument_id\":\"phq9\",\"time_point\":\"post_session\","
    "\"recorded_at\":\"2024-03-11T10:00:00Z\",\"answers\":[0,0,0,0,0,0,0,0,2]}";
static const char *PHQ9_CALM =
    "{\"id\":\"r-3\",\"client_id\":\"staff-2\",\"instrument_id\":\"phq9\",\"time_point\":\"baseline\","
    "\"recorded_at\":\"2024-03-04T10:00:00Z\",\"answers\":[3,3,3,3,3,3,3,3,0]}";
static const char *PHQ9_BAD =
    "{\"id\":\"r-4\",\"client_id\":\"staff-1\",\"instrument_id\":\"phq9\",\"time_point\":\"baseline\","
    "\"recorded_at\":\"2024-03-04T10:00:00Z\",\"answers\":[1,1,1,1,1,1,1,1,4]}";
static const char *CONCERN_OTHER =
    "{\"id\":\"sg-0\",\"coach_id\":\"coach-1\",\"client_id\":\"staff-2\",\"category\":\"self_harm\","
    "\"raised_at\":\"2024-03-11T11:00:00Z\",\"risk_flag_id\":\"r-2#self_harm_risk\"}";
static const char *CONCERN =
    "{\"id\":\"sg-1\",\"coach_id\":\"coach-1\",\"client_id\":\"staff-1\",\"category\":\"self_harm\","
    "\"raised_at\":\"2024-03-11T11:00:00Z\",\"risk_flag_id\":\"r-2#self_harm_risk\"}";

/* 2024-03-05T00:00:00Z and 2024-03-01T00:00:00Z as Unix seconds. */
#define MAR_05 1709596800
#define MAR_01 1709251200
#define MAR_12 1710201600

/* A call that must succeed (its output arrives through its own out-parameter). */
static void take(lc_status st, const char *what) { expect_error(st, LC_OK, NULL, NULL, NULL, what); }

int main(int argc, char **argv) {
  char path[4096];
  lc_programme *p = NULL, *q = NULL;
  char *out = NULL;
  if (argc < 2) return 2;
  snprintf(path, sizeof path, "%s/events.sqlite", argv[1]);
  remove(path);

  /* NULL is an error, never a crash. */
  out = (char*)path; /* a stale pointer the caller left there: a failed call still clears it */
  expect_error(lc_events_pending(NULL, 10, &out), LC_E_INVALID_ARGUMENT, "", "p", "non_null", "pending(NULL)");
  CHECK(out == NULL, "pending(NULL) clears *out_json");
  expect_error(lc_events_acknowledge(NULL, 0), LC_E_INVALID_ARGUMENT, "", "p", "non_null", "acknowledge(NULL)");
  expect_error(lc_response_record(NULL, PHQ9_RISK, &out), LC_E_INVALID_ARGUMENT, "", "p", "non_null", "record(NULL)");

  expect_error(lc_programme_open(path, &p), LC_OK, NULL, NULL, NULL, "open");
  if (!p) return 1;
  expect_error(lc_events_pending(p, 10, NULL), LC_E_INVALID_ARGUMENT, "", "out_json", "non_null", "pending(NULL out)");
  expect_error(lc_events_pending(p, 0, &out), LC_E_INVALID_ARGUMENT, "events", "limit", "event_batch", "pending(0)");
  expect_error(lc_events_pending(p, 10001, &out), LC_E_INVALID_ARGUMENT, "events", "limit", "event_batch",
               "pending(10001)");
  take(lc_events_pending(p, 10, &out), "pending on a new store");
  CHECK(out && strcmp(out, "[]") == 0, "a new store has no events");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_events_acknowledge(p, 1), LC_E_INVALID_ARGUMENT, "events", "up_to_seq", "event_seq_known",
               "acknowledge beyond the last event of an empty outbox");
  expect_error(lc_events_acknowledge(p, 0), LC_OK, NULL, NULL, NULL, "acknowledge 0 of an empty outbox");

  expect_error(lc_coach_add(p, COACH), LC_OK, NULL, NULL, NULL, "coach_add");
  expect_error(lc_client_add(p, CLIENT), LC_OK, NULL, NULL, NULL, "client_add");
  expect_error(lc_client_add(p, CLIENT2), LC_OK, NULL, NULL, NULL, "client_add 2");
  expect_error(lc_session_book(p, SESSION, NULL), LC_OK, NULL, NULL, NULL, "session_book");
  /* A rejected change writes no event. */
  expect_error(lc_session_book(p, CLASH, NULL), LC_E_CONFLICT, "s-2", NULL, "coach_double_booked", "double booking");

  take(lc_events_pending(p, 10, &out), "pending after booking");
  CHECK(out != NULL, "events returned");
  if (out) {
    CHECK(count_is(out, "\"seq\":", 1), "one event: the rejected booking wrote none");
    CHECK(strstr(out, "\"seq\":1,") != NULL, "first event is seq 1");
    CHECK(strstr(out, "\"kind\":\"session_booked\"") != NULL, "session_booked");
    CHECK(strstr(out, "\"records\":[\"s-1\",\"staff-1\"]") != NULL, "session and client ids");
    CHECK(strstr(out, "SECRET-ADJUSTMENT") == NULL, "no free text in an event");
    CHECK(strstr(out, "\"start\":\"2024-03-04T09:00:00Z\"") != NULL, "start in the payload");
  }
  lc_string_free(out);
  out = NULL;

  /* A response with its score; a bad one changes nothing. */
  expect_error(lc_response_record(p, PHQ9_RISK, NULL), LC_E_INVALID_ARGUMENT, "", "out_json", "non_null",
               "record(NULL out)");
  expect_error(lc_response_record(p, PHQ9_BAD, &out), LC_E_INVALID_ARGUMENT, "r-4", "answers/8", "answer_in_range",
               "record an out-of-range answer");
  CHECK(out == NULL, "no output on failure");
  take(lc_response_record(p, PHQ9_RISK, &out), "record PHQ-9 with item 9 = 1");
  CHECK(out != NULL, "score returned");
  if (out) {
    CHECK(strstr(out, "\"total\":9.0") != NULL || strstr(out, "\"total\":9,") != NULL, "total 9");
    CHECK(strstr(out, "\"band\":\"mild\"") != NULL, "band mild");
    CHECK(strstr(out, "\"risk_flags\":[\"self_harm_risk\"]") != NULL, "risk flag self_harm_risk");
  }
  lc_string_free(out);
  out = NULL;
  take(lc_response_record(p, PHQ9_CALM, &out), "record PHQ-9 with item 9 = 0");
  CHECK(out && strstr(out, "\"risk_flags\":[]") != NULL, "no risk flag when item 9 is 0 (total 24)");
  CHECK(out && strstr(out, "\"caseness\"") != NULL, "caseness is a flag but not a risk flag");
  lc_string_free(out);
  out = NULL;
  /* The old call stays and raises the flag the same way. */
  expect_error(lc_response_add(p, PHQ9_RISK2), LC_OK, NULL, NULL, NULL, "response_add (old call)");

  take(lc_risk_flags(p, 1, &out), "open risk flags");
  CHECK(out && count_is(out, "\"flag\":\"self_harm_risk\"", 2), "two open flags");
  CHECK(out && strstr(out, "\"id\":\"r-1#self_harm_risk\"") != NULL, "flag id is response#flag");
  lc_string_free(out);
  out = NULL;
  take(lc_programme_audit(p, MAR_12, &out), "audit");
  CHECK(out && count_is(out, "\"rule\":\"risk_flag_open\"", 2), "both flags on the audit");
  lc_string_free(out);
  out = NULL;

  /* Acknowledgement: exact errors, then once only. */
  expect_error(lc_risk_flag_acknowledge(p, "r-1#self_harm_risk", "", MAR_05, "called", NULL), LC_E_INVALID_ARGUMENT,
               "r-1#self_harm_risk", "acknowledged_by", "named_person", "acknowledge without a name");
  expect_error(lc_risk_flag_acknowledge(p, "r-9#self_harm_risk", "Dr Patel", MAR_05, "called", NULL), LC_E_NOT_FOUND,
               "r-9#self_harm_risk", "id", NULL, "acknowledge an unknown flag");
  expect_error(lc_risk_flag_acknowledge(p, "r-1#self_harm_risk", "Dr Patel", MAR_01, "called", NULL),
               LC_E_INVALID_ARGUMENT, "r-1#self_harm_risk", "acknowledged_at", "acknowledgement_time",
               "acknowledge before the flag was raised");
  expect_error(lc_risk_flag_acknowledge(p, "r-1#self_harm_risk", NULL, MAR_05, "called", NULL), LC_E_INVALID_ARGUMENT,
               "", "by", "non_null", "acknowledge with NULL by");
  take(lc_risk_flag_acknowledge(p, "r-1#self_harm_risk", "Dr Patel", MAR_05, "phoned the client; GP informed", &out),
       "acknowledge");
  CHECK(out && strstr(out, "\"acknowledged_by\":\"Dr Patel\"") != NULL, "acknowledged flag returned");
  CHECK(out && strstr(out, "\"acknowledged_at\":\"2024-03-05T00:00:00Z\"") != NULL, "acknowledged at");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_risk_flag_acknowledge(p, "r-1#self_harm_risk", "Someone Else", MAR_05, "", NULL), LC_E_CONFLICT,
               "r-1#self_harm_risk", "acknowledged_by", "acknowledge_once", "acknowledge twice");

  /* A concern naming the other flag answers it; one for another client is refused. */
  expect_error(lc_concern_raise(p, CONCERN_OTHER), LC_E_INVALID_ARGUMENT, "sg-0", "risk_flag_id", "risk_flag_matches",
               "concern naming another client's flag");
  expect_error(lc_concern_raise(p, CONCERN), LC_OK, NULL, NULL, NULL, "concern naming the flag");
  take(lc_risk_flags(p, 1, &out), "open flags after");
  CHECK(out && strcmp(out, "[]") == 0, "no open flag left");
  lc_string_free(out);
  out = NULL;
  take(lc_risk_flags(p, 0, &out), "all flags");
  CHECK(out && count_is(out, "\"flag\":\"self_harm_risk\"", 2), "both flags kept");
  lc_string_free(out);
  out = NULL;
  take(lc_programme_audit(p, MAR_12, &out), "audit after");
  CHECK(out && strstr(out, "risk_flag_open") == NULL, "no flag on the audit");
  lc_string_free(out);
  out = NULL;

  /* A second handle on the file shares the outbox. */
  expect_error(lc_programme_open(path, &q), LC_OK, NULL, NULL, NULL, "open a second handle");
  take(lc_events_pending(q, 100, &out), "pending on the second handle");
  CHECK(out && count_is(out, "\"seq\":", 3), "booking and two risk flags");
  CHECK(out && count_is(out, "\"kind\":\"risk_flag_raised\"", 2), "two risk_flag_raised");
  CHECK(out && strstr(out, "\"seq\":3,") != NULL, "seq 3");
  CHECK(out && strstr(out, "phoned the client") == NULL, "no action text in events");
  lc_string_free(out);
  out = NULL;

  /* Acknowledge: beyond the last is an error naming the field; negative too; again harmless. */
  expect_error(lc_events_acknowledge(q, 4), LC_E_INVALID_ARGUMENT, "events", "up_to_seq", "event_seq_known",
               "acknowledge beyond the last");
  expect_error(lc_events_acknowledge(q, -1), LC_E_INVALID_ARGUMENT, "events", "up_to_seq", "event_seq_known",
               "acknowledge -1");
  expect_error(lc_events_acknowledge(q, 2), LC_OK, NULL, NULL, NULL, "acknowledge up to 2");
  expect_error(lc_events_acknowledge(p, 2), LC_OK, NULL, NULL, NULL, "acknowledge 2 again (other handle)");
  expect_error(lc_events_acknowledge(p, 1), LC_OK, NULL, NULL, NULL, "acknowledge below the mark");
  take(lc_events_pending(p, 100, &out), "pending after acknowledging 2");
  CHECK(out && count_is(out, "\"seq\":", 1) && strstr(out, "\"seq\":3,") != NULL, "only event 3 pending");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_events_acknowledge(p, 3), LC_OK, NULL, NULL, NULL, "acknowledge 3");
  take(lc_events_pending(q, 100, &out), "pending after acknowledging all");
  CHECK(out && strcmp(out, "[]") == 0, "nothing pending on either handle");
  lc_string_free(out);
  lc_programme_free(q);
  lc_programme_free(p);
  remove(path);

  /* An in-memory programme keeps its outbox in memory, with the same rules. */
  expect_error(lc_programme_new(&p), LC_OK, NULL, NULL, NULL, "new");
  expect_error(lc_coach_add(p, COACH), LC_OK, NULL, NULL, NULL, "coach_add (memory)");
  expect_error(lc_client_add(p, CLIENT), LC_OK, NULL, NULL, NULL, "client_add (memory)");
  expect_error(lc_session_book(p, SESSION, NULL), LC_OK, NULL, NULL, NULL, "session_book (memory)");
  out = NULL;
  take(lc_events_pending(p, 1, &out), "pending (memory)");
  CHECK(out && strstr(out, "\"kind\":\"session_booked\"") != NULL && strstr(out, "\"seq\":1,") != NULL,
        "in-memory booking event");
  lc_string_free(out);
  expect_error(lc_events_acknowledge(p, 2), LC_E_INVALID_ARGUMENT, "events", "up_to_seq", "event_seq_known",
               "acknowledge beyond the last (memory)");
  expect_error(lc_events_acknowledge(p, 1), LC_OK, NULL, NULL, NULL, "acknowledge (memory)");
  lc_programme_free(p);

  if (failures) fprintf(stderr, "%d failure(s)\n", failures);
  return failures ? 1 : 0;
}
