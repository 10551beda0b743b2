/* The capacity simulation's C face (laycoach_simulation.h), in strict C99: a small scenario
 * document run to a results document, progress called with increasing counts, cancel by
 * returning 0, exact errors for bad documents and arguments, and a scenario built from a live
 * programme's coaches with a demand model fitted to its history. */
#include <stdlib.h>
#include <string.h>

#include "c_check.h"
#include "c_service.h"
#include "laycoach.h"

typedef struct {
  int calls, last_done, last_total, increasing, stop_after;
} progress_log;

static int on_progress(int done, int total, void *user) {
  progress_log *log = (progress_log *)user;
  if (done <= log->last_done) log->increasing = 0;
  log->calls += 1;
  log->last_done = done;
  log->last_total = total;
  return log->stop_after == 0 || log->calls < log->stop_after;
}

static const char *COACH =
    "{\"id\":\"%s\",\"name\":\"%s\",\"memberships\":[\"emcc\"],\"offers\":[\"lay_too_1to1\"],"
    "\"rota\":{\"weekly\":[{\"weekday\":0,\"start_min\":480,\"end_min\":1320},{\"weekday\":1,\"start_min\":480,\"end_min\":1320},"
    "{\"weekday\":2,\"start_min\":480,\"end_min\":1320},{\"weekday\":3,\"start_min\":480,\"end_min\":1320},"
    "{\"weekday\":4,\"start_min\":480,\"end_min\":1320}]},"
    "\"safeguarding_lead\":\"Dr Patel\",\"first_point_of_contact\":\"Service lead\"}";

/* A scenario document: two coaches on weekdays 08:00-22:00, 0.15 requests an hour, 14 days
 * (unless `extra` says "days"), `extra` appended inside the top-level object (e.g. ",\"days\":0"). */
static char *scenario(const char *extra) {
  static char doc[16384];
  char coach_a[1024], coach_b[1024];
  size_t n;
  int h;
  snprintf(coach_a, sizeof coach_a, COACH, "c1", "Asha");
  snprintf(coach_b, sizeof coach_b, COACH, "c2", "Ben");
  n = (size_t)snprintf(doc, sizeof doc,
                       "{\"schema_version\":1,\"coaches\":[%s,%s],\"start\":\"2025-01-06T00:00:00Z\"%s,"
                       "\"options\":{\"within_hours\":[24,48]},"
                       "\"demand\":{\"schema_version\":1,\"streams\":[{\"offer_id\":\"lay_too_1to1\",\"per_hour\":[",
                       coach_a, coach_b, strstr(extra, "\"days\"") ? "" : ",\"days\":14");
  for (h = 0; h < 168; ++h) n += (size_t)snprintf(doc + n, sizeof doc - n, "%s0.15", h ? "," : "");
  snprintf(doc + n, sizeof doc - n, "]}]}%s}", extra);
  return doc;
}

int main(void) {
  char *out = NULL;
  progress_log log = {0, 0, 0, 1, 0};
  lc_programme *p = NULL;

  /* A run: the results document, progress 1..4 of 4 in order. */
  expect_error(lc_simulation_run(scenario(""), 42, 4, 1, on_progress, &log, &out), LC_OK, NULL, NULL, NULL, "run");
  CHECK(out != NULL, "results document");
  if (out) {
    CHECK(strstr(out, "\"replications_done\":4") != NULL, "four replications done");
    CHECK(strstr(out, "\"cancelled\":false") != NULL, "not cancelled");
    CHECK(strstr(out, "\"measure\":\"share_within_24h\"") != NULL, "share within 24 h summarised");
    CHECK(strstr(out, "\"measure\":\"share_within_48h\"") != NULL, "share within 48 h summarised");
    CHECK(strstr(out, "\"within_hours\":[24.0,48.0]") != NULL, "thresholds echoed");
    CHECK(count_is(out, "\"replication\":", 4), "one entry per replication");
  }
  CHECK(log.calls == 4 && log.last_done == 4 && log.last_total == 4 && log.increasing, "progress 1..4 of 4");
  {
    /* Same seed, two threads: the same document. */
    char *again = NULL;
    expect_error(lc_simulation_run(scenario(""), 42, 4, 2, NULL, NULL, &again), LC_OK, NULL, NULL, NULL, "run again");
    CHECK(out && again && strcmp(out, again) == 0, "a seed gives the same results on any number of threads");
    lc_string_free(again);
  }
  lc_string_free(out);
  out = NULL;

  /* Cancel: the callback returns 0 on its first call; the run stops with what is done. */
  {
    progress_log stop = {0, 0, 0, 1, 1};
    expect_error(lc_simulation_run(scenario(""), 42, 50, 1, on_progress, &stop, &out), LC_OK, NULL, NULL, NULL,
                 "cancelled run");
    CHECK(out && strstr(out, "\"cancelled\":true") != NULL, "cancelled");
    CHECK(out && strstr(out, "\"replications_requested\":50") != NULL, "requested 50");
    CHECK(out && strstr(out, "\"replications_done\":50") == NULL, "stopped early");
    CHECK(stop.calls < 50, "no progress after the cancel");
    lc_string_free(out);
    out = NULL;
  }

  /* Bad documents and arguments: the record, the field (JSON pointer) and the rule; *out NULL. */
  out = (char *)1;
  expect_error(lc_simulation_run(scenario(",\"days\":0"), 1, 2, 1, NULL, NULL, &out), LC_E_INVALID_ARGUMENT,
               "scenario", "days", "scenario_days_range", "days 0");
  CHECK(out == NULL, "out cleared on failure");
  expect_error(lc_simulation_run(scenario(",\"colour\":1"), 1, 2, 1, NULL, NULL, &out), LC_E_PARSE, "scenario",
               "/colour", "document_schema", "unknown key");
  expect_error(lc_simulation_run(scenario(",\"days\":7,\"days\":8"), 1, 2, 1, NULL, NULL, &out), LC_E_PARSE,
               "scenario", "/days", "unique_keys", "repeated key");
  expect_error(lc_simulation_run("{\"coaches\":[", 1, 2, 1, NULL, NULL, &out), LC_E_PARSE, "scenario", NULL,
               "json_syntax", "malformed");
  expect_error(lc_simulation_run(scenario(",\"edits\":[{\"add_coaches\":{\"like\":\"nobody\",\"n\":1}}]"), 1, 2, 1,
                                 NULL, NULL, &out),
               LC_E_NOT_FOUND, NULL, NULL, NULL, "edit with an unknown template coach");
  expect_error(lc_simulation_run(scenario(""), 1, 0, 1, NULL, NULL, &out), LC_E_INVALID_ARGUMENT, "run",
               "replications", "range", "no replication");
  expect_error(lc_simulation_run(scenario(""), 1, 2, -1, NULL, NULL, &out), LC_E_INVALID_ARGUMENT, "run", "threads",
               "range", "negative threads");
  expect_error(lc_simulation_run(NULL, 1, 2, 1, NULL, NULL, &out), LC_E_INVALID_ARGUMENT, "", "scenario_json",
               "non_null", "NULL scenario");

  /* A live programme: fit its demand, build a scenario with two more coaches like coach-1, run it. */
  expect_error(lc_programme_new(&p), LC_OK, NULL, NULL, NULL, "programme_new");
  c_service_populate(p, 12, "estates", 0);
  {
    char *demand = NULL, *sc = NULL;
    /* 2024-02-01 .. 2024-05-01 UTC */
    expect_error(lc_simulation_fit_demand(p, 1706745600, 1714521600, &demand), LC_OK, NULL, NULL, NULL, "fit demand");
    CHECK(demand && strstr(demand, "\"offer_id\":\"lay_too_1to1\"") != NULL, "a stream for the offer used");
    expect_error(lc_simulation_fit_demand(p, 1714521600, 1706745600, &out), LC_E_INVALID_ARGUMENT, "fit", "to",
                 "period_order", "fit over a reversed period");
    /* 2025-01-06 for 7 days */
    expect_error(lc_simulation_scenario(p, demand, 1736121600, 7, "{\"edits\":[{\"add_coaches\":{\"like\":\"coach-1\",\"n\":2}}]}", &sc),
                 LC_OK, NULL, NULL, NULL, "scenario from the programme");
    CHECK(sc && count_is(sc, "\"id\":\"sim-coach-", 2), "two coaches added by the edit");
    CHECK(sc && strstr(sc, "\"id\":\"coach-1\"") != NULL, "the programme's coach");
    expect_error(lc_simulation_scenario(p, demand, 1736121600, 7, "{\"within_hours\":[24],\"speed\":2}", &out),
                 LC_E_PARSE, "options", "/speed", "document_schema", "unknown option");
    if (sc) {
      expect_error(lc_simulation_run(sc, 7, 2, 0, NULL, NULL, &out), LC_OK, NULL, NULL, NULL, "run the programme's scenario");
      CHECK(out && strstr(out, "\"coach_id\":\"sim-coach-") != NULL, "the added coaches are simulated");
      lc_string_free(out);
      out = NULL;
    }
    lc_string_free(sc);
    lc_string_free(demand);
  }
  lc_programme_free(p);

  if (failures) fprintf(stderr, "%d failure(s)\n", failures);
  return failures ? 1 : 0;
}
