/* The commissioner's tables as CSV from strict C99 (lc_programme_evaluate_csv,
 * lc_evaluation_report_csv): the same figures as the released report document, cell by cell for
 * the access table and the overall row; a small group's figures are "*", never a number; a label
 * with a comma is quoted (RFC 4180); bad arguments and documents are refused, naming the field.
 * Exits non-zero on any failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c_check.h"
#include "c_service.h"
#include "laycoach.h"
#include "laycoach_evaluation.h"

#define CLIENTS 32
#define SMALL_GROUP "admin, estates"

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
  c_service_populate(p, CLIENTS, SMALL_GROUP, 3);

  /* NULL is an error, never a crash; *out is NULL after a failure. */
  tables = (char *)C_SERVICE_COACH;
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
