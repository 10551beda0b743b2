/* The C face of the FHIR export (laycoach_fhir.h), in strict C99: a consenting patient's coaching
 * is exported with its NHS number and SNOMED CT code, a staff client's and a non-consenting
 * patient's never; only the service manager may export; bad options are named. Exits non-zero on
 * any failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c_check.h"
#include "laycoach.h"

static void expect(lc_status got, lc_status want, const char *record, const char *field, const char *rule,
                   const char *what) {
  expect_error(got, want, record, field, rule, what);
}

/* How many times `needle` occurs in `text`. */
static int count_of(const char *text, const char *needle) {
  int k = 0;
  const char *at = text;
  while ((at = strstr(at, needle)) != NULL) {
    ++k;
    at += strlen(needle);
  }
  return k;
}

static const char *MANAGER = "{\"audience\":\"service_manager\",\"id\":\"mgr\"}";
static const char *COACH_VIEW = "{\"audience\":\"coach\",\"id\":\"h1\"}";

static const char *HWBC =
    "{\"id\":\"h1\",\"name\":\"Hana\",\"training\":[{\"programme\":\"PCI health coaching (4 days)\",\"days\":4,"
    "\"practice_hours\":30,\"skills_assessed\":true,\"pci_accredited\":true,\"completed\":\"2022-03-04\"}],"
    "\"memberships\":[\"ukhca\",\"emcc\"],\"offers\":[\"hwbc_clinical_1to1\",\"lay_too_1to1\"],"
    "\"modalities\":[\"video\",\"telephone\",\"face_to_face\"],"
    "\"rota\":{\"weekly\":[{\"weekday\":0,\"start_min\":480,\"end_min\":1320},{\"weekday\":1,\"start_min\":480,"
    "\"end_min\":1320}]},\"safeguarding_lead\":\"Dr Safe\",\"first_point_of_contact\":\"Practice manager\"}";
static const char *PATIENT =
    "{\"id\":\"pt1\",\"kind\":\"patient\",\"nhs_number\":\"943 476 5919\",\"consent\":{\"coaching\":true,"
    "\"evaluation\":true,\"gp_record\":true}}";
static const char *PATIENT_NO_GP =
    "{\"id\":\"pt2\",\"kind\":\"patient\",\"nhs_number\":\"4010232137\",\"consent\":{\"coaching\":true,"
    "\"evaluation\":true,\"gp_record\":false}}";
static const char *STAFF = "{\"id\":\"s1\",\"kind\":\"staff\",\"consent\":{\"coaching\":true}}";

int main(void) {
  lc_programme *p = NULL;
  char *out = NULL;

  expect(lc_programme_fhir_export(NULL, MANAGER, NULL, &out), LC_E_INVALID_ARGUMENT, NULL, "p", "non_null", "NULL p");
  expect(lc_programme_new(&p), LC_OK, NULL, NULL, NULL, "new");
  if (!p) return 1;
  expect(lc_programme_fhir_export(p, MANAGER, NULL, NULL), LC_E_INVALID_ARGUMENT, NULL, "out_json", "non_null",
         "NULL out");
  expect(lc_coach_add(p, HWBC), LC_OK, NULL, NULL, NULL, "coach");
  expect(lc_client_add(p, PATIENT), LC_OK, NULL, NULL, NULL, "patient");
  expect(lc_client_add(p, PATIENT_NO_GP), LC_OK, NULL, NULL, NULL, "patient without GP consent");
  expect(lc_client_add(p, STAFF), LC_OK, NULL, NULL, NULL, "staff");
  expect(lc_session_book(p,
                         "{\"id\":\"b1\",\"offer_id\":\"hwbc_clinical_1to1\",\"coach_id\":\"h1\",\"modality\":\"video\","
                         "\"attendees\":[{\"client_id\":\"pt1\"}],\"booked_at\":\"2024-03-01T12:00:00Z\","
                         "\"start\":\"2024-03-04T09:00:00Z\"}",
                         NULL),
         LC_OK, NULL, NULL, NULL, "book pt1");
  expect(lc_session_record_outcome(p, "b1", "attended"), LC_OK, NULL, NULL, NULL, "pt1 attended");
  expect(lc_session_book(p,
                         "{\"id\":\"b2\",\"offer_id\":\"hwbc_clinical_1to1\",\"coach_id\":\"h1\",\"modality\":\"video\","
                         "\"attendees\":[{\"client_id\":\"pt2\"}],\"booked_at\":\"2024-03-01T12:00:00Z\","
                         "\"start\":\"2024-03-04T11:00:00Z\"}",
                         NULL),
         LC_OK, NULL, NULL, NULL, "book pt2");
  expect(lc_session_record_outcome(p, "b2", "attended"), LC_OK, NULL, NULL, NULL, "pt2 attended");
  expect(lc_session_book(p,
                         "{\"id\":\"a1\",\"offer_id\":\"lay_too_1to1\",\"coach_id\":\"h1\","
                         "\"attendees\":[{\"client_id\":\"s1\"}],\"booked_at\":\"2024-03-01T12:00:00Z\","
                         "\"start\":\"2024-03-05T09:00:00Z\"}",
                         NULL),
         LC_OK, NULL, NULL, NULL, "book s1");
  expect(lc_session_record_outcome(p, "a1", "attended"), LC_OK, NULL, NULL, NULL, "s1 attended");

  expect(lc_programme_fhir_export(p, MANAGER, NULL, &out), LC_OK, NULL, NULL, NULL, "export");
  CHECK(out != NULL, "a bundle");
  if (out) {
    CHECK(strncmp(out, "{\"resourceType\":\"Bundle\"", 24) == 0, "a Bundle");
    CHECK(strstr(out, "\"type\":\"collection\"") != NULL, "a collection by default");
    CHECK(strstr(out, "{\"system\":\"https://fhir.nhs.uk/Id/nhs-number\",\"value\":\"9434765919\"}") != NULL,
          "the canonical NHS number in its identifier slice");
    CHECK(strstr(out, "\"code\":\"148471000000103\"") != NULL, "the SNOMED CT code of the encounter");
    CHECK(strstr(out, "\"status\":\"finished\"") != NULL, "an attended session is finished");
    CHECK(strstr(out, "4010232137") == NULL, "no patient without GP-record consent");
    CHECK(count_of(out, "\"resourceType\":\"Encounter\"") == 1, "one encounter: never the staff client's session");
  }
  lc_string_free(out);
  out = NULL;

  expect(lc_programme_fhir_export(p, MANAGER, "{\"bundle_type\":\"transaction\",\"patient_id\":\"pt1\"}", &out),
         LC_OK, NULL, NULL, NULL, "transaction for one patient");
  CHECK(out && strstr(out, "\"type\":\"transaction\"") && strstr(out, "\"request\":{\"method\":\"PUT\",\"url\":\"Patient/"),
        "entries PUT by id");
  lc_string_free(out);
  out = NULL;

  expect(lc_programme_fhir_export(p, COACH_VIEW, NULL, &out), LC_E_FORBIDDEN, "fhir_export", "viewer",
         "service_manager_only", "a coach may not export");
  CHECK(out == NULL, "no output on failure");
  expect(lc_programme_fhir_export(p, MANAGER, "{\"patient_id\":\"s1\"}", &out), LC_E_INVALID_ARGUMENT, "s1",
         "patient_id", "patient_only", "staff are never exported");
  expect(lc_programme_fhir_export(p, MANAGER, "{\"patient_id\":\"pt2\"}", &out), LC_E_FORBIDDEN, "pt2",
         "consent.gp_record", "gp_record_consent", "no consent, no export");
  expect(lc_programme_fhir_export(p, MANAGER, "{\"patient_id\":\"px\"}", &out), LC_E_NOT_FOUND, "px", "patient_id",
         "reference_resolves", "unknown patient");
  expect(lc_programme_fhir_export(p, MANAGER, "{\"bundle_type\":\"batch\"}", &out), LC_E_PARSE, "fhir_export_options",
         "/bundle_type", NULL, "unknown bundle type");
  expect(lc_programme_fhir_export(p, MANAGER, "{\"from\":\"2024-03-05T00:00:00Z\",\"to\":\"2024-03-04T00:00:00Z\"}",
                                  &out),
         LC_E_INVALID_ARGUMENT, "fhir_export", "to", "period_order", "a period that ends before it starts");
  CHECK(out == NULL, "no output on failure");

  /* Every export, allowed or refused, is in the access log. */
  expect(lc_programme_access_log(p, MANAGER, &out), LC_OK, NULL, NULL, NULL, "access log");
  CHECK(out && strstr(out, "\"operation\":\"export_fhir\",\"records\":[\"bundle:collection\",\"pt1\"],\"outcome\":\"allowed\""),
        "the export and the exported patient logged");
  CHECK(out && strstr(out, "\"audience\":\"coach\",\"viewer_id\":\"h1\",\"operation\":\"export_fhir\""),
        "the coach's refused export logged");
  lc_string_free(out);
  lc_programme_free(p);
  if (failures) fprintf(stderr, "%d failure(s)\n", failures);
  return failures ? 1 : 0;
}
