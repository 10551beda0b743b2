/**
 * @file laycoach_simulation.h
 * The capacity simulation's C API (docs/simulation.md): will a rota keep the 24-hour promise?
 * A scenario document (supply: coaches and offers as record documents; demand: a demand-model
 * document; start, days, what-if edits, options) goes in, a results document comes out. The
 * simulation is the C++ engine (laycoach/simulate.hpp): every simulated booking goes through the
 * library's own slot search and acceptance rule; this face only carries documents across.
 * Conventions as in laycoach.h: lc_status return, thread-local lc_last_error(), out-parameters
 * last, strings returned through `out_json` owned by the caller and released with
 * lc_string_free(). A bad document is LC_E_PARSE (or LC_E_INVALID_ARGUMENT for a value out of
 * range) with lc_last_error_record() "scenario" (or "demand") and lc_last_error_field() the JSON
 * pointer ("/days", "/demand/streams/0/per_hour/12").
 *
 * Reproducible: replication r's random numbers depend only on (seed, r), so a seed gives the
 * same results document on any machine, for any number of threads.
 */
#ifndef LAYCOACH_SIMULATION_H
#define LAYCOACH_SIMULATION_H

#include <stddef.h>
#include <stdint.h>

#include "laycoach.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A progress callback: `done` of `total` replications have finished (called from any of the
 *  run's threads but never concurrently, with done increasing, the last call with done == total
 *  unless cancelled). Return nonzero to go on, 0 to cancel: the run stops soon and returns what is done.
 *  `user` is the pointer given to lc_simulation_run. */
typedef int (*lc_progress_fn)(int done, int total, void *user);

/** Run `replications` replications (1..1,000,000) of a scenario document on `threads` threads
 *  (0: every core) from `seed`. progress (may be NULL) is called as replications finish. *out_json
 *  is the results document {"schema_version", "seed", "replications_requested",
 *  "replications_done", "cancelled", "summary": {...}, "replications": [...]}: the summary holds
 *  the mean and confidence interval of every figure by group and overall, "replications" the
 *  figures of each replication. A cancelled run is LC_OK with "cancelled": true and the
 *  replications done (summarised when at least two). LC_E_INVALID_ARGUMENT for replications or
 *  threads out of range (field "replications" / "threads", rule "range"). */
LC_API lc_status lc_simulation_run(const char *scenario_json, uint64_t seed, int replications, int threads,
                                   lc_progress_fn progress, void *user, char **out_json);

/** The scenario document of a live programme's coaches, offers and pathways with a demand-model
 *  document, from `start` (seconds since the Unix epoch, UTC) for `days` days; options_json (may
 *  be NULL) holds the scenario's optional keys ("within_hours", "edits", ...). */
LC_API lc_status lc_simulation_scenario(const lc_programme *p, const char *demand_json, int64_t start, int days,
                                        const char *options_json, char **out_json);

/** Fit a demand model to the programme's history in [from, to) (seconds since the Unix epoch,
 *  UTC): arrival rates per hour of the week, seasonal multipliers by UK local month and annual
 *  growth (fitted from a history of a year / half a year, two years for both, for a stream of
 *  360 arrivals or more; else 1 and 0; rates are the level at `to`), dose and interval
 *  distributions, did-not-attend and cancellation rates, time-of-day preferences. *out_json is
 *  the demand-model document. LC_E_INVALID_ARGUMENT (field "to", rule "period_order") unless
 *  from < to. */
LC_API lc_status lc_simulation_fit_demand(const lc_programme *p, int64_t from, int64_t to, char **out_json);

#ifdef __cplusplus
}
#endif

#endif /* LAYCOACH_SIMULATION_H */
