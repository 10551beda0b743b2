#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 3
#error "laycoach layering: an engines-layer header included from a lower layer"
#endif
/// \file value.hpp
/// Value (issue 12): unit costs the caller supplies (coach hour by Agenda for Change band,
/// session overhead by modality, training day, supervision hour), each with a low–high
/// sensitivity range, give the cost of the service over the evaluation's period and the cost per
/// session held, per completed episode and per person with a reliable improvement. A section of
/// the evaluation report (evaluation.hpp). laycoach ships no unit-cost figures: the caller takes
/// them from a published source (PSSRU "Unit Costs of Health and Social Care", NHS Agenda for
/// Change pay scales) and names it in `source`; docs/equity-and-value.md says how.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "laycoach/audience.hpp"

namespace laycoach {

/// One unit cost in pounds (GBP) with its sensitivity range: 0 <= low <= value <= high, finite.
struct UnitCost {
  double value = 0;  ///< central estimate, £ per unit
  double low = 0;    ///< low end of the sensitivity range, £ per unit
  double high = 0;   ///< high end of the sensitivity range, £ per unit
  bool operator==(const UnitCost&) const = default;
};

/// The unit costs of a value analysis. Every member is optional: a cost not given is not
/// counted (and the summary says so). Costs are in pounds at the price year stated.
struct UnitCosts {
  /// £ per hour of a coach's time by Agenda for Change band (afc_bands(), coach.hpp),
  /// plus "default" for coaches with no band or a band not listed. Coach time = the minutes of
  /// every session the coach held or in which a client did not attend.
  std::map<std::string, UnitCost> coach_hour;
  /// £ per costed session by modality ("video", "telephone", "face_to_face"): room, platform,
  /// administration — whatever the source's per-session overhead covers.
  std::map<std::string, UnitCost> session;
  std::optional<UnitCost> training_day;      ///< £ per trainee-day attended (coaching-skills cohorts)
  std::optional<UnitCost> supervision_hour;  ///< £ per hour of supervision, per coach per record
  std::string source;       ///< the published source of the figures, cited in the report (required)
  std::string price_year;   ///< e.g. "2024/25" (required)
  /// Outcome for "per person with a reliable improvement", "instrument/scale"; empty = the
  /// report's first outcome with a reliability.
  std::string outcome;
  bool operator==(const UnitCosts&) const = default;
};

/// Checks unit costs: ValidationError record "unit_costs", field the member's path
/// ("coach_hour/8z", "session/video/low", "training_day/value" ...), rules "afc_band" (a band
/// key that is neither an Agenda for Change band nor "default"), "modality" (an unknown
/// modality key), "non_negative" (a cost below 0 or not finite), "range_order" (not low <= value
/// <= high), "source_required" (source or price_year empty).
void validate(const UnitCosts& costs);

/// One line of the commissioner's summary: a quantity and its cost with the sensitivity range.
struct ValueRow {
  std::string item;               ///< "coach_time", "session_overheads", "training", "supervision", "total",
                                  ///< "per_session", "per_completed_episode", "per_reliable_improvement"
  std::string name;               ///< human description, with the unit of the quantity
  bool suppressed = false;        ///< withheld (its quantity is 1..min_count−1 records)
  bool costed = true;             ///< false when the unit cost was not given (cost figures NaN)
  DisclosedValue quantity;        ///< hours, sessions, trainee-days, episodes or people (NaN for "total")
  DisclosedValue cost, cost_low, cost_high;  ///< £ (total), or £ per unit of quantity for the "per_" items
  /// The cost of the costliest single record of the item (value, low, high): the unit disclosure
  /// control works in (docs/equity-and-value.md). Exact figures only; not written to documents.
  UnitCost step;
};

/// The value section of an evaluation report.
struct ValueReport {
  std::string source;             ///< as given in UnitCosts
  std::string price_year;         ///< as given
  std::string outcome;            ///< the outcome of "per_reliable_improvement", empty when none
  std::vector<ValueRow> rows;     ///< the summary, in the order of ValueRow::item above
};

}  // namespace laycoach
