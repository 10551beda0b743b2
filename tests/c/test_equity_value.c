/* The equity and value sections from strict C99 through the one evaluate call
 * (lc_programme_evaluate with "equity" and "unit_costs" options): exact figures for a service
 * manager, the small group's ratio withheld for a commissioner (null and listed as suppressed),
 * and bad denominators, bad costs and a refused audience named by record, field and rule.
 * Exits non-zero on any failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c_check.h"
#include "c_service.h"
#include "laycoach.h"
#include "laycoach_evaluation.h"

#define CLIENTS 32

static const char *EQUITY =
    "\"equity\":{\"denominators\":{\"staff_group\":{\"admin\":40,\"nursing\":200,\"medical\":100}}}";
static const char *COSTS =
    "\"unit_costs\":{\"source\":\"Test figures\",\"price_year\":\"2024/25\","
    "\"coach_hour\":{\"default\":{\"value\":60,\"low\":50,\"high\":70}}}";

/* The JSON object (one equity row) whose "group" is `group`, after `from`: its opening brace. */
static const char *row_of(const char *from, const char *group) {
  char pattern[64];
  const char *s;
  snprintf(pattern, sizeof pattern, "\"group\":\"%s\"", group);
  s = from ? strstr(from, pattern) : NULL;
  while (s && s > from && *s != '{') --s;
  return s;
}

/* The number `key` of the object at `obj` (keys are written in sorted order, no nested objects
 * before "suppressed_fields"): 1 and *value for a number, 0 for null or absent. */
static int number_of(const char *obj, const char *key, double *value) {
  char pattern[64];
  const char *s, *end = obj ? strchr(obj, '}') : NULL;
  snprintf(pattern, sizeof pattern, "\"%s\":", key);
  s = obj ? strstr(obj, pattern) : NULL;
  if (!s || (end && s > end)) return 0;
  s += strlen(pattern);
  if (strncmp(s, "null", 4) == 0) return 0;
  *value = strtod(s, NULL);
  return 1;
}

int main(void) {
  lc_programme *p = NULL;
  char options[1024];
  char *out = NULL;
  double x = 0;
  const char *eq, *row;
  expect_error(lc_programme_new(&p), LC_OK, NULL, NULL, NULL, "new");
  if (!p) return 1;
  c_service_populate(p, CLIENTS, "admin", 3);

  /* Exact for the service manager. */
  snprintf(options, sizeof options, "{\"audience\":\"service_manager\",%s,%s}", EQUITY, COSTS);
  expect_error(lc_programme_evaluate(p, options, &out), LC_OK, NULL, NULL, NULL, "evaluate (service manager)");
  eq = out ? strstr(out, "\"equity\":{") : NULL;
  CHECK(eq != NULL, "the report has an equity section");
  row = row_of(eq, "admin");
  CHECK(number_of(row, "clients", &x) && x == 3, "admin: 3 clients reached");
  CHECK(number_of(row, "denominator", &x) && x == 40, "admin: the denominator as supplied");
  CHECK(number_of(row, "uptake", &x) && x == 3.0 / 40, "admin: uptake 3/40");
  CHECK(number_of(row, "representation", &x) && x > 0, "admin: a representation ratio");
  CHECK(out && strstr(out, "\"item\":\"coach_time\"") != NULL, "the report has a value section");
  lc_string_free(out);
  out = NULL;

  /* A commissioner: the 3 admin staff are withheld, and so is their ratio. */
  snprintf(options, sizeof options, "{\"audience\":\"commissioner\",%s,%s}", EQUITY, COSTS);
  expect_error(lc_programme_evaluate(p, options, &out), LC_OK, NULL, NULL, NULL, "evaluate (commissioner)");
  eq = out ? strstr(out, "\"equity\":{") : NULL;
  row = row_of(eq, "admin");
  CHECK(row != NULL && !number_of(row, "clients", &x), "admin: clients withheld");
  CHECK(row != NULL && !number_of(row, "representation", &x), "admin: ratio withheld");
  CHECK(row != NULL && strstr(row, "\"suppressed_fields\":[") != NULL &&
            strstr(strstr(row, "\"suppressed_fields\":["), "\"representation\"") != NULL,
        "admin: the ratio is listed as suppressed");
  lc_string_free(out);
  out = NULL;

  /* Bad input: named by record, field and rule; nothing returned. */
  expect_error(lc_programme_evaluate(
                   p, "{\"audience\":\"service_manager\",\"equity\":{\"denominators\":{\"staff_group\":{\"admin\":-1}}}}",
                   &out),
               LC_E_INVALID_ARGUMENT, "evaluation_options", "equity/denominators/staff_group/admin", "non_negative",
               "negative denominator");
  CHECK(out == NULL, "no document on error");
  expect_error(lc_programme_evaluate(
                   p, "{\"audience\":\"service_manager\",\"equity\":{\"denominators\":{\"staff_group\":{\"admin\":0}}}}",
                   &out),
               LC_E_INVALID_ARGUMENT, "evaluation_options", "equity/denominators/staff_group/admin",
               "positive_denominator", "zero denominator for a group with clients");
  expect_error(lc_programme_evaluate(
                   p, "{\"audience\":\"service_manager\",\"equity\":{\"denominators\":{\"pathway\":{\"x\":1}}}}", &out),
               LC_E_INVALID_ARGUMENT, "evaluation_options", "equity/denominators/pathway", "equity_dimension",
               "unknown dimension");
  expect_error(lc_programme_evaluate(p,
                                     "{\"unit_costs\":{\"source\":\"s\",\"price_year\":\"y\","
                                     "\"coach_hour\":{\"8z\":{\"value\":1,\"plus_minus_percent\":0}}}}",
                                     &out),
               LC_E_INVALID_ARGUMENT, "unit_costs", "coach_hour/8z", "afc_band", "unknown band");
  expect_error(lc_programme_evaluate(p,
                                     "{\"unit_costs\":{\"source\":\"s\",\"price_year\":\"y\","
                                     "\"training_day\":{\"value\":-5,\"plus_minus_percent\":0}}}",
                                     &out),
               LC_E_INVALID_ARGUMENT, "unit_costs", "training_day/value", "non_negative", "negative cost");
  snprintf(options, sizeof options, "{\"audience\":\"employer\",\"viewer_id\":\"RXA01\",%s}", COSTS);
  expect_error(lc_programme_evaluate(p, options, &out), LC_E_FORBIDDEN, "evaluation_options", "unit_costs",
               "value_audience", "value for an employer");
  lc_programme_free(p);
  if (failures) fprintf(stderr, "%d failure(s)\n", failures);
  return failures ? 1 : 0;
}
