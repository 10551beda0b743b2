#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 4
#error "laycoach layering: an interop-layer header included from a lower layer"
#endif
/// \file csv.hpp
/// Store tables and extracts (store.hpp), and the tables of an evaluation report as released to
/// its audience (evaluation.hpp), as CSV text for tools that read nothing else.

#include <string>
#include <string_view>
#include <vector>

#include "laycoach/store.hpp"

namespace laycoach {

class Programme;
struct EvaluationReport;

/// RFC 4180 CSV (UTF-8, CRLF line ends): a header row of column names, then one row per record.
/// Null is an empty field, booleans 1/0 (as in the SQLite table), reals in their shortest
/// round-trip form (NaN empty); a field holding a comma, a quote, CR or LF is quoted, its quotes
/// doubled.
std::string store_table_to_csv(const StoreTableData& table);

/// One named CSV table (RFC 4180 as store_table_to_csv: UTF-8, CRLF, header row first).
struct CsvTable {
  std::string name;  ///< e.g. "outcomes"; a file name without ".csv"
  std::string csv;   ///< the table's text
};

/// The suppression marker: a figure withheld by disclosure control, in every CSV table.
inline constexpr std::string_view kSuppressedMarker = "*";

/// The tables of an evaluation report exactly as the report document (to_json) releases them,
/// for the audience it was released to (a commissioner's or the public's: disclosure-controlled
/// figures only; a suppressed figure is kSuppressedMarker, never a number; a figure that could
/// not be computed is an empty field). Tables, in this order (one row per ...):
///   report       item, value: schema_version, audience, policy.*, confidence, pairing.*, from,
///                to, consent_excluded, one "note" row per note
///   access       figure, value: each access and activity figure (header only for a columns report)
///   pairing      outcome: episodes, with_baseline, with_follow_up, paired (= overall n)
///   outcomes     outcome × group: dimension "all" (group "all") then each breakdown's groups;
///                the change figures (ChangeRow) in the order of the JSON document
///   differences  outcome × breakdown × group: the Welch group-vs-rest test
///   omnibus      outcome × breakdown: the Welch ANOVA
///   trends       outcome × ordered breakdown: the dose–response line
///   histograms   outcome × bin: baseline and follow-up counts
///   proportions  measure × group (dimension "all" first)
///   coaches      coach: per-coach utilisation (exact audiences; header only otherwise)
///   usage        measure, dimension, group: the usage section's proportion tables (docs/usage-tracking.md)
///   usage_figures figure, wave: skill-share counts, and answers and mean confidence per wave
///   onward       figure × group: referred_on ("all"), referred_on_to (each destination),
///                goals_achieved ("all") among people whose coaching ended (docs/care-plan.md);
///                header only for a columns report
/// Booleans are 1/0, numbers in their shortest round-trip form (counts as integers).
/// Throws ValidationError "utf8_text" for text that is not UTF-8.
std::vector<CsvTable> evaluation_report_csv(const EvaluationReport& report);
/// The same from a report document (to_json, lc_programme_evaluate, Python's Report), read
/// strictly. Throws ParseError (record "report", field = JSON pointer) for malformed JSON, a
/// document that is not an evaluation report of schema_version 1, or a missing or mistyped key.
std::vector<CsvTable> evaluation_report_csv_from_json(std::string_view report_json);
/// Tables as one JSON document: {"schema_version": 1, "kind": "evaluation_tables",
/// "tables": {name: csv text, ...}} (names in table order).
std::string csv_tables_to_json(const std::vector<CsvTable>& tables, int indent = -1);
/// evaluate(programme, evaluation_options_from_json(options_json)) as csv_tables_to_json of
/// evaluation_report_csv: what the C face returns. Throws as evaluate_json.
std::string evaluate_csv_json(const Programme& programme, std::string_view options_json);

}  // namespace laycoach
