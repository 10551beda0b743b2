/**
 * @file laycoach_fhir.h
 * The C face of the FHIR R4 (UK Core) export of patient coaching for the GP record
 * (docs/fhir.md). Plain C99; conventions as in laycoach.h (status codes, thread-local
 * lc_last_error(), caller-owned strings released with lc_string_free()).
 *
 * Only patients whose recorded consent allows the GP record ("consent": {"gp_record": true}) and
 * only their coaching on patient service lines are exported: staff coaching, session notes and
 * goals never are. Only the service manager may export; every export, allowed or refused, is
 * recorded in the access log ("export_fhir": the scope, then the exported patients' client ids).
 */
#ifndef LAYCOACH_FHIR_H
#define LAYCOACH_FHIR_H

#include "laycoach.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Export patient coaching as a FHIR R4 Bundle (compact UTF-8 JSON) into *out_json, owned by the
 * caller (lc_string_free). `viewer_json` is {"audience": "service_manager", "id": "..."}; any other
 * audience gives LC_E_FORBIDDEN (rule "service_manager_only"). `options_json` (NULL = defaults) is
 * {"bundle_type": "collection" (default) | "transaction", "request_method": "put" (default:
 * entries PUT Type/<uuid>, an idempotent upsert) | "post", "patient_id": one client id (default:
 * every consenting patient), "from" / "to": ISO 8601 instants bounding session starts and
 * response times [from, to), "include_planned": false (default) | true (booked sessions as
 * Encounters with status "planned")}; unknown keys or names give LC_E_PARSE. Errors:
 * LC_E_INVALID_ARGUMENT (rule "period_order" when to <= from; "patient_only" when patient_id is a
 * member of staff), LC_E_NOT_FOUND (unknown patient_id), LC_E_FORBIDDEN (rule "gp_record_consent"
 * when that patient has not consented), LC_E_IO when the access log cannot be written. Resource
 * ids are name-based UUIDs of the record ids: the same records give the same Bundle.
 */
LC_API lc_status lc_programme_fhir_export(const lc_programme *p, const char *viewer_json, const char *options_json,
                                          char **out_json);

#ifdef __cplusplus
}
#endif

#endif /* LAYCOACH_FHIR_H */
