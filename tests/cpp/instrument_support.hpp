// A programme's own questionnaire, shared by the tests of custom instruments (evaluation) and of
// their storage (store): the local team-climate definition, its total computed by hand, and a
// response to it.
#pragma once

#include <string>
#include <utility>

#include "laycoach/programme.hpp"
#include "test_support.hpp"

namespace laycoach::test {

/// Three items 1..5, item 2 reverse-keyed; one scale and no "primary": the rule makes it primary.
inline const char* const kTeamClimate = R"json({"schema_version": 1, "id": "team_climate", "name": "Team climate (local)",
  "validation": "local", "item_defaults": {"min": 1, "max": 5},
  "items": [{"text": "We support each other"}, {"text": "I dread team meetings", "reverse": true},
            {"text": "We learn from mistakes"}],
  "scales": [{"name": "total", "items": [0, 1, 2], "rule": "sum", "higher_is_better": true,
              "reliability": 0.8, "meaningful_change": 2,
              "bands": [[3, 7, "poor"], [8, 11, "fair"], [12, 15, "good"]]}]})json";

/// The team-climate total of answers, computed here: sum with item 2 reversed (6 - x).
inline double climate_total(int a, int b, int c) { return a + (6 - b) + c; }

/// A team-climate response `id` of `client` recorded at `when` (ISO 8601), no answers or scores.
inline Response climate_response(std::string id, std::string client, const char* when) {
  Response r;
  r.id = std::move(id);
  r.client_id = std::move(client);
  r.instrument_id = "team_climate";
  r.recorded_at = at(when);
  return r;
}

}  // namespace laycoach::test
