/* A small evaluated service the strict-C tests share: one coach and `clients` consenting staff,
 * each with a referral, one attended session on a Monday in March 2024 and SWEMWBS before and
 * after. The first `n_small` are in staff group `small_group`, the others nursing or medical.
 * Header-only (static); include after c_check.h. */
#ifndef LAYCOACH_TESTS_C_SERVICE_H
#define LAYCOACH_TESTS_C_SERVICE_H

#include <stdio.h>

#include "c_check.h"
#include "laycoach.h"

static const char *C_SERVICE_COACH =
    "{\"id\":\"coach-1\",\"name\":\"Asha\",\"memberships\":[\"emcc\"],\"offers\":[\"lay_too_1to1\"],"
    "\"rota\":{\"weekly\":[{\"weekday\":0,\"start_min\":480,\"end_min\":1320}]},"
    "\"safeguarding_lead\":\"Dr Patel\",\"first_point_of_contact\":\"Service lead\"}";

static void c_service_populate(lc_programme *p, int clients, const char *small_group, int n_small) {
  char doc[1024];
  int i, k;
  expect_error(lc_coach_add(p, C_SERVICE_COACH), LC_OK, NULL, NULL, NULL, "coach_add");
  for (i = 0; i < clients; ++i) {
    const int day = 4 + 7 * (i / 8), hour = 9 + i % 8; /* at most 8 a day (the cap) */
    const char *group = i < n_small ? small_group : i % 3 == 0 ? "nursing" : "medical";
    char before[64], after[64];
    /* Answers 1..5 per item: a baseline of 1-4 and a follow-up of 2-5, varying by person and item. */
    for (k = 0; k < 7; ++k) {
      before[2 * k] = (char)('1' + (i * 7 + k * k * 3 + i * k) % 4);
      after[2 * k] = (char)('2' + (i * 5 + k * 7 + i * k * 3) % 4);
      before[2 * k + 1] = after[2 * k + 1] = (char)(k < 6 ? ',' : '\0');
    }
    snprintf(doc, sizeof doc,
             "{\"id\":\"staff-%d\",\"kind\":\"staff\",\"staff_group\":\"%s\",\"sector\":\"acute\","
             "\"consent\":{\"coaching\":true,\"evaluation\":true,\"recorded_at\":\"2024-02-01T09:00:00Z\"}}",
             i, group);
    expect_error(lc_client_add(p, doc), LC_OK, NULL, NULL, NULL, "client_add");
    snprintf(doc, sizeof doc,
             "{\"id\":\"ref-%d\",\"client_id\":\"staff-%d\",\"offer_id\":\"lay_too_1to1\","
             "\"requested_at\":\"2024-02-20T10:00:00Z\"}",
             i, i);
    expect_error(lc_referral_add(p, doc), LC_OK, NULL, NULL, NULL, "referral_add");
    snprintf(doc, sizeof doc,
             "{\"id\":\"s-%d\",\"offer_id\":\"lay_too_1to1\",\"coach_id\":\"coach-1\","
             "\"attendees\":[{\"client_id\":\"staff-%d\",\"referral_id\":\"ref-%d\"}],"
             "\"booked_at\":\"2024-02-21T12:00:00Z\",\"start\":\"2024-03-%02dT%02d:00:00Z\"}",
             i, i, i, day, hour);
    expect_error(lc_session_book(p, doc, NULL), LC_OK, NULL, NULL, NULL, "session_book");
    snprintf(doc, sizeof doc, "s-%d", i);
    expect_error(lc_session_record_outcome(p, doc, "attended"), LC_OK, NULL, NULL, NULL, "record_outcome");
    snprintf(doc, sizeof doc,
             "{\"id\":\"r-%d-b\",\"client_id\":\"staff-%d\",\"referral_id\":\"ref-%d\",\"instrument_id\":\"swemwbs\","
             "\"time_point\":\"baseline\",\"recorded_at\":\"2024-02-22T10:00:00Z\",\"answers\":[%s]}",
             i, i, i, before);
    expect_error(lc_response_add(p, doc), LC_OK, NULL, NULL, NULL, "baseline response");
    snprintf(doc, sizeof doc,
             "{\"id\":\"r-%d-e\",\"client_id\":\"staff-%d\",\"referral_id\":\"ref-%d\",\"instrument_id\":\"swemwbs\","
             "\"time_point\":\"end_of_episode\",\"recorded_at\":\"2024-04-15T10:00:00Z\",\"answers\":[%s]}",
             i, i, i, after);
    expect_error(lc_response_add(p, doc), LC_OK, NULL, NULL, NULL, "end-of-episode response");
  }
}

#endif /* LAYCOACH_TESTS_C_SERVICE_H */
