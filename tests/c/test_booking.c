/* The booking engine's C face (laycoach_booking.h) in strict C99: every call with a success
 * (asserted on the returned document) and a failure naming the exact status, record, field and
 * rule; NULL arguments; a rejected booking changes nothing; two handles on one store file cannot
 * book the same coach at the same time; a group session filled, its waiting list served.
 * Usage: test_booking <directory>. Exits non-zero on failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c_check.h"
#include "laycoach.h"
#include "laycoach_booking.h"

/* True when `text` contains `needle`; a NULL text never does. */
static int has(const char *text, const char *needle) { return text && strstr(text, needle) != NULL; }

/* Check `out` holds `needle`, then release it. */
static void check_out(char **out, const char *needle, const char *what) {
  if (!has(*out, needle)) {
    fprintf(stderr, "FAILED: %s: '%s' not in %s\n", what, needle, *out ? *out : "(null)");
    ++failures;
  }
  lc_string_free(*out);
  *out = NULL;
}

/* Check `out` is exactly `want`, then release it. */
static void check_exact(char **out, const char *want, const char *what) {
  if (!*out || strcmp(*out, want) != 0) {
    fprintf(stderr, "FAILED: %s: got %s, want %s\n", what, *out ? *out : "(null)", want);
    ++failures;
  }
  lc_string_free(*out);
  *out = NULL;
}

/* Copy the string value of the first `"key":"` in `text` into buf (empty when absent). */
static void string_of(const char *text, const char *key, char *buf, size_t size) {
  char pattern[64];
  const char *at;
  size_t n = 0;
  buf[0] = '\0';
  if (!text) return;
  snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
  at = strstr(text, pattern);
  if (!at) return;
  at += strlen(pattern);
  while (at[n] && at[n] != '"' && n + 1 < size) ++n;
  memcpy(buf, at, n);
  buf[n] = '\0';
}

/* How many times `needle` occurs in `text`. */
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

/* A whole-programme snapshot (to compare before and after a rejected call). */
static char *snapshot(const lc_programme *p) {
  char *out = NULL;
  if (lc_programme_to_json(p, &out) != LC_OK) {
    fprintf(stderr, "FAILED: snapshot: %s\n", lc_last_error());
    ++failures;
  }
  return out;
}

/* `before` equals the programme now; releases `before`. */
static void unchanged(const lc_programme *p, char *before, const char *what) {
  char *after = snapshot(p);
  if (!before || !after || strcmp(before, after) != 0) {
    fprintf(stderr, "FAILED: %s changed the programme\n", what);
    ++failures;
  }
  lc_string_free(before);
  lc_string_free(after);
}

/* Monday 4 March 2024 (GMT: UK local time is UTC). The coach works Mondays 08:00-22:00 UK. */
static const char *COACH =
    "{\"id\":\"c1\",\"name\":\"Asha\",\"memberships\":[\"emcc\"],\"offers\":[\"lay_too_1to1\",\"lay_too_peer\"],"
    "\"rota\":{\"weekly\":[{\"weekday\":0,\"start_min\":480,\"end_min\":1320}]},"
    "\"safeguarding_lead\":\"Dr Patel\",\"first_point_of_contact\":\"Service lead\"}";
static const char *NOW = "2024-03-01T09:00:00Z";
static const int64_t NOW_UNIX = 1709283600; /* 2024-03-01T09:00:00Z */
static const int64_t MARCH = 1709251200;    /* 2024-03-01T00:00:00Z */
static const int64_t APRIL = 1711929600;    /* 2024-04-01T00:00:00Z */

/* A request for `client` of `offer` from Monday 08:00 with the fixed clock. */
static const char *request(char *buf, size_t size, const char *client, const char *offer, const char *extra) {
  snprintf(buf, size,
           "{\"client_id\":\"%s\",\"offer_id\":\"%s\",\"earliest\":\"2024-03-04T08:00:00Z\","
           "\"latest\":\"2024-03-05T00:00:00Z\",\"now\":\"%s\"%s}",
           client, offer, NOW, extra);
  return buf;
}

int main(int argc, char **argv) {
  char path[4096], q[1024], wait9[128], wait10[128], wait11[128], group[128], moved[128];
  lc_programme *p = NULL, *p2 = NULL;
  char *out = NULL, *before = NULL;
  int i;
  if (argc < 2) return 2;
  snprintf(path, sizeof path, "%s/booking.sqlite", argv[1]);
  remove(path);

  /* ---- NULL handles: LC_E_INVALID_ARGUMENT naming "p", rule non_null, *out left NULL. ---- */
  expect_error(lc_booking_search(NULL, "{}", &out), LC_E_INVALID_ARGUMENT, "", "p", "non_null", "search(NULL)");
  CHECK(out == NULL, "search(NULL) leaves out NULL");
  expect_error(lc_booking_book(NULL, "{}", &out), LC_E_INVALID_ARGUMENT, "", "p", "non_null", "book(NULL)");
  CHECK(out == NULL, "book(NULL) leaves out NULL");
  expect_error(lc_booking_book_slot(NULL, "{}", "{}", &out), LC_E_INVALID_ARGUMENT, "", "p", "non_null", "book_slot(NULL)");
  expect_error(lc_booking_cancel(NULL, "s", "client", &out), LC_E_INVALID_ARGUMENT, "", "p", "non_null", "cancel(NULL)");
  expect_error(lc_booking_did_not_attend(NULL, "s", "client", &out), LC_E_INVALID_ARGUMENT, "", "p", "non_null",
               "did_not_attend(NULL)");
  expect_error(lc_booking_reschedule(NULL, "s", "{}", &out), LC_E_INVALID_ARGUMENT, "", "p", "non_null",
               "reschedule(NULL)");
  expect_error(lc_booking_open_group_sessions(NULL, "{}", &out), LC_E_INVALID_ARGUMENT, "", "p", "non_null",
               "open_group_sessions(NULL)");
  expect_error(lc_booking_join(NULL, "s", "{}", &out), LC_E_INVALID_ARGUMENT, "", "p", "non_null", "join(NULL)");
  expect_error(lc_booking_join_waiting_list(NULL, "s", "{}", LC_BOOKING_NOW, &out), LC_E_INVALID_ARGUMENT, "", "p",
               "non_null", "join_waiting_list(NULL)");
  expect_error(lc_booking_waiting_list(NULL, "s", &out), LC_E_INVALID_ARGUMENT, "", "p", "non_null",
               "waiting_list(NULL)");
  expect_error(lc_booking_offer_freed_places(NULL, "s", LC_BOOKING_NOW, &out), LC_E_INVALID_ARGUMENT, "", "p",
               "non_null", "offer_freed_places(NULL)");
  expect_error(lc_booking_accept_place(NULL, "w", &out), LC_E_INVALID_ARGUMENT, "", "p", "non_null",
               "accept_place(NULL)");
  expect_error(lc_booking_decline_place(NULL, "w", LC_BOOKING_NOW, &out), LC_E_INVALID_ARGUMENT, "", "p", "non_null",
               "decline_place(NULL)");
  expect_error(lc_booking_cancel_place(NULL, "s", "c", LC_BOOKING_NOW, &out), LC_E_INVALID_ARGUMENT, "", "p",
               "non_null", "cancel_place(NULL)");
  expect_error(lc_booking_access_figures(NULL, MARCH, APRIL, &out), LC_E_INVALID_ARGUMENT, "", "p", "non_null",
               "access_figures(NULL)");
  CHECK(out == NULL, "no call with a NULL handle wrote out");

  expect_error(lc_programme_open(path, &p), LC_OK, NULL, NULL, NULL, "open");
  if (!p) return 1;
  expect_error(lc_coach_add(p, COACH), LC_OK, NULL, NULL, NULL, "coach_add");
  for (i = 1; i <= 12; ++i) {
    char client[128];
    snprintf(client, sizeof client, "{\"id\":\"st%d\",\"kind\":\"staff\",\"consent\":{\"coaching\":true}}", i);
    expect_error(lc_client_add(p, client), LC_OK, NULL, NULL, NULL, "client_add");
  }
  expect_error(lc_client_add(p, "{\"id\":\"nc\",\"kind\":\"staff\",\"consent\":{\"coaching\":false}}"), LC_OK, NULL,
               NULL, NULL, "client_add without consent");
  expect_error(lc_client_add(p, "{\"id\":\"pat\",\"kind\":\"patient\",\"nhs_number\":\"9434765919\"}"), LC_OK, NULL,
               NULL, NULL, "client_add patient");

  /* ---- NULL arguments other than the handle, and NULL required out-parameters. ---- */
  expect_error(lc_booking_search(p, NULL, &out), LC_E_INVALID_ARGUMENT, "", "request_json", "non_null",
               "search(NULL request)");
  CHECK(out == NULL, "search(NULL request) leaves out NULL");
  expect_error(lc_booking_search(p, request(q, sizeof q, "st1", "lay_too_1to1", ""), NULL), LC_E_INVALID_ARGUMENT,
               "", "out_json", "non_null", "search(NULL out)");
  expect_error(lc_booking_book(p, NULL, &out), LC_E_INVALID_ARGUMENT, "", "request_json", "non_null",
               "book(NULL request)");
  expect_error(lc_booking_book_slot(p, request(q, sizeof q, "st1", "lay_too_1to1", ""), NULL, &out),
               LC_E_INVALID_ARGUMENT, "", "slot_json", "non_null", "book_slot(NULL slot)");
  expect_error(lc_booking_cancel(p, NULL, "client", &out), LC_E_INVALID_ARGUMENT, "", "session_id", "non_null",
               "cancel(NULL session)");
  expect_error(lc_booking_cancel(p, "s", NULL, &out), LC_E_INVALID_ARGUMENT, "", "by", "non_null", "cancel(NULL by)");
  expect_error(lc_booking_did_not_attend(p, "s", NULL, &out), LC_E_INVALID_ARGUMENT, "", "who", "non_null",
               "did_not_attend(NULL who)");
  expect_error(lc_booking_reschedule(p, NULL, "{}", &out), LC_E_INVALID_ARGUMENT, "", "session_id", "non_null",
               "reschedule(NULL session)");
  expect_error(lc_booking_reschedule(p, "s", NULL, &out), LC_E_INVALID_ARGUMENT, "", "request_json", "non_null",
               "reschedule(NULL request)");
  expect_error(lc_booking_open_group_sessions(p, request(q, sizeof q, "st1", "lay_too_peer", ""), NULL),
               LC_E_INVALID_ARGUMENT, "", "out_json", "non_null", "open_group_sessions(NULL out)");
  expect_error(lc_booking_join(p, "s", NULL, &out), LC_E_INVALID_ARGUMENT, "", "attendee_json", "non_null",
               "join(NULL attendee)");
  expect_error(lc_booking_join_waiting_list(p, NULL, "{\"client_id\":\"st1\"}", NOW_UNIX, &out),
               LC_E_INVALID_ARGUMENT, "", "session_id", "non_null", "join_waiting_list(NULL session)");
  expect_error(lc_booking_waiting_list(p, "s", NULL), LC_E_INVALID_ARGUMENT, "", "out_json", "non_null",
               "waiting_list(NULL out)");
  expect_error(lc_booking_offer_freed_places(p, NULL, NOW_UNIX, &out), LC_E_INVALID_ARGUMENT, "", "session_id",
               "non_null", "offer_freed_places(NULL session)");
  expect_error(lc_booking_accept_place(p, NULL, &out), LC_E_INVALID_ARGUMENT, "", "wait_id", "non_null",
               "accept_place(NULL)");
  expect_error(lc_booking_decline_place(p, NULL, NOW_UNIX, &out), LC_E_INVALID_ARGUMENT, "", "wait_id", "non_null",
               "decline_place(NULL)");
  expect_error(lc_booking_cancel_place(p, "s", NULL, NOW_UNIX, &out), LC_E_INVALID_ARGUMENT, "", "client_id",
               "non_null", "cancel_place(NULL client)");
  expect_error(lc_booking_access_figures(p, MARCH, APRIL, NULL), LC_E_INVALID_ARGUMENT, "", "out_json", "non_null",
               "access_figures(NULL out)");
  CHECK(out == NULL, "no call with a NULL argument wrote out");

  /* A failure with a valid handle sets *out to NULL even when it held something. */
  {
    char stale = 'x';
    out = &stale;
    expect_error(lc_booking_search(p, "{\"client_id\":\"nobody\"}", &out), LC_E_NOT_FOUND, "nobody", "client_id",
                 "reference_resolves", "search(unknown client), stale out");
    CHECK(out == NULL, "failed search clears out");
    out = &stale;
    expect_error(lc_booking_book(p, "{\"client_id\":\"nobody\"}", &out), LC_E_NOT_FOUND, "nobody", "client_id",
                 "reference_resolves", "book(unknown client), stale out");
    CHECK(out == NULL, "failed book clears out");
    out = &stale;
    expect_error(lc_booking_waiting_list(p, "zz", &out), LC_E_NOT_FOUND, "zz", "session_id", "reference_resolves",
                 "waiting_list(unknown), stale out");
    CHECK(out == NULL, "failed waiting_list clears out");
    out = &stale;
    expect_error(lc_booking_decline_place(p, "zz", NOW_UNIX, &out), LC_E_NOT_FOUND, "zz", "id", "reference_resolves",
                 "decline_place(unknown), stale out");
    CHECK(out == NULL, "failed decline_place clears out");
    out = NULL;
  }

  /* ---- search ---- */
  expect_error(lc_booking_search(p, request(q, sizeof q, "st1", "lay_too_1to1", ",\"max_results\":3"), &out), LC_OK,
               NULL, NULL, NULL, "search");
  CHECK(has(out, "\"start\":\"2024-03-04T08:00:00Z\""), "the first slot is the start of the rota");
  CHECK(has(out, "\"coach_id\":\"c1\"") && has(out, "\"minutes\":45"), "a 45-minute slot with c1");
  CHECK(count_of(out, "\"start\"") == 3, "max_results slots");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_booking_search(p, request(q, sizeof q, "st1", "lay_too_1to1", ",\"times_of_day\":[\"10:00\"]"), &out),
               LC_E_PARSE, "request", "/times_of_day/0", "document_schema", "search(bad time of day)");
  expect_error(lc_booking_search(p, request(q, sizeof q, "st1", "lay_too_1to1",
                                            ",\"times_of_day\":[{\"from_min\":600,\"to_min\":660}],\"max_results\":1"),
                                 &out),
               LC_OK, NULL, NULL, NULL, "search(10:00-11:00)");
  check_out(&out, "\"start\":\"2024-03-04T10:00:00Z\"", "a time-of-day window");
  expect_error(lc_booking_search(p, "{\"client_id\":\"nobody\",\"offer_id\":\"lay_too_1to1\"}", &out), LC_E_NOT_FOUND,
               "nobody", "client_id", "reference_resolves", "search(unknown client)");
  CHECK(out == NULL, "failed search leaves out NULL");
  expect_error(lc_booking_search(p, "{\"client_id\":\"st1\",\"ofer_id\":\"x\"}", &out), LC_E_PARSE, "request",
               "/ofer_id", "document_schema", "search(unknown key)");
  expect_error(lc_booking_search(p, request(q, sizeof q, "st1", "lay_too_1to1", ",\"weekdays\":[0,9]"), &out),
               LC_E_INVALID_ARGUMENT, "request", "/weekdays/1", "weekday_range", "search(weekday 9)");
  expect_error(lc_booking_search(p,
                                 "{\"client_id\":\"st1\",\"offer_id\":\"lay_too_1to1\",\"earliest\":\"2024-03-05T00:00:00Z\","
                                 "\"latest\":\"2024-03-04T00:00:00Z\"}",
                                 &out),
               LC_E_INVALID_ARGUMENT, "", "latest", "window_order", "search(latest before earliest)");
  expect_error(lc_booking_search(p, request(q, sizeof q, "st1", "lay_too_1to1", ",\"max_results\":0"), &out),
               LC_E_INVALID_ARGUMENT, "", "max_results", "max_results_range", "search(max_results 0)");
  expect_error(lc_booking_search(p, request(q, sizeof q, "pat", "lay_too_1to1", ""), &out), LC_E_INVALID_ARGUMENT,
               "pat", "client_id", "eligibility", "search(patient for a staff offer)");
  expect_error(lc_booking_search(p, request(q, sizeof q, "nc", "lay_too_1to1", ""), &out), LC_E_INVALID_ARGUMENT,
               "nc", "client_id", "consent", "search(no consent)");
  CHECK(out == NULL, "failed searches leave out NULL");

  /* ---- book ---- */
  expect_error(lc_booking_book(p, request(q, sizeof q, "st1", "lay_too_1to1", ",\"session_id\":\"b1\""), &out), LC_OK,
               NULL, NULL, NULL, "book");
  CHECK(has(out, "\"id\":\"b1\"") && has(out, "\"start\":\"2024-03-04T08:00:00Z\""), "booked the earliest slot");
  CHECK(has(out, "\"status\":\"booked\"") && has(out, "\"client_id\":\"st1\""), "a booked session for st1");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_booking_search(p, request(q, sizeof q, "st2", "lay_too_1to1", ",\"max_results\":1"), &out), LC_OK,
               NULL, NULL, NULL, "search after booking");
  check_out(&out, "\"start\":\"2024-03-04T08:45:00Z\"", "the next slot follows the booked session");
  /* Nothing on a weekend: the coach works Mondays only; the rejection changes nothing. */
  before = snapshot(p);
  expect_error(lc_booking_book(p, request(q, sizeof q, "st2", "lay_too_1to1", ",\"weekdays\":[\"saturday\",6]"), &out),
               LC_E_CONFLICT, "st2", "start", "no_slot_available", "book(no slot)");
  CHECK(out == NULL, "failed book leaves out NULL");
  unchanged(p, before, "book(no slot)");
  /* The same session id twice. */
  before = snapshot(p);
  expect_error(lc_booking_book(p, request(q, sizeof q, "st2", "lay_too_1to1", ",\"session_id\":\"b1\""), &out),
               LC_E_CONFLICT, "b1", "id", "unique_id", "book(duplicate session id)");
  unchanged(p, before, "book(duplicate session id)");

  /* ---- book_slot ---- */
  expect_error(lc_booking_book_slot(p, request(q, sizeof q, "st2", "lay_too_1to1", ",\"session_id\":\"b2\""),
                                    "{\"coach_id\":\"c1\",\"start\":\"2024-03-04T11:00:00Z\",\"modality\":\"video\"}", &out),
               LC_OK, NULL, NULL, NULL, "book_slot");
  CHECK(has(out, "\"id\":\"b2\"") && has(out, "\"start\":\"2024-03-04T11:00:00Z\""), "booked the chosen slot");
  CHECK(has(out, "\"modality\":\"video\"") && has(out, "\"coach_id\":\"c1\""), "the chosen coach and modality");
  lc_string_free(out);
  out = NULL;
  before = snapshot(p);
  expect_error(lc_booking_book_slot(p, request(q, sizeof q, "st3", "lay_too_1to1", ",\"session_id\":\"b3\""),
                                    "{\"coach_id\":\"c1\",\"start\":\"2024-03-04T11:15:00Z\"}", &out),
               LC_E_CONFLICT, "b3", "start", "coach_double_booked", "book_slot(coach busy)");
  CHECK(out == NULL, "failed book_slot leaves out NULL");
  expect_error(lc_booking_book_slot(p, request(q, sizeof q, "st3", "lay_too_1to1", ",\"session_id\":\"b3\""),
                                    "{\"coach_id\":\"c1\",\"start\":\"2024-03-05T11:00:00Z\"}", &out),
               LC_E_INVALID_ARGUMENT, "b3", "start", "rota_covers", "book_slot(Tuesday: off rota)");
  expect_error(lc_booking_book_slot(p, request(q, sizeof q, "st3", "lay_too_1to1", ",\"session_id\":\"b3\""),
                                    "{\"start\":\"2024-03-04T15:00:00Z\"}", &out),
               LC_E_PARSE, "slot", "/coach_id", "document_schema", "book_slot(slot without coach_id)");
  expect_error(lc_booking_book_slot(p, request(q, sizeof q, "st3", "lay_too_1to1", ",\"session_id\":\"b3\""),
                                    "{\"coach_id\":\"\",\"start\":\"2024-03-04T15:00:00Z\"}", &out),
               LC_E_INVALID_ARGUMENT, "", "coach_id", "coach_required", "book_slot(empty coach)");
  expect_error(lc_booking_book_slot(p, request(q, sizeof q, "st3", "lay_too_1to1", ",\"session_id\":\"b3\""),
                                    "{\"coach_id\":\"c1\",\"start\":\"2024-03-04T07:00:00Z\"}", &out),
               LC_E_INVALID_ARGUMENT, "b3", "start", "within_opening_hours", "book_slot(07:00: before opening)");
  expect_error(lc_booking_book_slot(p, request(q, sizeof q, "nc", "lay_too_1to1", ",\"session_id\":\"b3\""),
                                    "{\"coach_id\":\"c1\",\"start\":\"2024-03-04T15:00:00Z\"}", &out),
               LC_E_INVALID_ARGUMENT, "b3", "attendees/0/client_id", "consent", "book_slot(no consent)");
  unchanged(p, before, "rejected book_slot");
  expect_error(lc_session_list(p, &out), LC_OK, NULL, NULL, NULL, "session_list");
  CHECK(!has(out, "\"b3\""), "no session b3 after the rejections");
  lc_string_free(out);
  out = NULL;

  /* ---- two handles on one store file: the second cannot book the coach at the same time ---- */
  expect_error(lc_programme_open(path, &p2), LC_OK, NULL, NULL, NULL, "open a second handle");
  if (p2) {
    expect_error(lc_booking_book_slot(p, request(q, sizeof q, "st4", "lay_too_1to1", ",\"session_id\":\"d1\""),
                                      "{\"coach_id\":\"c1\",\"start\":\"2024-03-04T13:00:00Z\"}", &out),
                 LC_OK, NULL, NULL, NULL, "book_slot on the first handle");
    check_out(&out, "\"id\":\"d1\"", "d1 booked");
    expect_error(lc_booking_book_slot(p2, request(q, sizeof q, "st5", "lay_too_1to1", ",\"session_id\":\"d2\""),
                                      "{\"coach_id\":\"c1\",\"start\":\"2024-03-04T13:00:00Z\"}", &out),
                 LC_E_CONFLICT, "d2", "start", "coach_double_booked", "book_slot on the second handle: double booking");
    CHECK(out == NULL, "the losing handle gets no session");
    expect_error(lc_booking_book(p2,
                                 "{\"client_id\":\"st5\",\"offer_id\":\"lay_too_1to1\",\"session_id\":\"d3\","
                                 "\"earliest\":\"2024-03-04T13:00:00Z\",\"latest\":\"2024-03-04T13:15:00Z\","
                                 "\"now\":\"2024-03-01T09:00:00Z\"}",
                                 &out),
                 LC_E_CONFLICT, "st5", "start", "no_slot_available", "book on the second handle: the slot is taken");
    lc_programme_free(p2);
    p2 = NULL;
  }
  expect_error(lc_session_list(p, &out), LC_OK, NULL, NULL, NULL, "session_list after the race");
  CHECK(has(out, "\"d1\"") && !has(out, "\"d2\""), "only the first handle's booking is stored");
  lc_string_free(out);
  out = NULL;

  /* ---- cancel ---- */
  expect_error(lc_booking_cancel(p, "b1", "client", &out), LC_OK, NULL, NULL, NULL, "cancel");
  check_out(&out, "\"status\":\"cancelled_by_client\"", "cancelled by the client");
  expect_error(lc_booking_cancel(p, "b1", "coach", NULL), LC_E_INVALID_ARGUMENT, "b1", "status", "outcome_once",
               "cancel twice");
  expect_error(lc_booking_cancel(p, "b2", "nobody", &out), LC_E_INVALID_ARGUMENT, "", "by", "party", "cancel(by nobody)");
  expect_error(lc_booking_cancel(p, "zz", "coach", &out), LC_E_NOT_FOUND, "zz", "id", "reference_resolves", "cancel(unknown)");
  CHECK(out == NULL, "failed cancel leaves out NULL");
  expect_error(lc_booking_search(p, request(q, sizeof q, "st2", "lay_too_1to1", ",\"max_results\":1"), &out), LC_OK,
               NULL, NULL, NULL, "search after cancel");
  check_out(&out, "\"start\":\"2024-03-04T08:00:00Z\"", "a cancelled slot is free again at once");

  /* ---- did_not_attend ---- */
  expect_error(lc_booking_book(p, request(q, sizeof q, "st6", "lay_too_1to1", ",\"session_id\":\"n1\""), NULL), LC_OK,
               NULL, NULL, NULL, "book n1 (NULL out)");
  expect_error(lc_booking_did_not_attend(p, "n1", "client", &out), LC_OK, NULL, NULL, NULL, "did_not_attend");
  check_out(&out, "\"status\":\"client_did_not_attend\"", "the client did not attend");
  expect_error(lc_booking_did_not_attend(p, "n1", "coach", &out), LC_E_INVALID_ARGUMENT, "n1", "status",
               "outcome_once", "did_not_attend twice");
  expect_error(lc_booking_did_not_attend(p, "b2", "everyone", &out), LC_E_INVALID_ARGUMENT, "", "who", "party",
               "did_not_attend(who everyone)");
  CHECK(out == NULL, "failed did_not_attend leaves out NULL");

  /* ---- reschedule ---- */
  expect_error(lc_booking_reschedule(p, "b2", "{\"start\":\"2024-03-04T16:00:00Z\",\"now\":\"2024-03-01T09:00:00Z\","
                                              "\"session_id\":\"b2-moved\"}",
                                     &out),
               LC_OK, NULL, NULL, NULL, "reschedule to a time");
  CHECK(has(out, "\"id\":\"b2-moved\"") && has(out, "\"start\":\"2024-03-04T16:00:00Z\""), "moved to 16:00");
  CHECK(has(out, "\"status\":\"booked\"") && has(out, "\"coach_id\":\"c1\""), "the same coach, booked");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_session_get(p, "b2", &out), LC_OK, NULL, NULL, NULL, "session_get old");
  check_out(&out, "\"status\":\"rescheduled\"", "the old session is rescheduled");
  expect_error(lc_booking_reschedule(p, "b2-moved", request(q, sizeof q, "st2", "lay_too_1to1",
                                                            ",\"times_of_day\":[{\"from_min\":1200,\"to_min\":1320}]"),
                                     &out),
               LC_OK, NULL, NULL, NULL, "reschedule to the best slot of a request");
  CHECK(has(out, "\"start\":\"2024-03-04T20:00:00Z\""), "the earliest evening slot");
  string_of(out, "id", moved, sizeof moved);
  lc_string_free(out);
  out = NULL;
  CHECK(strlen(moved) > 0 && strcmp(moved, "b2-moved") != 0, "a new session id");
  before = snapshot(p);
  expect_error(lc_booking_reschedule(p, "b2", "{\"start\":\"2024-03-04T17:00:00Z\",\"now\":\"2024-03-01T09:00:00Z\"}",
                                     &out),
               LC_E_INVALID_ARGUMENT, "b2", "status", "session_booked", "reschedule a rescheduled session");
  expect_error(lc_booking_reschedule(p, moved, "{\"start\":\"2024-03-05T17:00:00Z\",\"now\":\"2024-03-01T09:00:00Z\",\"session_id\":\"m2\"}",
                                     &out),
               LC_E_INVALID_ARGUMENT, "m2", "start", "rota_covers", "reschedule off the rota");
  expect_error(lc_booking_reschedule(p, moved, "{\"start\":\"2024-03-04T13:15:00Z\",\"now\":\"2024-03-01T09:00:00Z\",\"session_id\":\"m2\"}",
                                     &out),
               LC_E_CONFLICT, "m2", "start", "coach_double_booked", "reschedule onto d1");
  CHECK(out == NULL, "failed reschedule leaves out NULL");
  unchanged(p, before, "rejected reschedule");

  /* ---- group sessions: open, join until full, waiting list, places freed and offered ---- */
  expect_error(lc_booking_open_group_sessions(p, request(q, sizeof q, "st2", "lay_too_peer", ""), &out), LC_OK, NULL,
               NULL, NULL, "open_group_sessions (none yet)");
  check_exact(&out, "[]", "no group session yet");
  expect_error(lc_booking_book_slot(p, request(q, sizeof q, "st1", "lay_too_peer", ",\"session_id\":\"g1\""),
                                    "{\"coach_id\":\"c1\",\"start\":\"2024-03-04T18:00:00Z\"}", &out),
               LC_OK, NULL, NULL, NULL, "book a group session");
  CHECK(has(out, "\"offer_id\":\"lay_too_peer\"") && has(out, "\"minutes\":90"), "a 90-minute peer group");
  string_of(out, "id", group, sizeof group);
  CHECK(strcmp(group, "g1") == 0, "the group session has the id asked for");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_booking_open_group_sessions(p, request(q, sizeof q, "st2", "lay_too_peer", ""), &out), LC_OK, NULL,
               NULL, NULL, "open_group_sessions");
  CHECK(has(out, "\"id\":\"g1\"") && has(out, "\"start\":\"2024-03-04T18:00:00Z\""), "g1 has a place for st2");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_booking_open_group_sessions(p, request(q, sizeof q, "st1", "lay_too_peer", ""), &out), LC_OK, NULL,
               NULL, NULL, "open_group_sessions for a member");
  check_exact(&out, "[]", "a member is not offered their own session");
  expect_error(lc_booking_open_group_sessions(p, request(q, sizeof q, "st2", "no_such_offer", ""), &out),
               LC_E_NOT_FOUND, "no_such_offer", "offer_id", "reference_resolves", "open_group_sessions(unknown offer)");
  CHECK(out == NULL, "failed open_group_sessions leaves out NULL");

  expect_error(lc_booking_join_waiting_list(p, "g1", "{\"client_id\":\"st9\"}", NOW_UNIX, &out), LC_E_CONFLICT, "g1",
               "attendees", "place_available", "waiting list while a place is free");
  CHECK(out == NULL, "failed join_waiting_list leaves out NULL");
  for (i = 2; i <= 8; ++i) {
    char who[64];
    snprintf(who, sizeof who, "{\"client_id\":\"st%d\"}", i);
    expect_error(lc_booking_join(p, "g1", who, i == 2 ? &out : NULL), LC_OK, NULL, NULL, NULL, "join");
    if (i == 2) {
      check_out(&out, "\"client_id\":\"st2\"", "join returns the session with st2");
      expect_error(lc_booking_join(p, "g1", "{\"client_id\":\"st2\"}", &out), LC_E_CONFLICT, "g1",
                   "attendees/2/client_id", "unique_attendee", "join twice");
      CHECK(out == NULL, "failed join leaves out NULL");
    }
  }
  before = snapshot(p);
  expect_error(lc_booking_join(p, "g1", "{\"client_id\":\"st9\"}", &out), LC_E_CONFLICT, "g1", "attendees",
               "group_capacity", "join a full session");
  CHECK(out == NULL, "failed join leaves out NULL");
  unchanged(p, before, "join a full session");
  expect_error(lc_booking_join(p, "zz", "{\"client_id\":\"st9\"}", &out), LC_E_NOT_FOUND, "zz", "id", "reference_resolves",
               "join(unknown session)");
  expect_error(lc_booking_open_group_sessions(p, request(q, sizeof q, "st9", "lay_too_peer", ""), &out), LC_OK, NULL,
               NULL, NULL, "open_group_sessions when full");
  check_exact(&out, "[]", "a full session is not open");

  expect_error(lc_booking_join_waiting_list(p, "g1", "{\"client_id\":\"st9\"}", NOW_UNIX, &out), LC_OK, NULL, NULL,
               NULL, "join_waiting_list st9");
  CHECK(has(out, "\"status\":\"waiting\"") && has(out, "\"client_id\":\"st9\""), "st9 waits");
  CHECK(has(out, "\"added_at\":\"2024-03-01T09:00:00Z\""), "added at the time given");
  string_of(out, "id", wait9, sizeof wait9);
  lc_string_free(out);
  out = NULL;
  expect_error(lc_booking_join_waiting_list(p, "g1", "{\"client_id\":\"st10\"}", NOW_UNIX + 60, &out), LC_OK, NULL,
               NULL, NULL, "join_waiting_list st10");
  string_of(out, "id", wait10, sizeof wait10);
  lc_string_free(out);
  out = NULL;
  expect_error(lc_booking_join_waiting_list(p, "g1", "{\"client_id\":\"st11\"}", NOW_UNIX + 120, &out), LC_OK, NULL,
               NULL, NULL, "join_waiting_list st11");
  string_of(out, "id", wait11, sizeof wait11);
  lc_string_free(out);
  out = NULL;
  CHECK(strlen(wait9) && strlen(wait10) && strlen(wait11) && strcmp(wait9, wait10) != 0, "distinct entry ids");
  expect_error(lc_booking_join_waiting_list(p, "g1", "{\"client_id\":\"st9\"}", NOW_UNIX, &out), LC_E_CONFLICT, wait9,
               "client_id", "already_listed", "join_waiting_list twice");
  expect_error(lc_booking_join_waiting_list(p, "g1", "{\"client_id\":\"st3\"}", NOW_UNIX, &out), LC_E_CONFLICT, "g1",
               "client_id", "already_joined", "join_waiting_list with a place");
  /* The record is the would-be entry's generated id, not asserted. */
  expect_error(lc_booking_join_waiting_list(p, "d1", "{\"client_id\":\"st9\"}", NOW_UNIX, &out), LC_E_INVALID_ARGUMENT,
               NULL, "session_id", "waiting_list_group_only", "join_waiting_list of a 1:1");
  CHECK(out == NULL, "failed join_waiting_list leaves out NULL");

  expect_error(lc_booking_waiting_list(p, "g1", &out), LC_OK, NULL, NULL, NULL, "waiting_list");
  CHECK(count_of(out, "\"status\":\"waiting\"") == 3, "three waiting");
  CHECK(has(out, "st9") && has(out, "st10") && strstr(out, "st9") < strstr(out, "st10") &&
            strstr(out, "st10") < strstr(out, "st11"),
        "in order of service");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_booking_waiting_list(p, "zz", &out), LC_E_NOT_FOUND, "zz", "session_id", "reference_resolves", "waiting_list(unknown)");
  CHECK(out == NULL, "failed waiting_list leaves out NULL");
  expect_error(lc_booking_accept_place(p, wait9, &out), LC_E_INVALID_ARGUMENT, wait9, "status", "place_offered",
               "accept a place never offered");
  expect_error(lc_booking_offer_freed_places(p, "g1", NOW_UNIX, &out), LC_OK, NULL, NULL, NULL,
               "offer_freed_places when full");
  check_exact(&out, "[]", "nothing to offer when full");

  /* cancel_place: st2 gives up a place; it goes to st9 at once. */
  expect_error(lc_booking_cancel_place(p, "g1", "st2", NOW_UNIX + 3600, &out), LC_OK, NULL, NULL, NULL, "cancel_place");
  CHECK(has(out, "\"id\":\"g1\"") && has(out, "\"cancelled\""), "st2's place is cancelled");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_booking_cancel_place(p, "g1", "st99", NOW_UNIX, &out), LC_E_NOT_FOUND, "g1", "attendees", "reference_resolves",
               "cancel_place(client not in session)");
  CHECK(out == NULL, "failed cancel_place leaves out NULL");
  expect_error(lc_booking_waiting_list(p, "g1", &out), LC_OK, NULL, NULL, NULL, "waiting_list after cancel_place");
  CHECK(count_of(out, "\"status\":\"offered\"") == 1 && count_of(out, "\"status\":\"waiting\"") == 2, "one offered");
  lc_string_free(out);
  out = NULL;
  before = snapshot(p);
  expect_error(lc_booking_join(p, "g1", "{\"client_id\":\"st12\"}", &out), LC_E_CONFLICT, "g1", "attendees",
               "place_offered_to_waiting_list", "join a place held for the waiting list");
  unchanged(p, before, "join a held place");
  expect_error(lc_booking_accept_place(p, wait9, &out), LC_OK, NULL, NULL, NULL, "accept_place");
  check_out(&out, "\"client_id\":\"st9\"", "st9 has joined g1");
  expect_error(lc_booking_accept_place(p, wait9, &out), LC_E_INVALID_ARGUMENT, wait9, "status", "place_offered",
               "accept twice");
  expect_error(lc_booking_accept_place(p, "no-such-wait", &out), LC_E_NOT_FOUND, "no-such-wait", "id", "reference_resolves",
               "accept_place(unknown)");
  CHECK(out == NULL, "failed accept_place leaves out NULL");

  /* offer_freed_places: a place freed by the records call is offered on request. */
  expect_error(lc_session_record_attendance(p, "g1", "st3", "cancelled", NULL), LC_OK, NULL, NULL, NULL,
               "free a place without offering it");
  expect_error(lc_booking_offer_freed_places(p, "g1", NOW_UNIX + 7200, &out), LC_OK, NULL, NULL, NULL,
               "offer_freed_places");
  CHECK(has(out, "\"client_id\":\"st10\"") && has(out, "\"status\":\"offered\"") && !has(out, "st11"),
        "the freed place goes to st10 only");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_booking_offer_freed_places(p, "zz", NOW_UNIX, &out), LC_E_NOT_FOUND, "zz", "session_id", "reference_resolves",
               "offer_freed_places(unknown)");
  CHECK(out == NULL, "failed offer_freed_places leaves out NULL");

  /* decline_place: st10 declines; the place goes to st11. */
  expect_error(lc_booking_decline_place(p, wait10, NOW_UNIX + 7300, &out), LC_OK, NULL, NULL, NULL, "decline_place");
  CHECK(has(out, "\"client_id\":\"st11\"") && has(out, "\"status\":\"offered\""), "the next in line is offered");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_booking_decline_place(p, wait10, NOW_UNIX, &out), LC_E_INVALID_ARGUMENT, wait10, "status",
               "wait_active", "decline twice");
  expect_error(lc_booking_decline_place(p, "no-such-wait", NOW_UNIX, &out), LC_E_NOT_FOUND, "no-such-wait", "id",
               "reference_resolves", "decline_place(unknown)");
  CHECK(out == NULL, "failed decline_place leaves out NULL");
  expect_error(lc_booking_decline_place(p, wait11, NOW_UNIX + 7400, &out), LC_OK, NULL, NULL, NULL,
               "decline_place, nobody next");
  check_exact(&out, "null", "nobody left in line");
  expect_error(lc_booking_waiting_list(p, "g1", &out), LC_OK, NULL, NULL, NULL, "waiting_list at the end");
  CHECK(count_of(out, "\"status\":\"joined\"") == 1 && count_of(out, "\"status\":\"withdrawn\"") == 2,
        "one joined, two withdrawn");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_booking_open_group_sessions(p, request(q, sizeof q, "st10", "lay_too_peer", ""), &out), LC_OK, NULL,
               NULL, NULL, "open_group_sessions with a released place");
  check_out(&out, "\"id\":\"g1\"", "the released place is open again");
  expect_error(lc_booking_join(p, "g1", "{\"client_id\":\"st10\"}", NULL), LC_OK, NULL, NULL, NULL,
               "join the released place");

  /* ---- access figures for March 2024 ---- */
  expect_error(lc_booking_access_figures(p, MARCH, APRIL, &out), LC_OK, NULL, NULL, NULL, "access_figures");
  CHECK(has(out, "\"bookings\":[") && has(out, "\"utilisation\":[") && has(out, "\"overall_utilisation\":"),
        "bookings, utilisation and overall_utilisation");
  CHECK(has(out, "\"cancelled_by_client\":1") && has(out, "\"client_did_not_attend\":1"), "the outcomes are counted");
  CHECK(has(out, "\"session_id\":\"b1\"") && has(out, "\"session_id\":\"g1\"") && !has(out, "\"session_id\":\"b2\""),
        "rows per session, not the rescheduled one");
  CHECK(has(out, "\"coach_id\":\"c1\"") && has(out, "\"rota_minutes\":"), "the coach's utilisation");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_booking_access_figures(p, APRIL, MARCH, &out), LC_E_INVALID_ARGUMENT, "", "to", "period_order",
               "access_figures(from after to)");
  expect_error(lc_booking_access_figures(p, MARCH, MARCH, &out), LC_E_INVALID_ARGUMENT, "", "to", "period_order",
               "access_figures(empty period)");
  CHECK(out == NULL, "failed access_figures leaves out NULL");
  lc_programme_free(p);
  p = NULL;

  /* ---- reopened: the bookings and the waiting list were committed to the store ---- */
  expect_error(lc_programme_open(path, &p), LC_OK, NULL, NULL, NULL, "reopen");
  if (p) {
    expect_error(lc_booking_waiting_list(p, "g1", &out), LC_OK, NULL, NULL, NULL, "waiting_list after reopen");
    CHECK(count_of(out, "\"status\":\"joined\"") == 1 && count_of(out, "\"status\":\"withdrawn\"") == 2,
          "the waiting list persisted");
    lc_string_free(out);
    out = NULL;
    expect_error(lc_session_get(p, moved, &out), LC_OK, NULL, NULL, NULL, "session_get after reopen");
    check_out(&out, "\"start\":\"2024-03-04T20:00:00Z\"", "the moved session persisted");
    expect_error(lc_session_list(p, &out), LC_OK, NULL, NULL, NULL, "session_list after reopen");
    CHECK(has(out, "\"d1\"") && !has(out, "\"d2\"") && !has(out, "\"d3\"") && !has(out, "\"b3\""),
          "no rejected booking reached the store");
    lc_string_free(out);
    out = NULL;
    lc_programme_free(p);
  }
  if (failures) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("booking C API: all checks passed\n");
  return 0;
}
