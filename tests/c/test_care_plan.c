/* The care plan's C face (laycoach_care_plan.h) in strict C99: each call once with a success and
 * once with a failure naming the exact status, record, field and rule, on a store file; the
 * employer refused and logged; every version kept after reopening.
 * Usage: test_care_plan <directory>. Exits non-zero on failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c_check.h"
#include "laycoach.h"

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
static const char *EMPLOYER_VIEW = "{\"audience\":\"employer\",\"id\":\"RX1\"}";
static const char *GP_VIEW = "{\"audience\":\"practitioner\",\"id\":\"gp-7\"}";
static const char *MANAGER_VIEW = "{\"audience\":\"service_manager\"}";

static const char *ORG = "{\"ods_code\":\"RX1\",\"name\":\"Northbridge Trust\",\"kind\":\"trust\"}";
static const char *PRACTICE = "{\"ods_code\":\"B82001\",\"name\":\"Hill Surgery\",\"kind\":\"gp_practice\"}";
static const char *COACH1 =
    "{\"id\":\"coach-1\",\"name\":\"Asha\",\"memberships\":[\"emcc\"],\"offers\":[\"lay_too_1to1\"],"
    "\"rota\":{\"weekly\":[{\"weekday\":0,\"start_min\":480,\"end_min\":1320}]},"
    "\"safeguarding_lead\":\"Dr Patel\",\"first_point_of_contact\":\"Service lead\"}";
static const char *COACH2 =
    "{\"id\":\"coach-2\",\"name\":\"Ben\",\"memberships\":[\"emcc\"],\"offers\":[\"lay_too_1to1\"],"
    "\"rota\":{\"weekly\":[{\"weekday\":1,\"start_min\":480,\"end_min\":1320}]},"
    "\"safeguarding_lead\":\"Dr Patel\",\"first_point_of_contact\":\"Service lead\"}";
static const char *CLIENT1 =
    "{\"id\":\"staff-1\",\"kind\":\"staff\",\"organisation\":\"RX1\",\"consent\":{\"coaching\":true}}";
static const char *REFERRAL =
    "{\"id\":\"r-1\",\"client_id\":\"staff-1\",\"offer_id\":\"lay_too_1to1\",\"source\":\"self\","
    "\"requested_at\":\"2024-03-01T10:00:00Z\"}";
static const char *SESSION =
    "{\"id\":\"s-1\",\"offer_id\":\"lay_too_1to1\",\"coach_id\":\"coach-1\",\"attendees\":[{\"client_id\":\"staff-1\","
    "\"referral_id\":\"r-1\"}],\"booked_at\":\"2024-03-01T12:00:00Z\",\"start\":\"2024-03-04T09:00:00Z\"}";
static const char *PLAN1 =
    "{\"id\":\"cp-1\",\"client_id\":\"staff-1\",\"referral_id\":\"r-1\",\"what_matters\":\"Sleeping after nights\","
    "\"goals\":[\"Wind down after shifts\"],\"actions\":[\"No screens after 23:00\"],\"agreed_sessions\":5,"
    "\"agreed_at\":\"2024-03-04T10:00:00Z\",\"agreed_by\":\"coach-1\"}";
static const char *PLAN2 =
    "{\"id\":\"cp-2\",\"client_id\":\"staff-1\",\"referral_id\":\"r-1\",\"goals\":[\"Wind down after shifts\"],"
    "\"agreed_sessions\":3,\"agreed_at\":\"2024-03-11T10:00:00Z\",\"agreed_by\":\"coach-1\"}";
static const char *PLAN_OTHER =
    "{\"id\":\"cp-3\",\"client_id\":\"staff-1\",\"referral_id\":\"r-1\",\"goals\":[\"x\"],"
    "\"agreed_sessions\":3,\"agreed_by\":\"coach-2\"}";
static const char *PLAN_SKIP =
    "{\"id\":\"cp-9\",\"client_id\":\"staff-1\",\"referral_id\":\"r-1\",\"version\":7,\"goals\":[\"x\"],"
    "\"agreed_sessions\":3,\"agreed_by\":\"coach-1\"}";
static const char *SHARE_EMPLOYER =
    "{\"id\":\"sh-1\",\"client_id\":\"staff-1\",\"referral_id\":\"r-1\",\"practitioner_id\":\"oh-1\","
    "\"practitioner_name\":\"Occupational Health\",\"role\":\"occupational health nurse\",\"organisation\":\"RX1\"}";
static const char *SHARE_GP =
    "{\"id\":\"sh-2\",\"client_id\":\"staff-1\",\"referral_id\":\"r-1\",\"practitioner_id\":\"gp-7\","
    "\"practitioner_name\":\"Dr Okafor\",\"role\":\"GP\",\"organisation\":\"B82001\","
    "\"consent_at\":\"2024-03-04T10:05:00Z\"}";
static const char *ONWARD =
    "{\"id\":\"on-1\",\"client_id\":\"staff-1\",\"referral_id\":\"r-1\",\"destination\":\"physical_activity\","
    "\"referred_at\":\"2024-03-20T10:00:00Z\",\"referred_by\":\"coach-1\"}";
static const char *ONWARD_OTHER =
    "{\"id\":\"on-2\",\"client_id\":\"staff-1\",\"referral_id\":\"r-1\",\"destination\":\"other\","
    "\"referred_at\":\"2024-03-20T10:00:00Z\",\"referred_by\":\"coach-1\"}";

int main(int argc, char **argv) {
  char path[4096];
  lc_programme *p = NULL;
  char *out = NULL;
  int agreed = -1;
  if (argc < 2) return 2;
  snprintf(path, sizeof path, "%s/care_plan.sqlite", argv[1]);
  remove(path);

  expect_error(lc_care_plan_list(NULL, CLIENT_VIEW, "staff-1", &out), LC_E_INVALID_ARGUMENT, "", "p", "non_null",
               "care_plan_list(NULL)");
  expect_error(lc_programme_open(path, &p), LC_OK, NULL, NULL, NULL, "open");
  if (!p) return 1;
  expect_error(lc_organisation_add(p, ORG), LC_OK, NULL, NULL, NULL, "organisation_add");
  expect_error(lc_organisation_add(p, PRACTICE), LC_OK, NULL, NULL, NULL, "practice_add");
  expect_error(lc_coach_add(p, COACH1), LC_OK, NULL, NULL, NULL, "coach_add 1");
  expect_error(lc_coach_add(p, COACH2), LC_OK, NULL, NULL, NULL, "coach_add 2");
  expect_error(lc_client_add(p, CLIENT1), LC_OK, NULL, NULL, NULL, "client_add");
  expect_error(lc_referral_add(p, REFERRAL), LC_OK, NULL, NULL, NULL, "referral_add");
  expect_error(lc_session_book(p, SESSION, NULL), LC_OK, NULL, NULL, NULL, "session_book");

  /* The agreed dose: nothing agreed yet (0), then the plan's. */
  expect_error(lc_care_plan_agreed_sessions(p, "r-1", &agreed), LC_OK, NULL, NULL, NULL, "agreed_sessions none");
  CHECK(agreed == 0, "nothing agreed yet");
  expect_error(lc_care_plan_agreed_sessions(p, "r-9", &agreed), LC_E_NOT_FOUND, "r-9", "id", "reference_resolves",
               "agreed_sessions unknown");

  /* Plans: versions 1 and 2; out of sequence; another coach; the employer. */
  expect_error(lc_care_plan_add(p, COACH_VIEW, PLAN1, &out), LC_OK, NULL, NULL, NULL, "care_plan_add v1");
  check_out(&out, "\"version\":1", "care_plan_add v1 returns version 1");
  expect_error(lc_care_plan_add(p, COACH_VIEW, PLAN2, NULL), LC_OK, NULL, NULL, NULL, "care_plan_add v2");
  expect_error(lc_care_plan_add(p, COACH_VIEW, PLAN_SKIP, NULL), LC_E_CONFLICT, "cp-9", "version", "version_sequence",
               "care_plan_add out of sequence");
  expect_error(lc_care_plan_add(p, OTHER_COACH, PLAN_OTHER, NULL), LC_E_FORBIDDEN, "cp-3", "agreed_by",
               "coach_in_episode", "care_plan_add by another coach");
  expect_error(lc_care_plan_add(p, EMPLOYER_VIEW, PLAN_OTHER, NULL), LC_E_FORBIDDEN, "cp-3", "viewer", "never_employer",
               "care_plan_add by the employer");
  expect_error(lc_care_plan_add(p, COACH_VIEW,
                                "{\"id\":\"cp-3\",\"client_id\":\"staff-1\",\"referral_id\":\"r-1\","
                                "\"agreed_sessions\":3,\"agreed_by\":\"coach-1\",\"colour\":1}",
                                NULL), LC_E_PARSE, NULL, "/colour",
               NULL, "care_plan_add unknown key");
  expect_error(lc_care_plan_agreed_sessions(p, "r-1", &agreed), LC_OK, NULL, NULL, NULL, "agreed_sessions plan");
  CHECK(agreed == 3, "the latest version's agreed sessions");

  expect_error(lc_care_plan_list(p, CLIENT_VIEW, "staff-1", &out), LC_OK, NULL, NULL, NULL, "care_plan_list client");
  CHECK(count_is(out, "\"agreed_by\":\"coach-1\"", 2), "both versions listed");
  check_out(&out, "Sleeping after nights", "version 1 kept whole");
  expect_error(lc_care_plan_list(p, EMPLOYER_VIEW, "staff-1", &out), LC_E_FORBIDDEN, "staff-1", "viewer",
               "never_employer", "care_plan_list employer");
  CHECK(out == NULL, "nothing returned to the employer");

  /* Shares: never the employer (refused and logged); the GP reads; revoked, refused. */
  expect_error(lc_care_plan_share(p, COACH_VIEW, SHARE_EMPLOYER, NULL), LC_E_FORBIDDEN, "sh-1", "organisation",
               "never_employer", "share with the employer");
  expect_error(lc_care_plan_share(p, COACH_VIEW, SHARE_GP, &out), LC_OK, NULL, NULL, NULL, "share with the GP");
  check_out(&out, "\"consent_by\":\"coach-1\"", "share records who took consent");
  expect_error(lc_care_plan_list(p, GP_VIEW, "staff-1", &out), LC_OK, NULL, NULL, NULL, "care_plan_list GP");
  CHECK(count_is(out, "\"id\":\"cp-", 2), "GP reads both versions");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_care_plan_share_list(p, CLIENT_VIEW, "staff-1", &out), LC_OK, NULL, NULL, NULL, "share_list");
  check_out(&out, "\"practitioner_id\":\"gp-7\"", "share listed");
  expect_error(lc_care_plan_share_revoke(p, CLIENT_VIEW, "sh-2", LC_CARE_PLAN_NOW, NULL), LC_OK, NULL, NULL, NULL,
               "revoke");
  expect_error(lc_care_plan_share_revoke(p, CLIENT_VIEW, "sh-2", LC_CARE_PLAN_NOW, NULL), LC_E_CONFLICT, "sh-2",
               "revoked_at", "revoke_once", "revoke twice");
  expect_error(lc_care_plan_list(p, GP_VIEW, "staff-1", &out), LC_E_FORBIDDEN, "staff-1", "viewer", "confidentiality",
               "care_plan_list GP after revocation");

  /* The access log holds the refused share and the employer's refused read. */
  expect_error(lc_programme_access_log(p, MANAGER_VIEW, &out), LC_OK, NULL, NULL, NULL, "access_log");
  CHECK(has(out, "\"operation\":\"share_care_plan\""), "share logged");
  CHECK(has(out, "\"rule\":\"never_employer\""), "employer refusal logged");
  CHECK(has(out, "\"operation\":\"revoke_care_plan_share\""), "revocation logged");
  lc_string_free(out);
  out = NULL;

  /* Onward referrals. */
  expect_error(lc_onward_referral_add(p, COACH_VIEW, ONWARD, NULL), LC_OK, NULL, NULL, NULL, "onward_add");
  expect_error(lc_onward_referral_add(p, COACH_VIEW, ONWARD_OTHER, NULL), LC_E_INVALID_ARGUMENT, "on-2", "description",
               "description_required", "onward_add other without description");
  expect_error(lc_onward_referral_set_outcome(p, COACH_VIEW, "on-1", "attended", 1711929600, &out), LC_OK, NULL, NULL,
               NULL, "onward outcome");
  check_out(&out, "\"outcome\":\"attended\"", "outcome stored");
  expect_error(lc_onward_referral_set_outcome(p, COACH_VIEW, "on-1", "lost", 1711929600, NULL), LC_E_INVALID_ARGUMENT,
               "on-1", "outcome", "valid_outcome", "onward outcome unknown name");
  expect_error(lc_onward_referral_list(p, OTHER_COACH, "staff-1", &out), LC_E_FORBIDDEN, "staff-1", "viewer",
               "confidentiality", "onward_list other coach");
  lc_programme_free(p);
  p = NULL;

  /* Reopened: both versions, the revoked share and the outcome are kept. */
  expect_error(lc_programme_open(path, &p), LC_OK, NULL, NULL, NULL, "reopen");
  if (!p) return 1;
  expect_error(lc_care_plan_list(p, COACH_VIEW, "staff-1", &out), LC_OK, NULL, NULL, NULL, "care_plan_list reopened");
  CHECK(has(out, "\"version\":1") && has(out, "\"version\":2"), "both versions after reopening");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_onward_referral_list(p, CLIENT_VIEW, "staff-1", &out), LC_OK, NULL, NULL, NULL, "onward_list");
  check_out(&out, "\"outcome\":\"attended\"", "outcome after reopening");
  lc_programme_free(p);
  if (failures) fprintf(stderr, "%d failure(s)\n", failures);
  return failures ? 1 : 0;
}
