#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 4
#error "laycoach layering: an interop-layer header included from a lower layer"
#endif
/// \file fhir.hpp
/// FHIR R4 (UK Core profiles) export of patient health-and-wellbeing coaching for the GP record
/// (docs/fhir.md). Only patients (ClientKind::Patient) whose stored consent has gp_record, and
/// only their coaching on patient service lines, are exported: staff coaching, session notes and
/// goals never are. Resources: Patient (NHS number), Organization (ODS code), Practitioner and
/// PractitionerRole (the coach), Encounter (SNOMED CT 148471000000103), QuestionnaireResponse
/// and Observation (scores). Ids are name-based UUIDs of the record ids, so exporting the same
/// records again gives identical output. Exporting is restricted to the service manager and
/// recorded in the access log ("export_fhir").

#include <optional>
#include <string>
#include <string_view>

#include "laycoach/audience.hpp"
#include "laycoach/programme.hpp"
#include "laycoach/time.hpp"

namespace laycoach {

/// The Bundle.type of an export: a collection (a document to read) or a transaction (to POST
/// to a FHIR server's base, each entry with a request).
enum class FhirBundleType { Collection, Transaction };
/// "collection", "transaction".
const char* to_string(FhirBundleType v) noexcept;
/// Parse the names above; nullopt if unknown.
std::optional<FhirBundleType> parse_fhir_bundle_type(std::string_view s) noexcept;

/// The request method of a transaction's entries: PUT Type/<uuid> (an idempotent upsert: a
/// re-export updates the same resources) or POST Type (the server assigns ids; Patient and
/// Organization are created only if none has their identifier, via ifNoneExist).
enum class FhirRequestMethod { Put, Post };
/// "put", "post".
const char* to_string(FhirRequestMethod v) noexcept;
/// Parse the names above; nullopt if unknown.
std::optional<FhirRequestMethod> parse_fhir_request_method(std::string_view s) noexcept;

/// What to export: one patient or every consenting patient, a period, which sessions.
struct FhirExportOptions {
  FhirBundleType bundle_type = FhirBundleType::Collection;
  FhirRequestMethod request_method = FhirRequestMethod::Put;  ///< transaction bundles only
  /// One patient (a client id); empty: every patient whose consent allows the GP record.
  std::string patient_id;
  /// Sessions starting and responses recorded at or after this instant (UTC); unset: no lower bound.
  Instant from{boost::posix_time::not_a_date_time};
  /// Sessions starting and responses recorded before this instant (UTC); unset: no upper bound.
  Instant to{boost::posix_time::not_a_date_time};
  /// Also export booked sessions (no outcome yet) as Encounters with status "planned".
  bool include_planned = false;
  bool operator==(const FhirExportOptions&) const = default;
};

/// The export as a FHIR R4 Bundle (compact UTF-8 JSON). Only the service manager may export
/// (ForbiddenError record "fhir_export", field "viewer", rule "service_manager_only"). Every
/// export, and every refusal (ForbiddenError, NotFoundError), is logged as "export_fhir": the
/// scope ("bundle:<type>", "patient:<id>", "from:<instant>", "to:<instant>") then the client ids
/// of the patients exported. Throws ValidationError (record "fhir_export") field "to" rule
/// "period_order" when to <= from; for options.patient_id (record = that id): NotFoundError
/// (field "patient_id") for an unknown client, ValidationError (field "patient_id", rule
/// "patient_only") for a member of staff, ForbiddenError (field "consent.gp_record", rule
/// "gp_record_consent") without consent to the GP record; ValidationError (record = the client
/// id, field "nhs_number") for a stored NHS number that is not valid; IoError when the access
/// log cannot be written (nothing is returned then).
std::string fhir_export(const Programme& programme, const Viewer& viewer, const FhirExportOptions& options = {});

/// Options from a JSON document {"bundle_type": "collection"|"transaction", "request_method":
/// "put"|"post", "patient_id": "...", "from": ISO 8601 instant, "to": ..., "include_planned":
/// bool}; every key optional, null = unset. Throws ParseError (record "fhir_export_options",
/// field = JSON pointer) for unknown keys, wrong types or unknown names.
FhirExportOptions fhir_export_options_from_json(std::string_view doc);

/// The name-based UUID (RFC 9562 version 8, SHA-256 of "laycoach-fhir", the resource type and
/// the record key) that fhir_export gives the resource of one record, e.g.
/// fhir_resource_uuid("Patient", client_id); lower-case 8-4-4-4-12 hex.
std::string fhir_resource_uuid(std::string_view resource_type, std::string_view key);

}  // namespace laycoach
