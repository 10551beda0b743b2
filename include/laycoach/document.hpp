#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 4
#error "laycoach layering: an interop-layer header included from a lower layer"
#endif
/// \file document.hpp
/// JSON documents (UTF-8) for a whole programme and for each record kind. Every document
/// carries "schema_version" (kDocumentSchemaVersion); readers reject other versions, unknown
/// keys and wrong types with a ParseError whose field is the JSON pointer of the offending value.
/// Record documents may omit schema_version (they are usually nested); when present it must match.

#include <string>
#include <string_view>

#include "laycoach/programme.hpp"

namespace laycoach {

/// The document schema version this build reads and writes.
inline constexpr int kDocumentSchemaVersion = 1;

/// The whole programme as a document; indent < 0 gives compact output.
std::string to_json(const ProgrammeData& data, int indent = -1);
/// Parse a whole-programme document (types and keys only; Programme(data) checks the rules).
/// Throws ParseError with the JSON pointer of the offending value.
ProgrammeData programme_data_from_json(std::string_view doc);

/// One record as a document with "schema_version". T is any record type of programme.hpp
/// (ServiceLine, Offer, Organisation, Coach, Client, Referral, Session, SessionNote, Goal,
/// SupervisionRecord, SafeguardingConcern, TrainingCohort, Trainee, Response, SupervisionPolicy,
/// Catalogue, CarePlan, CarePlanShare, OnwardReferral), plus OverdueSupervision, Breach, TrainedPerson, ActivitySummary, AccessEntry,
/// AccessLogCheck and SuperviseeCaseload for output.
template <class T>
std::string record_to_json(const T& record, int indent = -1);
/// Parse one record document; throws ParseError with the JSON pointer of the offending value.
template <class T>
T record_from_json(std::string_view doc);

}  // namespace laycoach
