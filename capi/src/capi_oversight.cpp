// C face of oversight (capi/include/laycoach_oversight.h): the access log and supervisors' caseloads.
#include "laycoach_oversight.h"

#include "capi_internal.hpp"
#include "laycoach/json.hpp"

using namespace laycoach;
using namespace laycoach::capi;

extern "C" {

lc_status lc_programme_access_log(const lc_programme* p, const char* viewer_json, char** out_json) {
  return guard([&] {
    require(p, "p");
    require(out_json, "out_json");
    *out_json = nullptr;
    const Viewer v = parse_viewer(viewer_json);
    *out_json = dup_string(records_to_json(p->programme.access_log(v)));
  });
}

lc_status lc_programme_access_log_verify(const lc_programme* p, char** out_json) {
  return guard([&] {
    require(p, "p");
    require(out_json, "out_json");
    *out_json = nullptr;
    *out_json = dup_string(element_to_json(p->programme.verify_access_log()));
  });
}

lc_status lc_supervision_caseloads(const lc_programme* p, const char* viewer_json, const char* on_date,
                                   char** out_json) {
  return guard([&] {
    require(p, "p");
    require(out_json, "out_json");
    *out_json = nullptr;
    const Viewer v = parse_viewer(viewer_json);
    const Date d = parse_date(arg(on_date, "on_date"), "", "on_date");
    *out_json = dup_string(records_to_json(p->programme.supervisee_caseloads(v, d)));
  });
}

}  // extern "C"
