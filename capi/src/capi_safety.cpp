// C face of clinical safety (capi/include/laycoach_safety.h): responses with their score, risk
// flags and their acknowledgement, concerns answering them.
#include "laycoach_safety.h"

#include "capi_internal.hpp"
#include "laycoach/document.hpp"
#include "laycoach/json.hpp"

using namespace laycoach;
using namespace laycoach::capi;

extern "C" {

lc_status lc_response_record(lc_programme* p, const char* response_json, char** out_json) {
  return query(p, out_json, [&](Programme& g) {
    return score_to_json(g.add_response(record_from_json<Response>(arg(response_json, "response_json"))));
  });
}

lc_status lc_risk_flags(const lc_programme* p, int open_only, char** out_json) {
  return query(p, out_json, [&](const Programme& g) { return records_to_json(g.risk_flags(open_only != 0)); });
}

lc_status lc_risk_flag_acknowledge(lc_programme* p, const char* flag_id, const char* by, int64_t at_unix_seconds,
                                   const char* action, char** out_json) {
  return guard([&] {
    require(p, "p");
    if (out_json) *out_json = nullptr;
    const RiskFlag f = p->programme.acknowledge_risk_flag(arg(flag_id, "flag_id"), arg(by, "by"),
                                                          from_unix_seconds(at_unix_seconds), action ? action : "");
    if (out_json) *out_json = dup_string(element_to_json(f));
  });
}


}  // extern "C"
