/* Series booking from strict C99 (laycoach_booking.h): a weekly series booked whole, a clash on
 * one occurrence booking nothing (the error names the series, the occurrence and the rule, the
 * store unchanged), the agreed number of sessions honoured, the rest moved and cancelled in one
 * call each, a second handle on the same file, NULL arguments.
 * Usage: test_series <directory>. Exits non-zero on failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c_check.h"
#include "laycoach.h"
#include "laycoach_booking.h"

static int has(const char *text, const char *needle) { return text && strstr(text, needle) != NULL; }

static int count_of(const char *text, const char *needle) {
  int n = 0;
  const char *at = text;
  if (!text) return 0;
  while ((at = strstr(at, needle)) != NULL) {
    ++n;
    at += strlen(needle);
  }
  return n;
}

static char *snapshot(const lc_programme *p) {
  char *out = NULL;
  if (lc_programme_to_json(p, &out) != LC_OK) {
    fprintf(stderr, "FAILED: snapshot: %s\n", lc_last_error());
    ++failures;
  }
  return out;
}

static void unchanged(const lc_programme *p, char *before, const char *what) {
  char *after = snapshot(p);
  if (!before || !after || strcmp(before, after) != 0) {
    fprintf(stderr, "FAILED: %s changed the programme\n", what);
    ++failures;
  }
  lc_string_free(before);
  lc_string_free(after);
}

/* The coach works every day 08:00-20:00 UK local time. */
static const char *COACH =
    "{\"id\":\"c1\",\"name\":\"Asha\",\"memberships\":[\"emcc\"],\"offers\":[\"lay_too_1to1\"],"
    "\"rota\":{\"weekly\":[{\"weekday\":0,\"start_min\":480,\"end_min\":1200},{\"weekday\":1,\"start_min\":480,"
    "\"end_min\":1200},{\"weekday\":2,\"start_min\":480,\"end_min\":1200},{\"weekday\":3,\"start_min\":480,"
    "\"end_min\":1200},{\"weekday\":4,\"start_min\":480,\"end_min\":1200}]},"
    "\"safeguarding_lead\":\"Dr Patel\",\"first_point_of_contact\":\"Service lead\"}";

/* A weekly series of `count` for st1 in r1 with c1 from Monday 2024-10-14 10:00 BST. */
static const char *series(char *buf, size_t size, const char *id, int count, const char *extra) {
  snprintf(buf, size,
           "{\"series_id\":\"%s\",\"client_id\":\"st1\",\"referral_id\":\"r1\",\"coach_id\":\"c1\","
           "\"first_start\":\"2024-10-14T09:00:00Z\",\"count\":%d,\"repeat\":\"weekly\",\"every\":1,"
           "\"now\":\"2024-10-01T09:00:00Z\"%s}",
           id, count, extra);
  return buf;
}

int main(int argc, char **argv) {
  char path[4096], q[1024];
  lc_programme *p = NULL, *p2 = NULL;
  char *out = NULL, *before = NULL;
  if (argc < 2) return 2;
  snprintf(path, sizeof path, "%s/series.sqlite", argv[1]);
  remove(path);

  /* ---- NULL arguments ---- */
  expect_error(lc_booking_book_series(NULL, "{}", &out), LC_E_INVALID_ARGUMENT, "", "p", "non_null", "book_series(NULL)");
  expect_error(lc_booking_book_series_earliest(NULL, "{}", &out), LC_E_INVALID_ARGUMENT, "", "p", "non_null",
               "book_series_earliest(NULL)");
  expect_error(lc_booking_series(NULL, "s", &out), LC_E_INVALID_ARGUMENT, "", "p", "non_null", "series(NULL)");
  expect_error(lc_booking_cancel_series(NULL, "s", 0, "client", &out), LC_E_INVALID_ARGUMENT, "", "p", "non_null",
               "cancel_series(NULL)");
  expect_error(lc_booking_cancel_series_from(NULL, "s", 0, "client", &out), LC_E_INVALID_ARGUMENT, "", "p", "non_null",
               "cancel_series_from(NULL)");
  expect_error(lc_booking_move_series(NULL, "s", 0, 0, LC_BOOKING_NOW, &out), LC_E_INVALID_ARGUMENT, "", "p", "non_null",
               "move_series(NULL)");
  CHECK(out == NULL, "no call with a NULL handle wrote out");

  expect_error(lc_programme_open(path, &p), LC_OK, NULL, NULL, NULL, "open");
  if (!p) return 1;
  expect_error(lc_coach_add(p, COACH), LC_OK, NULL, NULL, NULL, "coach_add");
  expect_error(lc_client_add(p, "{\"id\":\"st1\",\"kind\":\"staff\",\"consent\":{\"coaching\":true}}"), LC_OK, NULL, NULL,
               NULL, "client_add st1");
  expect_error(lc_client_add(p, "{\"id\":\"st2\",\"kind\":\"staff\",\"consent\":{\"coaching\":true}}"), LC_OK, NULL, NULL,
               NULL, "client_add st2");
  expect_error(lc_referral_add(p, "{\"id\":\"r1\",\"client_id\":\"st1\",\"offer_id\":\"lay_too_1to1\","
                                  "\"requested_at\":\"2024-10-01T09:00:00Z\",\"sessions_wanted\":6}"),
               LC_OK, NULL, NULL, NULL, "referral_add");
  expect_error(lc_booking_book_series(p, NULL, &out), LC_E_INVALID_ARGUMENT, "", "request_json", "non_null",
               "book_series(NULL request)");
  expect_error(lc_booking_series(p, "s", NULL), LC_E_INVALID_ARGUMENT, "", "out_json", "non_null", "series(NULL out)");
  expect_error(lc_booking_cancel_series(p, "s", 0, NULL, &out), LC_E_INVALID_ARGUMENT, "", "by", "non_null",
               "cancel_series(NULL by)");

  /* ---- bad requests: named by JSON pointer, nothing changes ---- */
  before = snapshot(p);
  expect_error(lc_booking_book_series(p, "{\"client_id\":\"st1\",\"count\":2,\"repeat\":\"monthly\"}", &out),
               LC_E_PARSE, "request", "/repeat", "document_schema", "book_series(repeat monthly)");
  expect_error(lc_booking_book_series(p, series(q, sizeof q, "w", 3, ",\"cont\":1"), &out), LC_E_PARSE, "request",
               "/cont", "document_schema", "book_series(unknown key)");
  expect_error(lc_booking_book_series(p, series(q, sizeof q, "w", 0, ""), &out), LC_E_INVALID_ARGUMENT, "w", "count",
               "series_count_range", "book_series(count 0)");
  /* Seven sessions of six agreed. */
  expect_error(lc_booking_book_series(p, series(q, sizeof q, "w", 7, ""), &out), LC_E_INVALID_ARGUMENT, "w", "count",
               "agreed_sessions", "book_series(beyond the agreed number)");
  CHECK(out == NULL, "failed book_series leaves out NULL");
  unchanged(p, before, "rejected series requests");

  /* ---- one clash on occurrence 4 of 6 books nothing; the store holds only the clash ---- */
  expect_error(lc_booking_book_slot(p, "{\"client_id\":\"st2\",\"offer_id\":\"lay_too_1to1\",\"session_id\":\"x\","
                                       "\"now\":\"2024-10-01T09:00:00Z\"}",
                                    "{\"coach_id\":\"c1\",\"start\":\"2024-11-04T10:15:00Z\"}", &out),
               LC_OK, NULL, NULL, NULL, "book the clash (10:15 GMT on 4 November)");
  lc_string_free(out);
  out = NULL;
  before = snapshot(p);
  expect_error(lc_booking_book_series(p, series(q, sizeof q, "w", 6, ""), &out), LC_E_CONFLICT, "w",
               "occurrences/3/start", "coach_double_booked", "book_series(clash on occurrence 4)");
  CHECK(has(lc_last_error(), "occurrence 4 of 6") && has(lc_last_error(), "2024-11-04T10:00:00Z"),
        "the message names the occurrence and its start (10:00 GMT: local time kept)");
  unchanged(p, before, "a series with one clash");
  expect_error(lc_booking_cancel(p, "x", "client", NULL), LC_OK, NULL, NULL, NULL, "cancel the clash");

  /* ---- a second handle books the whole series; the first sees it ---- */
  expect_error(lc_programme_open(path, &p2), LC_OK, NULL, NULL, NULL, "open a second handle");
  if (!p2) return 1;
  expect_error(lc_booking_book_series(p2, series(q, sizeof q, "w", 6, ""), &out), LC_OK, NULL, NULL, NULL,
               "book_series on the second handle");
  CHECK(count_of(out, "\"series_id\":\"w\"") == 6, "six sessions in the series");
  CHECK(has(out, "\"start\":\"2024-10-14T09:00:00Z\"") && has(out, "\"start\":\"2024-10-28T10:00:00Z\""),
        "10:00 UK local before and after the clock change");
  CHECK(has(out, "\"series_index\":5"), "occurrences numbered from 0");
  lc_string_free(out);
  out = NULL;
  /* The first handle cannot take a slot of it. */
  expect_error(lc_booking_book_slot(p, "{\"client_id\":\"st2\",\"offer_id\":\"lay_too_1to1\",\"session_id\":\"y\","
                                       "\"now\":\"2024-10-01T09:00:00Z\"}",
                                    "{\"coach_id\":\"c1\",\"start\":\"2024-10-21T09:30:00Z\"}", &out),
               LC_E_CONFLICT, "y", "start", "coach_double_booked", "book_slot into the series from the first handle");
  expect_error(lc_booking_series(p, "w", &out), LC_OK, NULL, NULL, NULL, "series");
  CHECK(count_of(out, "\"status\":\"booked\",\"booked_at\"") == 6, "the first handle sees the six booked sessions");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_booking_series(p, "nope", &out), LC_E_NOT_FOUND, "nope", "series_id", "reference_resolves",
               "series(unknown)");

  /* ---- move the rest (occurrences 3..5) one day later at 11:00, then cancel from occurrence 5 ---- */
  expect_error(lc_booking_move_series(p, "w", 3, 1730804400 /* 2024-11-05T11:00:00Z */, 1727773200, &out), LC_OK, NULL,
               NULL, NULL, "move_series");
  CHECK(count_of(out, "\"series_id\":\"w\"") == 3, "three sessions moved");
  CHECK(has(out, "\"start\":\"2024-11-05T11:00:00Z\"") && has(out, "\"start\":\"2024-11-19T11:00:00Z\""),
        "weekly from Tuesday 11:00");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_booking_move_series(p, "w", 9, 1730804400, 1727773200, &out), LC_E_INVALID_ARGUMENT, "w", "from_index",
               "series_rest_booked", "move_series(nothing left)");
  expect_error(lc_booking_cancel_series(p, "w", 5, "coach", &out), LC_OK, NULL, NULL, NULL, "cancel_series");
  CHECK(count_of(out, "\"status\":\"cancelled_by_coach\"") == 1, "one session cancelled");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_booking_cancel_series_from(p, "w", 1729468800 /* 2024-10-21T00:00:00Z */, "client", &out), LC_OK, NULL,
               NULL, NULL, "cancel_series_from");
  CHECK(count_of(out, "\"status\":\"cancelled_by_client\"") == 4, "occurrences 1..4 cancelled");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_booking_cancel_series(p, "w", 0, "someone", &out), LC_E_INVALID_ARGUMENT, "", "by", "party",
               "cancel_series(by someone)");
  expect_error(lc_booking_series(p2, "w", &out), LC_OK, NULL, NULL, NULL, "series on the second handle");
  CHECK(count_of(out, "\"status\":\"rescheduled\"") == 3 && count_of(out, "\"status\":\"booked\",\"booked_at\"") == 1,
        "the second handle sees the moves and cancellations");
  lc_string_free(out);
  out = NULL;

  lc_programme_free(p2);
  lc_programme_free(p);
  remove(path);
  if (failures) fprintf(stderr, "%d failure(s)\n", failures);
  return failures ? 1 : 0;
}
