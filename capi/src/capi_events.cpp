// C face of the outbox (capi/include/laycoach_events.h).
#include "laycoach_events.h"

#include "capi_internal.hpp"
#include "laycoach/json.hpp"

using namespace laycoach;
using namespace laycoach::capi;

extern "C" {

lc_status lc_events_pending(const lc_programme* p, size_t limit, char** out_json) {
  return query(p, out_json, [&](const Programme& g) { return records_to_json(g.pending_events(limit)); });
}

lc_status lc_events_acknowledge(lc_programme* p, int64_t up_to_seq) {
  return guard([&] { require(p, "p")->programme.acknowledge_events(up_to_seq); });
}

}  // extern "C"
