#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 4
#error "laycoach layering: an interop-layer header included from a lower layer"
#endif
/// \file json.hpp
/// JSON (UTF-8 text) for everything that is not a record: booking requests and slots, viewers,
/// suppression policies, access figures, lists of records and evaluation reports. The C API and
/// Python call these, so every face reads the same keys and reports the same errors.
///
/// Errors: every reader throws ParseError (or ValidationError for a value out of its range) whose
/// field() is the RFC 6901 JSON pointer of the offending value ("/weekdays/0"; "" is the whole
/// document) and whose record() names the document ("request", "slot", "viewer", "policy") or the
/// record's id. Malformed text gives rule "json_syntax" (the detail says at which byte), a number
/// beyond a double (1e999) "number_range", a key given twice in one object "unique_keys", more
/// than 256 levels of nesting "nesting_depth". Records: see document.hpp (same rules).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "laycoach/audience.hpp"
#include "laycoach/booking.hpp"
#include "laycoach/document.hpp"
#include "laycoach/evaluation.hpp"
#include "laycoach/instrument.hpp"
#include "laycoach/store.hpp"

namespace laycoach {

/// A booking request document (capi/include/laycoach_booking.h describes its keys): what to
/// search for, what to record with the booking and, for a reschedule, the new start.
struct BookingRequest {
  booking::SlotRequest search;       ///< client, offer, window, preferences
  booking::BookingDetails details;   ///< session_id, requested_at, first_offered, adjustments
  Instant start{boost::posix_time::not_a_date_time};  ///< "start" (only with allow_start)
};

/// Parse a booking request. "weekdays" holds 0 (Monday) .. 6 (Sunday) or English day names
/// ("monday", "mon"); "times_of_day" holds {"from_min", "to_min"} as minutes or "HH:MM".
/// `allow_start` accepts "start" (lc_booking_reschedule). Throws ParseError / ValidationError.
BookingRequest booking_request_from_json(std::string_view doc, bool allow_start = false);

/// Parse a series request (capi/include/laycoach_booking.h describes its keys): "repeat" is
/// "weekly" or "daily", "weekdays" and "times_of_day" as in a booking request. Throws
/// ParseError / ValidationError (record "request", field the JSON pointer).
booking::SeriesRequest series_request_from_json(std::string_view doc);

/// Office hours {"start_min": 540, "end_min": 1020} (minutes or "HH:MM", UK local; both
/// optional) for booking::access_figures. Throws ParseError.
booking::OfficeHours office_hours_from_json(std::string_view doc);

/// A slot as a document {"start", "minutes", "coach_id", "modality", "favoured", "coach_week_sessions"}.
std::string slot_to_json(const booking::Slot& slot, int indent = -1);
/// Slots as a JSON array of slot documents.
std::string slots_to_json(const std::vector<booking::Slot>& slots, int indent = -1);
/// Parse a slot document (coach_id and start required; the other keys of slot_to_json are
/// accepted and ignored but modality). Throws ParseError.
booking::Slot slot_from_json(std::string_view doc);

/// A viewer {"audience": "coach", "id": "c1"} (id optional). Throws ParseError.
Viewer viewer_from_json(std::string_view doc);
/// The viewer as a document.
std::string viewer_to_json(const Viewer& viewer);

/// A suppression policy {"min_count": 8, "round_to": 5, "cell_key": true, "max_perturbation": 2,
/// "magnitude_noise": 0.25, "exact_statistics": false} (every key optional). Throws ParseError.
SuppressionPolicy suppression_policy_from_json(std::string_view doc);
/// The policy as a document.
std::string suppression_policy_to_json(const SuppressionPolicy& policy);

/// Access figures as a document (bookings, shares, medians, outcome counts, utilisation; NaN as null).
std::string access_figures_to_json(const booking::AccessFigures& figures, int indent = -1);

/// A score as a document {"instrument_id", "total" (null when none), "band", "scales": [{"scale",
/// "raw", "score", "band"}], "flags", "risk_flags", "n_missing"} (what lc_response_record returns).
std::string score_to_json(const Score& score, int indent = -1);

/// A list of records as a JSON array of record documents (without schema_version). T is any
/// record type of document.hpp, WaitingListEntry included.
template <class T>
std::string records_to_json(const std::vector<T>& records, int indent = -1);
/// One record as it sits inside a larger document (without schema_version).
template <class T>
std::string element_to_json(const T& record, int indent = -1);

/// `text` read by the library's one strict JSON reader (repeated keys, 1e999, deep nesting and
/// malformed text are ParseErrors naming `record` and the JSON pointer) and written back compactly
/// in the same key order: for faces that then read a document with a JSON library of their own
/// (Python's Report.from_json), so they refuse what every other reader refuses.
std::string strict_json(std::string_view text, const std::string& record);
/// A store table or extract (store.hpp) as a document: {"schema_version": 1, "columns":
/// [{"name", "kind"}, ...], "rows": [[cell, ...], ...]}, cells as JSON null, numbers, booleans or
/// strings (a real that is NaN is null). Throws ValidationError "utf8_text" for text that is not UTF-8.
std::string store_table_to_json(const StoreTableData& table, int indent = -1);
/// The instruments of a library, in its order, as a JSON array of {"id", "name", "items" (number
/// of items), "score_only", "primary" (the primary scale's name, "" when none)}.
std::string instrument_list_to_json(const InstrumentLibrary& library, int indent = -1);
/// Answers to score: a JSON array, one entry per item, each an integer or null (unanswered).
/// Throws ParseError (record = `record`, field = the JSON pointer, e.g. "/3") for anything else.
std::vector<std::optional<int>> answers_from_json(std::string_view doc, const std::string& record);
/// A list of strings (e.g. ids): a JSON array of strings. Throws ParseError (record = `record`,
/// field = the JSON pointer, e.g. "/3") for anything else.
std::vector<std::string> strings_from_json(std::string_view doc, const std::string& record);
/// An evaluation report computed from columns (Python's evaluate_columns): the same document as
/// to_json(EvaluationReport), with "source": "columns".
std::string columns_report_to_json(const EvaluationReport& report, int indent = -1);

}  // namespace laycoach
