#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 3
#error "laycoach layering: an engines-layer header included from a lower layer"
#endif
/// \file triage_report.hpp
/// Figures of the single point of access (pathway.hpp), the "triage" section of the evaluation
/// report: referrals received and triaged, routes taken, by source; hours from receipt to
/// triage and to first contact. Definitions (docs/triage.md):
///  * an item counts when it was received in the report's period (received_at), and for an
///    employer when its client is the employer's staff, for a coach when the referral its triage
///    opened has a session with the coach;
///  * hours to triage = decided_at − received_at of triaged items;
///  * first contact = for a coaching route the start of the earliest session of the referral the
///    triage opened that is booked or attended (the place neither cancelled nor missed), for
///    social prescribing and care coordination the recorded first_contact_at; hours to first
///    contact = first contact − received_at (not accepted items have none);
///  * percentiles by linear interpolation between order statistics (numpy's and pandas'
///    default, "type 7");
///  * disclosure (aggregate audiences, docs/disclosure.md): the routes-by-source grid (columns:
///    each route and "untriaged"; row totals: received) has primary suppression of 1..min_count−1
///    and complementary suppression along its rows and columns, then every shown count is
///    released by the cell key method (disclose_count); times are disclose_statistic of the
///    items they describe (withheld below min_count or with their row's counts), to 0.1 h.

#include <string>
#include <vector>

#include "laycoach/audience.hpp"

namespace laycoach {

/// Hours from receipt to an event, over the items that have the event.
struct TriageTimes {
  DisclosedValue n;             ///< items with the event (triaged; first contact known)
  DisclosedValue p25_hours;     ///< 25th percentile, hours
  DisclosedValue median_hours;  ///< median, hours
  DisclosedValue p75_hours;     ///< 75th percentile, hours
  DisclosedValue p90_hours;     ///< 90th percentile, hours
};

/// One referral source ("self", "gp", "social_prescribing_link_worker", "other") or "all".
struct TriageSourceRow {
  std::string source;           ///< the source, or "all"
  bool suppressed = false;      ///< a count of the row is withheld (its times are too)
  DisclosedValue received;      ///< items received in the period
  DisclosedValue triaged;       ///< of which triaged (withheld when a route cell of the row is)
  DisclosedValue untriaged;     ///< of which awaiting triage
  /// Per route of TriageReport::routes: items triaged to it (nullopt = withheld).
  std::vector<DisclosedValue> routes;
  TriageTimes to_triage;        ///< receipt to triage
  TriageTimes to_first_contact;  ///< receipt to first contact
};

/// The single point of access's figures (a section of EvaluationReport).
struct TriageReport {
  std::vector<std::string> routes;       ///< column labels of TriageSourceRow::routes (all_triage_routes order)
  std::vector<TriageSourceRow> by_source;  ///< "all" first, then each source in ReferralSource order
  DisclosedValue proposed;               ///< triaged items that had a proposal from the rules
  DisclosedValue proposal_followed;      ///< of which triaged to the route proposed
  DisclosedValue share_followed, share_followed_ci_low, share_followed_ci_high;  ///< followed / proposed, Wilson
};

/// Disclosure control of triage figures, in place (see the file comment). Throws ValidationError
/// on a bad policy.
void disclose(TriageReport& report, const SuppressionPolicy& policy, double confidence = 0.95);

}  // namespace laycoach
