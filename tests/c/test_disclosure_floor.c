/* The C face of the disclosure floor, in strict C99: reading and setting the service's floor
 * (lc_programme_disclosure_floor, lc_programme_set_disclosure_floor), the floor rule for an
 * aggregate audience's policy and the preview rule for a service manager's, through
 * lc_programme_evaluate, with the refusals each must give.
 * Usage: test_disclosure_floor <directory for a store file>. Exits non-zero on any failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c_check.h"
#include "c_service.h"
#include "laycoach.h"

/* The floor now, as a caller-owned string (NULL on failure, counted). */
static char *floor_of(const lc_programme *p) {
  char *out = NULL;
  expect_error(lc_programme_disclosure_floor(p, &out), LC_OK, NULL, NULL, NULL, "disclosure_floor");
  return out;
}

/* True when both strings are given and equal. */
static int same(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

/* Expect a refused floor, then that the floor is still `before`. */
static void floor_refused(lc_programme *p, const char *policy, lc_status status, const char *record, const char *field,
                          const char *rule, const char *before, const char *what) {
  char *after = NULL;
  expect_error(lc_programme_set_disclosure_floor(p, policy), status, record, field, rule, what);
  after = floor_of(p);
  if (!same(before, after)) {
    fprintf(stderr, "FAILED: %s: the floor changed to %s\n", what, after ? after : "(null)");
    ++failures;
  }
  lc_string_free(after);
}

/* Expect an evaluation refused as below the floor, naming `field`, with no output. */
static void below_floor(const lc_programme *p, const char *options, const char *field, const char *what) {
  char *out = NULL;
  expect_error(lc_programme_evaluate(p, options, &out), LC_E_FORBIDDEN, "policy", field, "policy_below_floor", what);
  CHECK(out == NULL, "no output on failure");
  lc_string_free(out);
}

#define CLIENTS 32

/* The default floor as the library writes it: every key, in the order of SuppressionPolicy. */
static const char *DEFAULT_FLOOR =
    "{\"min_count\":8,\"round_to\":5,\"cell_key\":true,\"max_perturbation\":2,\"magnitude_noise\":0.25,"
    "\"exact_statistics\":false}";
static const char *STRONGER =
    "{\"round_to\":10,\"magnitude_noise\":0.5,\"min_count\":10,\"max_perturbation\":3}";
static const char *STRONGER_WRITTEN =
    "{\"min_count\":10,\"round_to\":10,\"cell_key\":true,\"max_perturbation\":3,\"magnitude_noise\":0.5,"
    "\"exact_statistics\":false}";
static const char *COMMISSIONER = "{\"audience\":\"commissioner\"}";

int main(int argc, char **argv) {
  char path[4096];
  lc_programme *p = NULL;
  char *out = NULL, *before = NULL, *again = NULL;
  if (argc < 2) return 2;
  snprintf(path, sizeof path, "%s/disclosure_floor.sqlite", argv[1]);
  remove(path);

  /* NULL is an error, never a crash; *out is NULL after a failure. */
  out = (char *)path;
  expect_error(lc_programme_disclosure_floor(NULL, &out), LC_E_INVALID_ARGUMENT, NULL, "p", "non_null",
         "disclosure_floor(NULL)");
  CHECK(out == NULL, "out cleared on failure");
  expect_error(lc_programme_set_disclosure_floor(NULL, "{}"), LC_E_INVALID_ARGUMENT, NULL, "p", "non_null",
         "set_disclosure_floor(NULL)");

  expect_error(lc_programme_open(path, &p), LC_OK, NULL, NULL, NULL, "open");
  if (!p) return 1;
  expect_error(lc_programme_disclosure_floor(p, NULL), LC_E_INVALID_ARGUMENT, NULL, "out_json", "non_null",
         "disclosure_floor(NULL out)");
  c_service_populate(p, CLIENTS, "", 0);

  /* A new service's floor is the library's default policy. */
  before = floor_of(p);
  CHECK(same(before, DEFAULT_FLOOR), "the default floor, every key written");
  expect_error(lc_programme_set_disclosure_floor(p, NULL), LC_E_INVALID_ARGUMENT, NULL, "policy_json", "non_null",
         "set_disclosure_floor(NULL policy)");

  /* Round trip: a stronger floor is set and read back, and what is read sets the same floor. */
  expect_error(lc_programme_set_disclosure_floor(p, STRONGER), LC_OK, NULL, NULL, NULL, "set a stronger floor");
  lc_string_free(before);
  before = floor_of(p);
  CHECK(same(before, STRONGER_WRITTEN), "the stronger floor read back");
  expect_error(lc_programme_set_disclosure_floor(p, before), LC_OK, NULL, NULL, NULL, "set the floor as read");
  again = floor_of(p);
  CHECK(same(before, again), "the floor read, set and read again is the same document");
  lc_string_free(again);
  again = NULL;

  /* Below the NHS rule: refused for the member that is weaker, and nothing changes. */
  floor_refused(p, "{\"min_count\":5}", LC_E_INVALID_ARGUMENT, "disclosure_floor", "min_count", "policy_below_floor",
                before, "floor with min_count 5");
  floor_refused(p, "{\"round_to\":1}", LC_E_INVALID_ARGUMENT, "disclosure_floor", "round_to", "policy_below_floor",
                before, "floor with round_to 1");
  floor_refused(p, "{\"magnitude_noise\":0.1}", LC_E_INVALID_ARGUMENT, "disclosure_floor", "magnitude_noise",
                "policy_below_floor", before, "floor with less magnitude noise");
  floor_refused(p, "{\"exact_statistics\":true}", LC_E_INVALID_ARGUMENT, "disclosure_floor", "exact_statistics",
                "policy_below_floor", before, "floor with exact statistics");
  floor_refused(p, "{\"min_count\":0}", LC_E_INVALID_ARGUMENT, "suppression_policy", "min_count", "policy_range",
                before, "floor with min_count 0");
  floor_refused(p, "{\"max_perturbation\":21}", LC_E_INVALID_ARGUMENT, "suppression_policy", "max_perturbation",
                "policy_range", before, "floor with max_perturbation 21");
  floor_refused(p, "{\"min_count\":8,\"min_count\":5}", LC_E_PARSE, NULL, "/min_count", "unique_keys", before,
                "floor with a repeated key");
  floor_refused(p, "{\"min_cont\":8}", LC_E_PARSE, NULL, "/min_cont", NULL, before, "floor with an unknown key");
  floor_refused(p, "{\"min_count\":", LC_E_PARSE, NULL, NULL, NULL, before, "floor truncated");
  floor_refused(p, "[8,5]", LC_E_PARSE, NULL, NULL, NULL, before, "floor not an object");
  /* The NHS rule itself is the weakest floor allowed. */
  expect_error(lc_programme_set_disclosure_floor(
             p, "{\"min_count\":8,\"round_to\":5,\"cell_key\":false,\"max_perturbation\":0,\"magnitude_noise\":0.25}"),
         LC_OK, NULL, NULL, NULL, "the NHS rule as the floor");

  /* The floor is the store's: it survives closing and reopening. */
  expect_error(lc_programme_set_disclosure_floor(p, STRONGER), LC_OK, NULL, NULL, NULL, "the stronger floor again");
  lc_programme_free(p);
  p = NULL;
  expect_error(lc_programme_open(path, &p), LC_OK, NULL, NULL, NULL, "reopen");
  if (!p) return 1;
  again = floor_of(p);
  CHECK(same(again, STRONGER_WRITTEN), "the floor stored");
  lc_string_free(again);
  again = NULL;

  /* The floor rule: a commissioner gets the floor without a policy, never a weaker one. */
  expect_error(lc_programme_evaluate(p, COMMISSIONER, &out), LC_OK, NULL, NULL, NULL, "commissioner, no policy");
  CHECK(out && strstr(out, "\"disclosure_controlled\":true") != NULL, "a commissioner's report is controlled");
  CHECK(out && strstr(out, STRONGER_WRITTEN) != NULL, "under the service's floor");
  lc_string_free(out);
  out = NULL;
  below_floor(p, "{\"audience\":\"commissioner\",\"policy\":{\"min_count\":8,\"round_to\":10}}", "min_count",
              "the default min_count under a floor of 10");
  expect_error(lc_programme_set_disclosure_floor(p, "{}"), LC_OK, NULL, NULL, NULL, "back to the default floor");
  below_floor(p, "{\"audience\":\"commissioner\",\"policy\":{\"min_count\":1,\"round_to\":1}}", "min_count",
              "commissioner asking for exact counts");
  below_floor(p, "{\"audience\":\"commissioner\",\"policy\":{\"exact_statistics\":true}}", "exact_statistics",
              "commissioner asking for exact statistics");
  below_floor(p, "{\"audience\":\"employer\",\"viewer_id\":\"RX1\",\"policy\":{\"cell_key\":false}}", "cell_key",
              "employer without cell keys");
  below_floor(p, "{\"policy\":{\"magnitude_noise\":0}}", "magnitude_noise", "the public without noise");
  /* A stronger policy is the commissioner's to ask for. */
  expect_error(lc_programme_evaluate(p, "{\"audience\":\"commissioner\",\"policy\":{\"min_count\":10}}", &out), LC_OK, NULL,
         NULL, NULL, "commissioner asking for more protection");
  CHECK(out && strstr(out, "\"min_count\":10") != NULL, "the stronger policy applied");
  lc_string_free(out);
  out = NULL;

  /* The preview rule: the same policies for a service manager are a preview of the release. */
  expect_error(lc_programme_evaluate(p, "{\"audience\":\"service_manager\",\"policy\":{\"min_count\":1,\"round_to\":1}}",
                               &out),
         LC_OK, NULL, NULL, NULL, "service manager previewing exact counts");
  CHECK(out && strstr(out, "\"audience\":\"service_manager\"") != NULL, "the service manager's report");
  CHECK(out && strstr(out, "\"disclosure_controlled\":true") != NULL, "a preview is disclosure-controlled");
  CHECK(out &&
            strstr(out, "\"policy\":{\"min_count\":1,\"round_to\":1,\"cell_key\":true,\"max_perturbation\":2,"
                        "\"magnitude_noise\":0.25,\"exact_statistics\":false}") != NULL,
        "the policy echoed, defaults filled in");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_programme_evaluate(p, "{\"audience\":\"service_manager\",\"policy\":{\"exact_statistics\":true}}", &out),
         LC_OK, NULL, NULL, NULL, "service manager previewing exact statistics");
  CHECK(out && strstr(out, "\"disclosure_controlled\":true") != NULL, "a preview is disclosure-controlled");
  CHECK(out &&
            strstr(out, "\"policy\":{\"min_count\":8,\"round_to\":5,\"cell_key\":true,\"max_perturbation\":2,"
                        "\"magnitude_noise\":0.25,\"exact_statistics\":true}") != NULL,
        "the policy echoed, exact statistics");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_programme_evaluate(p, "{\"audience\":\"service_manager\"}", &out), LC_OK, NULL, NULL, NULL,
         "service manager, exact");
  CHECK(out && strstr(out, "\"disclosure_controlled\":false") != NULL, "without a policy, exact figures");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_programme_evaluate(p, "{\"audience\":\"service_manager\",\"policy\":{\"min_count\":0}}", &out),
         LC_E_INVALID_ARGUMENT, NULL, NULL, "policy_range", "a preview under an invalid policy");

  /* A key given twice is refused, at the top and inside the policy. */
  expect_error(lc_programme_evaluate(p, "{\"audience\":\"commissioner\",\"audience\":\"service_manager\"}", &out),
         LC_E_PARSE, NULL, "/audience", "unique_keys", "a repeated audience");
  CHECK(out == NULL, "no output on failure");
  expect_error(lc_programme_evaluate(p, "{\"audience\":\"commissioner\",\"policy\":{\"min_count\":8,\"min_count\":1}}", &out),
         LC_E_PARSE, NULL, "/policy/min_count", "unique_keys", "a repeated policy key");
  CHECK(out == NULL, "no output on failure");

  /* The same commissioner query twice: the same bytes (keyed perturbation, no randomness). */
  expect_error(lc_programme_evaluate(p, COMMISSIONER, &out), LC_OK, NULL, NULL, NULL, "commissioner, first");
  expect_error(lc_programme_evaluate(p, COMMISSIONER, &again), LC_OK, NULL, NULL, NULL, "commissioner, second");
  CHECK(same(out, again), "the same query gives byte-identical reports");
  CHECK(out && strstr(out, "\"instrument_id\":\"swemwbs\"") != NULL, "the report has the outcome");
  CHECK(out && strstr(out, "staff-") == NULL, "no client id in a commissioner's report");
  lc_string_free(out);
  lc_string_free(again);
  lc_string_free(before);
  lc_programme_free(p);

  if (failures) fprintf(stderr, "%d failure(s)\n", failures);
  else printf("test_disclosure_floor: all passed\n");
  return failures ? 1 : 0;
}
