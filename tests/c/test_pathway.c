/* The C face of the single point of access (laycoach_pathway.h), in strict C99, against a store
 * file: a referral received untriaged with the rules' proposal, a triage that opens a referral
 * (all or nothing), each rule's refusal with its exact error, first contact, the rules document,
 * and a second handle that sees the decisions.
 * Usage: test_pathway <directory for a store file>. Exits non-zero on any failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c_check.h"
#include "laycoach.h"

/* PAM level 2: the default rules propose targeted coaching. */
static const char *PATIENT =
    "{\"id\":\"pt-1\",\"kind\":\"patient\",\"nhs_number\":\"9434765919\",\"pam_level\":2,\"consent\":{\"coaching\":true}}";
/* PAM level 4: not eligible for the targeted offer. */
static const char *PATIENT2 =
    "{\"id\":\"pt-2\",\"kind\":\"patient\",\"nhs_number\":\"9876543210\",\"pam_level\":4,\"consent\":{\"coaching\":true}}";
static const char *ITEM1 =
    "{\"id\":\"in-1\",\"client_id\":\"pt-1\",\"source\":\"gp\",\"received_at\":\"2024-03-04T09:00:00Z\","
    "\"reason\":\"SECRET-REASON diabetes\"}";
static const char *ITEM2 =
    "{\"id\":\"in-2\",\"client_id\":\"pt-2\",\"source\":\"social_prescribing_link_worker\","
    "\"received_at\":\"2024-03-04T10:00:00Z\"}";
static const char *ITEM_TRIAGED =
    "{\"id\":\"in-3\",\"client_id\":\"pt-2\",\"received_at\":\"2024-03-04T10:00:00Z\",\"status\":\"triaged\"}";
static const char *ITEM_NO_CLIENT = "{\"id\":\"in-4\",\"client_id\":\"nobody\",\"received_at\":\"2024-03-04T10:00:00Z\"}";

static const char *TARGETED =
    "{\"route\":\"hwbc_targeted\",\"decided_by\":\"Link worker Sam\",\"decided_at\":\"2024-03-05T09:00:00Z\","
    "\"offer_id\":\"hwbc_targeted_1to1\"}";
static const char *TARGETED_WRONG_OFFER =
    "{\"route\":\"hwbc_targeted\",\"decided_by\":\"Sam\",\"decided_at\":\"2024-03-05T09:00:00Z\","
    "\"offer_id\":\"hwbc_clinical_1to1\"}";
static const char *TARGETED_INELIGIBLE =
    "{\"route\":\"hwbc_targeted\",\"decided_by\":\"Sam\",\"decided_at\":\"2024-03-05T09:00:00Z\","
    "\"offer_id\":\"hwbc_targeted_1to1\"}";
static const char *EARLY =
    "{\"route\":\"social_prescribing\",\"decided_by\":\"Sam\",\"decided_at\":\"2024-03-04T08:00:00Z\"}";
static const char *NOT_ACCEPTED_NO_REASON =
    "{\"route\":\"not_accepted\",\"decided_by\":\"Sam\",\"decided_at\":\"2024-03-05T09:00:00Z\"}";
static const char *NO_NAME = "{\"route\":\"social_prescribing\",\"decided_by\":\"\",\"decided_at\":\"2024-03-05T09:00:00Z\"}";
static const char *SOCIAL =
    "{\"route\":\"social_prescribing\",\"decided_by\":\"Sam\",\"decided_at\":\"2024-03-05T11:00:00Z\"}";
static const char *UNKNOWN_ROUTE =
    "{\"route\":\"hwbc_everything\",\"decided_by\":\"Sam\",\"decided_at\":\"2024-03-05T11:00:00Z\"}";

static const char *RULES =
    "{\"schema_version\":1,\"kind\":\"triage_rules\",\"rules\":[{\"id\":\"from_link_worker\","
    "\"when\":{\"sources\":[\"social_prescribing_link_worker\"]},\"route\":\"social_prescribing\"}],"
    "\"default\":\"care_coordination\"}";
static const char *RULES_BAD_KEY =
    "{\"schema_version\":1,\"rules\":[{\"id\":\"r\",\"when\":{\"colour\":\"red\"},\"route\":null}]}";
static const char *RULES_BAD_PAM =
    "{\"schema_version\":1,\"rules\":[{\"id\":\"r\",\"when\":{\"pam_min\":0},\"route\":null}]}";

/* 2024-03-05T12:00:00Z and 2024-03-05T10:00:00Z as Unix seconds. */
#define MAR_05_12 1709640000
#define MAR_05_10 1709632800

static void take(lc_status st, const char *what) { expect_error(st, LC_OK, NULL, NULL, NULL, what); }

int main(int argc, char **argv) {
  char path[4096];
  lc_programme *p = NULL, *q = NULL;
  char *out = NULL;
  if (argc < 2) return 2;
  snprintf(path, sizeof path, "%s/pathway.sqlite", argv[1]);
  remove(path);

  expect_error(lc_inbox_receive(NULL, ITEM1, &out), LC_E_INVALID_ARGUMENT, "", "p", "non_null", "receive(NULL)");
  expect_error(lc_programme_open(path, &p), LC_OK, NULL, NULL, NULL, "open");
  if (!p) return 1;
  take(lc_client_add(p, PATIENT), "patient");
  take(lc_client_add(p, PATIENT2), "patient 2");

  /* Received untriaged, with the default rules' proposal. */
  expect_error(lc_inbox_receive(p, ITEM_NO_CLIENT, NULL), LC_E_NOT_FOUND, "in-4", "client_id", NULL, "unknown client");
  expect_error(lc_inbox_receive(p, ITEM_TRIAGED, NULL), LC_E_INVALID_ARGUMENT, "in-3", "status", "new_item_untriaged",
               "an item arrives untriaged");
  take(lc_inbox_receive(p, ITEM1, &out), "receive");
  CHECK(out && strstr(out, "\"status\":\"untriaged\"") != NULL, "untriaged");
  CHECK(out && strstr(out, "\"proposed_route\":\"hwbc_targeted\"") != NULL, "PAM 2 patient: targeted proposed");
  CHECK(out && strstr(out, "\"proposed_by_rule\":\"patient_pam_1_2\"") != NULL, "the rule named");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_inbox_receive(p, ITEM1, NULL), LC_E_CONFLICT, "in-1", "id", "unique_id", "id taken");
  take(lc_inbox_receive(p, ITEM2, NULL), "receive 2");
  take(lc_inbox_propose(p, "in-2", &out), "propose");
  CHECK(out && strstr(out, "\"route\":\"hwbc_non_clinical\"") != NULL && strstr(out, "\"rule\":\"patient\"") != NULL,
        "PAM 4 patient: non-clinical");
  lc_string_free(out);
  out = NULL;

  /* NULL arguments are errors naming the argument, never a crash. */
  expect_error(lc_inbox_triage(p, NULL, TARGETED, NULL), LC_E_INVALID_ARGUMENT, "", "inbox_id", "non_null",
               "triage(NULL id)");
  expect_error(lc_inbox_triage(p, "in-1", NULL, NULL), LC_E_INVALID_ARGUMENT, "", "decision_json", "non_null",
               "triage(NULL decision)");
  expect_error(lc_inbox_list(p, 0, NULL), LC_E_INVALID_ARGUMENT, "", "out_json", "non_null", "list(NULL out)");
  expect_error(lc_triage_rules_set(p, NULL), LC_E_INVALID_ARGUMENT, "", "rules_json", "non_null", "rules_set(NULL)");
  expect_error(lc_inbox_receive(p, "{\"id\":", NULL), LC_E_PARSE, NULL, NULL, "json_syntax", "receive(bad JSON)");

  /* Each rule of triage refuses with its exact error and changes nothing. */
  expect_error(lc_inbox_triage(p, "in-1", NO_NAME, NULL), LC_E_INVALID_ARGUMENT, "in-1", "decided_by", "named_person",
               "no name");
  expect_error(lc_inbox_triage(p, "in-1", EARLY, NULL), LC_E_INVALID_ARGUMENT, "in-1", "decided_at", "triage_time",
               "before receipt");
  expect_error(lc_inbox_triage(p, "in-1", NOT_ACCEPTED_NO_REASON, NULL), LC_E_INVALID_ARGUMENT, "in-1",
               "not_accepted_reason", "reason_required", "not accepted without a reason");
  expect_error(lc_inbox_triage(p, "in-1", TARGETED_WRONG_OFFER, NULL), LC_E_INVALID_ARGUMENT, "in-1", "offer_id",
               "route_matches_offer", "targeted route on a clinical offer");
  expect_error(lc_inbox_triage(p, "in-2", TARGETED_INELIGIBLE, NULL), LC_E_INVALID_ARGUMENT, "in-2", "client_id",
               "eligibility", "PAM 4 on the targeted offer: the referral rule refuses");
  expect_error(lc_inbox_triage(p, "in-1", UNKNOWN_ROUTE, NULL), LC_E_PARSE, NULL, "/route", NULL, "unknown route");
  expect_error(lc_inbox_triage(p, "nope", SOCIAL, NULL), LC_E_NOT_FOUND, "nope", "id", NULL, "unknown item");
  take(lc_referral_list(p, &out), "referrals");
  CHECK(out && strcmp(out, "[]") == 0, "no referral opened by a refused triage");
  lc_string_free(out);
  out = NULL;
  take(lc_inbox_list(p, 1, &out), "untriaged");
  CHECK(out && count_is(out, "\"status\":\"untriaged\"", 2), "both still untriaged");
  CHECK(out && strstr(out, "\"id\":\"in-1\"") < strstr(out, "\"id\":\"in-2\""), "oldest first");
  lc_string_free(out);
  out = NULL;

  take(lc_inbox_triage(p, "in-1", TARGETED, &out), "triage to targeted coaching");
  CHECK(out && strstr(out, "\"referral_id\":\"in-1\"") != NULL, "a referral opened, named after the item");
  lc_string_free(out);
  out = NULL;
  take(lc_referral_get(p, "in-1", &out), "the referral opened");
  CHECK(out && strstr(out, "\"offer_id\":\"hwbc_targeted_1to1\"") != NULL && strstr(out, "\"source\":\"gp\"") != NULL,
        "on the offer, with the item's source");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_inbox_triage(p, "in-1", SOCIAL, NULL), LC_E_CONFLICT, "in-1", "decided_by", "triage_once",
               "triage twice");

  /* First contact: social prescribing only, once, not before the triage. */
  expect_error(lc_inbox_first_contact(p, "in-1", MAR_05_12, NULL), LC_E_INVALID_ARGUMENT, "in-1", "route",
               "first_contact_route", "first contact of a coaching route");
  take(lc_inbox_triage(p, "in-2", SOCIAL, NULL), "triage to social prescribing");
  expect_error(lc_inbox_first_contact(p, "in-2", MAR_05_10, NULL), LC_E_INVALID_ARGUMENT, "in-2", "first_contact_at",
               "first_contact_time", "first contact before the triage");
  take(lc_inbox_first_contact(p, "in-2", MAR_05_12, &out), "first contact");
  CHECK(out && strstr(out, "\"first_contact_at\":\"2024-03-05T12:00:00Z\"") != NULL, "first contact recorded");
  lc_string_free(out);
  out = NULL;
  expect_error(lc_inbox_first_contact(p, "in-2", MAR_05_12, NULL), LC_E_CONFLICT, "in-2", "first_contact_at",
               "first_contact_once", "first contact twice");

  /* The rules document: strict, validated, stored. */
  expect_error(lc_triage_rules_set(p, RULES_BAD_KEY), LC_E_PARSE, NULL, "/rules/0/when/colour", NULL, "unknown key");
  expect_error(lc_triage_rules_set(p, RULES_BAD_PAM), LC_E_INVALID_ARGUMENT, "triage_rules", "rules/0/pam_min",
               "pam_level_range", "PAM 0");
  take(lc_triage_rules_set(p, RULES), "set rules");

  /* A second handle sees the decisions and the rules. */
  expect_error(lc_programme_open(path, &q), LC_OK, NULL, NULL, NULL, "second handle");
  take(lc_inbox_list(q, 0, &out), "inbox on the second handle");
  CHECK(out && count_is(out, "\"status\":\"triaged\"", 2), "both triaged");
  CHECK(out && strstr(out, "\"decided_by\":\"Link worker Sam\"") != NULL, "who decided");
  lc_string_free(out);
  out = NULL;
  take(lc_triage_rules_get(q, &out), "rules on the second handle");
  CHECK(out && strstr(out, "\"default\":\"care_coordination\"") != NULL && strstr(out, "from_link_worker") != NULL,
        "the rules set through the first handle");
  lc_string_free(out);
  out = NULL;
  take(lc_inbox_propose(q, "in-2", &out), "propose under the new rules");
  CHECK(out && strstr(out, "\"rule\":\"from_link_worker\"") != NULL, "first match wins");
  lc_string_free(out);
  out = NULL;
  take(lc_inbox_propose(q, "in-1", &out), "propose: no rule matches a GP referral");
  CHECK(out && strstr(out, "\"route\":\"care_coordination\"") != NULL && strstr(out, "\"rule\":\"default\"") != NULL,
        "the default");
  lc_string_free(out);
  lc_programme_free(q);
  lc_programme_free(p);
  remove(path);
  if (failures) fprintf(stderr, "%d failure(s)\n", failures);
  return failures ? 1 : 0;
}
