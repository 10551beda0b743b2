#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 4
#error "laycoach layering: an interop-layer header included from a lower layer"
#endif
/// \file simulate_json.hpp
/// JSON documents of the capacity simulation (simulate.hpp). The demand model:
///   {"schema_version": 1, "streams": [{"service_line_id", "offer_id", "pathway",
///    "per_hour": [168 rates], "seasonal": [12], "growth", "sessions_pmf": [...],
///    "interval_pmf": [...], "client_dna", "coach_dna", "client_cancel", "coach_cancel",
///    "preferences": [{"weight", "windows": [{"from_min", "to_min"}], "weekdays": [0..6]}],
///    "window_days", "modality" (null = any), "client": {"kind", "ethnically_diverse", "leader",
///    "pam_level"}}]}
/// Only offer_id and per_hour are required in a stream; the others default as in DemandStream.
/// Errors as json.hpp: ParseError (record "demand", field the JSON pointer, rules "json_syntax",
/// "unique_keys", "document_schema" for a wrong type or an unknown key) and the ValidationErrors
/// of simulation::validate(DemandModel) (field e.g. "/streams/0/per_hour/12").

#include <string>
#include <string_view>

#include "laycoach/simulate.hpp"

namespace laycoach::simulation {

/// The demand model as a document (schema_version 1).
std::string demand_to_json(const DemandModel& demand, int indent = -1);
/// Parse and validate a demand model document. Throws ParseError / ValidationError (above).
DemandModel demand_from_json(std::string_view doc);

}  // namespace laycoach::simulation
