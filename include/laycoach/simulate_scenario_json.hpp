#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 4
#error "laycoach layering: an interop-layer header included from a lower layer"
#endif
/// \file simulate_scenario_json.hpp
/// JSON documents of the capacity simulation's scenarios and results (docs/simulation.md), read
/// and written once here for the C API and Python (the demand model's document is
/// simulate_json.hpp's, nested as it is).
///
/// The scenario document (only "coaches", "demand" and "start" required):
///   {"schema_version": 1, "catalogue": {catalogue document; default: the default catalogue},
///    "coaches": [coach documents], "demand": {demand-model document}, "start": "2025-01-06T00:00:00Z",
///    "days": 28, "group_sessions": [session documents],
///    "options": {"within_hours": [24, 48], "office": {"start_min": 540, "end_min": 1020}},
///    "edits": [{"add_coaches": {"like": "c1", "n": 2, "weekly": [rota blocks], "id_prefix": "sim-coach-"}},
///              {"add_hours": {"blocks": [rota blocks], "coaches": ["c1"]}},
///              {"open_offer": {"offer_id": "...", "coaches": ["c1"]}}]}
/// Records are in the record format of document.hpp (a rota block: {"weekday", "start_min",
/// "end_min"}); the edits are the what-if calls of simulate.hpp, applied in order after reading.
/// Errors: ParseError (record "scenario", field the JSON pointer: rules "json_syntax",
/// "unique_keys", "document_schema" for a missing or unknown key or a wrong type); a bad demand
/// model names its pointer inside the scenario ("/demand/streams/0/per_hour/12"); then the
/// scenario's own checks (simulation::validate(Scenario)) and those of the edits.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "laycoach/simulate.hpp"

namespace laycoach::simulation {

/// Parse a scenario document, apply its edits and validate it. Throws ParseError /
/// ValidationError / NotFoundError (above).
Scenario scenario_from_json(std::string_view doc);
/// A scenario as a document (edits already applied, so no "edits" key).
std::string scenario_to_json(const Scenario& s, int indent = -1);
/// Apply the options and edits of a document {"within_hours", "office", "edits"} (each
/// optional; the scenario document's keys) to `s`. Throws as scenario_from_json (record
/// "options", pointers into this document).
Scenario with_options_json(Scenario s, std::string_view options_doc);

/// Replications as a JSON array (a NaN figure is null; a wait histogram is sparse: [[bin,
/// count], ...] for its non-zero bins).
std::string replications_to_json(const std::vector<ReplicationResult>& results, int indent = -1);
/// Parse replications_to_json's array (so a replication computed elsewhere, e.g. on a Dask
/// worker, can be summarised). Throws ParseError (record "replications").
std::vector<ReplicationResult> replications_from_json(std::string_view doc);
/// A summary as a document {"level", "replications", "rows", "coaches", "hours"} (NaN: null).
std::string summary_to_json(const Summary& summary, int indent = -1);

/// The results document of lc_simulation_run: {"schema_version": 1, "seed", "replications_requested",
/// "replications_done", "cancelled", "within_hours", "summary" (null when no replication
/// finished), "replications"}.
std::string results_to_json(const std::vector<ReplicationResult>& results, const Summary* summary,
                            std::uint64_t seed, int requested, bool cancelled,
                            const std::vector<double>& within_hours, int indent = -1);

/// The optimiser's answer {"best" (null when none), "points": [{"added", "mean", "lower",
/// "upper", "meets"}]}.
std::string optimise_to_json(const OptimiseResult& result, int indent = -1);

}  // namespace laycoach::simulation
