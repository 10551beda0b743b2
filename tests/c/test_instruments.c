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

  /* A programme's own instrument: registered on the programme (the process library above is
   * not the programme's), used by lc_response_add, with an externally scored total. */
  {
    lc_programme *p = NULL;
    static const char *PROG =
        "{\"schema_version\":1,\"id\":\"c_prog_climate\",\"name\":\"Climate (C programme)\","
        "\"validation\":\"local\",\"item_defaults\":{\"min\":1,\"max\":4},"
        "\"items\":[{\"text\":\"a\"},{\"text\":\"b\"}],"
        "\"scales\":[{\"name\":\"total\",\"items\":[0,1],\"rule\":\"sum\",\"higher_is_better\":true}]}";
    static const char *NO_PRIMARY =
        "{\"schema_version\":1,\"id\":\"c_two\",\"name\":\"Two\",\"item_defaults\":{\"min\":1,\"max\":4},\"items\":[{\"text\":\"a\"},{\"text\":\"b\"}],"
        "\"scales\":[{\"name\":\"x\",\"items\":[0],\"rule\":\"sum\",\"higher_is_better\":true},"
        "{\"name\":\"y\",\"items\":[1],\"rule\":\"sum\",\"higher_is_better\":true}]}";
    static const char *REPEATED = "{\"schema_version\":1,\"id\":\"a\",\"id\":\"b\"}";
    expect_error(lc_programme_new(&p), LC_OK, NULL, NULL, NULL, "programme_new");
    expect_error(lc_client_add(p, "{\"id\":\"s1\",\"kind\":\"staff\",\"consent\":{\"coaching\":true}}"), LC_OK,
                 NULL, NULL, NULL, "client_add");
    expect_error(lc_response_add(p, "{\"id\":\"q0\",\"client_id\":\"s1\",\"instrument_id\":\"c_prog_climate\","
                                    "\"time_point\":\"baseline\",\"recorded_at\":\"2024-03-04T09:00:00Z\",\"answers\":[1,2]}"),
                 LC_E_NOT_FOUND, "q0", "instrument_id", "reference_resolves", "response before registering");
    expect_error(lc_instrument_register(p, NO_PRIMARY, &id), LC_E_INVALID_ARGUMENT, "c_two", "primary",
                 "primary_scale_required", "several scales, no primary");
    CHECK(id == NULL, "failure leaves out NULL");
    expect_error(lc_instrument_register(p, REPEATED, NULL), LC_E_PARSE, "instrument", "/id", "unique_keys",
                 "a repeated key");
    expect_error(lc_instrument_register(p, "{\"schema_version\":1,\"id\":\"gad7\",\"name\":\"G\","
                                           "\"items\":[{\"text\":\"a\",\"min\":0,\"max\":3}],\"scales\":[{\"name\":\"t\",\"items\":[0],"
                                           "\"rule\":\"sum\",\"higher_is_better\":true}]}", NULL),
                 LC_E_CONFLICT, "gad7", "id", "unique_instrument_id", "a built-in's id");
    expect_error(lc_instrument_register(p, PROG, &id), LC_OK, NULL, NULL, NULL, "register");
    CHECK(id && strcmp(id, "c_prog_climate") == 0, "register returns the id");
    lc_string_free(id);
    id = NULL;
    expect_error(lc_instrument_register(p, PROG, NULL), LC_OK, NULL, NULL, NULL, "register the same again: no-op");
    expect_error(lc_instrument_registered(p, &out), LC_OK, NULL, NULL, NULL, "registered");
    check_out(&out, "\"primary\":\"total\"", "the only scale became primary");
    expect_error(lc_response_add(p, "{\"id\":\"q1\",\"client_id\":\"s1\",\"instrument_id\":\"c_prog_climate\","
                                    "\"time_point\":\"baseline\",\"recorded_at\":\"2024-03-04T09:00:00Z\",\"answers\":[1,2]}"),
                 LC_OK, NULL, NULL, NULL, "response with answers");
    expect_error(lc_response_add(p, "{\"id\":\"q2\",\"client_id\":\"s1\",\"instrument_id\":\"c_prog_climate\","
                                    "\"time_point\":\"baseline\",\"recorded_at\":\"2024-03-05T09:00:00Z\",\"scores\":{\"total\":7.5}}"),
                 LC_OK, NULL, NULL, NULL, "externally scored response");
    expect_error(lc_response_add(p, "{\"id\":\"q3\",\"client_id\":\"s1\",\"instrument_id\":\"c_prog_climate\","
                                    "\"time_point\":\"baseline\",\"recorded_at\":\"2024-03-05T09:00:00Z\",\"scores\":{\"total\":9}}"),
                 LC_E_INVALID_ARGUMENT, "q3", "scores/total", "recorded_in_range", "external score out of range");
    expect_error(lc_response_add(p, "{\"id\":\"q3\",\"client_id\":\"s1\",\"instrument_id\":\"c_prog_climate\","
                                    "\"time_point\":\"baseline\",\"recorded_at\":\"2024-03-05T09:00:00Z\",\"scores\":{\"t\":2}}"),
                 LC_E_NOT_FOUND, "q3", "scores/t", "scale_exists", "external score of an unknown scale");
    expect_error(lc_response_add(p, "{\"id\":\"q3\",\"client_id\":\"s1\",\"instrument_id\":\"c_prog_climate\","
                                    "\"time_point\":\"baseline\",\"recorded_at\":\"2024-03-05T09:00:00Z\",\"answers\":[1,1],\"scores\":{\"total\":2}}"),
                 LC_E_INVALID_ARGUMENT, "q3", "scores", "answers_or_scores", "answers and scores");
    expect_error(lc_response_list(p, &out), LC_OK, NULL, NULL, NULL, "response_list");
    check_out(&out, "\"scores\":{\"total\":7.5}", "the external score is kept");
    lc_programme_free(p);
  }

  if (failures) fprintf(stderr, "%d failure(s)\n", failures);
  return failures ? 1 : 0;
}
