// C face of the FHIR export (capi/include/laycoach_fhir.h).
#include "laycoach_fhir.h"

#include "capi_internal.hpp"
#include "laycoach/fhir.hpp"

using namespace laycoach;
using namespace laycoach::capi;

extern "C" {

lc_status lc_programme_fhir_export(const lc_programme* p, const char* viewer_json, const char* options_json,
                                   char** out_json) {
  return query(p, out_json, [&](const Programme& g) {
    const Viewer v = parse_viewer(viewer_json);
    const FhirExportOptions o = options_json ? fhir_export_options_from_json(options_json) : FhirExportOptions{};
    return fhir_export(g, v, o);
  });
}

}  // extern "C"
