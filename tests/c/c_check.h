/* The checks the strict-C tests share: a failure counter, CHECK, and expect() of a status with the
 * error's record, field and rule. Header-only (static), for one test program per file. */
#ifndef LAYCOACH_TESTS_C_CHECK_H
#define LAYCOACH_TESTS_C_CHECK_H

#include <stdio.h>
#include <string.h>

#include "laycoach.h"

static int failures = 0;

#define CHECK(cond, what)                                                                     \
  do {                                                                                        \
    if (!(cond)) {                                                                            \
      fprintf(stderr, "FAILED: %s (line %d): %s\n", what, __LINE__, lc_last_error());         \
      ++failures;                                                                             \
    }                                                                                         \
  } while (0)

/* Expect a status: success leaves no message; a failure names the record, field and rule given
 * (NULL: not checked). */
static void expect_error(lc_status got, lc_status want, const char *record, const char *field, const char *rule,
                         const char *what) {
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
  if (record && strcmp(lc_last_error_record(), record) != 0) {
    fprintf(stderr, "FAILED: %s: record '%s', want '%s'\n", what, lc_last_error_record(), record);
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
}

/* True when `text` holds `needle` exactly `n` times. */
static inline int count_is(const char *text, const char *needle, int n) {
  int k = 0;
  const char *at = text;
  while (at && (at = strstr(at, needle)) != NULL) {
    ++k;
    at += strlen(needle);
  }
  return k == n;
}

#endif
