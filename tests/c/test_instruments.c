/* The instruments' C face (laycoach_instruments.h) in strict C99: list, definition, scoring
 * without recording, loading a custom instrument; each with its exact failure.
 * Exits non-zero on any failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c_check.h"
#include "laycoach.h"

static int has(const char *text, const char *needle) { return text && strstr(text, needle) != NULL; }

static void check_out(char **out, const char *needle, const char *what) {
  if (!has(*out, needle)) {
    fprintf(stderr, "FAILED: %s: '%s' not in %s\n", what, needle, *out ? *out : "(null)");
    ++failures;
  }
  lc_string_free(*out);
  *out = NULL;
}

static const char *CUSTOM =
    "{\"schema_version\":1,\"id\":\"c_team_climate\",\"name\":\"Team climate (C test)\","
    "\"item_defaults\":{\"min\":1,\"max\":4},"
    "\"items\":[{\"text\":\"We support each other\"},{\"text\":\"I dread team meetings\",\"reverse\":true},"
    "{\"text\":\"We learn from mistakes\"}],"
    "\"scales\":[{\"name\":\"climate\",\"items\":[0,1,2],\"rule\":\"sum\",\"higher_is_better\":true,"
    "\"bands\":[[3,6,\"poor\"],[7,9,\"fair\"],[10,12,\"good\"]]}],\"primary\":\"climate\"}";
/* The same with a scale naming an item that does not exist. */
static const char *BAD =
    "{\"schema_version\":1,\"id\":\"c_bad\",\"name\":\"Bad\",\"item_defaults\":{\"min\":1,\"max\":4},"
    "\"items\":[{\"text\":\"a\"},{\"text\":\"b\"}],"
    "\"scales\":[{\"name\":\"s\",\"items\":[0,5],\"rule\":\"sum\",\"higher_is_better\":true}],\"primary\":\"s\"}";

int main(void) {
  char *out = NULL;
  char *id = NULL;

  /* The catalogue of instruments. */
  expect_error(lc_instrument_list(&out), LC_OK, NULL, NULL, NULL, "instrument_list");
  check_out(&out, "{\"id\":\"phq9\",", "phq9 listed");
  expect_error(lc_instrument_list(NULL), LC_E_INVALID_ARGUMENT, "", "out_json", "non_null", "instrument_list(NULL)");

  /* A definition. */
  expect_error(lc_instrument_get("GAD7", &out), LC_OK, NULL, NULL, NULL, "instrument_get (ids ignore case)");
  check_out(&out, "\"schema_version\":1", "gad7 definition");
  expect_error(lc_instrument_get("gad8", &out), LC_E_NOT_FOUND, "gad8", "instrument_id", "reference_resolves",
               "instrument_get unknown");
  CHECK(out == NULL, "failure leaves out NULL");

  /* Scoring without recording: GAD-7 all 2s is 14, moderate, caseness. */
  expect_error(lc_instrument_score("gad7", "[2,2,2,2,2,2,2]", &out), LC_OK, NULL, NULL, NULL, "score gad7");
  if (!has(out, "\"total\":14.0") || !has(out, "\"band\":\"moderate\"") || !has(out, "\"caseness\"")) {
    fprintf(stderr, "FAILED: gad7 score: %s\n", out ? out : "(null)");
    ++failures;
  }
  lc_string_free(out);
  out = NULL;
  expect_error(lc_instrument_score("gad7", "[2,2,2,null,2,2,2]", &out), LC_OK, NULL, NULL, NULL, "score with a gap");
  check_out(&out, "\"total\":null", "complete policy: a gap gives no score");
  expect_error(lc_instrument_score("gad7", "[2,2,2,9,2,2,2]", &out), LC_E_INVALID_ARGUMENT, "gad7", "answers[3]",
               "answer_in_range", "answer out of range");
  expect_error(lc_instrument_score("gad7", "[2,2,2]", &out), LC_E_INVALID_ARGUMENT, "gad7", "answers", "answer_count",
               "too few answers");
  expect_error(lc_instrument_score("gad7", "[2,2,\"x\",2,2,2,2]", &out), LC_E_PARSE, "answers", "/2", NULL,
               "an answer that is not an integer");
  expect_error(lc_instrument_score("gad7", "{\"answers\":[]}", &out), LC_E_PARSE, "answers", "", NULL,
               "answers not an array");
  expect_error(lc_instrument_score("nope", "[1]", &out), LC_E_NOT_FOUND, "nope", "instrument_id", NULL,
               "score unknown instrument");

  /* A custom instrument: all-or-nothing, then scored like any other. */
  expect_error(lc_instrument_load(BAD, &id), LC_E_PARSE, "c_bad", "/scales/0/items/1", "document_schema",
               "load a bad definition");
  CHECK(id == NULL, "failure leaves out NULL");
  expect_error(lc_instrument_get("c_bad", &out), LC_E_NOT_FOUND, "c_bad", "instrument_id", NULL, "nothing loaded");
  expect_error(lc_instrument_load(CUSTOM, &id), LC_OK, NULL, NULL, NULL, "load custom");
  CHECK(id && strcmp(id, "c_team_climate") == 0, "load returns the id");
  lc_string_free(id);
  expect_error(lc_instrument_load(CUSTOM, NULL), LC_E_CONFLICT, "c_team_climate", "id", "unique_instrument_id",
               "load twice");
  expect_error(lc_instrument_score("c_team_climate", "[3,1,2]", &out), LC_OK, NULL, NULL, NULL, "score custom");
  check_out(&out, "\"band\":\"fair\"", "3 + (5-1) + 2 = 9, fair");
  expect_error(lc_instrument_list(&out), LC_OK, NULL, NULL, NULL, "list after load");
  check_out(&out, "\"c_team_climate\"", "custom listed");

  if (failures) fprintf(stderr, "%d failure(s)\n", failures);
  return failures ? 1 : 0;
}
