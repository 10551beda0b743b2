#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 3
#error "laycoach layering: an engines-layer header included from a lower layer"
#endif
/// \file equity.hpp
/// Access equity (issue 12): uptake of coaching by staff group, ethnicity group, sector and
/// organisation against a population the caller supplies (e.g. workforce headcount by group),
/// representation ratios with Katz log intervals, and the same comparison for outcomes (reliable
/// improvement). A section of the evaluation report (evaluation.hpp), released to aggregate
/// audiences under the same disclosure control. Definitions, formulas and the disclosure of
/// ratios: docs/equity-and-value.md.

#include <map>
#include <string>
#include <vector>

#include "laycoach/audience.hpp"

namespace laycoach {

/// What the equity section compares against. Dimensions are "staff_group", "ethnicity_group",
/// "sector" and "organisation" (the Client fields, labelled as the evaluation's breakdowns:
/// "not_recorded" / "not_stated" when empty).
struct EquityOptions {
  /// dimension -> group label -> people in the population (>= 0; > 0 for a group with clients),
  /// e.g. {"staff_group": {"nursing": 1200, "admin": 800}}. Clients in a group not listed are
  /// outside the comparison (they are in no row and in no total).
  std::map<std::string, std::map<std::string, long long>> denominators;
  /// Outcome whose reliable improvement is compared, "instrument/scale"; empty = the report's
  /// first outcome with a reliability (none: the outcome figures are not computable).
  std::string outcome;
  bool operator==(const EquityOptions&) const = default;
};

/// The dimensions EquityOptions::denominators accepts, in report order.
const std::vector<std::string>& equity_dimensions();

/// One group's uptake and outcome against the rest of the listed population. Counts as released
/// (DisclosedValue); the denominator is the caller's figure, never perturbed.
struct EquityRow {
  std::string group;              ///< group label; "all" for every listed group together
  bool suppressed = false;        ///< uptake figures withheld (clients 1..min_count−1, or complementary)
  bool outcome_suppressed = false;  ///< outcome figures withheld (paired 1..min_count−1, or complementary)
  DisclosedValue denominator;     ///< people in the population (as supplied)
  DisclosedValue clients;         ///< distinct clients in the group with a referral in the period
  DisclosedValue uptake, uptake_ci_low, uptake_ci_high;  ///< clients / denominator, Wilson interval
  /// Representation ratio: the group's uptake ÷ the uptake of the rest of the listed population
  /// ((a/n1)/(c/n2), a = clients, n1 = denominator, c and n2 the same for the other listed groups),
  /// Katz log interval; 1 = reached in proportion. NaN on the "all" row.
  DisclosedValue representation, representation_ci_low, representation_ci_high;
  DisclosedValue paired;          ///< episodes with a baseline and a follow-up on the outcome
  DisclosedValue improved;        ///< of which reliably improved (Jacobson–Truax, everyone's threshold)
  DisclosedValue share_improved, share_improved_ci_low, share_improved_ci_high;  ///< improved / paired, Wilson
  /// The group's share improved ÷ the rest's (listed groups), Katz log interval; NaN on "all".
  DisclosedValue outcome_ratio, outcome_ratio_ci_low, outcome_ratio_ci_high;
};

/// One dimension's comparison: a row per listed group (label order) and their total.
struct EquityTable {
  std::string dimension;          ///< "staff_group", "ethnicity_group", "sector" or "organisation"
  EquityRow overall;              ///< every listed group together (group "all")
  std::vector<EquityRow> rows;    ///< one per listed group
};

/// The equity section of an evaluation report.
struct EquityReport {
  std::string outcome;            ///< the outcome compared ("instrument/scale"), empty when none
  std::vector<EquityTable> tables;  ///< in equity_dimensions() order, those given
};

}  // namespace laycoach
