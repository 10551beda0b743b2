/* The records' C face (laycoach_records.h) in strict C99: every call once with a success and once
 * with a failure naming the exact status, record, field and rule, on a store file, then reopened
 * to show the changes were committed. Usage: test_records <directory>. Exits non-zero on failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c_check.h"
#include "laycoach.h"

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

static const char *COACH_VIEW = "{\"audience\":\"coach\",\"id\":\"coach-1\"}";
static const char *OTHER_COACH = "{\"audience\":\"coach\",\"id\":\"coach-2\"}";
static const char *CLIENT_VIEW = "{\"audience\":\"client\",\"id\":\"staff-1\"}";

static const char *LINE = "{\"id\":\"line-x\",\"name\":\"Extra line\",\"kind\":\"workforce\"}";
static const char *OFFER =
    "{\"id\":\"offer-x\",\"service_line_id\":\"line-x\",\"name\":\"Extra 1:1\",\"format\":\"one_to_one\","
    "\"session_minutes\":30,\"capacity\":1,\"modalities\":[\"video\"],\"eligibility\":{\"client_kinds\":[\"staff\"]}}";
static const char *OFFER_NO_LINE =
    "{\"id\":\"offer-y\",\"service_line_id\":\"nowhere\",\"name\":\"Orphan\",\"format\":\"one_to_one\","
    "\"session_minutes\":30,\"capacity\":1,\"modalities\":[\"video\"],\"eligibility\":{\"client_kinds\":[\"staff\"]}}";
static const char *ORG = "{\"ods_code\":\"RX1\",\"name\":\"Northbridge Trust\",\"kind\":\"trust\"}";
static const char *COACH1 =
    "{\"id\":\"coach-1\",\"name\":\"Asha\",\"memberships\":[\"emcc\"],\"offers\":[\"lay_too_1to1\",\"lay_too_peer\"],"
    "\"rota\":{\"weekly\":[{\"weekday\":0,\"start_min\":480,\"end_min\":1320}]},"
    "\"safeguarding_lead\":\"Dr Patel\",\"first_point_of_contact\":\"Service lead\"}";
static const char *COACH2 =
    "{\"id\":\"coach-2\",\"name\":\"Ben\",\"memberships\":[\"emcc\"],\"offers\":[\"lay_too_1to1\"],"
    "\"rota\":{\"weekly\":[{\"weekday\":1,\"start_min\":480,\"end_min\":1320}]},"
    "\"safeguarding_lead\":\"Dr Patel\",\"first_point_of_contact\":\"Service lead\"}";
static const char *CLIENT1 = "{\"id\":\"staff-1\",\"kind\":\"staff\",\"consent\":{\"coaching\":true}}";
static const char *CLIENT2 = "{\"id\":\"staff-2\",\"kind\":\"staff\",\"consent\":{\"coaching\":true}}";
static const char *REFERRAL =
    "{\"id\":\"r-1\",\"client_id\":\"staff-1\",\"offer_id\":\"lay_too_peer\",\"source\":\"self\","
    "\"requested_at\":\"2024-03-01T10:00:00Z\"}";
static const char *GROUP =
    "{\"id\":\"s-1\",\"offer_id\":\"lay_too_peer\",\"coach_id\":\"coach-1\",\"attendees\":[{\"client_id\":\"staff-1\","
    "\"referral_id\":\"r-1\"},{\"client_id\":\"staff-2\"}],\"booked_at\":\"2024-03-01T12:00:00Z\","
    "\"start\":\"2024-03-04T09:00:00Z\"}";
static const char *GOAL =
    "{\"id\":\"g-1\",\"client_id\":\"staff-1\",\"referral_id\":\"r-1\",\"description\":\"Sleep before midnight\","
    "\"baseline\":3,\"target\":7}";
static const char *CONCERN =
    "{\"id\":\"sg-1\",\"coach_id\":\"coach-1\",\"client_id\":\"staff-1\",\"session_id\":\"s-1\","
    "\"category\":\"mental_health\",\"raised_at\":\"2024-03-04T10:30:00Z\"}";
static const char *COHORT =
    "{\"id\":\"tc-1\",\"name\":\"Coaching skills\",\"days\":2,\"start\":\"2024-01-23\",\"organisation\":\"RX1\"}";
static const char *TRAINEE =
    "{\"id\":\"tr-1\",\"cohort_id\":\"tc-1\",\"profession\":\"nurse\",\"organisation\":\"RX1\",\"days_attended\":2,"
    "\"confidence_before\":3,\"confidence_after\":7}";
static const char *TRAINEE_NO_COHORT =
    "{\"id\":\"tr-2\",\"cohort_id\":\"tc-9\",\"profession\":\"nurse\",\"days_attended\":1}";
static const char *RESPONSE =
    "{\"id\":\"q-1\",\"client_id\":\"staff-1\",\"referral_id\":\"r-1\",\"instrument_id\":\"swemwbs\","
    "\"time_point\":\"baseline\",\"recorded_at\":\"2024-03-04T09:00:00Z\",\"answers\":[5,5,5,4,5,2,1]}";

int main(int argc, char **argv) {
  char path[4096];
  lc_programme *p = NULL;
  char *out = NULL;
  size_t n = 99;
  if (argc < 2) return 2;
  snprintf(path, sizeof path, "%s/records.sqlite", argv[1]);
  remove(path);

  /* NULL handles and out-parameters are errors, never crashes. */
  expect_error(lc_coach_list(NULL, &out), LC_E_INVALID_ARGUMENT, "", "p", "non_null", "coach_list(NULL)");
  expect_error(lc_client_count(NULL, &n), LC_E_INVALID_ARGUMENT, "", "p", "non_null", "client_count(NULL)");

  expect_error(lc_programme_open(path, &p), LC_OK, NULL, NULL, NULL, "open");
  if (!p) return 1;
  expect_error(lc_session_list(p, NULL), LC_E_INVALID_ARGUMENT, "", "out_json", "non_null", "session_list(NULL out)");
  expect_error(lc_client_count(p, NULL), LC_E_INVALID_ARGUMENT, "", "out", "non_null", "client_count(NULL out)");

  /* Catalogue and organisations. */
  expect_error(lc_service_line_add(p, LINE), LC_OK, NULL, NULL, NULL, "service_line_add");
  expect_error(lc_service_line_add(p, LINE), LC_E_CONFLICT, "line-x", "id", "unique_id", "service_line_add twice");
  expect_error(lc_service_line_add(p, "{\"id\":\"l2\",\"name\":\"x\",\"colour\":1}"), LC_E_PARSE, NULL, "/colour",
               NULL, "service_line_add unknown key");
  expect_error(lc_offer_add(p, OFFER), LC_OK, NULL, NULL, NULL, "offer_add");
  expect_error(lc_offer_add(p, OFFER_NO_LINE), LC_E_NOT_FOUND, "offer-y", "service_line_id", "reference_resolves",
               "offer_add unknown line");
  expect_error(lc_catalogue_get(p, &out), LC_OK, NULL, NULL, NULL, "catalogue_get");
  check_out(&out, "\"offer-x\"", "catalogue holds the new offer");
  expect_error(lc_catalogue_get(p, NULL), LC_E_INVALID_ARGUMENT, "", "out_json", "non_null", "catalogue_get(NULL)");
  expect_error(lc_offer_get(p, "offer-x", &out), LC_OK, NULL, NULL, NULL, "offer_get");
  check_out(&out, "\"session_minutes\":30", "offer_get");
  expect_error(lc_offer_get(p, "offer-zz", &out), LC_E_NOT_FOUND, "offer-zz", "id", "reference_resolves",
               "offer_get unknown");
  CHECK(out == NULL, "failure leaves out NULL");
  expect_error(lc_organisation_add(p, ORG), LC_OK, NULL, NULL, NULL, "organisation_add");
  expect_error(lc_organisation_add(p, ORG), LC_E_CONFLICT, "RX1", "ods_code", "unique_id", "organisation_add twice");

  /* Coaches. */
  expect_error(lc_coach_add(p, COACH1), LC_OK, NULL, NULL, NULL, "coach_add 1");
  expect_error(lc_coach_add(p, COACH2), LC_OK, NULL, NULL, NULL, "coach_add 2");
  expect_error(lc_coach_get(p, "coach-1", &out), LC_OK, NULL, NULL, NULL, "coach_get");
  check_out(&out, "\"name\":\"Asha\"", "coach_get");
  expect_error(lc_coach_get(p, "coach-9", &out), LC_E_NOT_FOUND, "coach-9", "id", "reference_resolves", "coach_get unknown");
  expect_error(lc_coach_list(p, &out), LC_OK, NULL, NULL, NULL, "coach_list");
  check_out(&out, "\"coach-2\"", "coach_list");

  /* Clients and referrals. */
  expect_error(lc_client_add(p, CLIENT1), LC_OK, NULL, NULL, NULL, "client_add 1");
  expect_error(lc_client_add(p, CLIENT2), LC_OK, NULL, NULL, NULL, "client_add 2");
  expect_error(lc_client_count(p, &n), LC_OK, NULL, NULL, NULL, "client_count");
  CHECK(n == 2, "two clients");
  expect_error(lc_referral_add(p, REFERRAL), LC_OK, NULL, NULL, NULL, "referral_add");
  expect_error(lc_referral_get(p, "r-1", &out), LC_OK, NULL, NULL, NULL, "referral_get");
  check_out(&out, "\"client_id\":\"staff-1\"", "referral_get");
  expect_error(lc_referral_get(p, "r-9", &out), LC_E_NOT_FOUND, "r-9", "id", "reference_resolves", "referral_get unknown");
  expect_error(lc_referral_list(p, &out), LC_OK, NULL, NULL, NULL, "referral_list");
  check_out(&out, "\"r-1\"", "referral_list");
  expect_error(lc_referral_list(p, NULL), LC_E_INVALID_ARGUMENT, "", "out_json", "non_null", "referral_list(NULL)");

  /* Sessions and one attendee's attendance. */
  expect_error(lc_session_book(p, GROUP, NULL), LC_OK, NULL, NULL, NULL, "book group session");
  expect_error(lc_session_get(p, "s-1", &out), LC_OK, NULL, NULL, NULL, "session_get");
  check_out(&out, "\"staff-2\"", "session_get");
  expect_error(lc_session_get(p, "s-9", &out), LC_E_NOT_FOUND, "s-9", "id", "reference_resolves", "session_get unknown");
  expect_error(lc_session_list(p, &out), LC_OK, NULL, NULL, NULL, "session_list");
  check_out(&out, "\"s-1\"", "session_list");
  expect_error(lc_session_list_of_coach(p, "coach-1", &out), LC_OK, NULL, NULL, NULL, "session_list_of_coach");
  check_out(&out, "\"s-1\"", "sessions of coach-1");
  expect_error(lc_session_list_of_coach(p, "coach-2", &out), LC_OK, NULL, NULL, NULL, "session_list_of_coach 2");
  CHECK(out && strcmp(out, "[]") == 0, "coach-2 has no sessions");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_session_list_of_coach(p, NULL, &out), LC_E_INVALID_ARGUMENT, "", "coach_id", "non_null",
               "session_list_of_coach(NULL)");
  expect_error(lc_session_record_attendance(p, "s-1", "staff-2", "did_not_attend", &out), LC_OK, NULL, NULL, NULL,
               "record_attendance");
  check_out(&out, "\"did_not_attend\"", "record_attendance returns the session");
  expect_error(lc_session_record_attendance(p, "s-1", "staff-1", "gone_fishing", NULL), LC_E_INVALID_ARGUMENT, "s-1",
               "status", "valid_status", "record_attendance bad status");
  expect_error(lc_session_record_attendance(p, "s-1", "staff-9", "attended", NULL), LC_E_NOT_FOUND, "s-1",
               "attendees", "reference_resolves", "record_attendance client not in session");

  /* Goals: the client and their coach only. */
  expect_error(lc_goal_add(p, OTHER_COACH, GOAL), LC_E_FORBIDDEN, "g-1", "viewer", "confidentiality",
               "goal_add by another coach");
  expect_error(lc_goal_add(p, COACH_VIEW, GOAL), LC_OK, NULL, NULL, NULL, "goal_add by the coach");
  expect_error(lc_goal_set_attainment(p, CLIENT_VIEW, "g-1", "partly"), LC_OK, NULL, NULL, NULL, "set attainment");
  expect_error(lc_goal_set_attainment(p, CLIENT_VIEW, "g-1", "mostly"), LC_E_INVALID_ARGUMENT, "g-1", "attainment",
               "valid_attainment", "set attainment bad value");
  expect_error(lc_goal_set_attainment(p, OTHER_COACH, "g-1", "achieved"), LC_E_FORBIDDEN, "g-1", "viewer",
               "confidentiality", "set attainment by another coach");
  expect_error(lc_goal_list(p, CLIENT_VIEW, "staff-1", &out), LC_OK, NULL, NULL, NULL, "goal_list by the client");
  check_out(&out, "\"attainment\":\"partly\"", "goal_list");
  expect_error(lc_goal_list(p, OTHER_COACH, "staff-1", &out), LC_E_FORBIDDEN, "staff-1", "viewer", "confidentiality",
               "goal_list by another coach");
  CHECK(out == NULL, "a refused read returns nothing");
  expect_error(lc_goal_list(p, "{\"audience\":\"coach\",\"id\":\"c\",\"id\":\"d\"}", "staff-1", &out), LC_E_PARSE,
               NULL, "/id", "unique_keys", "goal_list repeated viewer key");

  /* Supervision policy, safeguarding. */
  expect_error(lc_supervision_policy_set(p, "{\"health_coaching_days\":14}"), LC_OK, NULL, NULL, NULL, "policy_set");
  expect_error(lc_supervision_policy_get(p, &out), LC_OK, NULL, NULL, NULL, "policy_get");
  check_out(&out, "\"health_coaching_days\":14", "policy_get");
  expect_error(lc_supervision_policy_get(NULL, &out), LC_E_INVALID_ARGUMENT, "", "p", "non_null", "policy_get(NULL)");
  expect_error(lc_supervision_policy_set(p, "{\"clinical_days\":-1}"), LC_E_INVALID_ARGUMENT, "supervision_policy",
               "clinical_days", "non_negative", "policy_set negative");
  expect_error(lc_concern_raise(p, CONCERN), LC_OK, NULL, NULL, NULL, "concern_raise");
  expect_error(lc_concern_raise(p, CONCERN), LC_E_CONFLICT, "sg-1", "id", "unique_id", "concern_raise twice");
  expect_error(lc_concern_escalate(p, "sg-1", "", 1709549400), LC_E_INVALID_ARGUMENT, "sg-1", "escalated_to",
               "named_lead", "escalate to nobody");
  expect_error(lc_concern_escalate(p, "sg-9", "Dr Patel", 1709549400), LC_E_NOT_FOUND, "sg-9", "id",
               "reference_resolves", "escalate unknown");
  expect_error(lc_concern_escalate(p, "sg-1", "Dr Patel", 1709549400), LC_OK, NULL, NULL, NULL, "escalate");
  expect_error(lc_concern_list(p, &out), LC_OK, NULL, NULL, NULL, "concern_list");
  check_out(&out, "\"escalated_to\":\"Dr Patel\"", "concern_list");
  expect_error(lc_concern_list(p, NULL), LC_E_INVALID_ARGUMENT, "", "out_json", "non_null", "concern_list(NULL)");

  /* Training. */
  expect_error(lc_cohort_add(p, COHORT), LC_OK, NULL, NULL, NULL, "cohort_add");
  expect_error(lc_cohort_add(p, COHORT), LC_E_CONFLICT, "tc-1", "id", "unique_id", "cohort_add twice");
  expect_error(lc_trainee_add(p, TRAINEE), LC_OK, NULL, NULL, NULL, "trainee_add");
  expect_error(lc_trainee_add(p, TRAINEE_NO_COHORT), LC_E_NOT_FOUND, "tr-2", "cohort_id", "reference_resolves",
               "trainee_add unknown cohort");
  expect_error(lc_training_register(p, &out), LC_OK, NULL, NULL, NULL, "training_register");
  check_out(&out, "\"trainee_id\":\"tr-1\"", "training_register");
  expect_error(lc_training_register(NULL, &out), LC_E_INVALID_ARGUMENT, "", "p", "non_null", "training_register(NULL)");

  /* Responses. */
  expect_error(lc_response_add(p, RESPONSE), LC_OK, NULL, NULL, NULL, "response_add");
  expect_error(lc_response_list(p, &out), LC_OK, NULL, NULL, NULL, "response_list");
  check_out(&out, "\"instrument_id\":\"swemwbs\"", "response_list");
  expect_error(lc_response_list(NULL, &out), LC_E_INVALID_ARGUMENT, "", "p", "non_null", "response_list(NULL)");

  /* The activity summary under a policy (laycoach.h): never weaker than the service's floor. */
  expect_error(lc_programme_summary_v2(p, "{\"audience\":\"commissioner\"}", "{\"min_count\":10}", &out), LC_OK,
               NULL, NULL, NULL, "summary_v2 stronger policy");
  check_out(&out, "\"audience\":\"commissioner\"", "summary_v2");
  expect_error(lc_programme_summary_v2(p, "{\"audience\":\"commissioner\"}", NULL, &out), LC_OK, NULL, NULL, NULL,
               "summary_v2 floor");
  check_out(&out, "\"figures\"", "summary_v2 under the floor");
  expect_error(lc_programme_summary_v2(p, "{\"audience\":\"commissioner\"}", "{\"min_count\":3}", &out),
               LC_E_FORBIDDEN, "policy", "min_count", "policy_below_floor", "summary_v2 weaker policy");
  CHECK(out == NULL, "refused summary returns nothing");
  expect_error(lc_programme_summary_v2(p, NULL, "{\"min_count\":", &out), LC_E_PARSE, NULL, NULL, "json_syntax",
               "summary_v2 malformed policy");

  /* Everything was committed: a second handle on the file sees it. */
  lc_programme_free(p);
  p = NULL;
  expect_error(lc_programme_open_ex(path, LC_OPEN_MUST_EXIST, -1, &p), LC_OK, NULL, NULL, NULL, "reopen");
  if (!p) return 1;
  expect_error(lc_concern_list(p, &out), LC_OK, NULL, NULL, NULL, "concern_list after reopen");
  check_out(&out, "\"sg-1\"", "concern survived");
  expect_error(lc_session_get(p, "s-1", &out), LC_OK, NULL, NULL, NULL, "session after reopen");
  check_out(&out, "\"did_not_attend\"", "attendance survived");
  expect_error(lc_offer_get(p, "offer-x", &out), LC_OK, NULL, NULL, NULL, "offer after reopen");
  check_out(&out, "\"offer-x\"", "offer survived");
  lc_programme_free(p);

  if (failures) fprintf(stderr, "%d failure(s)\n", failures);
  return failures ? 1 : 0;
}
