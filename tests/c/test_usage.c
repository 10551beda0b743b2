/* The C face of usage tracking (laycoach_training.h), in strict C99, against a store file: a
 * schedule, invitations for everyone on the training register (not for a trainee who missed a
 * day), sending, answers judged by the instrument (exact errors, nothing changed), skill-share
 * sessions, the register of who practises, a second handle that sees it all, and the usage
 * section of the commissioner's report.
 * Usage: test_usage <directory for a store file>. Exits non-zero on any failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c_check.h"
#include "laycoach.h"

static const char *COHORT = "{\"id\":\"co1\",\"name\":\"Coaching skills\",\"days\":2,\"start\":\"2024-03-04\"}";
static const char *T1 = "{\"id\":\"t1\",\"cohort_id\":\"co1\",\"profession\":\"link worker\",\"days_attended\":2,"
                        "\"champion\":true}";
static const char *T2 = "{\"id\":\"t2\",\"cohort_id\":\"co1\",\"profession\":\"care coordinator\",\"days_attended\":1}";
static const char *T3 = "{\"id\":\"t3\",\"cohort_id\":\"co1\",\"profession\":\"care coordinator\",\"days_attended\":2}";

/* 2024-04-02T09:00:00Z, 2024-04-03T09:00:00Z and 2024-04-01T09:00:00Z as Unix seconds. */
#define APR_02 1712048400
#define APR_03 1712134800
#define APR_01 1711962000

static void take(lc_status st, const char *what) { expect_error(st, LC_OK, NULL, NULL, NULL, what); }

/* The whole of `out` is released and reset. */
static void drop(char **out) {
  lc_string_free(*out);
  *out = NULL;
}

int main(int argc, char **argv) {
  char path[4096];
  lc_programme *p = NULL, *q = NULL;
  char *out = NULL;
  if (argc < 2) return 2;
  snprintf(path, sizeof path, "%s/usage.sqlite", argv[1]);
  remove(path);

  expect_error(lc_usage_wave_add(NULL, "{}"), LC_E_INVALID_ARGUMENT, "", "p", "non_null", "wave_add(NULL)");
  expect_error(lc_practice_register(NULL, &out), LC_E_INVALID_ARGUMENT, "", "p", "non_null", "register(NULL)");

  take(lc_programme_open(path, &p), "open");
  take(lc_programme_open(path, &q), "open a second handle");
  if (!p || !q) return 1;
  take(lc_cohort_add(p, COHORT), "cohort");
  take(lc_trainee_add(p, T1), "t1");
  take(lc_trainee_add(p, T2), "t2");
  take(lc_trainee_add(p, T3), "t3");
  take(lc_usage_wave_add(p, "{\"id\":\"4w\",\"weeks\":4}"), "wave 4w");
  expect_error(lc_usage_wave_add(p, "{\"id\":\"x\",\"weeks\":0}"), LC_E_INVALID_ARGUMENT, "x", "weeks",
               "wave_weeks_range", "wave of 0 weeks");
  expect_error(lc_usage_wave_add(q, "{\"id\":\"four\",\"weeks\":4}"), LC_E_CONFLICT, "four", "weeks",
               "unique_wave_weeks", "a second wave of 4 weeks through the other handle");

  /* Scheduling: due 2024-04-02 for t1 and t3 (t2 is not on the register). */
  take(lc_usage_invitations_schedule(p, "2024-04-01", &out), "schedule before due");
  CHECK(out && strcmp(out, "[]") == 0, "nothing due on 2024-04-01");
  drop(&out);
  expect_error(lc_usage_invitations_schedule(p, "2024-13-01", &out), LC_E_INVALID_ARGUMENT, "", "on_date",
               "iso8601_date", "bad date");
  CHECK(out == NULL, "out stays NULL on failure");
  take(lc_usage_invitations_schedule(q, "2024-04-02", &out), "schedule on the due date");
  CHECK(out && count_is(out, "\"trainee_id\"", 2) && strstr(out, "\"t1#4w\"") && strstr(out, "\"t3#4w\"") &&
            !strstr(out, "\"t2"),
        "one invitation each for t1 and t3");
  drop(&out);
  take(lc_usage_invitations_due(p, "2024-04-30", &out), "due");
  CHECK(out && count_is(out, "\"trainee_id\"", 2), "both due for sending (seen by the other handle)");
  drop(&out);

  /* Sending, all or nothing. */
  expect_error(lc_usage_invitations_mark_sent(p, "[\"t1#4w\",\"nope\"]", APR_02), LC_E_NOT_FOUND, "nope", "id",
               "reference_resolves", "an unknown invitation");
  expect_error(lc_usage_invitations_mark_sent(p, "\"t1#4w\"", APR_02), LC_E_PARSE, "ids_json", NULL, NULL,
               "ids not an array");
  take(lc_usage_invitations_mark_sent(p, "[\"t1#4w\"]", APR_02), "send t1#4w");
  expect_error(lc_usage_invitations_mark_sent(q, "[\"t1#4w\"]", APR_03), LC_E_CONFLICT, "t1#4w", "sent_at",
               "send_once", "sent twice, through the other handle");

  /* Answers. */
  expect_error(lc_usage_response_record(p, "t3#4w", "[1,1,0,0,0,5]", APR_03, &out), LC_E_INVALID_ARGUMENT, "t3#4w",
               "sent_at", "invitation_sent", "answering an unsent invitation");
  expect_error(lc_usage_response_record(p, "zz#4w", "[1,1,0,0,0,5]", APR_03, &out), LC_E_NOT_FOUND, "zz#4w", "id",
               "reference_resolves", "answering an unknown invitation");
  expect_error(lc_usage_response_record(p, "t1#4w", "[1,1,0,0,0,11]", APR_03, &out), LC_E_INVALID_ARGUMENT, "t1#4w",
               "answers/5", "answer_in_range", "confidence 11");
  expect_error(lc_usage_response_record(p, "t1#4w", "[1,1,0,0,0,5]", APR_01, &out), LC_E_INVALID_ARGUMENT, "t1#4w",
               "responded_at", "response_time", "answered before it was sent");
  take(lc_usage_response_record(q, "t1#4w", "[2,1,1,0,null,7]", APR_03, &out), "answer t1#4w");
  CHECK(out && strstr(out, "\"practising\""), "weekly use is practising");
  drop(&out);
  expect_error(lc_usage_response_record(p, "t1#4w", "[0,0,0,0,0,1]", APR_03, &out), LC_E_CONFLICT, "t1#4w",
               "responded_at", "respond_once", "a second answer");

  /* Skill-share sessions. */
  expect_error(lc_skill_share_add(p, "{\"id\":\"ss1\",\"date\":\"2024-04-10\",\"attendees\":[\"t1\",\"t2\"]}"),
               LC_E_INVALID_ARGUMENT, "ss1", "attendees/1", "on_training_register", "a trainee not on the register");
  take(lc_skill_share_add(p, "{\"id\":\"ss1\",\"date\":\"2024-04-10\",\"facilitator\":\"Sam\",\"attendees\":[\"t1\"]}"),
       "skill share");
  take(lc_skill_share_sessions(q, &out), "skill shares");
  CHECK(out && strstr(out, "\"ss1\""), "the other handle sees it");
  drop(&out);

  /* The register of who practises. */
  take(lc_practice_register(q, &out), "practice register");
  CHECK(out && count_is(out, "\"trainee_id\"", 2), "two people on the register");
  CHECK(out && strstr(out, "\"latest_wave\":\"4w\"") && strstr(out, "\"practising\":true") &&
            strstr(out, "\"skill_share_attended\":1"),
        "t1 practises and attended a skill share");
  drop(&out);

  /* The invitations survive closing every handle. */
  lc_programme_free(p);
  lc_programme_free(q);
  take(lc_programme_open(path, &p), "reopen");
  if (!p) return 1;
  take(lc_usage_invitations(p, &out), "invitations after reopen");
  CHECK(out && count_is(out, "\"trainee_id\"", 2) && strstr(out, "\"responded_at\":\"2024-04-03T09:00:00Z\""),
        "invitations and the answer kept");
  drop(&out);
  take(lc_programme_evaluate(p, "{\"audience\":\"service_manager\"}", &out), "evaluate");
  CHECK(out && strstr(out, "\"usage\"") && strstr(out, "usage_response_rate"), "the report has the usage section");
  drop(&out);
  lc_programme_free(p);

  if (failures) fprintf(stderr, "%d failure(s)\n", failures);
  return failures ? 1 : 0;
}
