/* The C face of oversight, in strict C99: the access log (lc_programme_access_log), its
 * verification after an attack on the file (lc_programme_access_log_verify), and a supervisor's
 * caseloads (lc_supervision_caseloads), with the refusals each must give.
 * Usage: test_oversight <directory for a store file>. Exits non-zero on any failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "c_check.h"
#include "laycoach.h"

/* Expect a status; for failures also the rule (tests/c/c_check.h). */
static void expect(lc_status got, lc_status want, const char *rule, const char *what) {
  expect_error(got, want, NULL, NULL, rule, what);
}


static const char *MANAGER = "{\"audience\":\"service_manager\",\"id\":\"mgr\"}";
static const char *COACH_VIEW = "{\"audience\":\"coach\",\"id\":\"coach-1\"}";
static const char *SUPERVISOR = "{\"audience\":\"supervisor\",\"id\":\"Dr Super\"}";

static const char *COACH =
    "{\"id\":\"coach-1\",\"name\":\"Asha\",\"memberships\":[\"emcc\"],\"offers\":[\"lay_too_1to1\"],"
    "\"rota\":{\"weekly\":[{\"weekday\":0,\"start_min\":480,\"end_min\":1320}]},"
    "\"safeguarding_lead\":\"Dr Patel\",\"first_point_of_contact\":\"Service lead\"}";
static const char *CLIENT = "{\"id\":\"staff-1\",\"kind\":\"staff\",\"consent\":{\"coaching\":true}}";
static const char *SESSION =
    "{\"id\":\"s-1\",\"offer_id\":\"lay_too_1to1\",\"coach_id\":\"coach-1\",\"attendees\":[{\"client_id\":\"staff-1\"}],"
    "\"booked_at\":\"2024-03-01T12:00:00Z\",\"start\":\"2024-03-04T09:00:00Z\"}";
static const char *NOTE =
    "{\"id\":\"n-1\",\"session_id\":\"s-1\",\"author_id\":\"coach-1\",\"text\":\"Talked about night shifts.\"}";
static const char *SUPERVISION =
    "{\"id\":\"sv-1\",\"coach_id\":\"coach-1\",\"kind\":\"health_coaching\",\"date\":\"2024-03-10\","
    "\"supervisor\":\"Dr Super\",\"pci_assured\":true}";

static int raw_sql(const char *path, const char *sql) {
  sqlite3 *db = NULL;
  int rc = sqlite3_open(path, &db);
  if (rc == SQLITE_OK) rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
  sqlite3_close(db);
  return rc;
}

int main(int argc, char **argv) {
  char path[4096];
  lc_programme *p = NULL;
  char *out = NULL;
  if (argc < 2) return 2;
  snprintf(path, sizeof path, "%s/oversight.sqlite", argv[1]);
  remove(path);

  /* NULL is an error, never a crash. */
  expect(lc_programme_access_log(NULL, MANAGER, &out), LC_E_INVALID_ARGUMENT, "non_null", "access_log(NULL)");
  expect(lc_programme_access_log_verify(NULL, &out), LC_E_INVALID_ARGUMENT, "non_null", "verify(NULL)");
  expect(lc_supervision_caseloads(NULL, SUPERVISOR, "2024-03-31", &out), LC_E_INVALID_ARGUMENT, "non_null",
         "caseloads(NULL)");

  expect(lc_programme_open(path, &p), LC_OK, NULL, "open");
  if (!p) return 1;
  expect(lc_programme_access_log(p, MANAGER, NULL), LC_E_INVALID_ARGUMENT, "non_null", "access_log(NULL out)");
  expect(lc_programme_access_log(p, NULL, &out), LC_E_INVALID_ARGUMENT, "non_null", "access_log(NULL viewer)");
  expect(lc_coach_add(p, COACH), LC_OK, NULL, "coach_add");
  expect(lc_client_add(p, CLIENT), LC_OK, NULL, "client_add");
  expect(lc_session_book(p, SESSION, NULL), LC_OK, NULL, "session_book");
  expect(lc_note_add(p, COACH_VIEW, NOTE), LC_OK, NULL, "note_add");
  expect(lc_supervision_add(p, SUPERVISION), LC_OK, NULL, "supervision_add");

  /* Reads of confidential content, allowed and refused, and an export. */
  expect(lc_session_notes(p, COACH_VIEW, "s-1", &out), LC_OK, NULL, "notes as the coach");
  lc_string_free(out);
  out = NULL;
  expect(lc_session_notes(p, SUPERVISOR, "s-1", &out), LC_E_FORBIDDEN, "confidentiality", "notes as a supervisor");
  CHECK(out == NULL, "no output on failure");
  expect(lc_client_get(p, SUPERVISOR, "staff-1", &out), LC_E_FORBIDDEN, "confidentiality", "client as a supervisor");
  expect(lc_programme_to_json(p, &out), LC_OK, NULL, "to_json");
  lc_string_free(out);
  out = NULL;

  /* The log: the service manager's only. */
  expect(lc_programme_access_log(p, COACH_VIEW, &out), LC_E_FORBIDDEN, "confidentiality", "access_log as a coach");
  CHECK(out == NULL, "no output on failure");
  expect(lc_programme_access_log(p, MANAGER, &out), LC_OK, NULL, "access_log as the manager");
  CHECK(out != NULL, "access log returned");
  if (out) {
    CHECK(strstr(out, "\"seq\":1,") != NULL, "entries carry seq");
    CHECK(strstr(out, "\"operation\":\"read_notes\"") != NULL, "notes read logged");
    CHECK(strstr(out, "\"records\":[\"s-1\",\"n-1\"]") != NULL, "session and note ids logged");
    CHECK(count_is(out, "\"outcome\":\"denied\"", 3), "three refusals logged (supervisor x2, coach reading the log)");
    CHECK(strstr(out, "\"audience\":\"supervisor\",\"viewer_id\":\"Dr Super\"") != NULL, "the supervisor as asserted");
    CHECK(strstr(out, "\"operation\":\"export_programme\"") != NULL, "the export logged");
    CHECK(strstr(out, "\"operation\":\"read_access_log\"") != NULL, "the refused read of the log logged");
    CHECK(strstr(out, "night shifts") == NULL, "never the content");
    CHECK(count_is(out, "\"hash\":\"", 5), "five entries (this read is logged after it), each with its hash");
  }
  lc_string_free(out);
  out = NULL;
  expect(lc_programme_access_log_verify(p, &out), LC_OK, NULL, "verify");
  CHECK(out && strstr(out, "\"intact\":true") && strstr(out, "\"entries\":6") && strstr(out, "\"first_broken\":null"),
        "an intact chain of six entries");
  lc_string_free(out);
  out = NULL;

  /* A supervisor's caseloads: counts and dates, no notes. */
  expect(lc_supervision_caseloads(p, SUPERVISOR, "2024-03-31", &out), LC_OK, NULL, "caseloads");
  CHECK(out && strstr(out, "\"coach_id\":\"coach-1\"") && strstr(out, "\"sessions\":1") &&
            strstr(out, "\"booked\":1") && strstr(out, "\"health_coaching\":\"2024-03-10\"") &&
            strstr(out, "\"clients\":1"),
        "the supervisee's counts and dates");
  CHECK(out && strstr(out, "night shifts") == NULL && strstr(out, "staff-1") == NULL, "no content, no client ids");
  lc_string_free(out);
  out = NULL;
  expect(lc_supervision_caseloads(p, COACH_VIEW, "2024-03-31", &out), LC_E_FORBIDDEN, "confidentiality",
         "caseloads as a coach");
  expect(lc_supervision_caseloads(p, "{\"audience\":\"supervisor\",\"id\":\"Nobody\"}", "2024-03-31", &out),
         LC_E_NOT_FOUND, "reference_resolves", "caseloads of an unknown supervisor");
  expect(lc_supervision_caseloads(p, SUPERVISOR, "31/03/2024", &out), LC_E_INVALID_ARGUMENT, "iso8601_date",
         "caseloads on a bad date");
  expect(lc_programme_summary(p, SUPERVISOR, &out), LC_E_FORBIDDEN, "confidentiality", "summary as a supervisor");
  expect(lc_programme_evaluate(p, "{\"audience\":\"supervisor\",\"viewer_id\":\"Dr Super\"}", &out), LC_E_FORBIDDEN,
         "confidentiality", "evaluation as a supervisor");
  lc_programme_free(p);
  p = NULL;

  /* An attacker edits an entry in the file: verify names it. */
  CHECK(raw_sql(path, "UPDATE access_log SET viewer_id = 'someone' WHERE seq = 2") != SQLITE_OK,
        "the table is append-only");
  CHECK(raw_sql(path, "DROP TRIGGER access_log_no_update; UPDATE access_log SET viewer_id = 'someone' WHERE seq = 2") ==
            SQLITE_OK,
        "edited with the guard dropped");
  expect(lc_programme_open(path, &p), LC_OK, NULL, "reopen");
  if (!p) return 1;
  expect(lc_programme_access_log_verify(p, &out), LC_OK, NULL, "verify after the edit");
  CHECK(out && strstr(out, "\"intact\":false") && strstr(out, "\"first_broken\":2") && strstr(out, "\"problem\":\"hash\""),
        "the edited entry named");
  lc_string_free(out);
  lc_programme_free(p);

  if (failures) fprintf(stderr, "%d failure(s)\n", failures);
  else printf("test_oversight: all passed\n");
  return failures ? 1 : 0;
}
