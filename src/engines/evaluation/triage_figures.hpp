// Internal: the single point of access's figures (triage_report.hpp), computed exactly from the
// inbox items in scope; evaluate() selects the items and discloses the section with the rest.
#pragma once

#include <span>

#include "evaluation_impl.hpp"
#include "laycoach/pathway.hpp"
#include "laycoach/session.hpp"
#include "laycoach/triage_report.hpp"

namespace laycoach::eval {

/// Exact triage figures of `items` (already in scope), first contact of coaching routes from
/// `sessions`; cell keys from `keyer` ("inbox"/<id>; 0 when the keyer is off).
TriageReport triage_figures(std::span<const InboxReferral* const> items, std::span<const Session* const> sessions,
                            const Keyer& keyer);

/// Percentile q in [0, 1] of sorted values by linear interpolation (numpy's default); NaN when empty.
double percentile_sorted(const std::vector<double>& sorted, double q);

}  // namespace laycoach::eval
