/* Opening a store from C, in strict C99: the status values are the ABI's, an empty path or a
 * missing file creates nothing, a read-only handle changes nothing, and a store locked by another
 * process (here a raw SQLite connection holding a write transaction) gives LC_E_BUSY after the
 * busy timeout, then works once the lock is gone. Usage: test_open <directory>. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "c_check.h"
#include "laycoach.h"

static int file_exists(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f) fclose(f);
  return f != NULL;
}

static const char *COACH =
    "{\"id\":\"coach-1\",\"name\":\"Asha\",\"memberships\":[\"emcc\"],\"offers\":[\"lay_too_1to1\"],"
    "\"rota\":{\"weekly\":[{\"weekday\":0,\"start_min\":480,\"end_min\":1320}]},"
    "\"safeguarding_lead\":\"Dr Patel\",\"first_point_of_contact\":\"Service lead\"}";
static const char *COACH2 =
    "{\"id\":\"coach-2\",\"name\":\"Ben\",\"memberships\":[\"emcc\"],\"offers\":[\"lay_too_1to1\"],"
    "\"safeguarding_lead\":\"Dr Patel\",\"first_point_of_contact\":\"Service lead\"}";
static const char *CLIENT = "{\"id\":\"staff-1\",\"kind\":\"staff\",\"consent\":{\"coaching\":true}}";
static const char *MANAGER = "{\"audience\":\"service_manager\",\"id\":\"mgr\"}";

int main(int argc, char **argv) {
  char path[4096], missing[4096];
  lc_programme *p = NULL, *ro = NULL, *rw = NULL;
  char *out = NULL;
  size_t n = 0;
  sqlite3 *raw = NULL;
  if (argc < 2) return 2;
  snprintf(path, sizeof path, "%s/open.sqlite", argv[1]);
  snprintf(missing, sizeof missing, "%s/no-such-store.sqlite", argv[1]);
  remove(path);
  remove(missing);

  /* Every status has its value for good: the ABI. */
  CHECK(LC_OK == 0 && LC_E_INVALID_ARGUMENT == 1 && LC_E_NOT_FOUND == 2 && LC_E_CONFLICT == 3 &&
            LC_E_FORBIDDEN == 4 && LC_E_PARSE == 5 && LC_E_IO == 6 && LC_E_INTERNAL == 7 && LC_E_BUSY == 8,
        "status values");
  CHECK(strcmp(lc_status_name(LC_E_BUSY), "busy") == 0, "busy's name");

  /* NHS numbers: one stored form, shown 3-3-4, Modulus 11 checked. */
  CHECK(lc_nhs_number_canonical("943 476 5919", &out) == LC_OK && strcmp(out, "9434765919") == 0, "canonical");
  lc_string_free(out);
  out = NULL;
  CHECK(lc_nhs_number_display("9434765919", &out) == LC_OK && strcmp(out, "943 476 5919") == 0, "display");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_nhs_number_display("9434765918", &out), LC_E_INVALID_ARGUMENT, "", "nhs_number",
               "nhs_number_modulus_11", "display of a bad number");
  CHECK(out == NULL, "no string on failure");
  expect_error(lc_nhs_number_canonical(NULL, &out), LC_E_INVALID_ARGUMENT, "", "nhs_number", "non_null", "NULL number");

  /* An empty path is an error, not a throwaway store. */
  expect_error(lc_programme_open("", &p), LC_E_INVALID_ARGUMENT, "", "path", "path_required", "open(\"\")");
  CHECK(p == NULL, "no handle for an empty path");
  expect_error(lc_programme_open_ex("", LC_OPEN_CREATE, -1, &p), LC_E_INVALID_ARGUMENT, "", "path", "path_required",
               "open_ex(\"\")");

  /* A missing file: created only when asked. */
  expect_error(lc_programme_open_ex(missing, LC_OPEN_MUST_EXIST, -1, &p), LC_E_NOT_FOUND, missing, "path",
               "store_exists", "must exist");
  expect_error(lc_programme_open_ex(missing, 0, -1, &p), LC_E_NOT_FOUND, missing, "path", "store_exists",
               "flags 0 = must exist");
  expect_error(lc_programme_open_ex(missing, LC_OPEN_READ_ONLY, -1, &p), LC_E_NOT_FOUND, missing, "path",
               "store_exists", "read-only needs a file");
  CHECK(!file_exists(missing), "nothing created for a missing file");
  expect_error(lc_programme_open_ex(path, LC_OPEN_CREATE | LC_OPEN_READ_ONLY, -1, &p), LC_E_INVALID_ARGUMENT, path,
               "flags", "open_flags", "contradictory flags");
  expect_error(lc_programme_open_ex(path, 0x40u, -1, &p), LC_E_INVALID_ARGUMENT, path, "flags", "open_flags",
               "unknown flag");
  expect_error(lc_programme_open_ex(path, LC_OPEN_CREATE, -1, NULL), LC_E_INVALID_ARGUMENT, "", "out", "non_null",
               "NULL out");
  CHECK(!file_exists(path), "nothing created for bad flags");

  expect_error(lc_programme_open_ex(path, LC_OPEN_CREATE, -1, &rw), LC_OK, NULL, NULL, NULL, "create");
  if (!rw) return 1;
  CHECK(file_exists(path), "created");
  expect_error(lc_coach_add(rw, COACH), LC_OK, NULL, NULL, NULL, "coach_add");
  expect_error(lc_client_add(rw, CLIENT), LC_OK, NULL, NULL, NULL, "client_add");

  /* Read-only: queries work and follow other handles; changes and logged reads are refused. */
  expect_error(lc_programme_open_ex(path, LC_OPEN_READ_ONLY, -1, &ro), LC_OK, NULL, NULL, NULL, "open read-only");
  if (!ro) return 1;
  expect_error(lc_coach_get(ro, "coach-1", &out), LC_OK, NULL, NULL, NULL, "read-only coach_get");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_coach_add(ro, COACH2), LC_E_FORBIDDEN, path, "mode", "read_only", "read-only coach_add");
  expect_error(lc_coach_add(ro, "{\"id\":\"\"}"), LC_E_FORBIDDEN, path, "mode", "read_only",
               "read-only refuses before any other rule");
  expect_error(lc_client_get(ro, MANAGER, "staff-1", &out), LC_E_FORBIDDEN, path, "mode", "read_only",
               "read-only cannot log a confidential read");
  CHECK(out == NULL, "refused read returns nothing");
  expect_error(lc_programme_to_json(ro, &out), LC_E_FORBIDDEN, path, "mode", "read_only", "read-only export");
  expect_error(lc_coach_add(rw, COACH2), LC_OK, NULL, NULL, NULL, "a writer beside the reader");
  expect_error(lc_coach_get(ro, "coach-2", &out), LC_OK, NULL, NULL, NULL, "the reader sees the writer's commit");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_client_count(ro, &n), LC_OK, NULL, NULL, NULL, "read-only client_count");
  CHECK(n == 1, "one client");

  /* Busy: another process holds the write lock longer than the timeout. */
  lc_programme_free(rw);
  rw = NULL;
  expect_error(lc_programme_open_ex(path, LC_OPEN_MUST_EXIST, 100, &rw), LC_OK, NULL, NULL, NULL, "open, 100 ms");
  if (!rw) return 1;
  CHECK(sqlite3_open(path, &raw) == SQLITE_OK, "raw open");
  CHECK(sqlite3_exec(raw, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK, "raw write lock");
  expect_error(lc_coach_update(rw, COACH2), LC_E_BUSY, path, "", "busy", "write while locked");
  expect_error(lc_programme_open_ex(path, LC_OPEN_MUST_EXIST, 0, &p), LC_E_BUSY, path, "", "busy",
               "open while locked (timeout 0)");
  CHECK(p == NULL, "no handle when busy");
  expect_error(lc_coach_get(rw, "coach-1", &out), LC_OK, NULL, NULL, NULL, "reads go on while locked (WAL)");
  lc_string_free(out);
  out = NULL;
  CHECK(sqlite3_exec(raw, "ROLLBACK", NULL, NULL, NULL) == SQLITE_OK, "raw unlock");
  sqlite3_close(raw);
  expect_error(lc_coach_update(rw, COACH2), LC_OK, NULL, NULL, NULL, "write once the lock is gone");

  lc_programme_free(rw);
  lc_programme_free(ro);
  if (failures) fprintf(stderr, "%d failure(s)\n", failures);
  return failures ? 1 : 0;
}
