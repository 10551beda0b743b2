/* The commissioner's tables as CSV from strict C99 (lc_programme_evaluate_csv,
 * lc_evaluation_report_csv): the same figures as the released report document, cell by cell for
 * the access table and the overall row; a small group's figures are "*", never a number; a label
 * with a comma is quoted (RFC 4180); bad arguments and documents are refused, naming the field.
 * Exits non-zero on any failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c_check.h"
#include "laycoach.h"
#include "laycoach_evaluation.h"

static const char *COACH =
    "{\"id\":\"coach-1\",\"name\":\"Asha\",\"memberships\":[\"emcc\"],\"offers\":[\"lay_too_1to1\"],"
    "\"rota\":{\"weekly\":[{\"weekday\":0,\"start_min\":480,\"end_min\":1320}]},"
    "\"safeguarding_lead\":\"Dr Patel\",\"first_point_of_contact\":\"Service lead\"}";

#define CLIENTS 32
#define SMALL_GROUP "admin, estates"

/* CLIENTS consenting staff: 3 in the small group SMALL_GROUP, the others nursing or medical;
 * each with a referral, one attended session in March 2024 and SWEMWBS before and after. */
static void populate(lc_programme *p) {
  char doc[1024];
  int i, k;
  expect_error(lc_coach_add(p, COACH), LC_OK, NULL, NULL, NULL, "coach_add");
  for (i = 0; i < CLIENTS; ++i) {
    const int day = 4 + 7 * (i / 8), hour = 9 + i % 8;
    const char *group = i < 3 ? SMALL_GROUP : i % 3 == 0 ? "nursing" : "medical";
    char before[64], after[64];
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

/* The JSON string value of "key" in `json` (first occurrence), unescaped; malloc'd, NULL if absent.
 * Enough of JSON for the tables document: \" \\ \/ \n \r \t and \u00XX. */
static char *string_value(const char *json, const char *key) {
  char pattern[128];
  const char *s;
  char *out, *o;
  snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
  s = strstr(json, pattern);
  if (!s) return NULL;
  s += strlen(pattern);
  out = o = (char *)malloc(strlen(s) + 1);
  if (!out) return NULL;
  while (*s && *s != '"') {
    if (*s == '\\') {
      ++s;
      switch (*s) {
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'u': {
          char hex[5] = {0};
          memcpy(hex, s + 1, 4);
          *o++ = (char)strtol(hex, NULL, 16);
          s += 4;
          break;
        }
        default: *o++ = *s; break;
      }
      ++s;
    } else {
      *o++ = *s++;
    }
  }
  *o = '\0';
  return out;
}

/* The figure `key` of the JSON object starting at `obj`: 1 and *value for a number, 0 for null. */
static int figure(const char *obj, const char *key, double *value) {
  char pattern[128];
  const char *s;
  snprintf(pattern, sizeof pattern, "\"%s\":", key);
  s = strstr(obj, pattern);
  if (!s) {
    fprintf(stderr, "FAILED: no figure %s\n", key);
    ++failures;
    return 0;
  }
  s += strlen(pattern);
  if (strncmp(s, "null", 4) == 0) return 0;
  *value = strtod(s, NULL);
  return 1;
}

/* True when the first "suppressed_fields" list after `obj` names `key`. */
static int listed(const char *obj, const char *key) {
  char quoted[128];
  const char *s = strstr(obj, "\"suppressed_fields\":["), *end;
  if (!s) return 0;
  end = strchr(s, ']');
  snprintf(quoted, sizeof quoted, "\"%s\"", key);
  s = strstr(s, quoted);
  return s && s < end;
}

/* One CSV cell against the document's figure: "*" exactly when listed as suppressed, empty
 * exactly when null, else the same number. */
static int same_cell(const char *cell, const char *obj, const char *key) {
  double v = 0;
  const int number = figure(obj, key, &v);
  if (listed(obj, key)) return strcmp(cell, "*") == 0 && !number;
  if (!number) return cell[0] == '\0';
  return cell[0] != '\0' && strcmp(cell, "*") != 0 && strtod(cell, NULL) == v;
}

/* Splits the next CSV line of `*text` (fields without quotes) into `fields`; returns the count. */
static int next_row(char **text, char **fields, int max) {
  char *line = *text, *end = strstr(line, "\r\n"), *f;
  int n = 0;
  if (!end || !*line) return 0;
  *end = '\0';
  *text = end + 2;
  f = line;
  while (n < max) {
    char *comma = strchr(f, ',');
    fields[n++] = f;
    if (!comma) break;
    *comma = '\0';
    f = comma + 1;
  }
  return n;
}

static const char *COMMISSIONER = "{\"audience\":\"commissioner\",\"breakdowns\":[\"staff_group\"]}";

int main(void) {
  lc_programme *p = NULL;
  char *report = NULL, *tables = NULL, *again = NULL, *access = NULL, *outcomes = NULL, *text;
  char *fields[64];
  const char *access_obj, *overall_obj;
  int rows = 0, n, n_col = -1, i;

  expect_error(lc_programme_new(&p), LC_OK, NULL, NULL, NULL, "new");
  if (!p) return 1;
  populate(p);

  /* NULL is an error, never a crash; *out is NULL after a failure. */
  tables = (char *)COACH;
  expect_error(lc_programme_evaluate_csv(NULL, COMMISSIONER, &tables), LC_E_INVALID_ARGUMENT, NULL, "p", "non_null",
               "evaluate_csv(NULL)");
  CHECK(tables == NULL, "out cleared on failure");
  expect_error(lc_programme_evaluate_csv(p, COMMISSIONER, NULL), LC_E_INVALID_ARGUMENT, NULL, "out_json", "non_null",
               "evaluate_csv(NULL out)");
  expect_error(lc_evaluation_report_csv(NULL, &tables), LC_E_INVALID_ARGUMENT, NULL, "report_json", "non_null",
               "report_csv(NULL)");
  expect_error(lc_programme_evaluate_csv(p, "{\"audience\":\"client\"}", &tables), LC_E_FORBIDDEN, NULL, NULL, NULL,
               "a client may not evaluate");
  CHECK(tables == NULL, "no tables for a client");
  expect_error(lc_evaluation_report_csv("{\"kind\":\"programme\",\"schema_version\":1}", &tables), LC_E_PARSE, "report",
               "/kind", "document_schema", "not a report");
  expect_error(lc_evaluation_report_csv("{\"kind\":", &tables), LC_E_PARSE, "report", NULL, "json_syntax",
               "malformed report");
  CHECK(tables == NULL, "no tables for a bad document");

  /* The tables of a commissioner's evaluation are those of the report it releases. */
  expect_error(lc_programme_evaluate(p, COMMISSIONER, &report), LC_OK, NULL, NULL, NULL, "evaluate");
  expect_error(lc_programme_evaluate_csv(p, COMMISSIONER, &tables), LC_OK, NULL, NULL, NULL, "evaluate_csv");
  expect_error(lc_evaluation_report_csv(report, &again), LC_OK, NULL, NULL, NULL, "report_csv");
  if (!report || !tables || !again) return 1;
  CHECK(strstr(tables, "\"kind\":\"evaluation_tables\"") != NULL, "the tables document's kind");
  CHECK(strcmp(tables, again) == 0, "the same tables from the programme and from its report");

  /* access: every figure, cell by cell. */
  access = string_value(tables, "access");
  access_obj = strstr(report, "\"access\":{");
  CHECK(access && access_obj, "an access table and object");
  if (!access || !access_obj) return 1;
  text = access;
  n = next_row(&text, fields, 64);
  CHECK(n == 2 && strcmp(fields[0], "figure") == 0 && strcmp(fields[1], "value") == 0, "access header");
  while ((n = next_row(&text, fields, 64)) > 0) {
    CHECK(n == 2, "access row of two cells");
    if (n != 2) break;
    if (!same_cell(fields[1], access_obj, fields[0])) {
      fprintf(stderr, "FAILED: access %s: CSV '%s' differs from the report\n", fields[0], fields[1]);
      ++failures;
    }
    ++rows;
  }
  CHECK(rows >= 25, "every access figure");

  /* outcomes: the overall row's figures equal the report's; the small group's are all "*". */
  outcomes = string_value(tables, "outcomes");
  overall_obj = strstr(report, "\"overall\":{");
  CHECK(outcomes && overall_obj, "an outcomes table and an overall row");
  if (!outcomes || !overall_obj) return 1;
  CHECK(strstr(outcomes, ",\"" SMALL_GROUP "\",") != NULL, "a label with a comma is quoted");
  text = outcomes;
  {
    char *header[64];
    int width = next_row(&text, header, 64), seen_small = 0, seen_overall = 0;
    for (i = 0; i < width; ++i)
      if (strcmp(header[i], "n") == 0) n_col = i;
    CHECK(width > 30 && n_col == 8, "outcomes header: key, dimension, group, flags, then n");
    while (width > 0 && (n = next_row(&text, fields, 64)) > 0) {
      if (strcmp(fields[3], "all") == 0) {
        seen_overall = 1;
        CHECK(n == width, "the overall row is complete");
        for (i = n_col; i < n && i < width; ++i)
          if (!same_cell(fields[i], overall_obj, header[i])) {
            fprintf(stderr, "FAILED: overall %s: CSV '%s' differs from the report\n", header[i], fields[i]);
            ++failures;
          }
      } else if (fields[4][0] == '"') {
        /* "admin, estates" split at its comma by this simple reader: the group's cells follow. */
        seen_small = 1;
        CHECK(strcmp(fields[4], "\"admin") == 0 && strcmp(fields[5], " estates\"") == 0, "the quoted label");
        for (i = n_col + 1; i < n; ++i) CHECK(strcmp(fields[i], "*") == 0, "a small group's figure is withheld");
      }
    }
    CHECK(seen_overall && seen_small, "the overall row and the small group's row");
  }

  free(access);
  free(outcomes);
  lc_string_free(report);
  lc_string_free(tables);
  lc_string_free(again);
  lc_programme_free(p);
  if (failures) fprintf(stderr, "%d failure(s)\n", failures);
  return failures ? 1 : 0;
}
