/* Importing a batch of records through the C face (lc_programme_import_json) in strict C99: a
 * batch lands whole, a batch with a bad record in the middle changes nothing (the store reopened
 * shows it) and names the record, its JSON pointer and the rule. Usage: test_import <directory>. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c_check.h"
#include "laycoach.h"
#include "laycoach_records.h"

static const char *BATCH =
    "{\"schema_version\":1,"
    "\"organisations\":[{\"ods_code\":\"RX1\",\"name\":\"Northbridge Trust\",\"kind\":\"trust\"}],"
    "\"coaches\":[{\"id\":\"coach-1\",\"name\":\"Asha\",\"memberships\":[\"emcc\"],\"offers\":[\"lay_too_1to1\"],"
    "\"rota\":{\"weekly\":[{\"weekday\":0,\"start_min\":480,\"end_min\":1320}]}}],"
    "\"clients\":[{\"id\":\"staff-1\",\"kind\":\"staff\",\"organisation\":\"RX1\",\"consent\":{\"coaching\":true}},"
    "{\"id\":\"staff-2\",\"kind\":\"staff\",\"consent\":{\"coaching\":true}}],"
    "\"sessions\":[{\"id\":\"s-1\",\"offer_id\":\"lay_too_1to1\",\"coach_id\":\"coach-1\","
    "\"start\":\"2024-07-08T09:00:00Z\",\"minutes\":60,\"modality\":\"video\",\"status\":\"attended\","
    "\"attendees\":[{\"client_id\":\"staff-1\",\"status\":\"attended\"}]}]}";

/* Two more clients and two sessions, the second naming a coach nobody added. */
static const char *BAD_BATCH =
    "{\"schema_version\":1,"
    "\"clients\":[{\"id\":\"staff-3\",\"kind\":\"staff\",\"consent\":{\"coaching\":true}}],"
    "\"sessions\":[{\"id\":\"s-2\",\"offer_id\":\"lay_too_1to1\",\"coach_id\":\"coach-1\","
    "\"start\":\"2024-07-15T09:00:00Z\",\"minutes\":60,\"modality\":\"video\",\"status\":\"attended\","
    "\"attendees\":[{\"client_id\":\"staff-3\",\"status\":\"attended\"}]},"
    "{\"id\":\"s-3\",\"offer_id\":\"lay_too_1to1\",\"coach_id\":\"coach-9\","
    "\"start\":\"2024-07-16T09:00:00Z\",\"minutes\":60,\"modality\":\"video\",\"status\":\"attended\","
    "\"attendees\":[{\"client_id\":\"staff-2\",\"status\":\"attended\"}]}]}";

static const char *NOTES =
    "{\"schema_version\":1,\"notes\":[{\"id\":\"n-1\",\"session_id\":\"s-1\",\"author_id\":\"coach-1\","
    "\"written_at\":\"2024-07-08T10:00:00Z\",\"text\":\"x\"}]}";

int main(int argc, char **argv) {
  char path[4096];
  lc_programme *p = NULL;
  size_t n = 0;
  if (argc < 2) return 2;
  snprintf(path, sizeof path, "%s/import.sqlite", argv[1]);
  remove(path);

  expect_error(lc_programme_import_json(NULL, BATCH, strlen(BATCH)), LC_E_INVALID_ARGUMENT, "", "p", "non_null",
               "import(NULL)");
  CHECK(lc_programme_open(path, &p) == LC_OK, "open");
  expect_error(lc_programme_import_json(p, NULL, 0), LC_E_INVALID_ARGUMENT, "", "json", "non_null", "import(json NULL)");
  expect_error(lc_programme_import_json(p, BATCH, strlen(BATCH)), LC_OK, NULL, NULL, NULL, "import");
  CHECK(lc_client_count(p, &n) == LC_OK && n == 2, "two clients imported");
  /* The same batch again: the first id is taken, nothing changes. */
  expect_error(lc_programme_import_json(p, BATCH, strlen(BATCH)), LC_E_CONFLICT, "RX1", "/organisations/0/ods_code",
               "unique_id", "import twice");
  expect_error(lc_programme_import_json(p, BAD_BATCH, strlen(BAD_BATCH)), LC_E_NOT_FOUND, "s-3",
               "/sessions/1/coach_id", NULL, "bad record in the middle");
  expect_error(lc_programme_import_json(p, NOTES, strlen(NOTES)), LC_E_FORBIDDEN, "notes", "/notes",
               "confidential_import", "notes are not imported");
  lc_programme_free(p);

  p = NULL;
  CHECK(lc_programme_open(path, &p) == LC_OK, "reopen");
  n = 0;
  CHECK(lc_client_count(p, &n) == LC_OK && n == 2, "the bad batch left nothing in the store");
  {
    char *out = NULL;
    CHECK(lc_session_get(p, "s-1", &out) == LC_OK, "imported session stored");
    lc_string_free(out);
    out = NULL;
    CHECK(lc_session_get(p, "s-2", &out) == LC_E_NOT_FOUND, "no session of the bad batch");
    lc_string_free(out);
  }
  lc_programme_free(p);
  remove(path);
  if (failures) fprintf(stderr, "%d failure(s)\n", failures);
  return failures ? 1 : 0;
}
